// Real hacmp-agent processes, one per node, on one machine: each with its real hacmp-guard and the real
// hacmp-testapp as the application, a cluster directory made by hacmpctl init's code, and fast timings.
// The applications' ledgers are the oracle (docs/protocol.md S1): no CONFLICT line (the testapp's flock
// caught a second instance) and no overlap between one instance's START and another's last line.

#include "shared/history/failoverlog.h"
#include "shared/history/historyreader.h"
#include "shared/protocol/electionaction.h"
#include "shared/protocol/timing.h"
#include "shared/storage/controlfiles.h"
#include "shared/storage/fsclusterdirectory.h"
#include "tests/support/agentrig.h"
#include "tests/support/notifysocket.h"
#include "tests/support/prerequisite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <unistd.h>

using namespace hacmp;
using hacmp::test::NotifySocket;

namespace {

using hacmp::test::AgentRig;
using hacmp::test::Instance;
using hacmp::test::processGone;

Timing testTiming()
{
    return AgentRig::testTiming();
}
qint64 nowMs()
{
    return hacmp::test::monotonicNowMs();
}

} // namespace

class TestCluster final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void simultaneousStartRunsOneInstance();
    void killedMasterAgentFailsOver();
    void nextAgentRecordsTheGuardsKill();
    void damagedGuardEndFileIsLoggedAndRemoved();
    void frozenMasterAgentIsFencedBeforeTakeover();
    void cleanStopHandsOver();
    void maintenanceFreezesRoles();
    void switchoverMovesTheApplication();
    void crashingApplicationRestartsThenFailsOver();
    void garbageIsIgnored();
    void restartedAgentKeepsTheApplication();
    void duplicateNodeNameNeverRunsTwo();
    void copiedConfigurationDoesNotJoin();
    void systemdNotificationAndReload();
    void checkConfigGivesAVerdict();
};

void TestCluster::initTestCase()
{
    for (const QString &program : { AgentRig::agentPath(), AgentRig::guardPath(), AgentRig::testAppPath() })
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QStringLiteral(" is not built")));
    const Status valid = testTiming().validate();
    QVERIFY2(valid, qPrintable(valid.error()));
}

void TestCluster::simultaneousStartRunsOneInstance()
{
    AgentRig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    const QStringList nodes { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
    for (const QString &node : nodes)
        rig.addNode(node);
    const qint64 launched = nowMs();
    for (const QString &node : nodes)
        QVERIFY(rig.start(node));
    WAIT_FOR_ONE_RUNNING(rig, first, 10000);
    qInfo("three agents started together: the application runs on %s after %lld ms", qPrintable(first.node),
        first.start - launched);
    QTest::qWait(1500); // nobody else starts it
    VERIFY_SAFE(rig);
    QCOMPARE(rig.ledger().instances.size(), 1);
    QCOMPARE(rig.ledger().running().size(), 1);
}

void TestCluster::killedMasterAgentFailsOver()
{
    AgentRig rig;
    QVERIFY2(rig.startNodes({ QStringLiteral("a"), QStringLiteral("b") }), qPrintable(rig.error()));
    WAIT_FOR_ONE_RUNNING(rig, old, 10000);
    QTest::qWait(300);
    const QString other = old.node == QLatin1String("a") ? QStringLiteral("b") : QStringLiteral("a");
    const qint64 killedAt = nowMs();
    rig.signal(old.node, SIGKILL);
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(other).isEmpty(), qPrintable(rig.logs()), 10000);
    const Instance next = rig.ledger().on(other).first();
    const Instance ended = rig.ledger().on(old.node).first();
    qInfo("failover after SIGKILL of the master agent: the guard ended the application %lld ms after the kill, "
          "%s ran it %lld ms after the kill (T3 bound %lld ms plus the application's start)",
        ended.last - killedAt, qPrintable(other), next.start - killedAt,
        qlonglong(testTiming().failoverBound().count()));
    QVERIFY(processGone(old.pid));
    VERIFY_SAFE(rig);
    const Timing timing = testTiming();
    QVERIFY2(ended.last - killedAt <= (timing.renewLimit + timing.stopGrace).count() + 200,
        "the guard did not stop the application at its deadline");
}

