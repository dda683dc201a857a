// Real agents on a real three-member etcd cluster (issue 12, items 5 and 6, the short version): election and
// hacmpctl over etcd, failover after the master's agent is killed, an etcd leader lost in steady state
// (no failover), and quorum lost (the master fences, nobody takes over) and regained (exactly one instance).
// The applications' ledgers are the oracle: zero overlap throughout. Measured figures go to qInfo.

#include "shared/etcd/clusterstore.h"
#include "shared/etcd/etcdclient.h"
#include "tests/support/agentrig.h"
#include "tests/support/ctlprocess.h"
#include "tests/support/etcdagents.h"
#include "tests/support/etcdprocess.h"
#include "tests/support/prerequisite.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <csignal>
#include <memory>

using namespace hacmp;

namespace {

using hacmp::test::AgentRig;
using hacmp::test::AppLedger;
using hacmp::test::ctlPath;
using hacmp::test::CtlProcess;
using hacmp::test::EtcdProcess;
using hacmp::test::Instance;
using hacmp::test::monotonicNowMs;

using hacmp::test::fastEtcdTiming;

/// etcd's raft election timeout in these tests.
constexpr Millis kElectionTimeout = hacmp::test::kFastEtcdElection;

} // namespace

class TestEtcdCluster final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void electsOneMasterAndHacmpctlWorks();
    void killedMasterAgentFailsOver();
    void etcdLeaderLossCausesNoFailover();
    void quorumLossFencesAndItsReturnRunsOne();

private:
    /// Starts agents a (priority 100) and b (120) on the etcd cluster made by init(); master receives the
    /// instance of a, which runs the application, once b is a settled standby.
    void startTwo(AgentRig &rig, Instance &master);
    CtlProcess ctl(AgentRig &rig, const QStringList &arguments, Millis limit = Millis(20000));
    /// The member the other members follow, or -1.
    int leaderMember() const;

    std::unique_ptr<EtcdProcess> m_etcd;
};

void TestEtcdCluster::initTestCase()
{
    for (const QString &program : { AgentRig::agentPath(), AgentRig::guardPath(), AgentRig::testAppPath(), ctlPath() })
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QStringLiteral(" is not built")));
    const QString missing = EtcdProcess::skipReason();
    if (!missing.isEmpty())
        HACMP_MISSING_PREREQUISITE(missing);
    QVERIFY(fastEtcdTiming().validate().ok());
}

void TestEtcdCluster::init()
{
    m_etcd = std::make_unique<EtcdProcess>(3, false, kElectionTimeout);
    const Status started = m_etcd->start();
    QVERIFY2(started.ok(), qPrintable(started.error()));
}

void TestEtcdCluster::cleanup()
{
    m_etcd.reset();
}

void TestEtcdCluster::startTwo(AgentRig &rig, Instance &master)
{
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    // Agents never create the cluster key: hacmpctl init does, once.
    const Status initialised = hacmp::test::initEtcdCluster(rig, *m_etcd, kElectionTimeout, QStringLiteral("itest"));
    QVERIFY2(initialised.ok(), qPrintable(initialised.error()));
    for (const auto &[node, priority] :
        { std::pair { QStringLiteral("a"), 100 }, std::pair { QStringLiteral("b"), 120 } }) {
        rig.addNode(node);
        rig.editConfig(node, QStringLiteral("[node]\n"), QStringLiteral("[node]\npriority = %1\n").arg(priority));
    }
    // Two agents that share this machine's machine-id are a CONFLICT to status (a cloned host): where mount
    // namespaces allow it, each runs as if on a host of its own.
    const bool ownHosts = AgentRig::ownHostSkipReason().isEmpty();
    const auto start
        = [&](const QString &node) { return rig.start(node, {}, ownHosts ? rig.ownHostId(node) : QString()); };
    QVERIFY(start(QStringLiteral("a")));
    WAIT_FOR_ONE_RUNNING(rig, running, 15000);
    master = running;
    QCOMPARE(master.node, QStringLiteral("a"));
    QVERIFY(start(QStringLiteral("b")));
    QTest::qWait(int(rig.timing().failoverTimeout.count()) + 500); // b is a standby by now
    QCOMPARE(rig.ledger().running().size(), 1);
    QVERIFY(rig.log(QStringLiteral("a")).contains(QStringLiteral("etcd store etcd://")));
}

CtlProcess TestEtcdCluster::ctl(AgentRig &rig, const QStringList &arguments, Millis limit)
{
    return CtlProcess::run(
        ctlPath(), QStringList { QStringLiteral("--config"), rig.configPath(QStringLiteral("a")) } + arguments, limit);
}

