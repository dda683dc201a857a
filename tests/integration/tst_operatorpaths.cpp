// Real hacmp-agent processes on the paths an operator takes: an agent stopped or restarted while the
// cluster is in maintenance (issue 16, docs/protocol.md W5), a restart in place (SIGUSR2), an instance of the
// application started by hand on the master's host (issue 15), and one power loss after another
// (issue 11: epochs are never reused). Each agent runs on a host of its own on this machine: a PID
// namespace with its own /proc and /etc/machine-id, so that an agent's search for instances outside its
// guard sees the processes of its own host only, as on real machines, and a power loss ends an agent,
// its guard and its application at once. The applications' ledgers are the oracle (docs/protocol.md S1): no
// CONFLICT line and no overlap between one instance's START and another's last line.

#include "shared/config/commandline.h"
#include "shared/history/historyevent.h"
#include "shared/history/historyreader.h"
#include "shared/protocol/heartbeatrecord.h"
#include "shared/protocol/recordcodec.h"
#include "shared/protocol/timing.h"
#include "shared/storage/controlfiles.h"
#include "tests/support/agentrig.h"
#include "tests/support/ctlprocess.h"
#include "tests/support/prerequisite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <map>
#include <memory>
#include <optional>
#include <sys/prctl.h>
#include <unistd.h>

using namespace hacmp;

namespace {

using hacmp::test::AgentRig;
using hacmp::test::AppLedger;
using hacmp::test::CtlProcess;
using hacmp::test::Instance;

qint64 nowMs()
{
    return hacmp::test::monotonicNowMs();
}

QString ctlPath()
{
    return QStringLiteral(HACMP_BIN_DIR "/hacmpctl");
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

/// The children of pid (from /proc/PID/task/PID/children).
QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> children;
    const QStringList words
        = readText(QStringLiteral("/proc/%1/task/%1/children").arg(pid)).split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words)
        children.append(word.toLongLong());
    return children;
}

/// The first child of pid, waiting up to ms for it; 0 when there is none.
qint64 waitForChild(qint64 pid, int ms)
{
    for (int waited = 0; waited <= ms; waited += 10) {
        if (const QList<qint64> children = childrenOf(pid); !children.isEmpty())
            return children.first();
        QTest::qWait(10);
    }
    return 0;
}

/// The PID namespace of pid ("pid:[4026531836]"), or an empty string.
QByteArray namespaceOf(qint64 pid)
{
    char target[64] = {};
    const QByteArray link = QFile::encodeName(QStringLiteral("/proc/%1/ns/pid").arg(pid));
    const ssize_t size = ::readlink(link.constData(), target, sizeof target - 1);
    return size > 0 ? QByteArray(target, size) : QByteArray();
}

/// A host of its own on this machine: a PID namespace whose init (sh, which also reaps the guards that
/// agents leave to it) runs under `unshare --kill-child`, with a mount namespace where /proc shows that
/// PID namespace and /etc/machine-id is the host's own. Its processes' pids start above a base of their
/// own, so that the ledger lines of instances on different hosts never share a pid. Agents and commands
/// enter it with nsenter. SIGKILL of its init ends every process of the host at once: a power loss.
class Host final
{
public:
    Host(const QString &machineIdFile, int pidBase)
    {
        m_unshare.setProcessChannelMode(QProcess::MergedChannels);
        m_unshare.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        // $0 machine-id file, $1 pid base
        m_unshare.start(QStringLiteral("unshare"),
            { QStringLiteral("--pid"), QStringLiteral("--fork"), QStringLiteral("--kill-child=SIGKILL"),
                QStringLiteral("--mount"), QStringLiteral("--propagation"), QStringLiteral("private"),
                QStringLiteral("--mount-proc"), QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral("echo \"$1\" > /proc/sys/kernel/ns_last_pid || exit 103\n"
                               "mount --bind \"$0\" /etc/machine-id || exit 102\n"
                               "echo ready\n"
                               "while :; do sleep 3600; done\n"),
                machineIdFile, QString::number(pidBase) });
        if (!m_unshare.waitForStarted(5000)) {
            m_error = QStringLiteral("cannot start unshare: ") + m_unshare.errorString();
            return;
        }
        while (!m_unshare.canReadLine() && m_unshare.waitForReadyRead(5000)) { }
        const QByteArray line = m_unshare.readLine().trimmed();
        m_init = waitForChild(m_unshare.processId(), 2000);
        if (line != "ready" || m_init <= 0)
            m_error = QStringLiteral("the host's init did not start: %1 %2")
                          .arg(QString::fromUtf8(line), QString::fromUtf8(m_unshare.readAll()));
    }
    ~Host() { powerOff(); }
    Q_DISABLE_COPY_MOVE(Host)

