// Benchmarks of the etcd backend (issue 12, item 7) with real agents on real three-member etcd clusters on
// loopback (EtcdProcess): failover after SIGKILL of the master's agent at the fast etcd timings and at the
// default ones, the requests an idle node makes to etcd per second, and the growth of etcd's database with
// the recommended compaction; next to them Patroni's and Kubernetes' documented defaults. Also the latency of
// one EtcdClient call over its kept connection and over a new connection (what every call paid before the
// client kept its connections). It prints the figures and fails only on safety: a CONFLICT or an overlap in
// a ledger, or a trial that does not recover within a generous deadline. Timing never fails it.
//
// Every cluster (its etcd members and agents) runs in a thread of its own, all at once.
// HACMP_BENCH_TRIALS=N sets the failover trials per timing profile (default 4), HACMP_BENCH_IDLE_S=S the
// window of the idle measurements (default 60 s).

#include "shared/etcd/etcdclient.h"
#include "shared/etcd/etcdclusterdirectory.h"
#include "tests/support/agentrig.h"
#include "tests/support/etcdagents.h"
#include "tests/support/etcdprocess.h"
#include "tests/support/failovertrials.h"
#include "tests/support/prerequisite.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <memory>
#include <vector>

using namespace hacmp;
using hacmp::test::AgentRig;
using hacmp::test::ClusterRun;
using hacmp::test::EtcdProcess;
using hacmp::test::Fault;
using hacmp::test::median;
using hacmp::test::Trial;

namespace {

/// etcd's default raft election timeout, with the default timings.
constexpr Millis kDefaultElection { 1000 };
/// The compaction recommended in the README: keep the last 1000 revisions. etcd 3.4 compacts every 5 minutes in
/// this mode, so a store holds at most 1000 revisions plus 5 minutes of writes, whatever the timings.
constexpr qint64 kRetainedRevisions = 1000;
constexpr qint64 kCompactionPeriodS = 300;

QStringList compactionFlags()
{
    return { QStringLiteral("--auto-compaction-mode=revision"),
        QStringLiteral("--auto-compaction-retention=%1").arg(kRetainedRevisions) };
}

int environmentNumber(const char *name, int fallback)
{
    bool ok = false;
    const int asked = qEnvironmentVariableIntValue(name, &ok);
    return ok && asked > 0 ? asked : fallback;
}

/// A timing profile of the agents with the election timeout of their etcd members.
struct Profile
{
    QString name;
    Timing timing;
    Millis election;
};

const Profile kProfiles[] = {
    { QStringLiteral("default"), Timing::defaults(), kDefaultElection },
    { QStringLiteral("fast"), hacmp::test::fastEtcdTiming(), hacmp::test::kFastEtcdElection },
};

/// Three etcd members with the recommended compaction, the cluster key made by hacmpctl init, and agents for
/// nodes started in order; error() says what failed.
class EtcdAgents final
{
public:
    EtcdAgents(const Profile &profile, const QStringList &nodes)
        : etcd(3, false, profile.election, compactionFlags())
        , rig(profile.timing, QStringLiteral("bench"))
    {
        if (const Status started = etcd.start(); !started) {
            m_error = started.error();
            return;
        }
        if (const Status initialised
            = hacmp::test::initEtcdCluster(rig, etcd, profile.election, QStringLiteral("bench"));
            !initialised) {
            m_error = initialised.error();
            return;
        }
        if (!rig.startNodes(nodes)) {
            m_error = rig.error();
            return;
        }
        EtcdClientConfig config;
        config.endpoints = etcd.endpoints();
        config.deadline = profile.timing.ioTimeout;
        Result<std::unique_ptr<EtcdClient>> made = EtcdClient::create(config);
        if (!made) {
            m_error = made.error();
            return;
        }
        client = std::shared_ptr<EtcdClient>(std::move(made).value());
        Result<std::unique_ptr<EtcdClusterDirectory>> opened
            = EtcdClusterDirectory::open(client, EtcdClusterDirectory::defaultPrefix(QStringLiteral("bench")));
        if (!opened) {
            m_error = opened.error();
            return;
        }
        directory = std::move(opened).value();
    }
    Q_DISABLE_COPY_MOVE(EtcdAgents)

    const QString &error() const { return m_error; }

