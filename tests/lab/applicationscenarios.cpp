// Scenarios where the application itself fails on the master: one crash is restarted in place, a crash
// loop uses up the local restart budget and then fails over (docs/protocol.md, Local failures).

#include "tests/lab/labcluster.h"
#include "tests/lab/scenario.h"
#include "tests/lab/scenarioresult.h"

#include <csignal>

namespace hacmp::lab {

using test::Instance;
using test::monotonicNowMs;

namespace {

bool appCrash(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    const qint64 killedAt = monotonicNowMs();
    if (!lab.killApplication(*old, SIGKILL))
        return result.fail(QStringLiteral("cannot kill the application (pid %1) on %2").arg(old->pid).arg(old->node));
    const std::optional<Instance> next
        = lab.expectRecovery(result, killedAt, {}, QStringLiteral("the application crashed on ") + old->node);
    if (!next)
        return false;
    if (next->node != old->node)
        return result.fail(
            QStringLiteral("the crashed application was not restarted in place: it moved to %1").arg(next->node));
    if (next->epoch != old->epoch)
        return result.fail(
            QStringLiteral("the restart began a new term (epoch %1 -> %2)").arg(old->epoch).arg(next->epoch));
    if (!lab.expectSteady(result, *next, Millis(1500)))
        return false;
    result.note(
        QStringLiteral("the application crashed on %1 and was restarted there in the same term").arg(old->node));
    return true;
}

bool appCrashLoop(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    const int restartLimit = 2;
    lab.addHosts(threeHosts());
    for (const QString &node : threeHosts())
        lab.host(node).setRestartLimit(restartLimit);
    std::optional<Instance> current = lab.start(threeHosts());
    if (!current)
        return result.fail(lab.error());
    const QString crashing = current->node;
    int restarts = 0;
    for (int kill = 1; kill <= restartLimit + 1; ++kill) {
        LabCluster::hold(Millis(300)); // it runs a moment, then crashes again
        const qint64 killedAt = monotonicNowMs();
        if (!lab.killApplication(*current, SIGKILL))
            return result.fail(QStringLiteral("cannot kill the application on %1").arg(crashing));
        current = lab.waitForStart(killedAt, lab.implementation().failoverBudget());
        if (!current)
            return result.fail(QStringLiteral("nothing ran after crash %1 on %2").arg(kill).arg(crashing));
        if (current->node != crashing) {
            LabCluster::recordRecovery(result, killedAt, *current, lab.ledger());
            break;
        }
        ++restarts;
    }
    if (current->node == crashing)
        return result.fail(QStringLiteral("%1 restarted its crashing application %2 times, beyond restart_limit %3")
                               .arg(crashing)
                               .arg(restarts)
                               .arg(restartLimit));
    if (restarts != restartLimit)
        return result.fail(QStringLiteral("%1 failed over after %2 local restarts, not restart_limit = %3")
                               .arg(crashing)
                               .arg(restarts)
                               .arg(restartLimit));
    if (!lab.expectSteady(result, *current, lab.implementation().joinTime()))
        return false;
    result.note(QStringLiteral("the application crashed %1 times on %2: %3 local restarts, then %4 took over")
                    .arg(restartLimit + 1)
                    .arg(crashing)
                    .arg(restarts)
                    .arg(current->node));
    return true;
}

} // namespace

QList<Scenario> applicationScenarios()
{
    return {
        { QStringLiteral("AppCrash"), QStringLiteral("the application crashes once: restarted in place"),
            Scenario::Needs::Anything, appCrash },
        { QStringLiteral("AppCrashLoop"),
            QStringLiteral("the application keeps crashing: restart budget (restart_limit 2), then failover"),
            Scenario::Needs::Anything, appCrashLoop },
    };
}

} // namespace hacmp::lab
