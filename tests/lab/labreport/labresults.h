#pragma once

#include "shared/base/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hacmp::lab {

/// One run of one scenario by one implementation: a line of hacmp-lab's --results file.
struct LabRun
{
    QString impl;
    QString scenario;
    bool pass = false;
    bool skipped = false; ///< the scenario does not apply to impl, or could not run here
    int overlaps = 0;
    QList<qint64> failoverMs;
    QList<qint64> downtimeMs;
    QString detail;
    double durationS = 0;
};

/// Every run of one scenario by one implementation, summed up for the report.
struct ScenarioSummary
{
    int runs = 0; ///< not counting skipped ones
    int skipped = 0;
    int passed = 0;
    int overlaps = 0;
    double durationS = 0;
    QList<qint64> failoverMs; ///< of all runs, sorted
    QList<qint64> downtimeMs; ///< of all runs, sorted

    /// The median of sorted values (the mean of the middle two for an even count); -1 when empty.
    static qint64 median(const QList<qint64> &sorted);
};

/// The results of failover lab runs (hacmp-lab --results, JSON lines) that the report is made from, in
/// the order the scenarios first appear.
class LabResults final
{
public:
    /// Reads a results file; an error names the file and line and says how to make a new one.
    static Result<LabResults> read(const QString &path);
    /// Parses results text; origin names it in errors.
    static Result<LabResults> parse(const QByteArray &text, const QString &origin);

    const QList<LabRun> &runs() const { return m_runs; }
    /// Scenario names in the order given to setScenarioOrder(), then the others in the order they first appear.
    QStringList scenarios() const;
    /// The order of the scenarios in the report (hacmp-lab --list), whatever order their runs finished in.
    void setScenarioOrder(const QStringList &order) { m_order = order; }
    /// Implementation names: "hacmp" first, then the others in the order they first appear.
    QStringList impls() const;
    /// Every run of scenario by impl, summed up (runs == 0 when impl did not run it or skipped it).
    ScenarioSummary summary(const QString &impl, const QString &scenario) const;

private:
    QList<LabRun> m_runs;
    QStringList m_order;
};

} // namespace hacmp::lab
