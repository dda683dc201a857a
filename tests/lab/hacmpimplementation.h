#pragma once

#include "shared/protocol/timing.h"
#include "tests/lab/labimplementation.h"

#include <QHash>

namespace hacmp::lab {

/// hacmp under test in the lab: each host runs hacmp-agent (with its hacmp-guard) from a configuration
/// generated at each boot with the fast timings of docs/protocol.md; operators' actions go through hacmpctl.
class HacmpImplementation final : public LabImplementation
{
public:
    QString name() const override { return QStringLiteral("hacmp"); }
    Status prepareCluster(const QString &sharedSource) override;
    Result<LabCommand> daemon(const LabHostSetup &setup) override;
    int stopSignal() const override;
    Millis stopTimeout() const override;
    Millis failoverBudget() const override;
    Millis joinTime() const override;
    Status setMaintenance(const QString &sharedSource, bool on) override;

    const Timing &timing() const { return m_timing; }
    /// Configuration text that replaces the generated [timing] section for node's next boots (e.g. unsafe
    /// or different timings); an empty text restores the lab's timings.
    void overrideTiming(const QString &node, const QString &timingSection);
    /// Runs hacmpctl on the cluster in sharedSource with arguments; the result is its standard output,
    /// or an error with its standard error and status.
    Result<QString> ctl(const QString &sharedSource, const QStringList &arguments) const;

private:
    QString timingSection(const QString &node) const;

    Timing m_timing = Timing::fast();
    QHash<QString, QString> m_timingOverrides;
};

} // namespace hacmp::lab
