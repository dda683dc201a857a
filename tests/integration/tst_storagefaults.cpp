// Real hacmp-agent processes whose paths to the shared directory fail: each node sees the rig's cluster
// directory through its own bindfs mount (one host's NFS mount), and a test stops that mount's server
// (a hung storage), aborts its FUSE connection (I/O errors), stalls it briefly, or makes it vanish (the
// path shows an empty folder). The applications' ledgers are the oracle: zero overlap in every case.

#include "shared/protocol/timing.h"
#include "shared/storage/controlfiles.h"
#include "tests/support/agentrig.h"
#include "tests/support/hungmount.h"
#include "tests/support/prerequisite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <map>
#include <memory>

using namespace hacmp;

namespace {

using hacmp::test::AgentRig;
using hacmp::test::HungMount;
using hacmp::test::Instance;
using hacmp::test::processGone;

qint64 nowMs()
{
    return hacmp::test::monotonicNowMs();
}

constexpr qint64 kMiB = 1024 * 1024;

/// Makes path a file of size bytes (sparse: zeros that cost no memory to write).
bool writeSparse(const QString &path, qint64 size)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.resize(size);
}

/// The peak resident memory of process pid (VmHWM), in kB; 0 when unknown.
qint64 peakMemoryKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

/// Skips a test that needs a bindfs mount where there cannot be one.
#define REQUIRE_FUSE()                                                                                                 \
    do {                                                                                                               \
        if (const QString reason = HungMount::skipReason(); !reason.isEmpty())                                         \
            HACMP_MISSING_PREREQUISITE(reason);                                                                        \
    } while (false)

/// The rig's cluster directory seen by each node through its own bindfs mount. The views outlive the
/// rig (its agents are killed before their mounts go), and stopped views are resumed first so that no
/// agent is left waiting on a stopped server.
struct MountedCluster
{
    explicit MountedCluster(const Timing &timing = AgentRig::testTiming())
        : rig(timing)
    { }
    ~MountedCluster()
    {
        for (auto &[label, view] : views) {
            if (view->stopped())
                view->resume();
        }
    }
    Q_DISABLE_COPY_MOVE(MountedCluster)

    /// Mounts a view for label and adds its agent, which uses that view as [cluster] directory.
    QString addNode(const QString &label)
    {
        auto view = std::make_unique<HungMount>(rig.cluster());
        if (const Status mounted = view->mount(); !mounted)
            return mounted.error();
        rig.addNode(label, {}, {}, {}, view->mountPoint());
        views[label] = std::move(view);
        return rig.error();
    }
    HungMount &view(const QString &label) { return *views.at(label); }

    std::map<QString, std::unique_ptr<HungMount>> views;
    AgentRig rig;
};

} // namespace

class TestStorageFaults final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void frozenPathSelfFencesThenFailsOver();
    void abortedConnectionFailsOver();
    void shortStallKeepsTheMaster();
    void vanishedViewNeverStarts();
    void oversizedFilesAreBounded();

private:
    /// Starts a and b each on its own view and returns when the application runs on one of them and the
    /// other one is a settled standby.
    void startPair(MountedCluster &cluster, Instance &master, QString &standby);
    /// After the master's path failed at failedAt: its guard or agent stopped the application when its lease
    /// ran out, before the standby started it in a higher epoch (next), and its agent lives on, fenced.
    void expectFailover(MountedCluster &cluster, const Instance &old, const QString &standby, qint64 failedAt,
        const char *what, Instance &next);
};

void TestStorageFaults::initTestCase()
{
    for (const QString &program : { AgentRig::agentPath(), AgentRig::guardPath(), AgentRig::testAppPath() })
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QStringLiteral(" is not built")));
}

void TestStorageFaults::startPair(MountedCluster &cluster, Instance &master, QString &standby)
{
    QVERIFY2(cluster.rig.error().isEmpty(), qPrintable(cluster.rig.error()));
    for (const QString &label : { QStringLiteral("a"), QStringLiteral("b") }) {
        const QString added = cluster.addNode(label);
        QVERIFY2(added.isEmpty(), qPrintable(added));
    }
    QVERIFY(cluster.rig.start(QStringLiteral("a")));
    QVERIFY(cluster.rig.start(QStringLiteral("b")));
    WAIT_FOR_ONE_RUNNING(cluster.rig, running, 10000);
    master = running;
    standby = master.node == QLatin1String("a") ? QStringLiteral("b") : QStringLiteral("a");
    // the other node has observed the master for failover_timeout: it is a standby
    QTest::qWait(int(cluster.rig.timing().failoverTimeout.count()) + 200);
}