    EtcdProcess etcd;
    AgentRig rig;
    std::shared_ptr<EtcdClient> client;
    std::unique_ptr<EtcdClusterDirectory> directory;

private:
    QString m_error;
};

/// One two-node cluster doing failover trials (SIGKILL of the master's agent) in sequence.
ClusterRun runFailovers(const Profile &profile, int trials, const QString &name)
{
    ClusterRun run;
    EtcdAgents cluster(profile, { QStringLiteral("a"), QStringLiteral("b") });
    if (!cluster.error().isEmpty()) {
        run.failure = QStringLiteral("%1: %2").arg(name, cluster.error());
        return run;
    }
    hacmp::test::runTrials(cluster.rig, *cluster.directory, Fault::Kill, trials, name, run);
    return run;
}

/// What the store says at one moment: the KV requests its members handled (etcd's grpc_server_handled_total
/// of service etcdserverpb.KV, per method, summed over the members: each request of an agent is handled by the
/// one member it reached, whether it is a read or a write forwarded to the leader), and the greatest revision,
/// database size and size in use among the members.
struct StoreSample
{
    QMap<QString, qint64> requests;
    qint64 revision = 0;
    qint64 dbSize = 0;
    qint64 dbSizeInUse = 0;
    QString error;

    qint64 totalRequests() const
    {
        qint64 total = 0;
        for (const qint64 count : requests)
            total += count;
        return total;
    }
};

StoreSample sampleStore(EtcdAgents &cluster)
{
    // grpc_server_handled_total{grpc_code="OK",grpc_method="Range",grpc_service="etcdserverpb.KV",...} 42
    static const QRegularExpression handled(QStringLiteral("^grpc_server_handled_total\\{[^}]*grpc_method=\"(\\w+)\""
                                                           "[^}]*grpc_service=\"etcdserverpb\\.KV\"[^}]*\\} (\\d+)$"),
        QRegularExpression::MultilineOption);
    StoreSample sample;
    for (int member = 0; member < cluster.etcd.members(); ++member) {
        const QByteArray metrics = cluster.etcd.metrics(member);
        if (metrics.isEmpty())
            sample.error = QStringLiteral("member %1 gave no metrics").arg(member);
        QRegularExpressionMatchIterator it = handled.globalMatch(QString::fromUtf8(metrics));
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            sample.requests[match.captured(1)] += match.captured(2).toLongLong();
        }
    }
    for (const EtcdResult<EtcdMemberStatus> &status : cluster.client->memberStatus()) {
        if (!status) {
            sample.error = status.error().message;
            continue;
        }
        sample.revision = std::max(sample.revision, status->revision);
        sample.dbSize = std::max(sample.dbSize, status->dbSize);
        sample.dbSizeInUse = std::max(sample.dbSizeInUse, status->dbSizeInUse);
    }
    return sample;
}

/// A three-node cluster left idle for a window: the store at its start and its end.
struct IdleRun
{
    int nodes = 3;
    qint64 elapsedMs = 0;
    StoreSample first;
    StoreSample last;
    qsizetype instances = 0;
    QString failure;
    QString unsafe;
};

IdleRun runIdle(const Profile &profile, qint64 windowMs, const QString &name)
{
    IdleRun run;
    EtcdAgents cluster(profile, { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") });
    if (!cluster.error().isEmpty()) {
        run.failure = QStringLiteral("%1: %2").arg(name, cluster.error());
        return run;
    }
    const Timing &timing = profile.timing;
    if (!hacmp::test::waitUntil(
            [&] { return cluster.rig.ledger().running().size() == 1; }, 2 * timing.failoverBound().count() + 5000)) {
        run.failure = QStringLiteral("%1: no master\n%2").arg(name, cluster.rig.logs());
        return run;
    }
    // The standbys settle (they write as standbys from then on).
    QThread::msleep(static_cast<unsigned long>((timing.failoverTimeout + timing.settle()).count()));
    QElapsedTimer clock;
    clock.start();
    run.first = sampleStore(cluster);
    QThread::msleep(static_cast<unsigned long>(windowMs));
    run.last = sampleStore(cluster);
    run.elapsedMs = clock.elapsed();
    const QString error = run.first.error.isEmpty() ? run.last.error : run.first.error;
    if (!error.isEmpty())
        run.failure = QStringLiteral("%1: %2").arg(name, error);
    const hacmp::test::AppLedger verdict = cluster.rig.ledger();
    run.instances = verdict.instances.size();
    run.unsafe = (verdict.conflicts + QStringList { verdict.overlap() }).join(u'\n').trimmed();
    if (!run.unsafe.isEmpty())
        run.failure += u'\n' + cluster.rig.logs();
    return run;
}

/// Work running in a thread of its own from the start of the test case on.
template <typename Result> struct Background
{
    std::unique_ptr<Result> result = std::make_unique<Result>();
    std::unique_ptr<QThread> thread;
};

template <typename Result, typename Work> Background<Result> inBackground(Work work)
{
    Background<Result> background;
    background.thread.reset(QThread::create([out = background.result.get(), work] { *out = work(); }));
    background.thread->start();
    return background;
}

/// A profile's failover clusters.
struct FailoverRuns
{
    Profile profile;
    int trialsPerCluster = 1;
    std::vector<Background<ClusterRun>> clusters;
    /// How long its threads can take at most: every wait of a trial has a deadline.
    qint64 boundMs() const
    {
        return (3LL * trialsPerCluster + 3) * (2 * profile.timing.failoverBound().count() + 15000);
    }
};

QString perHour(double bytesPerSecond)
{
    return QStringLiteral("%1 MB/h").arg(bytesPerSecond * 3600.0 / 1e6, 0, 'f', 1);
}

} // namespace

class TestEtcdBench final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void failover_data();
    void failover();
    void idle_data();
    void idle();
    void cleanupTestCase();

private:
    void measureCallLatency();

    QElapsedTimer m_wall;
    qint64 m_idleWindowMs = 0;
    std::vector<FailoverRuns> m_failovers;
    std::vector<Background<IdleRun>> m_idle;
    QStringList m_rows;
};