    /// Why hosts of their own cannot be made here, or an empty string.
    static QString skipReason()
    {
        if (::geteuid() != 0)
            return QStringLiteral("needs root: each agent runs on a host of its own (PID and mount namespaces)");
        for (const char *tool : { "unshare", "nsenter", "mount", "sh" }) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                return QStringLiteral("%1 is not installed (util-linux)").arg(QString::fromLatin1(tool));
        }
        if (!QFileInfo::exists(QStringLiteral("/proc/self/task/%1/children").arg(::getpid())))
            return QStringLiteral("/proc/PID/task/TID/children is missing (kernel without CONFIG_PROC_CHILDREN)");
        const int probe = QProcess::execute(QStringLiteral("unshare"),
            { QStringLiteral("--pid"), QStringLiteral("--fork"), QStringLiteral("--mount-proc"), QStringLiteral("sh"),
                QStringLiteral("-c"), QStringLiteral("echo 1000 > /proc/sys/kernel/ns_last_pid") });
        if (probe != 0)
            return QStringLiteral("PID and mount namespaces (unshare --pid --fork --mount-proc, with a writable "
                                  "ns_last_pid) are not available here");
        return QString();
    }

    QString error() const { return m_error; }
    /// The command line that runs a command on this host (AgentRig::start's wrapper).
    QStringList enter() const
    {
        return { QStringLiteral("nsenter"), QStringLiteral("--target"), QString::number(m_init),
            QStringLiteral("--pid"), QStringLiteral("--mount"), QStringLiteral("--") };
    }
    /// The pid on this machine of the process that is pid on the host.
    qint64 machinePid(qint64 pid) const
    {
        if (m_init <= 0)
            return 0;
        const QByteArray ns = namespaceOf(m_init);
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &entry : entries) {
            bool numeric = false;
            const qint64 candidate = entry.toLongLong(&numeric);
            if (!numeric || namespaceOf(candidate) != ns)
                continue;
            static const QRegularExpression nspid(
                QStringLiteral("^NSpid:\\s*(.*)$"), QRegularExpression::MultilineOption);
            const QStringList pids = nspid.match(readText(QStringLiteral("/proc/%1/status").arg(candidate)))
                                         .captured(1)
                                         .split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
            if (!pids.isEmpty() && pids.last().toLongLong() == pid)
                return candidate;
        }
        return 0;
    }
    /// Every process of the host ends at once.
    void powerOff()
    {
        if (m_init > 0)
            ::kill(pid_t(m_init), SIGKILL);
        m_init = 0;
        if (m_unshare.state() != QProcess::NotRunning && !m_unshare.waitForFinished(5000)) {
            m_unshare.kill();
            m_unshare.waitForFinished(5000);
        }
    }

private:
    QProcess m_unshare;
    qint64 m_init = 0;
    QString m_error;
};

/// The hosts of a rig's nodes. Declare it after the rig: it goes first, powers every host off, and then
/// empties the rig's ledgers and logs, because their pids are pids of the hosts' namespaces and the rig's
/// destructor kills the pids it finds there (here they would be pids of unrelated processes). When the
/// test failed (or HACMP_KEEP_EVIDENCE is set), it keeps a copy of them and of the history first and says where.
class Hosts final
{
public:
    explicit Hosts(AgentRig &rig)
        : m_rig(rig)
    { }
    ~Hosts()
    {
        m_hosts.clear(); // powers off
        if (QTest::currentTestFailed() || qEnvironmentVariableIsSet("HACMP_KEEP_EVIDENCE"))
            keepEvidence();
        for (const QString &label : std::as_const(m_labels)) {
            QFile::remove(m_rig.path(QStringLiteral("ledger-") + label));
            QFile::remove(m_rig.path(label + QStringLiteral(".log")));
        }
    }
    Q_DISABLE_COPY_MOVE(Hosts)