void TestCluster::nextAgentRecordsTheGuardsKill()
{
    // The master's agent is SIGKILLed; its guard kills the application at the lease deadline with no agent to
    // tell and records it in the state directory; the other node takes over. The first node's next agent writes
    // the guard's record to the history, so the failover's downtime is known (issue 13, item 3).
    AgentRig rig;
    QVERIFY2(rig.startNodes({ QStringLiteral("a"), QStringLiteral("b") }), qPrintable(rig.error()));
    WAIT_FOR_ONE_RUNNING(rig, old, 10000);
    QTest::qWait(300);
    const QString other = old.node == QLatin1String("a") ? QStringLiteral("b") : QStringLiteral("a");
    rig.signal(old.node, SIGKILL);
    QVERIFY(rig.finished(old.node, 5000));
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(other).isEmpty(), qPrintable(rig.logs()), 10000);
    const Instance next = rig.ledger().on(other).first();
    const Instance ended = rig.ledger().on(old.node).first();
    QVERIFY(ended.stopped); // SIGTERM from the guard at the deadline
    const QString endFile
        = rig.path(QStringLiteral("state-%1/%1.app-end.json").arg(old.node)); // AgentRig: state-<label>, node = label
    QTRY_VERIFY2_WITH_TIMEOUT(QFile::exists(endFile), qPrintable(endFile), 3000);

    const auto failover = [&rig]() -> std::optional<MasterChange> {
        const Result<HistoryRead> read = HistoryReader().readAll(rig.directory());
        if (!read)
            return std::nullopt;
        FailoverLog log;
        log.add(read->events);
        const MasterChange *last = log.lastFailover();
        return last ? std::optional<MasterChange>(*last) : std::nullopt;
    };
    QTRY_VERIFY_WITH_TIMEOUT(failover() && !failover()->appStarted.isEmpty(), 5000);
    QVERIFY2(!failover()->downtime, "the downtime is known before the old node's next agent ran");

    QVERIFY(rig.start(old.node));
    QTRY_VERIFY2_WITH_TIMEOUT(failover() && failover()->downtime, qPrintable(rig.log(old.node)), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(endFile), 2000);
    const MasterChange change = *failover();
    QCOMPARE(change.node, other);
    QCOMPARE(change.previousNode, old.node);
    QCOMPARE(change.previousEpoch, old.epoch);
    QCOMPARE(change.reason, MasterChangeReason::Failover);
    // The ledger's own measure on one host's monotonic clock: the old instance handled SIGTERM (STOP) at ended.last,
    // the new one wrote START at next.start. The history's is wall clock, from the guard's record to app_start.
    const qint64 ledgerDowntime = next.start - ended.last;
    qInfo("failover after SIGKILL of the master agent: the history shows a downtime of %lld ms (%s), the ledgers "
          "%lld ms (from the old instance's STOP to the new one's START)",
        qlonglong(change.downtime->count()), qPrintable(change.detail), ledgerDowntime);
    QVERIFY2(qAbs(change.downtime->count() - ledgerDowntime) <= 250,
        qPrintable(QStringLiteral("history %1 ms, ledgers %2 ms").arg(change.downtime->count()).arg(ledgerDowntime)));
    VERIFY_SAFE(rig);
}

void TestCluster::damagedGuardEndFileIsLoggedAndRemoved()
{
    AgentRig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a"));
    QVERIFY(QDir().mkpath(rig.path(QStringLiteral("state-a"))));
    const QString endFile = rig.path(QStringLiteral("state-a/a.app-end.json"));
    QFile garbage(endFile);
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("{\"format\":1,\"node\":\"a\",\"epo");
    garbage.close();
    QVERIFY(rig.start(QStringLiteral("a")));
    WAIT_FOR_ONE_RUNNING(rig, running, 10000);
    QCOMPARE(running.node, QStringLiteral("a"));
    QVERIFY(!QFile::exists(endFile));
    const QString log = rig.log(QStringLiteral("a"));
    QVERIFY2(log.contains(QStringLiteral("The guard's end file %1 is damaged").arg(endFile)), qPrintable(log));
    const Result<HistoryRead> read = HistoryReader().readAll(rig.directory());
    QVERIFY(read);
    for (const HistoryEvent &event : read->events)
        QVERIFY2(event.event != QLatin1String(historyevents::AppExit), qPrintable(event.detail));
}

