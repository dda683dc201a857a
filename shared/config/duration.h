#pragma once

#include "shared/base/result.h"
#include "shared/protocol/monotime.h"

#include <QString>

namespace hacmp {

/// Durations as people write them in configuration files: a number and a unit (ms, s, m, h), such as
/// "250ms", "10s", "1.5s", "2m" or "1h". Exact to the millisecond: anything finer is rejected rather than
/// rounded, so a configuration never means something other than what it says.
Result<Millis> parseDuration(const QString &text);

/// The shortest exact text for a duration that parseDuration() reads back to the same value
/// ("250ms", "10s", "1.5s", "2m", "1h").
QString formatDuration(Millis duration);

} // namespace hacmp