    /// Adds label's node to the rig. Its application is the rig's own copy of hacmp-testapp: agents of other
    /// tests running at the same time in this machine's PID namespace see every process of the hosts
    /// (namespaces below theirs), and must not take an instance started by hand here for one of their own.
    void addNode(const QString &label) { m_rig.addNode(label); }
    /// Powers label's host on (a new PID namespace; its machine-id stays the same across power cycles).
    QString powerOn(const QString &label)
    {
        static int generation = 0; // pids of every host of this test run start above a base of their own
        const int base = 2000 + 1000 * (generation++ % 28);
        if (!m_labels.contains(label))
            m_labels << label;
        auto host = std::make_unique<Host>(m_rig.ownHostId(label), base);
        const QString error = host->error();
        m_hosts[label] = std::move(host);
        return error;
    }
    /// Powers label's host on and starts its agent there.
    bool boot(const QString &label)
    {
        const QString error = powerOn(label);
        if (!error.isEmpty()) {
            qWarning("host %s: %s", qPrintable(label), qPrintable(error));
            return false;
        }
        return startAgent(label);
    }
    bool startAgent(const QString &label) { return m_rig.start(label, {}, {}, host(label).enter()); }
    Host &host(const QString &label) { return *m_hosts.at(label); }
    void powerOff(const QString &label) { host(label).powerOff(); }
    /// The pid on this machine of label's agent (the child of its nsenter), 0 when it is not there.
    qint64 agentPid(const QString &label) { return waitForChild(m_rig.agent(label).processId(), 3000); }

private:
    void keepEvidence()
    {
        QTemporaryDir kept(QDir::tempPath() + QStringLiteral("/tst_operatorpaths-XXXXXX"));
        kept.setAutoRemove(false);
        QStringList names;
        for (const QString &label : std::as_const(m_labels))
            names << QStringLiteral("ledger-") + label << label + QStringLiteral(".log");
        for (const QString &name : std::as_const(names))
            QFile::copy(m_rig.path(name), kept.path() + QLatin1Char('/') + name);
        const QDir history(m_rig.cluster() + QStringLiteral("/history"));
        for (const QString &name : history.entryList(QDir::Files))
            QFile::copy(history.filePath(name), kept.path() + QStringLiteral("/history-") + name);
        qInfo("the ledgers, logs and history of this test are in %s", qPrintable(kept.path()));
    }

    AgentRig &m_rig;
    std::map<QString, std::unique_ptr<Host>> m_hosts;
    QStringList m_labels;
};

/// Fails (under CI=true) or skips the test when hosts of their own cannot be made here.
#define REQUIRE_OWN_HOSTS()                                                                                            \
    do {                                                                                                               \
        if (const QString reason = Host::skipReason(); !reason.isEmpty())                                              \
            HACMP_MISSING_PREREQUISITE(reason);                                                                        \
    } while (false)

/// The newest record of node in the shared directory.
std::optional<HeartbeatRecord> recordOf(const AgentRig &rig, const QString &node)
{
    QFile file(rig.cluster() + QStringLiteral("/nodes/") + node + QStringLiteral(".hb"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const RecordDecode decoded = decodeRecordFile(file.read(kRecordFileSize), node);
    if (decoded.kind != RecordKind::Valid)
        return std::nullopt;
    return decoded.record;
}

/// A new agent (not incarnation) of master's node writes that it is master of the same term again, with the
/// same application process running.
bool readopted(const AgentRig &rig, const Instance &master, std::uint64_t incarnation)
{
    const std::optional<HeartbeatRecord> record = recordOf(rig, master.node);
    return record && record->incarnation != incarnation && record->state == Role::Master
        && record->app.state == AppState::Running && record->app.pid == master.pid && record->epoch == master.epoch;
}

bool hasRole(const AgentRig &rig, const QString &node, Role role)
{
    const std::optional<HeartbeatRecord> record = recordOf(rig, node);
    return record && record->state == role;
}

/// The history events named event (about node, when given), in time order.
QList<HistoryEvent> historyOf(AgentRig &rig, const char *event, const QString &node = {})
{
    QList<HistoryEvent> found;
    const Result<HistoryRead> read = HistoryReader().readAll(rig.directory());
    if (!read)
        return found;
    for (const HistoryEvent &line : read->events) {
        if (line.event == QLatin1String(event) && (node.isEmpty() || line.node == node))
            found.append(line);
    }
    return found;
}

QString describe(const QList<HistoryEvent> &events)
{
    QStringList lines;
    for (const HistoryEvent &event : events)
        lines << QStringLiteral("%1 %2 %3: %4").arg(event.time, event.node, event.event, event.detail);
    return lines.join(u'\n');
}

/// The `start =` command line of label's configuration, as the agent reads it.
QStringList startCommand(const AgentRig &rig, const QString &label)
{
    static const QRegularExpression start(QStringLiteral("^start = (.*)$"), QRegularExpression::MultilineOption);
    const Result<QStringList> words = splitCommandLine(start.match(readText(rig.configPath(label))).captured(1));
    return words ? words.value() : QStringList();
}

} // namespace

class TestOperatorPaths final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void maintenanceAgentRestartKeepsTheApplication();
    void maintenanceAgentStoppedTheGuardEndsTheApplication();
    void restartInPlaceKeepsTheApplication();
    void handStartOnTheMasterIsNotDoubled();
    void powerLossDoesNotReuseAnEpoch();

private:
    /// Nodes on hosts of their own: the first one's agent starts first and runs the application (master),
    /// then the others start and become standbys.
    void startCluster(AgentRig &rig, Hosts &hosts, const QStringList &nodes, Instance &master);
    /// Turns maintenance on and waits until every node's agent has reported it.
    void enterMaintenance(AgentRig &rig, const QStringList &nodes);
    /// Adds and boots nodes (the first becomes master), then turns maintenance on and waits until all saw it.
    void startInMaintenance(AgentRig &rig, Hosts &hosts, const QStringList &nodes, Instance &master);
    /// SIGTERM to the master's agent in maintenance: it leaves the application to its guard and exits 0
    /// without a handover. Returns once it exited; stoppedAt: when it got SIGTERM; left: the time left on the
    /// guard as the agent reported it.
    void stopMasterAgentInMaintenance(
        AgentRig &rig, Hosts &hosts, const Instance &master, qint64 &stoppedAt, qint64 &left);
};

