#pragma once

#include "tests/lab/scenario.h"
#include "tests/lab/scenarioresult.h"

#include <QString>
#include <QStringList>

namespace hacmp::lab {

/// What hacmp-lab was asked to do.
struct LabOptions
{
    QString implementation = QStringLiteral("hacmp");
    QStringList scenarios; ///< empty: all
    ScenarioOptions scenario;
    int repeat = 1;
    int jobs = 1; ///< scenario runs at once, each in a child hacmp-lab
    QString results; ///< JSON lines file to append to; empty: none
};

/// Runs the chosen scenarios against one implementation: each run in a fresh LabCluster (or, with several
/// jobs, in a child hacmp-lab of its own), prints one line per run, appends one JSON object per run to the
/// results file, and tells whether every run passed.
class LabRunner final
{
public:
    explicit LabRunner(LabOptions options);

    /// The exit status: 0 when every run passed or was skipped, 1 otherwise; 2 when the options are wrong.
    int run();
    /// The error of the options (an unknown scenario or implementation), or an empty string.
    QString check() const;

private:
    QList<Scenario> chosen() const;
    ScenarioResult runHere(const Scenario &scenario) const;
    bool runInChildren(const QList<Scenario> &scenarios) const;
    void report(const ScenarioResult &result) const;

    LabOptions m_options;
};

} // namespace hacmp::lab