void TestCluster::frozenMasterAgentIsFencedBeforeTakeover()
{
    AgentRig rig;
    QVERIFY2(rig.startNodes({ QStringLiteral("a"), QStringLiteral("b") }), qPrintable(rig.error()));
    WAIT_FOR_ONE_RUNNING(rig, old, 10000);
    const QString other = old.node == QLatin1String("a") ? QStringLiteral("b") : QStringLiteral("a");
    const qint64 frozenAt = nowMs();
    rig.signal(old.node, SIGSTOP);
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(other).isEmpty(), qPrintable(rig.logs()), 10000);
    const Instance next = rig.ledger().on(other).first();
    qInfo("failover after SIGSTOP of the master agent: %lld ms", next.start - frozenAt);
    QVERIFY(processGone(old.pid)); // killed by its guard, before the standby started (VERIFY_SAFE)
    VERIFY_SAFE(rig);
    rig.signal(old.node, SIGCONT); // it wakes up with a lapsed lease: fenced, no second instance
    QTest::qWait(1500);
    VERIFY_SAFE(rig);
    QCOMPARE(rig.ledger().running().size(), 1);
    QCOMPARE(rig.ledger().running().first().pid, next.pid);
}

void TestCluster::cleanStopHandsOver()
{
    AgentRig rig;
    QVERIFY2(rig.startNodes({ QStringLiteral("a"), QStringLiteral("b") }), qPrintable(rig.error()));
    WAIT_FOR_ONE_RUNNING(rig, old, 10000);
    QTest::qWait(300);
    const QString other = old.node == QLatin1String("a") ? QStringLiteral("b") : QStringLiteral("a");
    const qint64 stoppedAt = nowMs();
    rig.signal(old.node, SIGTERM);
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(other).isEmpty(), qPrintable(rig.logs()), 10000);
    QVERIFY2(rig.finished(old.node, 5000), qPrintable(rig.logs()));
    QCOMPARE(rig.agent(old.node).exitCode(), 0);
    const Instance ended = rig.ledger().on(old.node).first();
    const Instance next = rig.ledger().on(other).first();
    QVERIFY(ended.stopped);
    qInfo("handover on SIGTERM: the application was down %lld ms (stopped %lld ms after SIGTERM, started on %s "
          "%lld ms after it)",
        next.start - ended.last, ended.last - stoppedAt, qPrintable(other), next.start - stoppedAt);
    VERIFY_SAFE(rig);
    // H2: without waiting for failover_timeout: about the stop, two intervals and the start.
    QVERIFY2(next.start - stoppedAt < testTiming().failoverTimeout.count(), qPrintable(rig.logs()));
}

void TestCluster::maintenanceFreezesRoles()
{
    AgentRig rig;
    QVERIFY2(rig.startNodes({ QStringLiteral("a"), QStringLiteral("b") }), qPrintable(rig.error()));
    WAIT_FOR_ONE_RUNNING(rig, old, 10000);
    QVERIFY(rig.controls().setMaintenance(ControlNote { QStringLiteral("itest"), {}, QStringLiteral("test") }));
    QTest::qWait(1100); // every agent has read it
    QCOMPARE(rig.ledger().running().size(), 1); // not stopped by maintenance
    ::kill(pid_t(old.pid), SIGKILL); // the application dies: no restart, no failover while in maintenance
    QTest::qWait(2500);
    QCOMPARE(rig.ledger().instances.size(), 1);
    QVERIFY(rig.ledger().running().isEmpty());
    const qint64 leftAt = nowMs();
    QVERIFY(rig.controls().clearMaintenance());
    WAIT_FOR_ONE_RUNNING(rig, next, 5000);
    qInfo("leaving maintenance: the application runs again on %s after %lld ms", qPrintable(next.node),
        next.start - leftAt);
    QTest::qWait(1000);
    QCOMPARE(rig.ledger().instances.size(), 2); // exactly once
    VERIFY_SAFE(rig);
}