void TestOperatorPaths::initTestCase()
{
    for (const QString &program : { AgentRig::agentPath(), AgentRig::guardPath(), AgentRig::testAppPath(), ctlPath() })
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QStringLiteral(" is not built")));
    const Status valid = AgentRig::testTiming().validate();
    QVERIFY2(valid, qPrintable(valid.error()));
}

void TestOperatorPaths::startCluster(AgentRig &rig, Hosts &hosts, const QStringList &nodes, Instance &master)
{
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    QVERIFY(hosts.boot(nodes.first()));
    WAIT_FOR_ONE_RUNNING(rig, running, 10000);
    QCOMPARE(running.node, nodes.first());
    master = running;
    for (const QString &node : nodes.mid(1))
        QVERIFY(hosts.boot(node));
    for (const QString &node : nodes.mid(1))
        QTRY_VERIFY2_WITH_TIMEOUT(hasRole(rig, node, Role::Standby), qPrintable(rig.logs()), 5000);
    QVERIFY2(hasRole(rig, master.node, Role::Master), qPrintable(rig.logs()));
}

void TestOperatorPaths::enterMaintenance(AgentRig &rig, const QStringList &nodes)
{
    QVERIFY(rig.controls().setMaintenance(ControlNote { QStringLiteral("itest"), {}, QStringLiteral("test") }));
    for (const QString &node : nodes)
        QTRY_VERIFY2_WITH_TIMEOUT(
            !historyOf(rig, historyevents::MaintenanceOn, node).isEmpty(), qPrintable(rig.logs()), 3000);
}

void TestOperatorPaths::startInMaintenance(AgentRig &rig, Hosts &hosts, const QStringList &nodes, Instance &master)
{
    for (const QString &node : nodes)
        hosts.addNode(node);
    startCluster(rig, hosts, nodes, master);
    if (QTest::currentTestFailed())
        return;
    enterMaintenance(rig, nodes);
}

void TestOperatorPaths::stopMasterAgentInMaintenance(
    AgentRig &rig, Hosts &hosts, const Instance &master, qint64 &stoppedAt, qint64 &left)
{
    const qint64 agent = hosts.agentPid(master.node);
    QVERIFY(agent > 0);
    stoppedAt = nowMs();
    ::kill(pid_t(agent), SIGTERM);
    QVERIFY2(rig.finished(master.node, 3000), qPrintable(rig.logs()));
    QCOMPARE(rig.agent(master.node).exitStatus(), QProcess::NormalExit);
    QCOMPARE(rig.agent(master.node).exitCode(), 0);
    const AppLedger ledger = rig.ledger();
    QVERIFY2(ledger.running().size() == 1 && ledger.running().first().pid == master.pid,
        "the application did not stay with its guard when its agent stopped in maintenance");
    const QList<HistoryEvent> leftRunning = historyOf(rig, historyevents::AppLeftRunning, master.node);
    QVERIFY2(leftRunning.size() == 1, qPrintable(describe(leftRunning) + rig.logs()));
    const QString detail = leftRunning.first().detail;
    QVERIFY2(detail.startsWith(QStringLiteral("agent stopped in maintenance: application (pid %1) left running under "
                                              "the guard until")
                                   .arg(master.pid)),
        qPrintable(detail));
    static const QRegularExpression remaining(QStringLiteral("\\((\\d+) ms\\)"));
    const QRegularExpressionMatch match = remaining.match(detail);
    QVERIFY2(match.hasMatch(), qPrintable(detail));
    left = match.captured(1).toLongLong();
    QVERIFY2(left <= rig.timing().renewLimit.count(), qPrintable(detail));
    QVERIFY(rig.log(master.node).contains(QLatin1String("app_left_running")));
    // In maintenance nobody takes the application over: no handover is offered.
    QVERIFY2(historyOf(rig, historyevents::SwitchoverDone).isEmpty(),
        qPrintable(describe(historyOf(rig, historyevents::SwitchoverDone))));
    QVERIFY(!rig.log(master.node).contains(QLatin1String("switchover_done")));
    QVERIFY(!recordOf(rig, master.node).value_or(HeartbeatRecord {}).handover.has_value());
}

