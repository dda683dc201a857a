#pragma once

#include "shared/base/result.h"
#include "shared/protocol/monotime.h"

namespace hacmp {

/// The protocol's timings (docs/protocol.md, Timing rules) and the inequalities that make them safe.
struct Timing
{
    Millis interval { 1000 };
    Millis ioTimeout { 2000 };
    Millis failoverTimeout { 10000 };
    Millis renewLimit { 5000 };
    Millis stopGrace { 3000 };

    /// settle = 2·interval + io_timeout
    Millis settle() const { return 2 * interval + ioTimeout; }
    /// T3: F + settle + 2·interval + 2·io_timeout (plus the application's own start time)
    Millis failoverBound() const { return failoverTimeout + settle() + 2 * interval + 2 * ioTimeout; }

    static Timing defaults() { return {}; }
    static Timing fast();

    /// Checks T1 and T2; the error names the broken rule and shows the numbers.
    Status validate() const;
    /// The timings as heartbeat records show them ("interval=250ms io_timeout=500ms ..."): T1 holds only
    /// between nodes with equal timings, so a starting agent compares them (Election).
    QString signature() const;

    bool operator==(const Timing &) const = default;
};

/// The monotonic clock rate error the protocol assumes (ε = 1 %).
constexpr double kClockRateError = 0.01;
/// The guard's slack in T1.
constexpr Millis kGuardSlack { 100 };

} // namespace hacmp
