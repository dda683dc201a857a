// Scenarios of a cluster's normal life: hosts start together, stop and restart one after the other, and
// the master stops cleanly (docs/protocol.md L2: a handover does not wait for failover_timeout).

#include "tests/lab/hacmpimplementation.h"
#include "tests/lab/labcluster.h"
#include "tests/lab/scenario.h"
#include "tests/lab/scenarioresult.h"

namespace hacmp::lab {

using test::Instance;
using test::monotonicNowMs;

namespace {

bool simulStart(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const qint64 bootedAt = monotonicNowMs();
    const std::optional<Instance> first = lab.start(threeHosts());
    if (!first)
        return result.fail(lab.error());
    result.failoverMs << first->start - bootedAt;
    if (!lab.expectSteady(result, *first, Millis(2000)))
        return false;
    result.note(QStringLiteral("3 hosts booted at once: %1 ran the application %2 ms later, alone")
                    .arg(first->node)
                    .arg(first->start - bootedAt));
    return true;
}

/// Stops the master host cleanly and waits for the next master; the stopped host stays down.
std::optional<Instance> stopMaster(LabCluster &lab, ScenarioResult &result, const Instance &master)
{
    const qint64 stoppedAt = monotonicNowMs();
    if (!lab.stop(master.node)) {
        result.fail(QStringLiteral("%1 did not stop within %2 ms")
                        .arg(master.node)
                        .arg(lab.implementation().stopTimeout().count()));
        return std::nullopt;
    }
    return lab.expectRecovery(result, stoppedAt, master.node, QStringLiteral("the clean stop of ") + master.node);
}

bool stopOneByOne(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    std::optional<Instance> master = lab.start(threeHosts());
    if (!master)
        return result.fail(lab.error());
    QStringList order { master->node };
    for (int handovers = 0; handovers < 2; ++handovers) {
        master = stopMaster(lab, result, *master);
        if (!master)
            return false;
        order << master->node;
    }
    if (!lab.stop(master->node))
        return result.fail(master->node + QStringLiteral(", the last host, did not stop in time"));
    const Instance last = lab.ledger().instances.last();
    if (!lab.ledger().running().isEmpty() || !last.stopped)
        return result.fail(QStringLiteral("the application still ran, or was not stopped cleanly, after the last "
                                          "host stopped"));
    result.note(QStringLiteral("masters in turn: %1; the last stop ended the application cleanly")
                    .arg(order.join(QStringLiteral(" -> "))));
    return true;
}

bool restartOneByOne(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    std::optional<Instance> master = lab.start(threeHosts());
    if (!master)
        return result.fail(lab.error());
    for (const QString &node : threeHosts()) {
        const bool wasMaster = node == master->node;
        const qint64 stoppedAt = monotonicNowMs();
        if (!lab.stop(node))
            return result.fail(node + QStringLiteral(" did not stop in time"));
        const Status booted = lab.boot(node);
        if (!booted)
            return result.fail(booted.error());
        if (wasMaster
            && !lab.expectRecovery(result, stoppedAt, {}, QStringLiteral("the restart of the master ") + node))
            return false;
        LabCluster::hold(lab.implementation().joinTime());
        master = lab.waitForSingle(lab.implementation().failoverBudget());
        if (!master)
            return result.fail(QStringLiteral("not exactly one instance ran after the restart of ") + node);
    }
    if (!lab.expectSteady(result, *master, Millis(1000)))
        return false;
    result.note(QStringLiteral("every host restarted in turn; the application ends on %1").arg(master->node));
    return true;
}

bool cleanStop(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    const std::optional<Instance> next = stopMaster(lab, result, *old);
    if (!next)
        return false;
    const Instance ended = lab.ledger().on(old->node).last();
    if (!ended.stopped)
        return result.fail(
            QStringLiteral("the application on %1 did not get a clean stop (no STOP line)").arg(old->node));
    const auto *hacmp = dynamic_cast<const HacmpImplementation *>(&lab.implementation());
    if (hacmp && result.downtimeMs.last() >= hacmp->timing().failoverTimeout.count())
        return result.fail(QStringLiteral("the handover took %1 ms of downtime: not less than failover_timeout (L2)")
                               .arg(result.downtimeMs.last()));
    if (!lab.expectRejoin(result, old->node, *next))
        return false;
    result.note(QStringLiteral("%1 stopped cleanly, %2 took over; %1 rejoined without taking it back")
                    .arg(old->node, next->node));
    return true;
}

} // namespace

QList<Scenario> lifecycleScenarios()
{
    return {
        { QStringLiteral("SimulStart"), QStringLiteral("3 hosts boot at once: exactly one instance"),
            Scenario::Needs::Anything, simulStart },
        { QStringLiteral("StopOneByOne"), QStringLiteral("the master stops cleanly, in turn, until none is left"),
            Scenario::Needs::Anything, stopOneByOne },
        { QStringLiteral("RestartOneByOne"), QStringLiteral("every host restarts cleanly, one after the other"),
            Scenario::Needs::Anything, restartOneByOne },
        { QStringLiteral("CleanStop"), QStringLiteral("the master stops cleanly: handover without failover_timeout"),
            Scenario::Needs::Anything, cleanStop },
    };
}

} // namespace hacmp::lab