void TestStorageFaults::expectFailover(MountedCluster &cluster, const Instance &old, const QString &standby,
    qint64 failedAt, const char *what, Instance &next)
{
    AgentRig &rig = cluster.rig;
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(standby).isEmpty(), qPrintable(rig.logs()), 10000);
    next = rig.ledger().on(standby).first();
    const Instance ended = rig.ledger().on(old.node).first();
    QVERIFY(processGone(old.pid));
    QVERIFY2(ended.last < next.start, qPrintable(rig.logs()));
    VERIFY_SAFE(rig);
    QVERIFY(next.epoch > old.epoch);
    const Timing &timing = rig.timing();
    const bool byGuard = rig.log(old.node).contains(QLatin1String("guard_kill"));
    qInfo("%s: the old application was stopped by its %s, gone %lld ms after it (renew_limit %lld ms + stop_grace "
          "%lld ms), %s ran it %lld ms after it (T3 bound %lld ms plus the application's start)",
        what, byGuard ? "guard at the lease deadline" : "agent as its lease lapsed", ended.last - failedAt,
        qlonglong(timing.renewLimit.count()), qlonglong(timing.stopGrace.count()), qPrintable(standby),
        next.start - failedAt, qlonglong(timing.failoverBound().count()));
    // Self-fencing: the lease ran out at most renew_limit after the failure (plus a write in flight), and the
    // application got SIGTERM then, SIGKILL stop_grace later; its last line is at most one ALIVE period earlier.
    QVERIFY2(ended.last - failedAt <= (timing.renewLimit + timing.stopGrace).count() + 300, qPrintable(rig.logs()));
    QVERIFY2(rig.log(old.node).contains(QLatin1String("master -> fenced")), qPrintable(rig.log(old.node).right(3000)));
    QCOMPARE(rig.agent(old.node).state(), QProcess::Running); // the agent waits for its storage, alive
}

void TestStorageFaults::frozenPathSelfFencesThenFailsOver()
{
    REQUIRE_FUSE();
    MountedCluster cluster;
    Instance old;
    QString standby;
    startPair(cluster, old, standby);
    if (QTest::currentTestFailed())
        return;
    const qint64 frozenAt = nowMs();
    QVERIFY(cluster.view(old.node).stop()); // every call on the master's path hangs from now on
    Instance next;
    expectFailover(cluster, old, standby, frozenAt, "the master's path frozen", next);
    if (QTest::currentTestFailed())
        return;

    // The storage comes back: the old master has lost its term and never runs the application again.
    QVERIFY(cluster.view(old.node).resume());
    QTRY_VERIFY2_WITH_TIMEOUT(
        cluster.rig.log(old.node).contains(QLatin1String("storage_restored")), qPrintable(cluster.rig.logs()), 5000);
    QTest::qWait(1500);
    VERIFY_SAFE(cluster.rig);
    QCOMPARE(cluster.rig.ledger().instances.size(), 2);
    QCOMPARE(cluster.rig.ledger().running().size(), 1);
    QCOMPARE(cluster.rig.ledger().running().first().pid, next.pid);
}

void TestStorageFaults::abortedConnectionFailsOver()
{
    REQUIRE_FUSE();
    MountedCluster cluster;
    Instance old;
    QString standby;
    startPair(cluster, old, standby);
    if (QTest::currentTestFailed())
        return;
    if (const QString reason = HungMount::abortSkipReason(); !reason.isEmpty())
        HACMP_MISSING_PREREQUISITE(reason);
    const qint64 abortedAt = nowMs();
    QVERIFY(cluster.view(old.node).abort()); // every call on the master's path fails from now on (ENOTCONN)
    Instance next;
    expectFailover(cluster, old, standby, abortedAt, "the master's FUSE connection aborted", next);
    if (QTest::currentTestFailed())
        return;
    // errors, not hangs: the agent saw them (strerror(ENOTCONN)) and keeps running, fenced
    QVERIFY2(cluster.rig.log(old.node).contains(QLatin1String("not connected")), qPrintable(cluster.rig.log(old.node)));
    QTest::qWait(1000);
    QCOMPARE(cluster.rig.agent(old.node).state(), QProcess::Running);
    VERIFY_SAFE(cluster.rig);
    QCOMPARE(cluster.rig.ledger().running().size(), 1);
    QCOMPARE(cluster.rig.ledger().running().first().pid, next.pid);
}