void TestEtcdBench::initTestCase()
{
    m_wall.start();
    for (const QString &program :
        { AgentRig::agentPath(), AgentRig::guardPath(), AgentRig::testAppPath(), hacmp::test::ctlPath() })
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QStringLiteral(" is not built")));
    const QString missing = EtcdProcess::skipReason();
    if (!missing.isEmpty())
        HACMP_MISSING_PREREQUISITE(missing);
    measureCallLatency();
    if (QTest::currentTestFailed())
        return;

    const int trials = environmentNumber("HACMP_BENCH_TRIALS", 4);
    m_idleWindowMs = 1000LL * environmentNumber("HACMP_BENCH_IDLE_S", 60);
    for (const Profile &profile : kProfiles) {
        // A default trial takes about 20 s, a fast one about 8 s. At most 6 failover clusters (and the two idle
        // ones) at once: with more, etcd members with the fast raft timings (30 ms heartbeats) on a loaded
        // 2-core machine change leaders often enough to hold up a trial.
        const int perCluster = profile.timing.interval >= Millis(1000) ? 3 : 6;
        const int clusters
            = std::min(profile.timing.interval >= Millis(1000) ? 4 : 2, (trials + perCluster - 1) / perCluster);
        FailoverRuns runs { profile, (trials + clusters - 1) / clusters, {} };
        for (int cluster = 0; cluster < clusters; ++cluster) {
            const QString name = QStringLiteral("failover %1 #%2").arg(profile.name).arg(cluster + 1);
            runs.clusters.push_back(inBackground<ClusterRun>(
                [profile, name, count = runs.trialsPerCluster] { return runFailovers(profile, count, name); }));
        }
        m_failovers.push_back(std::move(runs));
    }
    for (const Profile &profile : kProfiles) {
        const QString name = QStringLiteral("idle %1").arg(profile.name);
        m_idle.push_back(
            inBackground<IdleRun>([profile, name, window = m_idleWindowMs] { return runIdle(profile, window, name); }));
    }
}

/// One EtcdClient call (a linearizable read of one key on a one-member cluster, over http and over https
/// with client certificates) over the client's kept connection, and over a new connection as every call
/// made before the client kept them (a new client per call; only the call is timed).
void TestEtcdBench::measureCallLatency()
{
    for (const bool tls : { false, true }) {
        if (!EtcdProcess::skipReason(tls).isEmpty()) {
            qInfo("call latency over https not measured: %s", qPrintable(EtcdProcess::skipReason(tls)));
            continue;
        }
        EtcdProcess etcd(1, tls);
        const Status started = etcd.start();
        QVERIFY2(started.ok(), qPrintable(started.error()));
        EtcdClientConfig config;
        config.endpoints = etcd.endpoints();
        if (tls) {
            config.caFile = etcd.caFile();
            config.certFile = etcd.clientCertFile();
            config.keyFile = etcd.clientKeyFile();
        }
        const auto timedGet = [](EtcdClient &client, QList<qint64> &micros) {
            QElapsedTimer clock;
            clock.start();
            const bool ok = client.get(QByteArrayLiteral("/latency/key")).ok();
            micros << clock.nsecsElapsed() / 1000;
            return ok;
        };
        Result<std::unique_ptr<EtcdClient>> kept = EtcdClient::create(config);
        QVERIFY(kept.ok());
        QVERIFY((*kept)->put(QByteArrayLiteral("/latency/key"), QByteArray(100, 'x')).ok());
        QList<qint64> keptMicros;
        for (int i = 0; i < 200; ++i)
            QVERIFY(timedGet(**kept, keptMicros));
        QList<qint64> newMicros;
        for (int i = 0; i < 50; ++i) {
            Result<std::unique_ptr<EtcdClient>> fresh = EtcdClient::create(config);
            QVERIFY(fresh.ok());
            QVERIFY(timedGet(**fresh, newMicros));
        }
        m_rows << QStringLiteral("EtcdClient call latency, one-member etcd on loopback, %1: kept connection median "
                                 "%2 ms, p90 %3 ms (200 calls); a new connection per call (as before) median %4 ms, "
                                 "p90 %5 ms (50 calls)")
                      .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
                      .arg(median(keptMicros) / 1000.0, 0, 'f', 2)
                      .arg(double(hacmp::test::percentile(keptMicros, 90)) / 1000.0, 0, 'f', 2)
                      .arg(median(newMicros) / 1000.0, 0, 'f', 2)
                      .arg(double(hacmp::test::percentile(newMicros, 90)) / 1000.0, 0, 'f', 2);
        qInfo("%s", qPrintable(m_rows.last()));
    }
}

