#pragma once

#include <QString>

namespace hacmp::console {

/// Registers the console's icons (resources/hacmp_console.qrc, compiled into the static library, whose
/// registration the linker would otherwise drop). Call once before the first widget is made.
void initResources();

/// The console's style sheet (gui/console.qss, under :/styles): the colours of the maintenance button and
/// the notice bar. Read once; widgets set it on themselves.
const QString &consoleStyleSheet();

} // namespace hacmp::console