void TestOperatorPaths::maintenanceAgentRestartKeepsTheApplication()
{
    REQUIRE_OWN_HOSTS();
    AgentRig rig;
    Hosts hosts(rig);
    const QStringList nodes { QStringLiteral("a"), QStringLiteral("b") };
    Instance master;
    startInMaintenance(rig, hosts, nodes, master);
    if (QTest::currentTestFailed())
        return;
    const std::uint64_t incarnation = recordOf(rig, master.node).value_or(HeartbeatRecord {}).incarnation;

    qint64 stoppedAt = 0;
    qint64 left = 0;
    stopMasterAgentInMaintenance(rig, hosts, master, stoppedAt, left);
    if (QTest::currentTestFailed())
        return;
    const qsizetype logSeen = rig.log(master.node).size();
    QVERIFY(hosts.startAgent(master.node)); // at once, within the guard's deadline
    QTRY_VERIFY2_WITH_TIMEOUT(
        rig.log(master.node).mid(logSeen).contains(QLatin1String("re-attached")), qPrintable(rig.logs()), 3000);
    QTRY_VERIFY2_WITH_TIMEOUT(readopted(rig, master, incarnation), qPrintable(rig.logs()), 3000);
    static const QRegularExpression margin(QStringLiteral("deadline in (-?\\d+) ms"));
    qInfo("agent stopped in maintenance (%lld ms left on the guard) and started again: it re-attached %s ms before "
          "the guard's deadline, %lld ms after the SIGTERM",
        left, qPrintable(margin.match(rig.log(master.node).mid(logSeen)).captured(1)), nowMs() - stoppedAt);

    QTest::qWait(500);
    AppLedger ledger = rig.ledger();
    QCOMPARE(ledger.instances.size(), 1); // no second start anywhere
    QCOMPARE(ledger.running().size(), 1);
    QCOMPARE(ledger.running().first().pid, master.pid);
    QVERIFY(ledger.on(QStringLiteral("b")).isEmpty());
    QVERIFY(hasRole(rig, QStringLiteral("b"), Role::Standby));

    QVERIFY(rig.controls().clearMaintenance());
    QTRY_VERIFY2_WITH_TIMEOUT(
        !historyOf(rig, historyevents::MaintenanceOff, master.node).isEmpty(), qPrintable(rig.logs()), 3000);
    QTest::qWait(int((rig.timing().failoverTimeout + rig.timing().settle()).count())); // nothing moves
    ledger = rig.ledger();
    QCOMPARE(ledger.instances.size(), 1);
    QCOMPARE(ledger.running().size(), 1);
    QCOMPARE(ledger.running().first().pid, master.pid);
    QVERIFY(!ledger.instances.first().stopped);
    QVERIFY(hasRole(rig, master.node, Role::Master));
    VERIFY_SAFE(rig);
}

void TestOperatorPaths::maintenanceAgentStoppedTheGuardEndsTheApplication()
{
    REQUIRE_OWN_HOSTS();
    AgentRig rig;
    Hosts hosts(rig);
    const QStringList nodes { QStringLiteral("a"), QStringLiteral("b") };
    Instance master;
    startInMaintenance(rig, hosts, nodes, master);
    if (QTest::currentTestFailed())
        return;
    qint64 stoppedAt = 0;
    qint64 left = 0;
    stopMasterAgentInMaintenance(rig, hosts, master, stoppedAt, left);
    if (QTest::currentTestFailed())
        return;

    // Nobody re-attaches: the guard stops the application at its deadline (W3), not before.
    QTRY_VERIFY2_WITH_TIMEOUT(rig.ledger().running().isEmpty(), qPrintable(rig.logs()), 3000);
    const Instance ended = rig.ledger().instances.first();
    QCOMPARE(ended.pid, master.pid);
    QVERIFY2(ended.stopped, "the application was not stopped with SIGTERM by its guard");
    const Timing timing = rig.timing();
    qInfo("agent stopped in maintenance with %lld ms left on the guard: the application ended %lld ms after the "
          "SIGTERM (bound renew_limit + stop_grace + 200 ms = %lld ms)",
        left, ended.last - stoppedAt, qlonglong((timing.renewLimit + timing.stopGrace).count() + 200));
    QVERIFY2(ended.last - stoppedAt >= left - 100, "the guard did not keep the application until its deadline");
    QVERIFY2(ended.last - stoppedAt <= (timing.renewLimit + timing.stopGrace).count() + 200,
        "the guard did not stop the application at its deadline");

    // Maintenance: the other node does not start it, however long the old master is dead.
    QTest::qWait(int((timing.failoverTimeout + timing.settle()).count() + 500));
    QCOMPARE(rig.ledger().instances.size(), 1);
    QVERIFY(!hasRole(rig, QStringLiteral("b"), Role::Master));

    const qint64 leftAt = nowMs();
    QVERIFY(rig.controls().clearMaintenance());
    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(QStringLiteral("b")).isEmpty(), qPrintable(rig.logs()), 5000);
    const Instance next = rig.ledger().on(QStringLiteral("b")).first();
    qInfo("maintenance off: b runs the application %lld ms later", next.start - leftAt);
    QVERIFY(next.epoch > master.epoch);
    QTest::qWait(500);
    const AppLedger ledger = rig.ledger();
    QCOMPARE(ledger.instances.size(), 2);
    QCOMPARE(ledger.running().size(), 1);
    QCOMPARE(ledger.running().first().pid, next.pid);
    VERIFY_SAFE(rig);
}

