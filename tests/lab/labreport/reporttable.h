#pragma once

#include "tests/lab/labreport/labresults.h"

namespace hacmp::lab {

/// The failover lab's results as markdown for people and the README: per scenario and implementation
/// the verdict, overlaps and failover and downtime figures, then what failed and why.
class ReportTable final
{
public:
    explicit ReportTable(const LabResults &results)
        : m_results(results)
    { }

    QString markdown() const;

    /// One table cell: "PASS", "**FAIL**" (with "k/n passed" after several runs), "SKIP" (skipped every
    /// time) or "n/a" (not run).
    static QString verdict(const ScenarioSummary &summary);
    /// "median / max" of sorted milliseconds, "-" when there are none.
    static QString medianAndMax(const QList<qint64> &sorted);

private:
    const LabResults &m_results;
};

} // namespace hacmp::lab
