// Scenarios of hacmp-etcd's three sites (issue 12, item 6): a whole site lost, a site cut from the others,
// the etcd leader lost in steady state, quorum lost and back, a frozen etcd member, and a second host started
// with a standby's node name. Each site holds one host and one etcd member (EtcdSites).

#include "tests/lab/hacmpimplementation.h"
#include "tests/lab/labcluster.h"
#include "tests/lab/scenario.h"
#include "tests/lab/scenarioresult.h"

namespace hacmp::lab {

using test::Instance;
using test::monotonicNowMs;

namespace {

HacmpImplementation &siteHacmp(LabCluster &lab)
{
    return static_cast<HacmpImplementation &>(lab.implementation());
}

EtcdSites &sitesOf(LabCluster &lab)
{
    return *siteHacmp(lab).etcdSites();
}

int siteOfNode(LabCluster &lab, const QString &node)
{
    return sitesOf(lab).siteOf(lab.host(node).dataCenter());
}

/// The instance of pid on node in the ledgers (the last one, if the pid came back in a later boot).
std::optional<Instance> instanceOf(LabCluster &lab, const Instance &wanted)
{
    std::optional<Instance> found;
    for (const Instance &instance : lab.ledger().on(wanted.node)) {
        if (instance.pid == wanted.pid && instance.start == wanted.start)
            found = instance;
    }
    return found;
}

/// renew_limit + stop_grace and a margin (the application's last ALIVE line, a loaded machine): how soon
/// after its last acknowledged write the master's application must have ended.
Millis fenceBound(const Timing &timing)
{
    return timing.renewLimit + timing.stopGrace + Millis(300);
}

/// Waits until instance has ended (its application is no longer alive in the ledgers) and says when its last
/// line was, or fails result when it still runs after timeout.
std::optional<qint64> expectEnded(LabCluster &lab, ScenarioResult &result, const Instance &instance, Millis timeout)
{
    const bool ended = LabCluster::waitUntil(
        [&] {
            for (const Instance &running : lab.ledger().running()) {
                if (running.node == instance.node && running.pid == instance.pid)
                    return false;
            }
            return true;
        },
        timeout);
    const std::optional<Instance> last = instanceOf(lab, instance);
    if (!ended || !last) {
        result.fail(QStringLiteral("the application of %1 (pid %2) still ran %3 ms later")
                        .arg(instance.node)
                        .arg(instance.pid)
                        .arg(timeout.count()));
        return std::nullopt;
    }
    return last->last;
}

bool killMasterSite(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    const int site = siteOfNode(lab, old->node);
    const qint64 killedAt = monotonicNowMs();
    lab.crash(old->node);
    if (const Status killed = sitesOf(lab).members().kill(site); !killed)
        return result.fail(killed.error());
    const std::optional<Instance> next = lab.expectRecovery(
        result, killedAt, old->node, QStringLiteral("the loss of %1's site (host and etcd member)").arg(old->node));
    if (!next)
        return false;
    if (const Status restarted = sitesOf(lab).members().restart(site); !restarted)
        return result.fail(restarted.error());
    if (!lab.expectRejoin(result, old->node, *next))
        return false;
    result.note(QStringLiteral("the site of %1 (host and etcd member) lost at once, %2 took over; the site came back")
                    .arg(old->node, next->node));
    return true;
}

bool partitionMasterSite(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    const Timing &timing = siteHacmp(lab).timing();
    const int site = siteOfNode(lab, old->node);
    const qint64 cutAt = monotonicNowMs();
    if (const Status cut = sitesOf(lab).network().partition(site); !cut)
        return result.fail(cut.error());
    const std::optional<Instance> next = lab.expectRecovery(
        result, cutAt, old->node, QStringLiteral("cutting the site of %1 from the others").arg(old->node));
    const std::optional<qint64> endedAt = expectEnded(lab, result, *old, fenceBound(timing));
    if (!next || !endedAt)
        return false;
    // Its last acknowledged write was before the cut: the guard's deadline is at most renew_limit later.
    if (*endedAt - cutAt > fenceBound(timing).count())
        return result.fail(QStringLiteral("the cut-off master's application ended %1 ms after the cut (bound %2 ms)")
                               .arg(*endedAt - cutAt)
                               .arg(fenceBound(timing).count()));
    if (const Status healed = sitesOf(lab).network().heal(site); !healed)
        return result.fail(healed.error());
    if (!lab.expectSteady(result, *next, lab.implementation().joinTime() + Millis(1000)))
        return false;
    result.note(QStringLiteral("the site of %1 cut off: its application ended %2 ms later (renew_limit + stop_grace "
                               "= %3 ms), %4 took over; healed, %1 stayed out")
                    .arg(old->node)
                    .arg(*endedAt - cutAt)
                    .arg((timing.renewLimit + timing.stopGrace).count())
                    .arg(next->node));
    return true;
}

bool etcdLeaderRestart(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> master = lab.start(threeHosts());
    if (!master)
        return result.fail(lab.error());
    test::EtcdProcess &members = sitesOf(lab).members();
    const int leader = members.leader();
    if (leader < 0)
        return result.fail(QStringLiteral("no etcd member says it leads"));
    if (const Status killed = members.kill(leader); !killed)
        return result.fail(killed.error());
    // Long enough for a new etcd leader and more than failover_timeout: a failover would have happened.
    const Timing &timing = siteHacmp(lab).timing();
    LabCluster::hold(timing.failoverTimeout + timing.settle() + Millis(1000));
    if (const Status restarted = members.restart(leader); !restarted)
        return result.fail(restarted.error());
    if (!lab.expectSteady(result, *master, Millis(1000)))
        return false;
    result.note(QStringLiteral("the etcd leader (site %1%2) killed and restarted: the application of %3 ran on, "
                               "untouched")
                    .arg(leader)
                    .arg(leader == siteOfNode(lab, master->node) ? QStringLiteral(", the master's") : QString())
                    .arg(master->node));
    return true;
}

bool etcdQuorumLoss(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> master = lab.start(threeHosts());
    if (!master)
        return result.fail(lab.error());
    const Timing &timing = siteHacmp(lab).timing();
    test::EtcdProcess &members = sitesOf(lab).members();
    // The two members of the other sites: the master still reaches its own, which cannot commit alone.
    QList<int> lost;
    for (int site = 0; site < EtcdSites::kSites; ++site) {
        if (site != siteOfNode(lab, master->node))
            lost << site;
    }
    for (const int site : std::as_const(lost)) {
        if (const Status killed = members.kill(site); !killed)
            return result.fail(killed.error());
    }
    const qint64 lostAt = monotonicNowMs();
    const std::optional<qint64> endedAt = expectEnded(lab, result, *master, fenceBound(timing) + Millis(2000));
    if (!endedAt)
        return false;
    if (*endedAt - lostAt > fenceBound(timing).count())
        return result.fail(QStringLiteral("the master's application ended %1 ms after quorum was lost (bound %2 ms)")
                               .arg(*endedAt - lostAt)
                               .arg(fenceBound(timing).count()));
    // Nobody can prove the master dead without the store: no instance at all.
    LabCluster::hold(timing.failoverBound());
    if (!lab.nothingStartedSince(lostAt) || !lab.ledger().running().isEmpty())
        return result.fail(QStringLiteral("the application ran without etcd's quorum"));
    const qint64 backAt = monotonicNowMs();
    for (const int site : std::as_const(lost)) {
        if (const Status restarted = members.restart(site); !restarted)
            return result.fail(restarted.error());
    }
    const std::optional<Instance> again = lab.waitForSingle(lab.implementation().failoverBudget());
    if (!again)
        return result.fail(QStringLiteral("no single instance within %1 ms of quorum's return")
                               .arg(lab.implementation().failoverBudget().count()));
    LabCluster::recordRecovery(result, backAt, *again, lab.ledger());
    if (!lab.expectSteady(result, *again, Millis(1500)))
        return false;
    result.note(QStringLiteral("2 etcd members lost: the application of %1 ended %2 ms later, none ran without "
                               "quorum; quorum back: %3 runs it")
                    .arg(master->node)
                    .arg(*endedAt - lostAt)
                    .arg(again->node));
    return true;
}

bool etcdMemberPaused(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> master = lab.start(threeHosts());
    if (!master)
        return result.fail(lab.error());
    test::EtcdProcess &members = sitesOf(lab).members();
    const int site = siteOfNode(lab, master->node);
    const bool wasLeader = members.leader() == site;
    const qint64 pausedAt = monotonicNowMs();
    if (const Status paused = members.pause(site); !paused)
        return result.fail(paused.error());
    LabCluster::hold(Millis(3000));
    if (const Status resumed = members.resume(site); !resumed)
        return result.fail(resumed.error());
    LabCluster::hold(lab.implementation().failoverBudget());
    const std::optional<Instance> running = lab.single();
    if (!running)
        return result.fail(QStringLiteral("not exactly one instance after the member was resumed"));
    const QString member = QStringLiteral("the etcd member of %1's site%2 frozen for 3 s")
                               .arg(master->node, wasLeader ? QStringLiteral(" (the etcd leader)") : QString());
    if (lab.nothingStartedSince(pausedAt)) {
        result.note(member + QStringLiteral(": no failover, the application ran on"));
        return lab.expectSteady(result, *master, Millis(1000));
    }
    LabCluster::recordRecovery(result, pausedAt, *running, lab.ledger());
    result.note(member + QStringLiteral(": failed over to %1").arg(running->node));
    return lab.expectSteady(result, *running, Millis(1000));
}

bool duplicateNodeName(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> master = lab.start(threeHosts());
    if (!master)
        return result.fail(lab.error());
    const QString standby = threeHosts().at(master->node == threeHosts().first() ? 1 : 0);
    // A 4th host, in the standby's site, started with a copy of the standby's configuration.
    const QString copy = QStringLiteral("delta");
    lab.addHost(copy, lab.host(standby).dataCenter());
    siteHacmp(lab).overrideNodeName(copy, standby);
    if (const Status booted = lab.boot(copy); !booted)
        return result.fail(booted.error());
    if (!lab.expectSteady(result, *master, lab.implementation().joinTime() + siteHacmp(lab).timing().failoverTimeout))
        return false;
    if (!lab.host(copy).logTail(1 << 20).contains(QLatin1String("duplicate_node")))
        return result.fail(
            QStringLiteral("host %1, started as node %2, did not report a duplicate node name").arg(copy, standby));
    // The master still fails over, to the third host or the standby whose name was copied.
    const qint64 killedAt = monotonicNowMs();
    lab.crash(master->node);
    const std::optional<Instance> next
        = lab.expectRecovery(result, killedAt, master->node, QStringLiteral("the crash of the master ") + master->node);
    if (!next)
        return false;
    result.note(QStringLiteral("host %1 started as node %2: it reported the duplicate and stayed out; the master %3 "
                               "crashed, %4 took over")
                    .arg(copy, standby, master->node, next->node));
    return true;
}

} // namespace

QList<Scenario> siteScenarios()
{
    return {
        { QStringLiteral("KillMasterSite"), QStringLiteral("the master's site (host and etcd member) is lost at once"),
            Scenario::Needs::EtcdSites, killMasterSite },
        { QStringLiteral("PartitionMasterSite"), QStringLiteral("the master's site is cut from the other two"),
            Scenario::Needs::EtcdSites, partitionMasterSite },
        { QStringLiteral("EtcdLeaderRestart"), QStringLiteral("the etcd leader is killed and restarted: no failover"),
            Scenario::Needs::EtcdSites, etcdLeaderRestart },
        { QStringLiteral("EtcdQuorumLoss"),
            QStringLiteral("2 etcd members lost: the master fences; back: one instance"), Scenario::Needs::EtcdSites,
            etcdQuorumLoss },
        { QStringLiteral("EtcdMemberPaused"), QStringLiteral("the master's etcd member is frozen (SIGSTOP) for 3 s"),
            Scenario::Needs::EtcdSites, etcdMemberPaused },
        { QStringLiteral("DuplicateNodeName"), QStringLiteral("a 4th host starts with a standby's node name"),
            Scenario::Needs::EtcdSites, duplicateNodeName },
    };
}

} // namespace hacmp::lab