void TestOperatorPaths::restartInPlaceKeepsTheApplication()
{
    REQUIRE_OWN_HOSTS();
    AgentRig rig;
    Hosts hosts(rig);
    const QStringList nodes { QStringLiteral("a"), QStringLiteral("b") };
    for (const QString &node : nodes)
        hosts.addNode(node);
    Instance master;
    startCluster(rig, hosts, nodes, master);
    if (QTest::currentTestFailed())
        return;
    const qint64 agent = hosts.agentPid(master.node);
    QVERIFY(agent > 0);
    const std::uint64_t incarnation = recordOf(rig, master.node).value_or(HeartbeatRecord {}).incarnation;
    const qsizetype logSeen = rig.log(master.node).size();

    const qint64 signalledAt = nowMs();
    ::kill(pid_t(agent), SIGUSR2);
    QTRY_VERIFY2_WITH_TIMEOUT(
        rig.log(master.node).mid(logSeen).contains(QLatin1String("re-attached")), qPrintable(rig.logs()), 3000);
    const QString log = rig.log(master.node).mid(logSeen);
    QVERIFY2(log.contains(QLatin1String("restarting in place")), qPrintable(log));
    const QList<HistoryEvent> leftRunning = historyOf(rig, historyevents::AppLeftRunning, master.node);
    QVERIFY2(leftRunning.size() == 1
            && leftRunning.first().detail.startsWith(
                QStringLiteral("restart in place: application (pid %1) left running").arg(master.pid)),
        qPrintable(describe(leftRunning)));
    // The same process (its nsenter still waits for it) runs a new agent, master of the same term again.
    QCOMPARE(rig.agent(master.node).state(), QProcess::Running);
    QCOMPARE(hosts.agentPid(master.node), agent);
    QCOMPARE(QFileInfo(QFile::symLinkTarget(QStringLiteral("/proc/%1/exe").arg(agent))).canonicalFilePath(),
        QFileInfo(AgentRig::agentPath()).canonicalFilePath());
    QTRY_VERIFY2_WITH_TIMEOUT(readopted(rig, master, incarnation), qPrintable(rig.logs()), 3000);
    static const QRegularExpression margin(QStringLiteral("deadline in (-?\\d+) ms"));
    qInfo("restart in place: the agent (pid %lld) re-attached %s ms before the guard's deadline, %lld ms after SIGUSR2",
        agent, qPrintable(margin.match(log).captured(1)), nowMs() - signalledAt);

    QTest::qWait(int((rig.timing().failoverTimeout + rig.timing().settle()).count())); // no failover
    const AppLedger ledger = rig.ledger();
    QCOMPARE(ledger.instances.size(), 1);
    QCOMPARE(ledger.running().size(), 1);
    QCOMPARE(ledger.running().first().pid, master.pid);
    QVERIFY(ledger.on(QStringLiteral("b")).isEmpty());
    QVERIFY2(hasRole(rig, QStringLiteral("b"), Role::Standby), qPrintable(rig.logs()));
    QVERIFY(hasRole(rig, master.node, Role::Master));
    QCOMPARE(hosts.agentPid(master.node), agent);
    VERIFY_SAFE(rig);
}

