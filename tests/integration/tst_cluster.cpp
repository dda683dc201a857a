// Real hacmp-agent processes, one per node, on one machine: each with its real hacmp-guard and the real
// hacmp-testapp as the application, a cluster directory made by hacmpctl init's code, and fast timings.
// The applications' ledgers are the oracle (protocol.md S1): no CONFLICT line (the testapp's flock
// caught a second instance) and no overlap between one instance's START and another's last line.

#include "clusteridentity.h"
#include "controlfiles.h"
#include "fsclusterdirectory.h"
#include "notifysocket.h"
#include "timing.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <ctime>
#include <map>
#include <memory>
#include <unistd.h>

using namespace hacmp;
using hacmp::test::NotifySocket;

namespace {

const QString kAgentPath = QStringLiteral(HACMP_BIN_DIR "/hacmp-agent");
const QString kGuardPath = QStringLiteral(HACMP_BIN_DIR "/hacmp-guard");
const QString kTestAppPath = QStringLiteral(HACMP_BIN_DIR "/hacmp-testapp");
const QString kClusterName = QStringLiteral("itest");

/// The timings of the test cluster (checked against T1/T2 in initTestCase).
Timing testTiming()
{
    Timing timing;
    timing.interval = Millis(100);
    timing.ioTimeout = Millis(200);
    timing.failoverTimeout = Millis(1000);
    timing.renewLimit = Millis(500);
    timing.stopGrace = Millis(200);
    return timing;
}

/// CLOCK_MONOTONIC in ms, the clock of the ledgers.
qint64 nowMs()
{
    timespec now {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

/// Whether pid has ended: gone, or a zombie that nobody reaps (PID 1 here may not reap).
bool processGone(qint64 pid)
{
    if (::kill(pid_t(pid), 0) != 0)
        return errno == ESRCH;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    return text.mid(text.lastIndexOf(')') + 2, 1) == "Z";
}

/// One run of the application, from the ledgers.
struct Instance
{
    qint64 pid = 0;
    QString node;
    quint64 epoch = 0;
    qint64 start = 0;
    qint64 last = 0; ///< its last line (START, ALIVE or STOP)
    bool stopped = false; ///< it wrote STOP (it was asked to stop with SIGTERM)
};

struct Ledger
{
    QList<Instance> instances; ///< in start order
    QStringList conflicts;

    /// Instances that have written a line within the last 400 ms and not STOP.
    QList<Instance> running() const
    {
        QList<Instance> found;
        const qint64 now = nowMs();
        for (const Instance &instance : instances) {
            if (!instance.stopped && instance.last >= now - 400)
                found.append(instance);
        }
        return found;
    }
    QList<Instance> on(const QString &node) const
    {
        QList<Instance> found;
        for (const Instance &instance : instances) {
            if (instance.node == node)
                found.append(instance);
        }
        return found;
    }
    /// Empty when every instance started after the last line of every earlier one.
    QString overlap() const
    {
        for (qsizetype i = 1; i < instances.size(); ++i) {
            for (qsizetype j = 0; j < i; ++j) {
                if (instances[i].start <= instances[j].last)
                    return QStringLiteral("instance %1 on %2 started at %3, but %4 on %5 was alive until %6")
                        .arg(instances[i].pid)
                        .arg(instances[i].node)
                        .arg(instances[i].start)
                        .arg(instances[j].pid)
                        .arg(instances[j].node)
                        .arg(instances[j].last);
            }
        }
        return {};
    }
};

/// A local cluster: the shared directory, and per agent a configuration, a state directory, a ledger
/// and a log. Everything it started is killed (by pid) when it goes.
class Rig final
{
public:
    Rig()
    {
        m_cluster = m_temp.path() + QStringLiteral("/cluster");
        QDir().mkpath(m_cluster);
        const Status made = initClusterDirectory(m_cluster, kClusterName);
        if (!made)
            m_error = made.error();
        Result<std::unique_ptr<FsClusterDirectory>> opened = openCluster(m_cluster, kClusterName);
        if (opened)
            m_directory = std::move(opened).value();
        else
            m_error = opened.error();
    }

    ~Rig()
    {
        QList<qint64> pids;
        for (auto &[label, agent] : m_agents) {
            if (agent->state() != QProcess::NotRunning) {
                ::kill(pid_t(agent->processId()), SIGCONT);
                agent->kill();
                agent->waitForFinished(2000);
            }
        }
        static const QRegularExpression guardPid(QStringLiteral("started the guard .* \\(pid (\\d+)\\)"));
        for (const QString &label : std::as_const(m_labels)) {
            QRegularExpressionMatchIterator it = guardPid.globalMatch(log(label));
            while (it.hasNext())
                pids << it.next().captured(1).toLongLong();
        }
        for (const Instance &instance : ledger().instances)
            pids << instance.pid;
        for (const qint64 pid : std::as_const(pids))
            ::kill(pid_t(pid), SIGKILL);
        for (int i = 0; i < 100 && !std::all_of(pids.cbegin(), pids.cend(), processGone); ++i)
            QTest::qWait(20);
    }

    Q_DISABLE_COPY_MOVE(Rig)

    const QString &error() const { return m_error; }
    QString cluster() const { return m_cluster; }
    FsClusterDirectory &directory() { return *m_directory; }
    ControlFiles controls() { return ControlFiles(*m_directory); }

    /// An agent labelled label (its node name unless node is given) with these application arguments
    /// and configuration lines.
    void addNode(const QString &label, const QString &appArguments = {}, const QString &extraConfig = {},
        const QString &node = {})
    {
        m_labels << label;
        const Timing timing = testTiming();
        const auto ms = [](Millis value) { return QStringLiteral("%1ms").arg(value.count()); };
        QString text;
        text += QStringLiteral("[cluster]\ndirectory = %1\nname = %2\n").arg(m_cluster, kClusterName);
        text += QStringLiteral("[node]\nname = %1\nstate_directory = %2\n")
                    .arg(node.isEmpty() ? label : node, path(QStringLiteral("state-") + label));
        text += QStringLiteral("[timing]\ninterval = %1\nio_timeout = %2\nfailover_timeout = %3\nrenew_limit = "
                               "%4\nstop_grace = %5\n")
                    .arg(ms(timing.interval), ms(timing.ioTimeout), ms(timing.failoverTimeout), ms(timing.renewLimit),
                        ms(timing.stopGrace));
        text += QStringLiteral("[application]\nstart = %1 --lock %2 --ledger %3 %4\n")
                    .arg(kTestAppPath, path(QStringLiteral("lock")), path(QStringLiteral("ledger-") + label),
                        appArguments);
        text += extraConfig;
        QFile config(configPath(label));
        if (!config.open(QIODevice::WriteOnly) || config.write(text.toUtf8()) < 0)
            m_error = QStringLiteral("cannot write ") + config.fileName();
    }

    /// Starts label's agent with extra environment variables; with hostIdFile, in a mount namespace
    /// where that file is /etc/machine-id (as if on another host).
    bool start(const QString &label, const QStringList &environment = {}, const QString &hostIdFile = {})
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
        for (const QString &entry : environment)
            variables.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
        process->setProcessEnvironment(variables);
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->setStandardOutputFile(logPath(label), QIODevice::Append);
        const QStringList agent { kAgentPath, QStringLiteral("--config"), configPath(label) };
        if (hostIdFile.isEmpty()) {
            process->setProgram(agent.first());
            process->setArguments(agent.mid(1));
        } else {
            process->setProgram(QStringLiteral("unshare"));
            process->setArguments(QStringList { QStringLiteral("--mount"), QStringLiteral("--propagation"),
                                      QStringLiteral("private"), QStringLiteral("sh"), QStringLiteral("-c"),
                                      QStringLiteral("mount --bind \"$0\" /etc/machine-id && exec \"$@\""), hostIdFile }
                + agent);
        }
        process->start();
        const bool started = process->waitForStarted(5000);
        m_agents[label] = std::move(process);
        return started;
    }

    /// Replaces text in label's configuration file.
    void editConfig(const QString &label, const QString &from, const QString &to)
    {
        QFile config(configPath(label));
        QVERIFY(config.open(QIODevice::ReadWrite));
        const QString text = QString::fromUtf8(config.readAll());
        QVERIFY(text.contains(from));
        config.resize(0);
        config.write(QString(text).replace(from, to).toUtf8());
    }
    QString configPath(const QString &label) const { return path(label + QStringLiteral(".conf")); }

    void signal(const QString &label, int number) { ::kill(pid_t(m_agents.at(label)->processId()), number); }
    /// Whether label's agent has exited (waiting up to ms).
    bool finished(const QString &label, int ms)
    {
        QProcess &process = *m_agents.at(label);
        return process.state() == QProcess::NotRunning || process.waitForFinished(ms);
    }
    QProcess &agent(const QString &label) { return *m_agents.at(label); }

    Ledger ledger() const
    {
        Ledger ledger;
        std::map<qint64, Instance> byPid;
        for (const QString &label : m_labels) {
            QFile file(path(QStringLiteral("ledger-") + label));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray &line : file.readAll().split('\n')) {
                const QList<QByteArray> words = line.split(' ');
                if (words.first() == "CONFLICT") {
                    ledger.conflicts << QString::fromUtf8(line);
                    continue;
                }
                if (words.size() < 3)
                    continue;
                Instance &instance = byPid[words[1].toLongLong()];
                instance.pid = words[1].toLongLong();
                const qint64 at = words.last().toLongLong();
                instance.last = std::max(instance.last, at);
                if (words.first() == "START" && words.size() == 5) {
                    instance.epoch = words[2].toULongLong();
                    instance.node = QString::fromUtf8(words[3]);
                    instance.start = at;
                }
                instance.stopped |= words.first() == "STOP";
            }
        }
        for (const auto &[pid, instance] : byPid) {
            if (instance.start > 0)
                ledger.instances.append(instance);
        }
        std::sort(ledger.instances.begin(), ledger.instances.end(),
            [](const Instance &x, const Instance &y) { return x.start < y.start; });
        return ledger;
    }

    QString log(const QString &label) const
    {
        QFile file(logPath(label));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }
    QString logs() const
    {
        QString all;
        for (const QString &label : m_labels)
            all += QStringLiteral("---- %1\n%2").arg(label, log(label).right(6000));
        return all;
    }
    QString path(const QString &name) const { return m_temp.path() + QLatin1Char('/') + name; }

private:
    QString logPath(const QString &label) const { return path(label + QStringLiteral(".log")); }

    QTemporaryDir m_temp;
    QString m_cluster;
    QString m_error;
    std::unique_ptr<FsClusterDirectory> m_directory;
    QStringList m_labels;
    std::map<QString, std::unique_ptr<QProcess>> m_agents;
};

/// Fails the calling test with the ledgers' verdict and the agents' logs.
#define VERIFY_SAFE(rig)                                                                                               \
    do {                                                                                                               \
        const Ledger verdict = (rig).ledger();                                                                         \
        QVERIFY2(verdict.conflicts.isEmpty(), qPrintable(verdict.conflicts.join(u'\n') + (rig).logs()));               \
        QVERIFY2(verdict.overlap().isEmpty(), qPrintable(verdict.overlap() + u'\n' + (rig).logs()));                   \
    } while (false)

/// Waits until exactly one instance runs, and returns it.
#define WAIT_FOR_ONE_RUNNING(rig, instance, timeoutMs)                                                                 \
    QTRY_VERIFY2_WITH_TIMEOUT((rig).ledger().running().size() == 1, qPrintable((rig).logs()), timeoutMs);              \
    const Instance instance = (rig).ledger().running().first()

} // namespace