int TestEtcdCluster::leaderMember() const
{
    EtcdClientConfig config;
    config.endpoints = m_etcd->endpoints();
    config.deadline = Millis(2000);
    Result<std::unique_ptr<EtcdClient>> client = EtcdClient::create(config);
    if (!client)
        return -1;
    const QList<EtcdResult<EtcdMemberStatus>> statuses = client.value()->memberStatus();
    for (int member = 0; member < statuses.size(); ++member) {
        const EtcdResult<EtcdMemberStatus> &status = statuses.at(member);
        if (status.ok() && status->leaderId != 0 && status->leaderId == status->memberId)
            return member;
    }
    return -1;
}

void TestEtcdCluster::electsOneMasterAndHacmpctlWorks()
{
    AgentRig rig(fastEtcdTiming());
    Instance master;
    startTwo(rig, master);
    if (QTest::currentTestFailed())
        return;

    // A second init with the same name changes nothing.
    const CtlProcess again = CtlProcess::run(
        ctlPath(), { QStringLiteral("init"), QStringLiteral("--config"), rig.configPath(QStringLiteral("b")) });
    QVERIFY2(
        again.exitCode == 0 && again.out.contains(QStringLiteral("already initialised")), qPrintable(again.describe()));

    const CtlProcess status = ctl(rig, { QStringLiteral("status"), QStringLiteral("--json") });
    const QJsonObject report = QJsonDocument::fromJson(status.out.toUtf8()).object();
    if (AgentRig::ownHostSkipReason().isEmpty()) {
        QVERIFY2(status.exitCode == 0, qPrintable(status.describe() + rig.logs()));
        QCOMPARE(report.value(QLatin1String("state")).toString(), QStringLiteral("OK"));
    } else {
        qInfo("%s: status sees one host running two agents (CONFLICT)", qPrintable(AgentRig::ownHostSkipReason()));
        QVERIFY2(status.exitCode == 2, qPrintable(status.describe() + rig.logs()));
    }
    QCOMPARE(report.value(QLatin1String("cluster")).toString(), QStringLiteral("itest"));
    QVERIFY2(report.value(QLatin1String("directory")).toString().startsWith(QLatin1String("etcd://")),
        qPrintable(status.out));
    QCOMPARE(
        report.value(QLatin1String("master")).toObject().value(QLatin1String("node")).toString(), QStringLiteral("a"));
    QCOMPARE(qint64(report.value(QLatin1String("master")).toObject().value(QLatin1String("epoch")).toInteger()),
        qint64(master.epoch));

    const CtlProcess switchover = ctl(rig,
        { QStringLiteral("switchover"), QStringLiteral("b"), QStringLiteral("--timeout"), QStringLiteral("15"),
            QStringLiteral("--reason"), QStringLiteral("etcd test") },
        Millis(30000));
    QVERIFY2(switchover.exitCode == 0, qPrintable(switchover.describe() + rig.logs()));
    QVERIFY2(
        switchover.out.contains(QStringLiteral("switchover done: b is master")), qPrintable(switchover.describe()));
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(QStringLiteral("b")).isEmpty(), qPrintable(rig.logs()), 3000);
    const Instance next = rig.ledger().on(QStringLiteral("b")).last();
    QVERIFY(next.epoch > master.epoch);
    const Instance ended = rig.ledger().on(QStringLiteral("a")).last();
    QVERIFY(ended.stopped); // stopped by its agent, not at a deadline
    QTest::qWait(1000);
    QCOMPARE(rig.ledger().running().size(), 1);
    QCOMPARE(rig.ledger().running().first().pid, next.pid);
    VERIFY_SAFE(rig);

    const CtlProcess history = ctl(rig, { QStringLiteral("history"), QStringLiteral("--json") });
    QVERIFY2(history.exitCode == 0, qPrintable(history.describe()));
    QVERIFY2(history.out.contains(QStringLiteral("switchover")), qPrintable(history.describe()));
    qInfo("etcd: switchover a -> b in %lld ms (hacmpctl), %lld ms without the application (ledgers)",
        switchover.elapsedMs, next.start - ended.last);
}

