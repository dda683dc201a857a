#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace hacmp::lab {

class LabCluster;
class LabImplementation;
struct ScenarioResult;

/// What the command line passes to every scenario.
struct ScenarioOptions
{
    int churn = 100; ///< master kills of the Churn scenario
};

/// One scenario of the failover lab (issue 7's list): it builds its hosts in a fresh LabCluster, injects
/// its faults and checks the outcome in the ledgers; run() returns whether the expected outcome happened
/// (and says why not in the result). The lab adds the overlap count and fails any run with an overlap.
struct Scenario
{
    /// What a scenario needs of the implementation under test.
    enum class Needs {
        Anything,
        Hacmp, ///< hacmp's own features (hacmpctl, its records or configuration), with either store
        SharedDirectory, ///< a shared directory that each host mounts (its storage faults)
        HacmpOnDirectory, ///< hacmp's records as files in the shared directory
        EtcdSites, ///< hacmp-etcd's sites (their network and etcd members)
    };

    QString name;
    QString summary;
    Needs needs = Needs::Anything;
    std::function<bool(LabCluster &, ScenarioResult &, const ScenarioOptions &)> run;

    /// Why the scenario does not apply to implementation, or an empty string.
    QString whyNot(const LabImplementation &implementation) const;
    bool appliesTo(const LabImplementation &implementation) const { return whyNot(implementation).isEmpty(); }
    /// Every scenario, in the order of issue 7.
    static QList<Scenario> all();
};

/// The hosts of most scenarios: alpha, bravo and charlie, each in a data center of its own.
QStringList threeHosts();

/// The scenarios by theme (each in its own source file).
QList<Scenario> lifecycleScenarios(); ///< SimulStart, StopOneByOne, RestartOneByOne, CleanStop
QList<Scenario> hostFaultScenarios(); ///< KillMasterHost, KillDataCenter, FreezeMasterAgent, ClockJump, Churn
QList<Scenario> storageScenarios(); ///< StorageHangMaster, StorageErrorMaster, StorageLossStandby, ShortStorageStall
QList<Scenario> applicationScenarios(); ///< AppCrash, AppCrashLoop
QList<Scenario> operatorScenarios(); ///< Maintenance, Standby, Switchover, GarbageRecords, ConfigMismatch
QList<Scenario> maintenanceScenarios(); ///< MaintenanceAgentRestart, MaintenanceAgentStop, MaintenanceHandStart
/// KillMasterSite, PartitionMasterSite, EtcdLeaderRestart, EtcdQuorumLoss, EtcdMemberPaused, DuplicateNodeName
QList<Scenario> siteScenarios();

} // namespace hacmp::lab
