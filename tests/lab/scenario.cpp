#include "tests/lab/scenario.h"

#include "tests/lab/labimplementation.h"

#include <QStringList>

#include <algorithm>

namespace hacmp::lab {

QStringList threeHosts()
{
    return { QStringLiteral("alpha"), QStringLiteral("bravo"), QStringLiteral("charlie") };
}

bool Scenario::appliesTo(const LabImplementation &implementation) const
{
    return !hacmpOnly || implementation.name() == QLatin1String("hacmp");
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
        QStringLiteral("GarbageRecords"), QStringLiteral("ConfigMismatch"), QStringLiteral("Churn") };
    QList<Scenario> scenarios = lifecycleScenarios() + hostFaultScenarios() + storageScenarios()
        + applicationScenarios() + operatorScenarios() + maintenanceScenarios();
    std::sort(scenarios.begin(), scenarios.end(),
        [](const Scenario &x, const Scenario &y) { return order.indexOf(x.name) < order.indexOf(y.name); });
    return scenarios;
}

} // namespace hacmp::lab
