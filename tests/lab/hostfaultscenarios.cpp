// Scenarios where hosts or agents fail: a host or a whole data center loses power, the master's daemon
// freezes, a host's wall clock jumps, and a long run of random master kills (docs/protocol.md L1, S1).

#include "tests/lab/labcluster.h"
#include "tests/lab/scenario.h"
#include "tests/lab/scenarioresult.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <algorithm>

namespace hacmp::lab {

using test::Instance;
using test::monotonicNowMs;

namespace {

bool killMasterHost(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    const qint64 killedAt = monotonicNowMs();
    lab.crash(old->node);
    const std::optional<Instance> next
        = lab.expectRecovery(result, killedAt, old->node, QStringLiteral("the crash of ") + old->node);
    if (!next || !lab.expectRejoin(result, old->node, *next))
        return false;
    result.note(QStringLiteral("%1 crashed, %2 took over; %1 rejoined").arg(old->node, next->node));
    return true;
}

bool killDataCenter(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    const QStringList first { QStringLiteral("alpha"), QStringLiteral("bravo") };
    const QStringList second { QStringLiteral("charlie"), QStringLiteral("delta") };
    for (const QString &node : first)
        lab.addHost(node, QStringLiteral("dc1"));
    for (const QString &node : second)
        lab.addHost(node, QStringLiteral("dc2"));
    const std::optional<Instance> old = lab.start(first + second);
    if (!old)
        return result.fail(lab.error());
    const QString dataCenter = lab.host(old->node).dataCenter();
    const QStringList lost = lab.nodesIn(dataCenter);
    // The data center goes at once: its hosts, and their paths to the storage.
    const qint64 killedAt = monotonicNowMs();
    for (const QString &node : lost) {
        lab.crash(node);
        lab.host(node).mount().abort();
    }
    const std::optional<Instance> next
        = lab.expectRecovery(result, killedAt, {}, QStringLiteral("the loss of ") + dataCenter);
    if (!next)
        return false;
    if (lost.contains(next->node))
        return result.fail(QStringLiteral("the application ran again on %1, in the lost data center").arg(next->node));
    for (const QString &node : lost) {
        const Status booted = lab.boot(node);
        if (!booted)
            return result.fail(booted.error());
    }
    if (!lab.expectSteady(result, *next, lab.implementation().joinTime() + Millis(1000)))
        return false;
    result.note(QStringLiteral("%1 (%2) lost at once, %3 took over; %1 came back")
                    .arg(dataCenter, lost.join(QStringLiteral(", ")), next->node));
    return true;
}

bool freezeMasterAgent(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    const qint64 frozenAt = monotonicNowMs();
    if (!lab.host(old->node).freezeDaemon())
        return result.fail(QStringLiteral("cannot freeze the daemon of ") + old->node);
    const std::optional<Instance> next
        = lab.expectRecovery(result, frozenAt, old->node, QStringLiteral("freezing the daemon of ") + old->node);
    lab.host(old->node).thawDaemon();
    if (!next)
        return false;
    // It wakes up with a lapsed lease: no second instance.
    if (!lab.expectSteady(result, *next, lab.implementation().joinTime() + Millis(1000)))
        return false;
    const Instance ended = lab.ledger().on(old->node).last();
    result.note(QStringLiteral("daemon of %1 frozen: its application ended %2 ms later, %3 took over; thawed, %1 "
                               "stayed out")
                    .arg(old->node)
                    .arg(ended.last - frozenAt)
                    .arg(next->node));
    return true;
}

QString fakeTimeLibrary()
{
    for (const QString &folder : { QStringLiteral("/usr/lib/x86_64-linux-gnu/faketime"),
             QStringLiteral("/usr/lib/aarch64-linux-gnu/faketime"), QStringLiteral("/usr/lib/faketime") }) {
        const QString library = folder + QStringLiteral("/libfaketime.so.1");
        if (QFile::exists(library))
            return library;
    }
    return QString();
}

bool writeOffset(LabCluster &lab, const QString &node, const QByteArray &offset)
{
    QFile file(lab.host(node).folder() + QStringLiteral("/faketime"));
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(offset + '\n') > 0;
}

bool clockJump(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    const QString library = fakeTimeLibrary();
    if (library.isEmpty()) {
        result.outcome = ScenarioResult::Outcome::Skip;
        result.note(QStringLiteral("libfaketime is not installed (apt-get install faketime)"));
        return false;
    }
    lab.addHosts(threeHosts());
    // Every host's wall clock follows its own offset file (read at each call); the monotonic clock is real.
    for (const QString &node : threeHosts()) {
        if (!writeOffset(lab, node, "+0"))
            return result.fail(QStringLiteral("cannot write the clock offset of ") + node);
        const Status booted = lab.boot(node,
            { QStringLiteral("LD_PRELOAD=") + library,
                QStringLiteral("FAKETIME_TIMESTAMP_FILE=") + lab.host(node).folder() + QStringLiteral("/faketime"),
                QStringLiteral("FAKETIME_NO_CACHE=1"), QStringLiteral("FAKETIME_DONT_FAKE_MONOTONIC=1") });
        if (!booted)
            return result.fail(booted.error());
    }
    const std::optional<Instance> master
        = lab.waitForSingle(lab.implementation().joinTime() + lab.implementation().failoverBudget());
    if (!master)
        return result.fail(QStringLiteral("the application did not run on exactly one host"));
    LabCluster::hold(lab.implementation().joinTime());
    const QString standby = threeHosts().at(master->node == threeHosts().first() ? 1 : 0);
    writeOffset(lab, master->node, "+1h");
    if (!lab.expectSteady(result, *master, lab.implementation().failoverBudget()))
        return result.fail(QStringLiteral("the master's wall clock jumped an hour ahead"));
    writeOffset(lab, standby, "-1h");
    if (!lab.expectSteady(result, *master, lab.implementation().failoverBudget()))
        return result.fail(QStringLiteral("a standby's wall clock jumped an hour back"));
    result.note(QStringLiteral("the wall clock of %1 (master) jumped +1 h, then that of %2 (standby) -1 h: nothing "
                               "moved")
                    .arg(master->node, standby));
    return true;
}

bool churn(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &options)
{
    lab.addHosts(threeHosts());
    std::optional<Instance> master = lab.start(threeHosts());
    if (!master)
        return result.fail(lab.error());
    QRandomGenerator random { quint32(monotonicNowMs()) };
    const qint64 join = lab.implementation().joinTime().count();
    for (int round = 1; round <= options.churn; ++round) {
        // A random moment in the master's term, then its host loses power; it boots again at a random
        // moment after the failover, so the next kill may find it still joining.
        LabCluster::hold(Millis(random.bounded(1000)));
        // The host whose instance runs now: an implementation that flaps may have moved it meanwhile.
        if (const std::optional<Instance> running = lab.single())
            master = running;
        const qint64 killedAt = monotonicNowMs();
        const QString killed = master->node;
        lab.crash(killed);
        master = lab.expectRecovery(
            result, killedAt, killed, QStringLiteral("kill %1 of %2 (%3)").arg(round).arg(options.churn).arg(killed));
        if (!master)
            return false;
        LabCluster::hold(Millis(random.bounded(int(join))));
        const Status booted = lab.boot(killed);
        if (!booted)
            return result.fail(booted.error());
        LabCluster::hold(Millis(join / 2));
    }
    if (!lab.expectSteady(result, *master, lab.implementation().joinTime()))
        return false;
    QList<qint64> sorted = result.failoverMs;
    std::sort(sorted.begin(), sorted.end());
    result.note(
        QStringLiteral("%1 master hosts killed at random moments and rebooted; failover median %2 ms, max %3 ms")
            .arg(options.churn)
            .arg(sorted.isEmpty() ? 0 : sorted.at(sorted.size() / 2))
            .arg(sorted.isEmpty() ? 0 : sorted.last()));
    return true;
}

} // namespace

QList<Scenario> hostFaultScenarios()
{
    return {
        { QStringLiteral("KillMasterHost"), QStringLiteral("the master host loses power"), Scenario::Needs::Anything,
            killMasterHost },
        { QStringLiteral("KillDataCenter"), QStringLiteral("the master's data center (2 of 4 hosts) goes at once"),
            Scenario::Needs::SharedDirectory, killDataCenter },
        { QStringLiteral("FreezeMasterAgent"), QStringLiteral("the master's daemon is frozen (SIGSTOP)"),
            Scenario::Needs::Anything, freezeMasterAgent },
        { QStringLiteral("ClockJump"), QStringLiteral("wall clocks jump an hour (faketime; monotonic clock real)"),
            Scenario::Needs::Anything, clockJump },
        { QStringLiteral("Churn"), QStringLiteral("3 hosts, N random master kills and reboots in a row"),
            Scenario::Needs::Anything, churn },
    };
}

} // namespace hacmp::lab