void TestCluster::switchoverMovesTheApplication()
{
    AgentRig rig;
    QVERIFY2(rig.startNodes({ QStringLiteral("a"), QStringLiteral("b") }), qPrintable(rig.error()));
    WAIT_FOR_ONE_RUNNING(rig, old, 10000);
    QTest::qWait(1200); // the other node is a standby by now (starting lasts up to failover_timeout)
    const QString other = old.node == QLatin1String("a") ? QStringLiteral("b") : QStringLiteral("a");
    const qint64 requestedAt = nowMs();
    QVERIFY(rig.controls().requestSwitchover(SwitchoverRequest { other, old.epoch, QStringLiteral("itest"), {} }));
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(other).isEmpty(), qPrintable(rig.logs()), 5000);
    const Instance next = rig.ledger().on(other).first();
    qInfo("switchover to %s: the application runs there %lld ms after the request, down %lld ms", qPrintable(other),
        next.start - requestedAt, next.start - rig.ledger().on(old.node).first().last);
    QVERIFY(next.epoch > old.epoch);
    QTRY_COMPARE_WITH_TIMEOUT(rig.controls().switchover().presence, Presence::Absent, 2000);
    VERIFY_SAFE(rig);
}

void TestCluster::crashingApplicationRestartsThenFailsOver()
{
    AgentRig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(
        QStringLiteral("a"), QStringLiteral("--exit-after 400 --exit-code 1"), QStringLiteral("restart_limit = 2\n"));
    rig.addNode(QStringLiteral("b"));
    QVERIFY(rig.start(QStringLiteral("a")));
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(QStringLiteral("a")).isEmpty(), qPrintable(rig.logs()), 10000);
    QVERIFY(rig.start(QStringLiteral("b")));
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(QStringLiteral("b")).isEmpty(), qPrintable(rig.logs()), 10000);
    const hacmp::test::AppLedger ledger = rig.ledger();
    QCOMPARE(ledger.on(QStringLiteral("a")).size(), 3); // the first start and restart_limit local restarts
    for (const Instance &instance : ledger.on(QStringLiteral("a")))
        QCOMPARE(instance.epoch, ledger.on(QStringLiteral("a")).first().epoch); // restarted in the same term
    VERIFY_SAFE(rig);
    qInfo("restart budget used up on a: b runs the application %lld ms after a's last failure",
        ledger.on(QStringLiteral("b")).first().start - ledger.on(QStringLiteral("a")).last().last);

    // hacmpctl clear: the agent of a resets its restart budget and removes the request
    QVERIFY(rig.controls().requestClear(QStringLiteral("a"), ControlNote { QStringLiteral("itest"), {}, {} }));
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(rig.cluster() + QStringLiteral("/clear/a")), 3000);
    QTRY_VERIFY2_WITH_TIMEOUT(
        rig.log(QStringLiteral("a")).contains(QLatin1String("clear_failures")), qPrintable(rig.logs()), 2000);
}

void TestCluster::garbageIsIgnored()
{
    AgentRig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    FsClusterDirectory &directory = rig.directory();
    QByteArray noise(3000, '\0');
    for (char &byte : noise)
        byte = char(QRandomGenerator::global()->bounded(256));
    QVERIFY(directory.replaceWhole(QStringLiteral("nodes/zz.hb"), noise));
    QVERIFY(directory.replaceWhole(QStringLiteral("nodes/big.hb"), QByteArray(100000, 'x')));
    QVERIFY(directory.replaceWhole(QStringLiteral("nodes/Bad Name!.hb"), "{}"));
    QVERIFY(directory.replaceWhole(QStringLiteral("nodes/notes.txt"), "hello"));
    QVERIFY(directory.replaceWhole(QStringLiteral("switchover"), noise));
    QVERIFY(directory.replaceWhole(QStringLiteral("standby/ghost"), noise));
    QVERIFY(directory.replaceWhole(QStringLiteral("clear/b"), QByteArray(200000, '{')));
    rig.addNode(QStringLiteral("a"));
    rig.addNode(QStringLiteral("b"));
    QVERIFY(rig.start(QStringLiteral("a")));
    QVERIFY(rig.start(QStringLiteral("b")));
    WAIT_FOR_ONE_RUNNING(rig, master, 15000); // zz.hb and big.hb hold claims back until they are dead (O2)
    QTest::qWait(1000);
    QCOMPARE(rig.ledger().instances.size(), 1);
    QCOMPARE(rig.agent(QStringLiteral("a")).state(), QProcess::Running);
    QCOMPARE(rig.agent(QStringLiteral("b")).state(), QProcess::Running);
    QCOMPARE(rig.controls().switchover().presence, Presence::Absent); // refused and removed by the master
    QVERIFY(!QFile::exists(rig.cluster() + QStringLiteral("/clear/b")));
    QVERIFY(rig.log(QStringLiteral("a")).contains(QLatin1String("nodes/notes.txt is not the record")));
    VERIFY_SAFE(rig);
}