class TestCluster final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void simultaneousStartRunsOneInstance();
    void killedMasterAgentFailsOver();
    void frozenMasterAgentIsFencedBeforeTakeover();
    void cleanStopHandsOver();
    void maintenanceFreezesRoles();
    void switchoverMovesTheApplication();
    void crashingApplicationRestartsThenFailsOver();
    void garbageIsIgnored();
    void restartedAgentKeepsTheApplication();
    void duplicateNodeNameNeverRunsTwo();
    void systemdNotificationAndReload();
    void checkConfigGivesAVerdict();
};

void TestCluster::initTestCase()
{
    for (const QString &program : { kAgentPath, kGuardPath, kTestAppPath })
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QStringLiteral(" is not built")));
    const Status valid = testTiming().validate();
    QVERIFY2(valid, qPrintable(valid.error()));
}

void TestCluster::simultaneousStartRunsOneInstance()
{
    Rig rig;
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
    Rig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a"));
    rig.addNode(QStringLiteral("b"));
    QVERIFY(rig.start(QStringLiteral("a")));
    QVERIFY(rig.start(QStringLiteral("b")));
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

void TestCluster::frozenMasterAgentIsFencedBeforeTakeover()
{
    Rig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a"));
    rig.addNode(QStringLiteral("b"));
    QVERIFY(rig.start(QStringLiteral("a")));
    QVERIFY(rig.start(QStringLiteral("b")));
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
    Rig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a"));
    rig.addNode(QStringLiteral("b"));
    QVERIFY(rig.start(QStringLiteral("a")));
    QVERIFY(rig.start(QStringLiteral("b")));
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
    Rig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a"));
    rig.addNode(QStringLiteral("b"));
    QVERIFY(rig.start(QStringLiteral("a")));
    QVERIFY(rig.start(QStringLiteral("b")));
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
    Rig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a"));
    rig.addNode(QStringLiteral("b"));
    QVERIFY(rig.start(QStringLiteral("a")));
    QVERIFY(rig.start(QStringLiteral("b")));
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
    Rig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(
        QStringLiteral("a"), QStringLiteral("--exit-after 400 --exit-code 1"), QStringLiteral("restart_limit = 2\n"));
    rig.addNode(QStringLiteral("b"));
    QVERIFY(rig.start(QStringLiteral("a")));
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(QStringLiteral("a")).isEmpty(), qPrintable(rig.logs()), 10000);
    QVERIFY(rig.start(QStringLiteral("b")));
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(QStringLiteral("b")).isEmpty(), qPrintable(rig.logs()), 10000);
    const Ledger ledger = rig.ledger();
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
    Rig rig;
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
    Rig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a"));
    rig.addNode(QStringLiteral("b"));
    QVERIFY(rig.start(QStringLiteral("a")));
    QVERIFY(rig.start(QStringLiteral("b")));
    WAIT_FOR_ONE_RUNNING(rig, running, 10000);
    QTest::qWait(300);
    // An upgrade: the agent goes away without a clean stop and its successor starts at once (W5).
    rig.signal(running.node, SIGKILL);
    QVERIFY(rig.finished(running.node, 2000));
    QVERIFY(rig.start(running.node));
    QTRY_VERIFY2_WITH_TIMEOUT(
        rig.log(running.node).contains(QLatin1String("re-attached")), qPrintable(rig.logs()), 3000);
    QTest::qWait(2000);
    const Ledger ledger = rig.ledger();
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
        QSKIP("needs root: the second agent of node a gets its own /etc/machine-id in a mount namespace");
    if (QProcess::execute(QStringLiteral("unshare"), { QStringLiteral("--mount"), QStringLiteral("true") }) != 0)
        QSKIP("mount namespaces (unshare --mount) are not available here");
    Rig rig;
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

