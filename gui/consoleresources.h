#pragma once

namespace hacmp::console {

/// Registers the console's icons (resources/hacmp_console.qrc, compiled into the static library, whose
/// registration the linker would otherwise drop). Call once before the first widget is made.
void initResources();

} // namespace hacmp::console