void TestCluster::restartedAgentKeepsTheApplication()
{
    AgentRig rig;
    QVERIFY2(rig.startNodes({ QStringLiteral("a"), QStringLiteral("b") }), qPrintable(rig.error()));
    WAIT_FOR_ONE_RUNNING(rig, running, 10000);
    QTest::qWait(300);
    // An upgrade: the agent goes away without a clean stop and its successor starts at once (W5).
    rig.signal(running.node, SIGKILL);
    QVERIFY(rig.finished(running.node, 2000));
    QVERIFY(rig.start(running.node));
    QTRY_VERIFY2_WITH_TIMEOUT(
        rig.log(running.node).contains(QLatin1String("re-attached")), qPrintable(rig.logs()), 3000);
    QTest::qWait(2000);
    const hacmp::test::AppLedger ledger = rig.ledger();
    QCOMPARE(ledger.instances.size(), 1);
    QCOMPARE(ledger.running().size(), 1);
    QCOMPARE(ledger.running().first().pid, running.pid);
    static const QRegularExpression margin(QStringLiteral("deadline in (-?\\d+) ms"));
    qInfo("agent restart: the application (pid %lld) kept running; the new agent re-attached %s ms before the "
          "guard's deadline",
        running.pid, qPrintable(margin.match(rig.log(running.node)).captured(1)));
    VERIFY_SAFE(rig);
}

void TestCluster::duplicateNodeNameNeverRunsTwo()
{
    if (::geteuid() != 0)
        HACMP_MISSING_PREREQUISITE(
            QStringLiteral("needs root: the second agent of node a gets its own /etc/machine-id in a mount namespace"));
    if (QProcess::execute(QStringLiteral("unshare"), { QStringLiteral("--mount"), QStringLiteral("true") }) != 0)
        HACMP_MISSING_PREREQUISITE(QStringLiteral("mount namespaces (unshare --mount) are not available here"));
    AgentRig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a1"), {}, {}, QStringLiteral("a"));
    rig.addNode(QStringLiteral("a2"), {}, {}, QStringLiteral("a"));
    rig.addNode(QStringLiteral("b"));
    const QString otherHost = rig.path(QStringLiteral("machine-id"));
    QFile id(otherHost);
    QVERIFY(id.open(QIODevice::WriteOnly));
    id.write("0123456789abcdef0123456789abcdef\n");
    id.close();
    QVERIFY(rig.start(QStringLiteral("a1")));
    QVERIFY(rig.start(QStringLiteral("a2"), {}, otherHost));
    QVERIFY(rig.start(QStringLiteral("b")));
    QTRY_VERIFY2_WITH_TIMEOUT(rig.logs().contains(QLatin1String("duplicate_node")), qPrintable(rig.logs()), 10000);
    QTest::qWait(2000);
    VERIFY_SAFE(rig);
    QVERIFY(rig.ledger().running().size() <= 1);
}

void TestCluster::copiedConfigurationDoesNotJoin()
{
    // A second host started with a copy of a running node's configuration refuses before its first write
    // (it finds the record changing under another host_id), so the master's application goes on.
    const QString skip = AgentRig::ownHostSkipReason();
    if (!skip.isEmpty())
        HACMP_MISSING_PREREQUISITE(skip);
    AgentRig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a1"), {}, {}, QStringLiteral("a"));
    rig.addNode(QStringLiteral("a2"), {}, {}, QStringLiteral("a"));
    rig.addNode(QStringLiteral("b"));
    for (const QString &label : { QStringLiteral("a1"), QStringLiteral("a2") })
        rig.editConfig(label, QStringLiteral("[node]\n"), QStringLiteral("[node]\npriority = 200\n"));
    QVERIFY(rig.start(QStringLiteral("a1"), {}, rig.ownHostId(QStringLiteral("a1"))));
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(QStringLiteral("a")).isEmpty(), qPrintable(rig.logs()), 10000);
    const Instance running = rig.ledger().on(QStringLiteral("a")).first();
    QVERIFY(rig.start(QStringLiteral("b"), {}, rig.ownHostId(QStringLiteral("b"))));
    QVERIFY(rig.start(QStringLiteral("a2"), {}, rig.ownHostId(QStringLiteral("a2"))));
    QVERIFY2(rig.finished(QStringLiteral("a2"), 5000), qPrintable(rig.logs()));
    QCOMPARE(rig.agent(QStringLiteral("a2")).exitCode(), kExitRefusedToJoin);
    const QString refusal = rig.log(QStringLiteral("a2"));
    QVERIFY2(refusal.contains(QLatin1String("duplicate_node")) && refusal.contains(QLatin1String("does not join")),
        qPrintable(refusal));
    QTest::qWait(int(3 * rig.timing().failoverTimeout.count()));
    VERIFY_SAFE(rig);
    QCOMPARE(rig.ledger().instances.size(), 1); // never stopped, never started again
    QCOMPARE(rig.ledger().running().first().pid, running.pid);
    QVERIFY2(!rig.log(QStringLiteral("a1")).contains(QLatin1String("duplicate_node")), qPrintable(rig.logs()));
}