void TestStorageFaults::shortStallKeepsTheMaster()
{
    REQUIRE_FUSE();
    // renew_limit 1 s (F 2 s) leaves a stall of half of it a margin of several intervals on a loaded machine
    Timing timing = AgentRig::testTiming();
    timing.renewLimit = Millis(1000);
    timing.failoverTimeout = Millis(2000);
    QVERIFY(timing.validate());
    MountedCluster cluster(timing);
    Instance old;
    QString standby;
    startPair(cluster, old, standby);
    if (QTest::currentTestFailed())
        return;
    const Millis stall = timing.renewLimit / 2;
    QVERIFY(cluster.view(old.node).stop());
    QTest::qWait(int(stall.count()));
    QVERIFY(cluster.view(old.node).resume());
    QTest::qWait(int(timing.failoverTimeout.count()) + 1000); // what a failover would take, and more
    VERIFY_SAFE(cluster.rig);
    const hacmp::test::AppLedger ledger = cluster.rig.ledger();
    QCOMPARE(ledger.instances.size(), 1); // no second START anywhere
    QCOMPARE(ledger.running().size(), 1);
    QCOMPARE(ledger.running().first().pid, old.pid);
    QVERIFY2(!cluster.rig.log(old.node).contains(QLatin1String("lease_lapsed")), qPrintable(cluster.rig.logs()));
    qInfo("a storage stall of %lld ms (renew_limit %lld ms) on the master: no failover, the application (pid %lld) "
          "kept running",
        qlonglong(stall.count()), qlonglong(timing.renewLimit.count()), old.pid);
}