void TestEtcdCluster::killedMasterAgentFailsOver()
{
    AgentRig rig(fastEtcdTiming());
    Instance master;
    startTwo(rig, master);
    if (QTest::currentTestFailed())
        return;

    // The agent dies; its guard keeps the application until the lease's deadline, then kills it.
    const qint64 killedAt = monotonicNowMs();
    rig.signal(QStringLiteral("a"), SIGKILL);
    const Timing timing = rig.timing();
    const int bound = int(timing.failoverBound().count()) + 3000;
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(QStringLiteral("b")).isEmpty(), qPrintable(rig.logs()), bound);
    const Instance next = rig.ledger().on(QStringLiteral("b")).last();
    const Instance old = rig.ledger().on(QStringLiteral("a")).last();
    QVERIFY(next.epoch > master.epoch);
    VERIFY_SAFE(rig);
    const qint64 fenced = old.last - killedAt;
    const qint64 failover = next.start - killedAt;
    QVERIFY2(fenced <= timing.renewLimit.count() + timing.stopGrace.count() + 300, qPrintable(rig.logs()));
    QVERIFY2(failover <= timing.failoverBound().count() + 1000, qPrintable(rig.logs()));
    qInfo("etcd: master's agent killed: its application ended %lld ms later (guard), b's started %lld ms after "
          "the kill (T3 %lld ms), %lld ms without the application",
        fenced, failover, qlonglong(timing.failoverBound().count()), next.start - old.last);
}

void TestEtcdCluster::etcdLeaderLossCausesNoFailover()
{
    AgentRig rig(fastEtcdTiming());
    Instance master;
    startTwo(rig, master);
    if (QTest::currentTestFailed())
        return;
    const int leader = leaderMember();
    QVERIFY2(leader >= 0, "no etcd member says it leads");
    const Status killed = m_etcd->kill(leader);
    QVERIFY2(killed.ok(), qPrintable(killed.error()));
    // Long enough for a new etcd leader and more than failover_timeout: a failover would have happened.
    QTest::qWait(int(rig.timing().failoverTimeout.count() + rig.timing().settle().count()) + 1000);
    const Status restarted = m_etcd->restart(leader);
    QVERIFY2(restarted.ok(), qPrintable(restarted.error()));
    QTest::qWait(1000);
    const AppLedger ledger = rig.ledger();
    QCOMPARE(ledger.instances.size(), 1);
    QCOMPARE(ledger.running().size(), 1);
    QCOMPARE(ledger.running().first().pid, master.pid);
    VERIFY_SAFE(rig);
    qInfo("etcd: leader member %d killed and restarted: the application of epoch %llu kept running (pid %lld)", leader,
        qulonglong(master.epoch), master.pid);
}

void TestEtcdCluster::quorumLossFencesAndItsReturnRunsOne()
{
    AgentRig rig(fastEtcdTiming());
    Instance master;
    startTwo(rig, master);
    if (QTest::currentTestFailed())
        return;
    const Timing timing = rig.timing();

    // Two of three members gone: no write can be acknowledged, so the master's lease runs out.
    QVERIFY(m_etcd->stop(1).ok());
    const qint64 lostAt = monotonicNowMs(); // quorum is gone when the second member has ended
    QVERIFY(m_etcd->stop(2).ok());
    QTRY_VERIFY2_WITH_TIMEOUT(rig.ledger().running().isEmpty(), qPrintable(rig.logs()),
        int(timing.renewLimit.count() + timing.stopGrace.count()) + 2000);
    const Instance fenced = rig.ledger().on(QStringLiteral("a")).last();
    QCOMPARE(fenced.pid, master.pid);
    const qint64 fenceMs = fenced.last - lostAt;
    QVERIFY2(fenceMs <= timing.renewLimit.count() + timing.stopGrace.count() + 300,
        qPrintable(QStringLiteral("fenced %1 ms after quorum loss\n").arg(fenceMs) + rig.logs()));
    // Nobody can prove the master dead without the store: no instance at all.
    QTest::qWait(int(timing.failoverBound().count()));
    QVERIFY2(rig.ledger().running().isEmpty(), qPrintable(rig.logs()));
    QCOMPARE(rig.ledger().instances.size(), 1);

    const qint64 backAt = monotonicNowMs();
    QVERIFY(m_etcd->restart(1).ok());
    QVERIFY(m_etcd->restart(2).ok());
    WAIT_FOR_ONE_RUNNING(rig, again, int(timing.failoverBound().count()) + 10000);
    QVERIFY(again.epoch > master.epoch);
    QTest::qWait(1500);
    QCOMPARE(rig.ledger().running().size(), 1);
    QCOMPARE(rig.ledger().running().first().pid, again.pid);
    VERIFY_SAFE(rig);
    qInfo("etcd: quorum lost: the master's application ended %lld ms later (renew_limit + stop_grace = %lld ms); "
          "quorum back: %s runs it again (epoch %llu) %lld ms after the members were restarted",
        fenceMs, qlonglong(timing.renewLimit.count() + timing.stopGrace.count()), qPrintable(again.node),
        qulonglong(again.epoch), again.start - backAt);
}

QTEST_GUILESS_MAIN(TestEtcdCluster)
#include "tst_etcdcluster.moc"
