#include "shared/protocol/timing.h"

#include "shared/config/duration.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hacmp {

namespace {

// T1 is decided on integers: ε as parts per million and every duration in milliseconds, scaled by one
// million, so a configuration exactly on the boundary is judged exactly (and rejected, the rule is strict).
constexpr std::int64_t kPpm = 1000000;
const std::int64_t kRateErrorPpm = std::llround(kClockRateError * double(kPpm));

using Wide = __int128;

// A sum of durations, which may exceed the range of Millis for absurd configurations.
QString formatWide(Wide millis)
{
    if (millis <= Wide(std::numeric_limits<std::int64_t>::max()))
        return formatDuration(Millis(std::int64_t(millis)));
    return QString::number(double(millis) / 1000.0, 'g', 6) + QLatin1String(" s");
}

// A number of milliseconds scaled by kPpm, shown in seconds without trailing zeros.
QString formatScaledSeconds(Wide scaledMillis)
{
    const double seconds = double(scaledMillis) / double(kPpm) / 1000.0;
    QString text = QString::number(seconds, 'f', 4);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text + QLatin1String(" s");
}

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'g', 6) + QLatin1String(" %");
}

} // namespace

Timing Timing::fast()
{
    Timing timing;
    timing.interval = Millis(250);
    timing.ioTimeout = Millis(500);
    timing.failoverTimeout = Millis(2000);
    timing.renewLimit = Millis(1000);
    timing.stopGrace = Millis(500);
    return timing;
}

QString Timing::signature() const
{
    return QStringLiteral("interval=%1ms io_timeout=%2ms failover_timeout=%3ms renew_limit=%4ms stop_grace=%5ms")
        .arg(interval.count())
        .arg(ioTimeout.count())
        .arg(failoverTimeout.count())
        .arg(renewLimit.count())
        .arg(stopGrace.count());
}

Status Timing::validate() const
{
    const Timing d = defaults();
    const struct
    {
        const char *key;
        Millis value;
        Millis example;
    } values[] = { { "interval", interval, d.interval }, { "io_timeout", ioTimeout, d.ioTimeout },
        { "failover_timeout", failoverTimeout, d.failoverTimeout }, { "renew_limit", renewLimit, d.renewLimit },
        { "stop_grace", stopGrace, d.stopGrace } };
    QStringList problems;
    for (const auto &entry : values) {
        if (entry.value.count() <= 0) {
            problems << QStringLiteral("[timing] %1 is %2 but must be greater than zero; set it to a positive "
                                       "duration such as %3")
                            .arg(QLatin1String(entry.key), formatDuration(entry.value), formatDuration(entry.example));
        }
    }
    if (!problems.isEmpty())
        return Error(problems.join(QLatin1Char('\n')));

    const Wide i = interval.count();
    const Wide io = ioTimeout.count();
    const Wide f = failoverTimeout.count();
    const Wide r = renewLimit.count();
    const Wide sg = stopGrace.count();

    // T2: interval + io_timeout < renew_limit < failover_timeout
    if (!(i + io < r)) {
        problems << QStringLiteral("T2 violated: [timing] renew_limit (%1) must be greater than [timing] interval + "
                                   "io_timeout (%2 + %3 = %4), or a master cannot renew its lease in time; raise "
                                   "renew_limit or lower interval or io_timeout")
                        .arg(formatDuration(renewLimit), formatDuration(interval), formatDuration(ioTimeout),
                            formatWide(i + io));
    }
    if (!(r < f)) {
        problems << QStringLiteral("T2 violated: [timing] renew_limit (%1) must be less than [timing] "
                                   "failover_timeout (%2), or a standby can take over while the master's lease "
                                   "still holds; raise failover_timeout or lower renew_limit")
                        .arg(formatDuration(renewLimit), formatDuration(failoverTimeout));
    }

    // T1: (F + settle)·(1 − ε) > (R + max(SG, io))·(1 + ε) + slack, settle = 2·interval + io
    const Wide settleMs = 2 * i + io;
    const Wide left = (f + settleMs) * (kPpm - kRateErrorPpm);
    const Wide right = (r + std::max(sg, io)) * (kPpm + kRateErrorPpm) + Wide(kGuardSlack.count()) * kPpm;
    if (!(left > right)) {
        const bool stopGraceDominates = sg >= io;
        problems << QStringLiteral(
            "T1 violated: ([timing] failover_timeout + settle) * (1 - %1) must be greater than "
            "([timing] renew_limit + max(stop_grace, io_timeout)) * (1 + %1) + %2, where settle = 2 * "
            "interval + io_timeout and %1 is the clock rate error; with failover_timeout %3, interval "
            "%4, io_timeout %5 (settle %6), renew_limit %7 and stop_grace %8 the left side is %9, not "
            "greater than %10, so a standby could start the application before the old master's guard has "
            "killed it; raise failover_timeout or lower renew_limit or %11")
                        .arg(percent(kClockRateError), formatDuration(kGuardSlack), formatDuration(failoverTimeout),
                            formatDuration(interval), formatDuration(ioTimeout), formatWide(settleMs),
                            formatDuration(renewLimit), formatDuration(stopGrace), formatScaledSeconds(left))
                        .arg(formatScaledSeconds(right),
                            stopGraceDominates ? QStringLiteral("stop_grace") : QStringLiteral("io_timeout"));
    }
    if (!problems.isEmpty())
        return Error(problems.join(QLatin1Char('\n')));
    return Status::success();
}

} // namespace hacmp
