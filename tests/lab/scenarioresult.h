#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hacmp::lab {

/// The verdict and the figures of one scenario run, as the lab prints it (one line) and appends it to
/// its results file (one JSON object per line, the report's input).
struct ScenarioResult
{
    enum class Outcome { Pass, Fail, Skip };

    QString implementation;
    QString scenario;
    Outcome outcome = Outcome::Fail;
    int overlaps = 0; ///< instances that started while another was alive, plus instances refused by the lock
    QList<qint64> failoverMs; ///< per fault: fault injected -> the application's next START
    QList<qint64> downtimeMs; ///< per fault: the last line of the instance before -> the next START
    QString detail;
    double durationS = 0;

    bool passed() const { return outcome == Outcome::Pass; }
    /// Records why the run failed (the first reason wins) and returns false, for `return result.fail(...)`.
    bool fail(const QString &why);
    /// Adds a detail for people (joined with "; ").
    void note(const QString &text);

    /// PASS|FAIL|SKIP <impl> <Scenario> overlaps=N failover_ms=... downtime_ms=... <detail>
    QString line() const;
    /// {"impl":..,"scenario":..,"pass":..,"overlaps":..,"failover_ms":[..],"downtime_ms":[..],"detail":..,
    /// "duration_s":..} (and "skipped":true for a scenario that does not apply), compact, no newline.
    QByteArray toJson() const;
};

} // namespace hacmp::lab