void TestCluster::systemdNotificationAndReload()
{
    AgentRig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    NotifySocket systemd(rig.path(QStringLiteral("notify")));
    QVERIFY(systemd.bound());
    rig.addNode(QStringLiteral("a"));
    QVERIFY(rig.start(QStringLiteral("a"), { QStringLiteral("NOTIFY_SOCKET=") + rig.path(QStringLiteral("notify")) }));
    QTRY_VERIFY2_WITH_TIMEOUT(systemd.messages().contains("READY=1"), qPrintable(rig.logs()), 5000);
    QTRY_VERIFY2_WITH_TIMEOUT(systemd.messages().contains("STATUS=master, master a"), qPrintable(rig.logs()), 5000);
    QVERIFY(systemd.messages().indexOf("READY=1") < systemd.messages().indexOf("STATUS=master, master a"));

    // SIGHUP: a valid change applies; a timing change needs a restart and is refused; the agent runs on
    rig.editConfig(QStringLiteral("a"), QStringLiteral("[node]\n"), QStringLiteral("[node]\npriority = 250\n"));
    rig.signal(QStringLiteral("a"), SIGHUP);
    QTRY_VERIFY2_WITH_TIMEOUT(
        rig.log(QStringLiteral("a")).contains(QLatin1String("changed [node] priority")), qPrintable(rig.logs()), 3000);
    rig.editConfig(QStringLiteral("a"), QStringLiteral("interval = 100ms"), QStringLiteral("interval = 150ms"));
    rig.signal(QStringLiteral("a"), SIGHUP);
    QTRY_VERIFY2_WITH_TIMEOUT(rig.log(QStringLiteral("a")).contains(QLatin1String("[timing] interval changed")),
        qPrintable(rig.logs()), 3000);
    QCOMPARE(rig.agent(QStringLiteral("a")).state(), QProcess::Running);
    QCOMPARE(rig.ledger().running().size(), 1);

    rig.signal(QStringLiteral("a"), SIGTERM);
    QVERIFY(rig.finished(QStringLiteral("a"), 5000));
    QCOMPARE(rig.agent(QStringLiteral("a")).exitCode(), 0);
    QTRY_VERIFY(systemd.messages().contains("STOPPING=1"));
    QVERIFY(rig.ledger().running().isEmpty());
}

void TestCluster::checkConfigGivesAVerdict()
{
    AgentRig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a"));
    QProcess check;
    check.start(AgentRig::agentPath(),
        { QStringLiteral("--config"), rig.configPath(QStringLiteral("a")), QStringLiteral("--check-config") });
    QVERIFY(check.waitForFinished(10000));
    QCOMPARE(check.exitCode(), 0);
    QVERIFY(check.readAllStandardOutput().contains("valid"));
    rig.editConfig(QStringLiteral("a"), QStringLiteral("renew_limit = 500ms"), QStringLiteral("renew_limit = 5s"));
    check.start(AgentRig::agentPath(),
        { QStringLiteral("--config"), rig.configPath(QStringLiteral("a")), QStringLiteral("--check-config") });
    QVERIFY(check.waitForFinished(10000));
    QCOMPARE(check.exitCode(), 1);
    const QByteArray errors = check.readAllStandardError();
    QVERIFY2(errors.contains("T2"), errors.constData()); // the message names the broken rule
    // the same verdict refuses to start
    check.start(AgentRig::agentPath(), { QStringLiteral("--config"), rig.configPath(QStringLiteral("a")) });
    QVERIFY(check.waitForFinished(10000));
    QCOMPARE(check.exitCode(), 1);
}

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
