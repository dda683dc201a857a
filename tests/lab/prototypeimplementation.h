#pragma once

#include "tests/lab/labimplementation.h"
#include "tests/lab/prototypescript.h"

namespace hacmp::lab {

/// The original prototype under test in the lab, to show side by side what it does under the faults hacmp
/// is built for: each host runs the seed's bash script (PrototypeScript, extracted at run time) with the
/// host's view of the shared directory, its node name as hostname and the lab's application. Maintenance
/// is the script's maintenance file. Without the seed document every call fails with the reason.
class PrototypeImplementation final : public LabImplementation
{
public:
    /// Reads the script from the seed document in seedFolder.
    explicit PrototypeImplementation(const QString &seedFolder = PrototypeScript::seedDirectory());

    QString name() const override { return QStringLiteral("prototype"); }
    /// Empty when the seed's script was found; otherwise why prototype runs are skipped.
    QString unavailable() const override { return m_script.error(); }
    Status prepareCluster(const QString &sharedSource) override;
    Result<LabCommand> daemon(const LabHostSetup &setup) override;
    int stopSignal() const override;
    Millis stopTimeout() const override;
    /// The seed's unit sets no KillMode: `systemctl stop` signals the script and the application alike.
    bool stopsEveryProcess() const override { return true; }
    Millis failoverBudget() const override;
    Millis joinTime() const override;
    Status setMaintenance(const QString &sharedSource, bool on) override;

private:
    Result<PrototypeScript> m_script;
};

} // namespace hacmp::lab
