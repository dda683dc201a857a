// Scenarios where one host's path to the shared storage fails: its bindfs server stops (calls hang, like
// a dead hard-mounted NFS server) or its FUSE connection is aborted (calls fail). The master must fence
// itself before another host takes over (docs/protocol.md W2-W4); a standby's loss changes nothing; a stall
// shorter than the lease renewal changes nothing either.

#include "tests/lab/labcluster.h"
#include "tests/lab/scenario.h"
#include "tests/lab/scenarioresult.h"

namespace hacmp::lab {

using test::Instance;
using test::monotonicNowMs;

namespace {

/// A stall of the master's storage that every implementation should ride out: below hacmp's io_timeout
/// (500 ms) and renew_limit (1 s) in the lab's timings.
constexpr Millis kShortStall { 400 };

bool storageHangMaster(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    const qint64 hungAt = monotonicNowMs();
    const Status hung = lab.host(old->node).mount().stop();
    if (!hung)
        return result.fail(hung.error());
    const std::optional<Instance> next
        = lab.expectRecovery(result, hungAt, old->node, QStringLiteral("the storage of %1 hung").arg(old->node));
    LabCluster::hold(Millis(1000));
    lab.host(old->node).mount().resume();
    if (!next)
        return false;
    // The storage comes back: the old master finds its lease lapsed and stays out.
    if (!lab.expectSteady(result, *next, lab.implementation().joinTime() + Millis(1000)))
        return false;
    result.note(QStringLiteral("storage of %1 hung: its application ended %2 ms later, %3 took over; the storage "
                               "came back and %1 stayed out")
                    .arg(old->node)
                    .arg(lab.ledger().on(old->node).last().last - hungAt)
                    .arg(next->node));
    return true;
}

bool storageErrorMaster(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    const qint64 failedAt = monotonicNowMs();
    const Status aborted = lab.host(old->node).mount().abort();
    if (!aborted)
        return result.fail(aborted.error());
    const std::optional<Instance> next = lab.expectRecovery(
        result, failedAt, old->node, QStringLiteral("the storage of %1 failed with I/O errors").arg(old->node));
    if (!next)
        return false;
    // The operator repairs the mount: a clean stop of the host, a new mount, a boot.
    const bool stoppedCleanly = lab.stop(old->node);
    if (!lab.expectRejoin(result, old->node, *next))
        return false;
    result.note(
        QStringLiteral("storage of %1 failed: its application ended %2 ms later, %3 took over; %1 %4 and "
                       "rejoined with a new mount")
            .arg(old->node)
            .arg(lab.ledger().on(old->node).last().last - failedAt)
            .arg(next->node, stoppedCleanly ? QStringLiteral("stopped cleanly") : QStringLiteral("had to be killed")));
    return true;
}

bool storageLossStandby(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> master = lab.start(threeHosts());
    if (!master)
        return result.fail(lab.error());
    QStringList standbys = threeHosts();
    standbys.removeOne(master->node);
    const QString &hanging = standbys.first();
    const QString &failing = standbys.last();
    const Status hung = lab.host(hanging).mount().stop();
    const Status aborted = lab.host(failing).mount().abort();
    if (!hung || !aborted)
        return result.fail(hung.error() + aborted.error());
    if (!lab.expectSteady(result, *master, lab.implementation().failoverBudget()))
        return false;
    lab.host(hanging).mount().resume();
    lab.stop(failing);
    if (!lab.expectRejoin(result, failing, *master))
        return false;
    result.note(QStringLiteral("storage of standby %1 hung and of standby %2 failed for %3 ms: the application "
                               "on %4 kept running")
                    .arg(hanging, failing)
                    .arg(lab.implementation().failoverBudget().count())
                    .arg(master->node));
    return true;
}

bool shortStorageStall(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> master = lab.start(threeHosts());
    if (!master)
        return result.fail(lab.error());
    const int stalls = 3;
    for (int stall = 0; stall < stalls; ++stall) {
        const Status hung = lab.host(master->node).mount().stop();
        if (!hung)
            return result.fail(hung.error());
        LabCluster::hold(kShortStall);
        lab.host(master->node).mount().resume();
        if (!lab.expectSteady(result, *master, Millis(1500)))
            return result.fail(
                QStringLiteral("a %1 ms stall of the master's storage moved the application").arg(kShortStall.count()));
    }
    result.note(QStringLiteral("%1 stalls of %2 ms of the storage of %3 (master): the application kept running")
                    .arg(stalls)
                    .arg(kShortStall.count())
                    .arg(master->node));
    return true;
}

} // namespace

QList<Scenario> storageScenarios()
{
    return {
        { QStringLiteral("StorageHangMaster"), QStringLiteral("the master's storage hangs (bindfs stopped)"),
            Scenario::Needs::SharedDirectory, storageHangMaster },
        { QStringLiteral("StorageErrorMaster"), QStringLiteral("the master's storage fails (FUSE connection aborted)"),
            Scenario::Needs::SharedDirectory, storageErrorMaster },
        { QStringLiteral("StorageLossStandby"), QStringLiteral("two standbys lose their storage: nothing happens"),
            Scenario::Needs::SharedDirectory, storageLossStandby },
        { QStringLiteral("ShortStorageStall"), QStringLiteral("the master's storage stalls below renew_limit"),
            Scenario::Needs::SharedDirectory, shortStorageStall },
    };
}

} // namespace hacmp::lab