void TestStorageFaults::vanishedViewNeverStarts()
{
    REQUIRE_FUSE();
    MountedCluster cluster;
    AgentRig &rig = cluster.rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    for (const QString &label : { QStringLiteral("a"), QStringLiteral("v"), QStringLiteral("w") }) {
        const QString added = cluster.addNode(label);
        QVERIFY2(added.isEmpty(), qPrintable(added));
    }
    // v would be the preferred standby: the best target of a handover and the first candidate of a failover
    rig.editConfig(QStringLiteral("v"), QStringLiteral("[node]\n"), QStringLiteral("[node]\npriority = 200\n"));
    QVERIFY(rig.start(QStringLiteral("a")));
    WAIT_FOR_ONE_RUNNING(rig, master, 10000);
    QVERIFY(rig.start(QStringLiteral("v")));
    QVERIFY(rig.start(QStringLiteral("w")));
    QTest::qWait(int(rig.timing().failoverTimeout.count()) + 300); // both are standbys

    // v's mount goes away under its running agent: the server is gone and the path shows an empty folder
    const QString path = cluster.view(QStringLiteral("v")).mountPoint();
    if (const QString reason = HungMount::abortSkipReason(); !reason.isEmpty())
        HACMP_MISSING_PREREQUISITE(reason);
    QVERIFY(cluster.view(QStringLiteral("v")).abort());
    QCOMPARE(QProcess::execute(QStringLiteral("umount"), { QStringLiteral("-l"), path }), 0);
    QVERIFY(QDir(path).exists());
    QVERIFY(QDir(path).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
    QTRY_VERIFY2_WITH_TIMEOUT(
        rig.log(QStringLiteral("v")).contains(QLatin1String("cannot be listed")), qPrintable(rig.logs()), 3000);
    QTest::qWait(int(rig.timing().failoverTimeout.count()) + 300); // the others now see v dead
    QCOMPARE(rig.ledger().instances.size(), 1); // the master is unaffected
    QCOMPARE(rig.ledger().running().size(), 1);
    QCOMPARE(rig.ledger().running().first().pid, master.pid);

    // The master stops: it hands over to w, not to v (dead to it); then w's agent is killed, so that only v
    // is left: it never starts the application.
    rig.signal(QStringLiteral("a"), SIGTERM);
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(QStringLiteral("w")).isEmpty(), qPrintable(rig.logs()), 10000);
    rig.signal(QStringLiteral("w"), SIGKILL);
    const Instance last = rig.ledger().on(QStringLiteral("w")).first();
    QTRY_VERIFY2_WITH_TIMEOUT(processGone(last.pid), qPrintable(rig.logs()), 5000);
    QTest::qWait(int(rig.timing().failoverBound().count()));
    QVERIFY2(rig.ledger().on(QStringLiteral("v")).isEmpty(), qPrintable(rig.logs()));
    QVERIFY(rig.ledger().running().isEmpty());
    QCOMPARE(rig.agent(QStringLiteral("v")).state(), QProcess::Running);
    VERIFY_SAFE(rig);

    // v's agent restarts (as systemd would) on the empty folder: it refuses to start, says why, and leaves
    // the folder alone (rule D: agents never create the cluster).
    rig.signal(QStringLiteral("v"), SIGKILL);
    QVERIFY(rig.finished(QStringLiteral("v"), 5000));
    QVERIFY(rig.start(QStringLiteral("v")));
    QVERIFY2(rig.finished(QStringLiteral("v"), 10000), qPrintable(rig.log(QStringLiteral("v"))));
    QCOMPARE(rig.agent(QStringLiteral("v")).exitCode(), 1);
    const QString refusal = rig.log(QStringLiteral("v")).section(QLatin1Char('\n'), -3);
    QVERIFY2(refusal.contains(path) && refusal.contains(QLatin1String("cluster")), qPrintable(refusal));
    QVERIFY(QDir(path).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
    QVERIFY(rig.ledger().on(QStringLiteral("v")).isEmpty());
    VERIFY_SAFE(rig);
}

void TestStorageFaults::oversizedFilesAreBounded()
{
    // tst_cluster's garbageIsIgnored covers files of up to 200 kB; these are far beyond every read limit.
    AgentRig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a"));
    rig.addNode(QStringLiteral("b"));
    QVERIFY(rig.start(QStringLiteral("a")));
    WAIT_FOR_ONE_RUNNING(rig, master, 10000);
    QVERIFY(rig.start(QStringLiteral("b")));
    QTest::qWait(int(rig.timing().failoverTimeout.count()) + 300); // b is a standby
    const std::map<QString, qint64> oversized { { QStringLiteral("maintenance"), 50 * kMiB },
        { QStringLiteral("nodes/x.hb"), 10 * kMiB }, { QStringLiteral("switchover"), 50 * kMiB },
        { QStringLiteral("standby/ghost"), 20 * kMiB }, { QStringLiteral("clear/b"), 20 * kMiB } };
    for (const auto &[name, size] : oversized)
        QVERIFY(writeSparse(rig.cluster() + QLatin1Char('/') + name, size));

    // An unreadable maintenance file is not known to be absent: the cluster stays as it is.
    QTest::qWait(1500);
    QCOMPARE(rig.ledger().instances.size(), 1);
    QCOMPARE(rig.ledger().running().size(), 1);
    QVERIFY(QFile::remove(rig.cluster() + QStringLiteral("/maintenance")));
    QTest::qWait(1000);
    for (const QString &node : { QStringLiteral("a"), QStringLiteral("b") }) {
        QCOMPARE(rig.agent(node).state(), QProcess::Running);
        const qint64 peak = peakMemoryKiB(rig.agent(node).processId());
        QVERIFY2(
            peak > 0 && peak < 40 * 1024, qPrintable(QStringLiteral("agent %1 peaked at %2 kB").arg(node).arg(peak)));
        qInfo("agent %s with oversized files in the directory: peak resident memory %lld kB", qPrintable(node), peak);
    }
    QCOMPARE(rig.ledger().instances.size(), 1);
    QCOMPARE(rig.ledger().running().first().pid, master.pid);
    QVERIFY2(rig.log(QStringLiteral("b")).contains(QLatin1String("nodes/x.hb is larger than a heartbeat record")),
        qPrintable(rig.log(QStringLiteral("b")).right(3000)));

    // A failover still happens with a 10 MB nodes/x.hb: it is content nobody understands, not a live node.
    const QString standby = master.node == QLatin1String("a") ? QStringLiteral("b") : QStringLiteral("a");
    const qint64 killedAt = nowMs();
    rig.signal(master.node, SIGKILL);
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(standby).isEmpty(), qPrintable(rig.logs()), 10000);
    qInfo("failover with a 10 MB nodes/x.hb: %s ran the application %lld ms after the master agent's SIGKILL",
        qPrintable(standby), rig.ledger().on(standby).first().start - killedAt);
    VERIFY_SAFE(rig);
}

QTEST_GUILESS_MAIN(TestStorageFaults)
#include "tst_storagefaults.moc"