void TestOperatorPaths::handStartOnTheMasterIsNotDoubled()
{
    REQUIRE_OWN_HOSTS();
    AgentRig rig;
    Hosts hosts(rig);
    const QStringList nodes { QStringLiteral("a"), QStringLiteral("b") };
    Instance master;
    startInMaintenance(rig, hosts, nodes, master);
    if (QTest::currentTestFailed())
        return;

    // The operator stops the application by hand and starts it by hand with the configured command line.
    const qint64 appHere = hosts.host(master.node).machinePid(master.pid);
    QVERIFY(appHere > 0);
    ::kill(pid_t(appHere), SIGTERM);
    QTRY_VERIFY2_WITH_TIMEOUT(rig.ledger().running().isEmpty(), qPrintable(rig.logs()), 3000);
    QTRY_VERIFY2_WITH_TIMEOUT(
        [&] {
            const std::optional<HeartbeatRecord> record = recordOf(rig, master.node);
            return record && record->app.state == AppState::Stopped;
        }(),
        qPrintable(rig.logs()), 3000);
    const QStringList command = startCommand(rig, master.node);
    QVERIFY2(command.size() >= 5 && command.first().endsWith(QLatin1String("/hacmp-testapp")),
        qPrintable(command.join(u' ')));
    QProcess hand;
    hand.setProcessChannelMode(QProcess::MergedChannels);
    hand.setStandardOutputFile(rig.path(QStringLiteral("by-hand.log")));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys()) {
        if (name.startsWith(QLatin1String("HACMP_")))
            environment.remove(name);
    }
    hand.setProcessEnvironment(environment);
    const QStringList byHand = hosts.host(master.node).enter() + command;
    hand.start(byHand.first(), byHand.mid(1));
    QVERIFY(hand.waitForStarted(5000));
    QTRY_VERIFY2_WITH_TIMEOUT(rig.ledger().running().size() == 1, qPrintable(rig.logs()), 3000);
    const Instance handStarted = rig.ledger().running().first();
    QCOMPARE(handStarted.epoch, quint64(0)); // no HACMP_EPOCH: not started by an agent

    // Found and recorded, left alone in maintenance.
    QTRY_VERIFY2_WITH_TIMEOUT(
        !historyOf(rig, historyevents::InstanceOutsideGuard, master.node).isEmpty(), qPrintable(rig.logs()), 3000);
    const QString found = historyOf(rig, historyevents::InstanceOutsideGuard, master.node).first().detail;
    QVERIFY2(
        found.contains(QStringLiteral("(pid %1)").arg(handStarted.pid)) && found.contains(QLatin1String("left alone")),
        qPrintable(found));
    QTRY_VERIFY2_WITH_TIMEOUT(
        [&] {
            const std::optional<HeartbeatRecord> record = recordOf(rig, master.node);
            return record && record->app.outside == QList<std::int64_t> { handStarted.pid };
        }(),
        qPrintable(rig.logs()), 2000);
    const CtlProcess status = CtlProcess::run(
        ctlPath(), { QStringLiteral("--config"), rig.configPath(QStringLiteral("a")), QStringLiteral("status") });
    qInfo("hacmpctl status in maintenance while an instance started by hand runs (exit %d): %s", status.exitCode,
        qPrintable(status.firstLine()));
    QVERIFY2(!status.firstLine().startsWith(QLatin1String("OK")), qPrintable(status.describe()));
    QVERIFY2(status.out.contains(QString::number(handStarted.pid)), qPrintable(status.describe())); // app.outside
    QTest::qWait(500);
    QCOMPARE(rig.ledger().instances.size(), 2);
    QCOMPARE(rig.ledger().running().size(), 1);
    QCOMPARE(rig.ledger().running().first().pid, handStarted.pid);

    // Maintenance ends: the instance started by hand is stopped, then the master starts its own under the guard.
    const qint64 leftAt = nowMs();
    QVERIFY(rig.controls().clearMaintenance());
    QTRY_VERIFY2_WITH_TIMEOUT(rig.ledger().on(master.node).size() == 2, qPrintable(rig.logs()), 5000);
    const Instance next = rig.ledger().on(master.node).last();
    QVERIFY(next.pid != master.pid && next.pid != handStarted.pid);
    QVERIFY(next.epoch > 0);
    QTRY_COMPARE_WITH_TIMEOUT(hand.state(), QProcess::NotRunning, 3000); // nsenter ends with the instance
    AppLedger ledger = rig.ledger();
    const auto byPid = [&ledger](qint64 pid) {
        return *std::find_if(ledger.instances.cbegin(), ledger.instances.cend(),
            [pid](const Instance &instance) { return instance.pid == pid; });
    };
    QVERIFY2(byPid(handStarted.pid).stopped, "the instance started by hand was not stopped with SIGTERM");
    qInfo("maintenance off: the instance started by hand stopped %lld ms later, the master's own started %lld ms later "
          "(%lld ms after the other ended)",
        byPid(handStarted.pid).last - leftAt, next.start - leftAt, next.start - byPid(handStarted.pid).last);
    QTest::qWait(1000);
    ledger = rig.ledger();
    QCOMPARE(ledger.instances.size(), 3);
    QCOMPARE(ledger.running().size(), 1);
    QCOMPARE(ledger.running().first().pid, next.pid);
    QVERIFY(ledger.on(QStringLiteral("b")).isEmpty());
    QVERIFY(hasRole(rig, master.node, Role::Master));
    QTRY_VERIFY2_WITH_TIMEOUT(
        recordOf(rig, master.node).has_value() && recordOf(rig, master.node)->app.outside.isEmpty(),
        qPrintable(rig.logs()), 2000);
    VERIFY_SAFE(rig); // never two at once: not on the master's host either
}