void TestEtcdBench::failover_data()
{
    QTest::addColumn<int>("index");
    for (qsizetype i = 0; i < qsizetype(m_failovers.size()); ++i)
        QTest::addRow("SIGKILL of the master's agent, %s timings", qPrintable(m_failovers[size_t(i)].profile.name))
            << int(i);
}

void TestEtcdBench::failover()
{
    QFETCH(int, index);
    FailoverRuns &runs = m_failovers[size_t(index)];
    for (const Background<ClusterRun> &cluster : runs.clusters)
        QVERIFY2(
            cluster.thread->wait(QDeadlineTimer(runs.boundMs())), "a cluster's trials did not end within their bound");
    QList<qint64> latencies;
    QList<qint64> downtimes;
    QStringList failures;
    for (const Background<ClusterRun> &cluster : runs.clusters) {
        for (const Trial &trial : cluster.result->trials) {
            latencies << trial.latency;
            downtimes << trial.downtime;
        }
        if (!cluster.result->unsafe.isEmpty())
            failures << QStringLiteral("UNSAFE: ") + cluster.result->unsafe + u'\n' + cluster.result->failure;
        else if (!cluster.result->failure.isEmpty())
            failures << cluster.result->failure;
    }
    const Timing &timing = runs.profile.timing;
    const qint64 medianTarget = hacmp::test::medianFailoverTarget(timing);
    const qint64 maxTarget = timing.failoverBound().count();
    if (!latencies.isEmpty()) {
        const bool met = median(latencies) <= double(medianTarget)
            && *std::max_element(latencies.begin(), latencies.end()) <= maxTarget;
        m_rows << hacmp::test::timeRow(QStringLiteral("etcd failover SIGKILL: signal -> START"), runs.profile.name,
            latencies,
            QStringLiteral("median <= %1, max <= %2")
                .arg(hacmp::test::seconds(double(medianTarget)), hacmp::test::seconds(double(maxTarget))),
            hacmp::test::yesNo(met));
        qInfo("%s", qPrintable(m_rows.last()));
        m_rows << hacmp::test::timeRow(QStringLiteral("etcd failover SIGKILL: downtime"), runs.profile.name, downtimes,
            QStringLiteral("-"), QStringLiteral("-"));
        qInfo("%s", qPrintable(m_rows.last()));
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QStringLiteral("\n\n"))));
    QCOMPARE(latencies.size(), qsizetype(runs.clusters.size()) * runs.trialsPerCluster);
}

void TestEtcdBench::idle_data()
{
    QTest::addColumn<int>("index");
    for (qsizetype i = 0; i < qsizetype(m_idle.size()); ++i)
        QTest::addRow("three idle nodes, %s timings", qPrintable(kProfiles[i].name)) << int(i);
}