void TestCluster::systemdNotificationAndReload()
{
    Rig rig;
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
    Rig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    rig.addNode(QStringLiteral("a"));
    QProcess check;
    check.start(kAgentPath,
        { QStringLiteral("--config"), rig.configPath(QStringLiteral("a")), QStringLiteral("--check-config") });
    QVERIFY(check.waitForFinished(10000));
    QCOMPARE(check.exitCode(), 0);
    QVERIFY(check.readAllStandardOutput().contains("valid"));
    rig.editConfig(QStringLiteral("a"), QStringLiteral("renew_limit = 500ms"), QStringLiteral("renew_limit = 5s"));
    check.start(kAgentPath,
        { QStringLiteral("--config"), rig.configPath(QStringLiteral("a")), QStringLiteral("--check-config") });
    QVERIFY(check.waitForFinished(10000));
    QCOMPARE(check.exitCode(), 1);
    const QByteArray errors = check.readAllStandardError();
    QVERIFY2(errors.contains("T2"), errors.constData()); // the message names the broken rule
    // the same verdict refuses to start
    check.start(kAgentPath, { QStringLiteral("--config"), rig.configPath(QStringLiteral("a")) });
    QVERIFY(check.waitForFinished(10000));
    QCOMPARE(check.exitCode(), 1);
}

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
