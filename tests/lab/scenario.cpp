#include "tests/lab/scenario.h"

#include "tests/lab/hacmpimplementation.h"

#include <QStringList>

#include <algorithm>

namespace hacmp::lab {

QStringList threeHosts()
{
    return { QStringLiteral("alpha"), QStringLiteral("bravo"), QStringLiteral("charlie") };
}

QString Scenario::whyNot(const LabImplementation &implementation) const
{
    const bool hacmp = dynamic_cast<const HacmpImplementation *>(&implementation) != nullptr;
    const bool directory = implementation.usesSharedDirectory();
    switch (needs) {
    case Needs::Anything:
        return QString();
    case Needs::Hacmp:
        return hacmp ? QString() : QStringLiteral("it uses hacmp's own features");
    case Needs::SharedDirectory:
        return directory ? QString() : QStringLiteral("it makes faults of the shared directory's storage");
    case Needs::HacmpOnDirectory:
        return hacmp && directory ? QString() : QStringLiteral("it writes hacmp's records as files");
    case Needs::EtcdSites:
        return hacmp && !directory ? QString() : QStringLiteral("it makes faults of the etcd sites");
    }
    return QString();
}

QList<Scenario> Scenario::all()
{
    static const QStringList order { QStringLiteral("SimulStart"), QStringLiteral("StopOneByOne"),
        QStringLiteral("RestartOneByOne"), QStringLiteral("KillMasterHost"), QStringLiteral("KillDataCenter"),
        QStringLiteral("FreezeMasterAgent"), QStringLiteral("StorageHangMaster"), QStringLiteral("StorageErrorMaster"),
        QStringLiteral("StorageLossStandby"), QStringLiteral("ShortStorageStall"), QStringLiteral("AppCrash"),
        QStringLiteral("AppCrashLoop"), QStringLiteral("Maintenance"), QStringLiteral("MaintenanceAgentRestart"),
        QStringLiteral("MaintenanceAgentStop"), QStringLiteral("MaintenanceHandStart"), QStringLiteral("Standby"),
        QStringLiteral("Switchover"), QStringLiteral("CleanStop"), QStringLiteral("ClockJump"),
        QStringLiteral("GarbageRecords"), QStringLiteral("ConfigMismatch"), QStringLiteral("KillMasterSite"),
        QStringLiteral("PartitionMasterSite"), QStringLiteral("EtcdLeaderRestart"), QStringLiteral("EtcdQuorumLoss"),
        QStringLiteral("EtcdMemberPaused"), QStringLiteral("DuplicateNodeName"), QStringLiteral("Churn") };
    QList<Scenario> scenarios = lifecycleScenarios() + hostFaultScenarios() + storageScenarios()
        + applicationScenarios() + operatorScenarios() + maintenanceScenarios() + siteScenarios();
    std::sort(scenarios.begin(), scenarios.end(),
        [](const Scenario &x, const Scenario &y) { return order.indexOf(x.name) < order.indexOf(y.name); });
    return scenarios;
}

} // namespace hacmp::lab