void TestEtcdBench::idle()
{
    QFETCH(int, index);
    const Background<IdleRun> &background = m_idle[size_t(index)];
    const Profile &profile = kProfiles[index];
    QVERIFY2(
        background.thread->wait(QDeadlineTimer(m_idleWindowMs + 4 * profile.timing.failoverBound().count() + 60000)),
        "the idle measurement did not end within its bound");
    const IdleRun &run = *background.result;
    QVERIFY2(run.unsafe.isEmpty(), qPrintable(QStringLiteral("UNSAFE: ") + run.unsafe + u'\n' + run.failure));
    QVERIFY2(run.failure.isEmpty(), qPrintable(run.failure));
    const double seconds = double(run.elapsedMs) / 1000.0;
    const qint64 requests = run.last.totalRequests() - run.first.totalRequests();
    QStringList methods;
    for (auto it = run.last.requests.cbegin(); it != run.last.requests.cend(); ++it) {
        const qint64 count = it.value() - run.first.requests.value(it.key());
        if (count > 0)
            methods << QStringLiteral("%1 %2").arg(it.key()).arg(double(count) / seconds / run.nodes, 0, 'f', 2);
    }
    const qint64 revisions = run.last.revision - run.first.revision;
    const double revisionRate = double(revisions) / seconds;
    const double fileRate = double(run.last.dbSize - run.first.dbSize) / seconds;
    const double inUseRate = double(run.last.dbSizeInUse - run.first.dbSizeInUse) / seconds;
    const double bytesPerRevision
        = revisions > 0 ? double(run.last.dbSizeInUse - run.first.dbSizeInUse) / revisions : 0;
    const double compactedBound
        = double(run.first.dbSizeInUse) + (kRetainedRevisions + revisionRate * kCompactionPeriodS) * bytesPerRevision;
    m_rows << QStringLiteral("etcd, 3 idle nodes, %1 timings, %2 s: %3 requests per node per second (etcd's "
                             "grpc_server_handled_total of etcdserverpb.KV over the members: %4); %5 revisions/s")
                  .arg(profile.name)
                  .arg(seconds, 0, 'f', 0)
                  .arg(double(requests) / seconds / run.nodes, 0, 'f', 2)
                  .arg(methods.join(QStringLiteral(", ")))
                  .arg(revisionRate, 0, 'f', 2);
    qInfo("%s", qPrintable(m_rows.last()));
    m_rows << QStringLiteral("  database (greatest member): file %1 -> %2 bytes (%3), in use %4 -> %5 bytes (%6), "
                             "%7 bytes per revision; with compaction (revision, retention %8, every %9 s) its use "
                             "would stay below about %10 MB (computed)")
                  .arg(run.first.dbSize)
                  .arg(run.last.dbSize)
                  .arg(perHour(fileRate))
                  .arg(run.first.dbSizeInUse)
                  .arg(run.last.dbSizeInUse)
                  .arg(perHour(inUseRate))
                  .arg(bytesPerRevision, 0, 'f', 0)
                  .arg(kRetainedRevisions)
                  .arg(kCompactionPeriodS)
                  .arg(compactedBound / 1e6, 0, 'f', 1);
    qInfo("%s", qPrintable(m_rows.last()));
    if (run.instances != 1)
        qInfo("  note: %lld instances in the ledgers during the idle run (a failover while idle)",
            qlonglong(run.instances));
}

void TestEtcdBench::cleanupTestCase()
{
    for (const FailoverRuns &runs : m_failovers) {
        for (const Background<ClusterRun> &cluster : runs.clusters)
            cluster.thread->wait(QDeadlineTimer(runs.boundMs()));
    }
    for (const Background<IdleRun> &background : m_idle)
        background.thread->wait(QDeadlineTimer(m_idleWindowMs + 180000));
    qInfo("summary of the etcd benchmarks (times from the applications' ledgers)");
    qInfo("%s", qPrintable(hacmp::test::timeHeader()));
    for (const QString &line : std::as_const(m_rows))
        qInfo("%s", qPrintable(line));
    qInfo("%s",
        qPrintable(QStringLiteral("%1 %2 %3  %4")
                       .arg(QStringLiteral("Patroni on etcd, its defaults"), -34)
                       .arg(QStringLiteral("ttl 30 s, loop_wait 10 s, retry_timeout 10 s"), -44)
                       .arg(QStringLiteral("~20-30 s"), 9)
                       .arg(QStringLiteral("documented, not measured; no fencing token, no stated bound"))));
    qInfo("%s",
        qPrintable(QStringLiteral("%1 %2 %3  %4")
                       .arg(QStringLiteral("Kubernetes leader election"), -34)
                       .arg(QStringLiteral("lease 15 s, renew deadline 10 s, retry 2 s"), -44)
                       .arg(QStringLiteral("~15-17 s"), 9)
                       .arg(QStringLiteral("from its defaults, not measured; no guarantee of a single leader"))));
    qInfo("wall time of the etcd benchmarks: %.1f s", double(m_wall.elapsed()) / 1000.0);
}

QTEST_GUILESS_MAIN(TestEtcdBench)
#include "tst_etcdbench.moc"