void TestOperatorPaths::powerLossDoesNotReuseAnEpoch()
{
    REQUIRE_OWN_HOSTS();
    AgentRig rig;
    Hosts hosts(rig);
    const QStringList nodes { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
    for (const QString &node : nodes)
        hosts.addNode(node);
    Instance first;
    startCluster(rig, hosts, nodes, first);
    if (QTest::currentTestFailed())
        return;

    const auto takeover = [&rig](const Instance &old, const QStringList &candidates, Instance &next) {
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                const QList<Instance> instances = rig.ledger().instances;
                return instances.last().start > old.start && candidates.contains(instances.last().node);
            }(),
            qPrintable(rig.logs()), 10000);
        next = rig.ledger().instances.last();
    };
    // Power loss of a: its agent, guard and application end at once.
    qint64 lostAt = nowMs();
    hosts.powerOff(first.node);
    Instance second;
    takeover(first, { QStringLiteral("b"), QStringLiteral("c") }, second);
    if (QTest::currentTestFailed())
        return;
    qInfo("power loss of %s (epoch %llu): %s runs the application in epoch %llu %lld ms later", qPrintable(first.node),
        qulonglong(first.epoch), qPrintable(second.node), qulonglong(second.epoch), second.start - lostAt);
    QVERIFY(second.epoch > first.epoch);

    // a comes back with its state directory and becomes a standby; it keeps the term it saw (R1a).
    QVERIFY(hosts.boot(first.node));
    QTRY_VERIFY2_WITH_TIMEOUT(hasRole(rig, first.node, Role::Standby), qPrintable(rig.logs()), 5000);
    const QString marksFile = rig.path(QStringLiteral("state-%1/%1.marks.json").arg(first.node));
    QTRY_VERIFY2_WITH_TIMEOUT(
        QJsonDocument::fromJson(readText(marksFile).toUtf8()).object().value(QLatin1String("started")).toInteger()
            >= qint64(second.epoch),
        qPrintable(marksFile + QStringLiteral(": ") + readText(marksFile)), 3000);
    QTRY_VERIFY2_WITH_TIMEOUT(
        recordOf(rig, first.node).value_or(HeartbeatRecord {}).started >= second.epoch, qPrintable(rig.logs()), 3000);
    // Only a may take over next: the third node gets the standby flag.
    QStringList others = nodes;
    others.removeAll(first.node);
    others.removeAll(second.node);
    const QString flagged = others.first();
    QVERIFY(rig.controls().setStandby(flagged, ControlNote { QStringLiteral("itest"), {}, QStringLiteral("test") }));
    QTRY_VERIFY2_WITH_TIMEOUT(
        !recordOf(rig, flagged).value_or(HeartbeatRecord {}).eligible, qPrintable(rig.logs()), 3000);

    // Power loss of the new master: a, restarted after its own power loss, takes over.
    lostAt = nowMs();
    hosts.powerOff(second.node);
    Instance third;
    takeover(second, { first.node }, third);
    if (QTest::currentTestFailed())
        return;
    qInfo("power loss of %s (epoch %llu): %s runs the application in epoch %llu %lld ms later", qPrintable(second.node),
        qulonglong(second.epoch), qPrintable(third.node), qulonglong(third.epoch), third.start - lostAt);
    QTest::qWait(500);
    const AppLedger ledger = rig.ledger();
    QCOMPARE(ledger.instances.size(), 3);
    for (qsizetype i = 1; i < ledger.instances.size(); ++i) // S2: every term's epoch above every earlier one
        QVERIFY2(ledger.instances.at(i).epoch > ledger.instances.at(i - 1).epoch,
            qPrintable(QStringLiteral("epoch %1 on %2 after epoch %3 on %4")
                           .arg(ledger.instances.at(i).epoch)
                           .arg(ledger.instances.at(i).node)
                           .arg(ledger.instances.at(i - 1).epoch)
                           .arg(ledger.instances.at(i - 1).node)));
    QVERIFY(third.epoch > std::max(first.epoch, second.epoch));
    QCOMPARE(ledger.running().size(), 1);
    QCOMPARE(ledger.running().first().pid, third.pid);
    VERIFY_SAFE(rig);
}

QTEST_GUILESS_MAIN(TestOperatorPaths)
#include "tst_operatorpaths.moc"
