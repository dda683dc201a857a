// The real hacmp-guard with the real hacmp-testapp as its application (docs/protocol.md W3, W5): an agent's
// conversation over the socket, deadlines, stops, re-attach, and what happens when the agent or the
// guard dies. Times are short (deadlines of 300-1000 ms) and every wait is bounded.

#include "agent/guard/guardprotocol.h"
#include "tests/support/prerequisite.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <memory>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

const QString kGuardPath = QStringLiteral(HACMP_BIN_DIR "/hacmp-guard");
const QString kTestAppPath = QStringLiteral(HACMP_BIN_DIR "/hacmp-testapp");
constexpr int kAnswerMs = 3000;

qint64 monotonicMs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<qint64>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

/// Whether pid has ended: it no longer exists, or it is a zombie nobody reaps (an orphan under a PID 1
/// that does not reap).
bool processGone(pid_t pid)
{
    if (::kill(pid, 0) != 0)
        return errno == ESRCH;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype afterName = text.lastIndexOf(')');
    return afterName < 0 || text.mid(afterName + 2, 1) == "Z";
}

/// A field of /proc/<pid>/status, e.g. "Uid".
QByteArray procStatus(pid_t pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).simplified();
    }
    return {};
}

/// One agent connection to the guard over a raw Unix socket: lines out, lines in, each wait bounded.
class GuardClient
{
public:
    explicit GuardClient(const QString &socketPath)
        : m_fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0))
    {
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(socketPath);
        std::memcpy(
            address.sun_path, path.constData(), std::min<std::size_t>(path.size(), sizeof address.sun_path - 1));
        if (m_fd >= 0 && ::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            close();
    }
    ~GuardClient() { close(); }
    GuardClient(const GuardClient &) = delete;
    GuardClient &operator=(const GuardClient &) = delete;

    bool connected() const { return m_fd >= 0; }

    void send(const QByteArray &line)
    {
        const QByteArray data = line + '\n';
        for (qsizetype done = 0; m_fd >= 0 && done < data.size();) {
            const ssize_t sent = ::send(m_fd, data.constData() + done, data.size() - done, MSG_NOSIGNAL);
            if (sent <= 0)
                return;
            done += sent;
        }
    }

    /// The next line without its '\n'; an empty array when none came within timeoutMs.
    QByteArray readLine(int timeoutMs = kAnswerMs)
    {
        const qint64 until = monotonicMs() + timeoutMs;
        while (!m_buffer.contains('\n') && receive(until - monotonicMs())) { }
        const qsizetype newline = m_buffer.indexOf('\n');
        if (newline < 0)
            return {};
        const QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        return line;
    }

    /// Whether anything arrives within timeoutMs.
    bool hasLine(int timeoutMs) { return !m_buffer.isEmpty() || receive(timeoutMs); }

    /// Whether the guard closed the connection within timeoutMs (what it sent before stays readable).
    bool closedByPeer(int timeoutMs)
    {
        const qint64 until = monotonicMs() + timeoutMs;
        while (!m_peerClosed && receive(until - monotonicMs())) { }
        return m_peerClosed;
    }

    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    /// Waits up to timeoutMs for data and appends it; false on timeout, end of stream or error.
    bool receive(qint64 timeoutMs)
    {
        pollfd fd { m_fd, POLLIN, 0 };
        if (m_fd < 0 || m_peerClosed || ::poll(&fd, 1, static_cast<int>(std::max<qint64>(0, timeoutMs))) <= 0)
            return false;
        char chunk[4096];
        const ssize_t got = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (got <= 0) {
            m_peerClosed = true;
            return false;
        }
        m_buffer.append(chunk, got);
        return true;
    }

    int m_fd;
    QByteArray m_buffer;
    bool m_peerClosed = false;
};

} // namespace

/// hacmp-guard as hacmp-agent sees it, with hacmp-testapp's ledger as the oracle.
class TestGuard final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void helloAnswersStateIdle();
    void messagesBeforeHelloAreRefused();
    void badMessagesAnswerError_data();
    void badMessagesAnswerError();
    void overlongLineClosesTheConnection();
    void secondConnectionIsBusy();
    void deadlineOnlyMovesForward();
    void startIsRefused_data();
    void startIsRefused();
    void startFailureIsReported_data();
    void startFailureIsReported();
    void startRunsTheApplication();
    void secondStartIsRefused();
    void startAsAnotherUser();
    void renewalsKeepTheApplicationAlive();
    void deadlineStopsACooperativeApplication();
    void deadlineKillsAnApplicationIgnoringTerm();
    void stopEndsTheApplication_data();
    void stopEndsTheApplication();
    void applicationExitingIsReported_data();
    void applicationExitingIsReported();
    void groupRemainsDieWithTheApplication();
    void agentReattachesAndRenews();
    void disconnectWithoutReattachKillsAtTheDeadline();
    void connectionBeforeHelloLearnsTheEndFromState();
    void deadlineKillWithoutAgentIsRecorded();
    void exitWithoutAgentIsRecorded();
    void attachedAgentIsToldAndNothingIsRecorded();
    void withoutStateDirNothingIsRecorded();
    void guardKilledTakesTheApplicationAlong();
    void quitStopsTheApplicationAndExits();
    void sigtermStopsTheApplicationAndExits();
    void idleGuardExits();
    void secondGuardOnTheSameSocketIsRefused();
    void nonSocketPathIsLeftAlone();
    void logCarriesPrioritiesUnderJournald();
    void commandLine_data();
    void commandLine();

private:
    bool startGuard(const QStringList &extraArguments = {});
    /// Starts the guard with descriptor 7 open on file and not close-on-exec, as a careless parent
    /// would leave it.
    bool startGuardInheriting(const QString &file);
    bool waitForGuardSocket();
    /// A connection that has said HELLO and read the STATE answer into state.
    std::unique_ptr<GuardClient> attach(QByteArray *state = nullptr);
    QStringList testApp(const QStringList &extraArguments = {}) const;
    QByteArray spec(const QStringList &argv, qint64 stopGraceMs, const QJsonObject &changes = {}) const;
    /// Sends DEADLINE and START and returns the pid from STARTED, or 0 (with a warning) on another answer.
    pid_t startApp(GuardClient &client, qint64 deadline, const QStringList &argv, qint64 stopGraceMs = 500);
    /// The ledger's lines of pid, split into words.
    QList<QList<QByteArray>> ledger(pid_t pid) const;
    /// The time of the first ledger line of pid starting with word, or -1.
    qint64 ledgerTime(pid_t pid, const QByteArray &word) const;
    /// The time of the last ALIVE line of pid, or -1.
    qint64 lastAlive(pid_t pid) const;
    /// The guard's end file of node-a (the spec's node) in the test's folder.
    QString endFilePath() const { return m_dir->filePath(QStringLiteral("node-a.app-end.json")); }
    /// The end file's JSON object; empty (with a warning) when it is not one line of a JSON object.
    QJsonObject readEndFile() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_guard;
    QString m_socketPath;
    QList<pid_t> m_apps;
};

bool TestGuard::startGuard(const QStringList &extraArguments)
{
    m_guard = std::make_unique<QProcess>();
    m_guard->start(kGuardPath, QStringList { QStringLiteral("--socket"), m_socketPath } + extraArguments);
    return m_guard->waitForStarted(kAnswerMs) && waitForGuardSocket();
}

bool TestGuard::startGuardInheriting(const QString &file)
{
    m_guard = std::make_unique<QProcess>();
    m_guard->start(QStringLiteral("/bin/sh"),
        { QStringLiteral("-c"), QStringLiteral("exec 7<\"$0\"; exec \"$@\""), file, kGuardPath,
            QStringLiteral("--socket"), m_socketPath });
    return m_guard->waitForStarted(kAnswerMs) && waitForGuardSocket();
}

bool TestGuard::waitForGuardSocket()
{
    const qint64 until = monotonicMs() + kAnswerMs;
    while (monotonicMs() < until) {
        GuardClient probe(m_socketPath);
        if (probe.connected())
            return true;
        QThread::msleep(10);
    }
    return false;
}

void TestGuard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_socketPath = m_dir->filePath(QStringLiteral("guard.sock"));
    m_apps.clear();
}

void TestGuard::cleanup()
{
    if (m_guard && m_guard->state() != QProcess::NotRunning) {
        m_guard->kill();
        m_guard->waitForFinished(kAnswerMs);
    }
    if (m_guard && QTest::currentTestFailed())
        qWarning("guard log:\n%s", m_guard->readAllStandardError().constData());
    for (const pid_t pid : std::as_const(m_apps)) {
        if (!processGone(pid) && ::getpgid(pid) == pid)
            ::kill(-pid, SIGKILL);
    }
    m_guard.reset();
    m_dir.reset();
}

std::unique_ptr<GuardClient> TestGuard::attach(QByteArray *state)
{
    auto client = std::make_unique<GuardClient>(m_socketPath);
    client->send("HELLO 1f");
    const QByteArray answer = client->readLine();
    if (state)
        *state = answer;
    return client;
}

QStringList TestGuard::testApp(const QStringList &extraArguments) const
{
    return QStringList { kTestAppPath, QStringLiteral("--lock"), m_dir->filePath(QStringLiteral("lock")),
        QStringLiteral("--ledger"), m_dir->filePath(QStringLiteral("ledger")) }
    + extraArguments;
}

QByteArray TestGuard::spec(const QStringList &argv, qint64 stopGraceMs, const QJsonObject &changes) const
{
    QJsonObject object {
        { QStringLiteral("argv"), QJsonArray::fromStringList(argv) },
        { QStringLiteral("env"), QJsonArray { QStringLiteral("HACMP_TEST_MARK=a b=c") } },
        { QStringLiteral("user"), QString() },
        { QStringLiteral("group"), QString() },
        { QStringLiteral("cwd"), m_dir->path() },
        { QStringLiteral("stop_grace_ms"), stopGraceMs },
        { QStringLiteral("node"), QStringLiteral("node-a") },
        { QStringLiteral("cluster_dir"), QStringLiteral("/srv/cluster") },
    };
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isUndefined())
            object.remove(it.key());
        else
            object.insert(it.key(), it.value());
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

pid_t TestGuard::startApp(GuardClient &client, qint64 deadline, const QStringList &argv, qint64 stopGraceMs)
{
    client.send("DEADLINE " + QByteArray::number(deadline));
    client.send("START 42 " + spec(argv, stopGraceMs));
    const QByteArray answer = client.readLine();
    if (!answer.startsWith("STARTED ")) {
        qWarning("START answered \"%s\"", answer.constData());
        return 0;
    }
    const pid_t pid = answer.mid(8).toInt();
    m_apps.append(pid);
    return pid;
}

QList<QList<QByteArray>> TestGuard::ledger(pid_t pid) const
{
    QFile file(m_dir->filePath(QStringLiteral("ledger")));
    QList<QList<QByteArray>> lines;
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> words = line.split(' ');
        if (words.size() >= 3 && words.at(1).toInt() == pid)
            lines.append(words);
    }
    return lines;
}

qint64 TestGuard::ledgerTime(pid_t pid, const QByteArray &word) const
{
    for (const QList<QByteArray> &words : ledger(pid)) {
        if (words.first() == word)
            return words.last().toLongLong();
    }
    return -1;
}

qint64 TestGuard::lastAlive(pid_t pid) const
{
    qint64 last = -1;
    for (const QList<QByteArray> &words : ledger(pid)) {
        if (words.first() == "ALIVE")
            last = words.last().toLongLong();
    }
    return last;
}

void TestGuard::helloAnswersStateIdle()
{
    QVERIFY(startGuard());
    QByteArray state;
    const auto client = attach(&state);
    QCOMPARE(state, QByteArray("STATE idle 0"));
    client->send("HELLO abc");
    QCOMPARE(client->readLine(), QByteArray("STATE idle 0"));
}

void TestGuard::messagesBeforeHelloAreRefused()
{
    QVERIFY(startGuard());
    GuardClient client(m_socketPath);
    client.send("DEADLINE " + QByteArray::number(monotonicMs() + 60000));
    QVERIFY(client.readLine().startsWith("ERROR "));
    client.send("HELLO 2");
    QCOMPARE(client.readLine(), QByteArray("STATE idle 0"));
}

void TestGuard::badMessagesAnswerError_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("unknown") << QByteArray("FOO 1");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("lower case") << QByteArray("deadline 5");
    QTest::newRow("deadline without value") << QByteArray("DEADLINE");
    QTest::newRow("deadline not a number") << QByteArray("DEADLINE 12x");
    QTest::newRow("deadline negative") << QByteArray("DEADLINE -5");
    QTest::newRow("double space") << QByteArray("DEADLINE  5");
    QTest::newRow("trailing carriage return") << QByteArray("DEADLINE 5\r");
    QTest::newRow("stop without grace") << QByteArray("STOP");
    QTest::newRow("stop two values") << QByteArray("STOP 1 2");
    QTest::newRow("hello without incarnation") << QByteArray("HELLO");
    QTest::newRow("hello not hex") << QByteArray("HELLO xyz");
    QTest::newRow("quit with argument") << QByteArray("QUIT now");
}

void TestGuard::badMessagesAnswerError()
{
    QFETCH(QByteArray, line);
    QVERIFY(startGuard());
    const auto client = attach();
    client->send(line);
    QVERIFY(client->readLine().startsWith("ERROR "));
    client->send("HELLO 3");
    QCOMPARE(client->readLine(), QByteArray("STATE idle 0"));
    QCOMPARE(m_guard->state(), QProcess::Running);
}

void TestGuard::overlongLineClosesTheConnection()
{
    QVERIFY(startGuard());
    const auto client = attach();
    client->send("DEADLINE " + QByteArray(hacmp::guard::kMaxLineBytes, '1'));
    QVERIFY(client->readLine().startsWith("ERROR line longer than"));
    QVERIFY(client->closedByPeer(kAnswerMs));
    QByteArray state;
    const auto next = attach(&state);
    QCOMPARE(state, QByteArray("STATE idle 0"));
}

void TestGuard::secondConnectionIsBusy()
{
    QVERIFY(startGuard());
    const auto first = attach();
    GuardClient second(m_socketPath);
    QCOMPARE(second.readLine(), QByteArray("ERROR busy"));
    QVERIFY(second.closedByPeer(kAnswerMs));
    first->send("HELLO 4");
    QCOMPARE(first->readLine(), QByteArray("STATE idle 0"));
}

void TestGuard::deadlineOnlyMovesForward()
{
    QVERIFY(startGuard());
    const auto client = attach();
    const qint64 deadline = monotonicMs() + 60000;
    client->send("DEADLINE " + QByteArray::number(deadline));
    client->send("DEADLINE " + QByteArray::number(deadline - 1000));
    client->send("HELLO 5");
    QCOMPARE(client->readLine(), QByteArray("STATE idle " + QByteArray::number(deadline)));
}

void TestGuard::startIsRefused_data()
{
    QTest::addColumn<QByteArray>("start");
    QTest::addColumn<qint64>("deadlineFromNow"); // 0: no DEADLINE sent
    QTest::addColumn<QByteArray>("answer");

    const QByteArray good = R"({"argv":["/bin/true"],"stop_grace_ms":100})";
    QTest::newRow("no deadline") << QByteArray("START 1 " + good) << qint64(0) << QByteArray("REFUSED no deadline");
    QTest::newRow("past deadline") << QByteArray("START 1 " + good) << qint64(-10)
                                   << QByteArray("REFUSED the deadline");
    QTest::newRow("epoch not a number") << QByteArray("START x " + good) << qint64(60000)
                                        << QByteArray("REFUSED bad epoch");
    QTest::newRow("no spec") << QByteArray("START 1") << qint64(60000) << QByteArray("REFUSED no spec");
    const QByteArray badSpec = "REFUSED spec ";
    const auto row = [&](const char *name, const QByteArray &json) {
        QTest::newRow(name) << QByteArray("START 1 " + json) << qint64(60000) << badSpec;
    };
    row("not json", "hello");
    row("not an object", R"(["/bin/true"])");
    row("unknown key", R"({"argv":["/bin/true"],"stop_grace_ms":100,"shell":true})");
    row("repeated key", R"({"argv":["/bin/true"],"argv":["/bin/false"],"stop_grace_ms":100})");
    row("missing argv", R"({"stop_grace_ms":100})");
    row("empty argv", R"({"argv":[],"stop_grace_ms":100})");
    row("argv not strings", R"({"argv":["/bin/sleep",1],"stop_grace_ms":100})");
    row("argv a string", R"({"argv":"/bin/true","stop_grace_ms":100})");
    row("missing grace", R"({"argv":["/bin/true"]})");
    row("negative grace", R"({"argv":["/bin/true"],"stop_grace_ms":-1})");
    row("fractional grace", R"({"argv":["/bin/true"],"stop_grace_ms":1.5})");
    row("grace as string", R"({"argv":["/bin/true"],"stop_grace_ms":"100"})");
    row("env without equals", R"({"argv":["/bin/true"],"stop_grace_ms":100,"env":["NOVALUE"]})");
    row("user not a string", R"({"argv":["/bin/true"],"stop_grace_ms":100,"user":0})");
    row("nul escape", R"({"argv":["/bin/tr\u0000ue"],"stop_grace_ms":100})");
    row("bad escape", R"({"argv":["/bin/\q"],"stop_grace_ms":100})");
    row("unterminated", R"({"argv":["/bin/true"],"stop_grace_ms":100)");
    row("trailing text", R"({"argv":["/bin/true"],"stop_grace_ms":100} x)");
    row("trailing comma", R"({"argv":["/bin/true"],"stop_grace_ms":100,})");
}

void TestGuard::startIsRefused()
{
    QFETCH(QByteArray, start);
    QFETCH(qint64, deadlineFromNow);
    QFETCH(QByteArray, answer);
    QVERIFY(startGuard());
    const auto client = attach();
    if (deadlineFromNow != 0)
        client->send("DEADLINE " + QByteArray::number(monotonicMs() + deadlineFromNow));
    client->send(start);
    const QByteArray line = client->readLine();
    QVERIFY2(line.startsWith(answer), line.constData());
    client->send("HELLO 6");
    QVERIFY(client->readLine().startsWith("STATE idle "));
}

void TestGuard::startFailureIsReported_data()
{
    QTest::addColumn<QJsonObject>("changes");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<bool>("needsRoot");

    QTest::newRow("exec") << QJsonObject { { QStringLiteral("argv"),
        QJsonArray { QStringLiteral("/nonexistent/program") } } }
                          << QByteArray("REFUSED exec failed: No such file or directory") << false;
    QTest::newRow("not executable") << QJsonObject { { QStringLiteral("argv"),
        QJsonArray { QStringLiteral("./not-executable") } } }
                                    << QByteArray("REFUSED exec failed: Permission denied") << false;
    QTest::newRow("cwd") << QJsonObject { { QStringLiteral("cwd"), QStringLiteral("/nonexistent/dir") } }
                         << QByteArray("REFUSED chdir to \"/nonexistent/dir\" failed") << false;
    QTest::newRow("user") << QJsonObject { { QStringLiteral("user"), QStringLiteral("hacmp-no-such-user") } }
                          << QByteArray("REFUSED user \"hacmp-no-such-user\" not found") << true;
    QTest::newRow("group") << QJsonObject { { QStringLiteral("group"), QStringLiteral("hacmp-no-such-group") } }
                           << QByteArray("REFUSED group \"hacmp-no-such-group\" not found") << true;
}

void TestGuard::startFailureIsReported()
{
    QFETCH(QJsonObject, changes);
    QFETCH(QByteArray, answer);
    QFETCH(bool, needsRoot);
    if (needsRoot && ::geteuid() != 0)
        HACMP_MISSING_PREREQUISITE(QStringLiteral("the guard changes user and group only when it runs as root"));
    QFile notExecutable(m_dir->filePath(QStringLiteral("not-executable")));
    QVERIFY(notExecutable.open(QIODevice::WriteOnly));
    notExecutable.write("#!/bin/sh\n");
    notExecutable.close();
    QVERIFY(startGuard());
    const auto client = attach();
    client->send("DEADLINE " + QByteArray::number(monotonicMs() + 60000));
    client->send("START 1 " + spec(testApp(), 100, changes));
    const QByteArray line = client->readLine();
    QVERIFY2(line.startsWith(answer), line.constData());
    client->send("HELLO 7");
    QVERIFY(client->readLine().startsWith("STATE idle "));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("ledger"))));
}

void TestGuard::startRunsTheApplication()
{
    // A descriptor the guard inherits without close-on-exec must not reach the application.
    const QString marker = m_dir->filePath(QStringLiteral("inherited"));
    QVERIFY(QFile(marker).open(QIODevice::WriteOnly));
    QVERIFY(startGuardInheriting(marker));

    const auto client = attach();
    const qint64 deadline = monotonicMs() + 60000;
    const pid_t pid = startApp(*client, deadline, testApp());
    QVERIFY(pid > 0);
    QCOMPARE(::getpgid(pid), pid);
    QVERIFY(::getpgid(pid) != ::getpgid(static_cast<pid_t>(m_guard->processId())));
    QTRY_VERIFY_WITH_TIMEOUT(ledgerTime(pid, "START") > 0, kAnswerMs);
    const QList<QByteArray> start = ledger(pid).first();
    QCOMPARE(start.at(2), QByteArray("42"));
    QCOMPARE(start.at(3), QByteArray("node-a"));

    QFile environment(QStringLiteral("/proc/%1/environ").arg(pid));
    QVERIFY(environment.open(QIODevice::ReadOnly));
    const QList<QByteArray> variables = environment.readAll().split('\0');
    for (const char *expected :
        { "HACMP_EPOCH=42", "HACMP_NODE=node-a", "HACMP_CLUSTER_DIR=/srv/cluster", "HACMP_TEST_MARK=a b=c" })
        QVERIFY2(variables.contains(QByteArray(expected)), expected);
    QVERIFY(variables.contains(QByteArray("PATH=" + qgetenv("PATH"))));
    QCOMPARE(QFile::symLinkTarget(QStringLiteral("/proc/%1/cwd").arg(pid)), QDir(m_dir->path()).canonicalPath());

    bool guardHasMarker = false;
    for (const QString &fd : QDir(QStringLiteral("/proc/%1/fd").arg(m_guard->processId()))
                                 .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot))
        guardHasMarker = guardHasMarker
            || QFile::symLinkTarget(QStringLiteral("/proc/%1/fd/%2").arg(m_guard->processId()).arg(fd)) == marker;
    QVERIFY2(guardHasMarker, "the precondition failed: the guard did not inherit the descriptor");
    for (const QString &fd :
        QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot))
        QVERIFY(QFile::symLinkTarget(QStringLiteral("/proc/%1/fd/%2").arg(pid).arg(fd)) != marker);

    client->send("HELLO 8");
    QCOMPARE(client->readLine(),
        QByteArray("STATE running " + QByteArray::number(pid) + " 42 " + QByteArray::number(deadline)));
    QVERIFY(!processGone(pid));
}

void TestGuard::secondStartIsRefused()
{
    QVERIFY(startGuard());
    const auto client = attach();
    const pid_t pid = startApp(*client, monotonicMs() + 60000, testApp());
    QVERIFY(pid > 0);
    client->send("START 43 " + spec(testApp(), 100));
    const QByteArray line = client->readLine();
    QVERIFY2(line.startsWith(QByteArray("REFUSED already running: pid " + QByteArray::number(pid))), line.constData());
    QTRY_VERIFY_WITH_TIMEOUT(lastAlive(pid) > 0, kAnswerMs);
    QVERIFY(!processGone(pid));

    // The ledger's oracle: an instance started beside the guard's finds the lock taken.
    QProcess intruder;
    const QStringList argv = testApp();
    intruder.start(argv.first(), argv.mid(1));
    QVERIFY(intruder.waitForStarted(kAnswerMs));
    const auto intruderPid = static_cast<pid_t>(intruder.processId());
    QVERIFY(intruder.waitForFinished(kAnswerMs));
    QCOMPARE(intruder.exitCode(), 3);
    QVERIFY(ledgerTime(intruderPid, "CONFLICT") > 0);
    QCOMPARE(ledgerTime(pid, "CONFLICT"), -1);
}

void TestGuard::startAsAnotherUser()
{
    if (::geteuid() != 0)
        HACMP_MISSING_PREREQUISITE(QStringLiteral("the guard changes user and group only when it runs as root"));
    QVERIFY(startGuard());
    const auto client = attach();
    client->send("DEADLINE " + QByteArray::number(monotonicMs() + 60000));
    client->send("START 9 "
        + spec({ QStringLiteral("/bin/sleep"), QStringLiteral("30") }, 100,
            { { QStringLiteral("user"), QStringLiteral("nobody") }, { QStringLiteral("cwd"), QStringLiteral("/") } }));
    const QByteArray answer = client->readLine();
    QVERIFY2(answer.startsWith("STARTED "), answer.constData());
    const pid_t pid = answer.mid(8).toInt();
    m_apps.append(pid);
    QCOMPARE(procStatus(pid, "Uid"), QByteArray("65534 65534 65534 65534"));
    QVERIFY(procStatus(pid, "Gid") != QByteArray("0 0 0 0"));
    QVERIFY(!procStatus(pid, "Groups").split(' ').contains("0"));
    client->send("STOP 100");
    QCOMPARE(client->readLine(), QByteArray("EXITED stopped 15"));
}

void TestGuard::renewalsKeepTheApplicationAlive()
{
    QVERIFY(startGuard());
    const auto client = attach();
    const qint64 firstDeadline = monotonicMs() + 300;
    const pid_t pid = startApp(*client, firstDeadline, testApp());
    QVERIFY(pid > 0);
    qint64 deadline = firstDeadline;
    while (monotonicMs() < firstDeadline + 600) {
        QThread::msleep(100);
        deadline = monotonicMs() + 300;
        client->send("DEADLINE " + QByteArray::number(deadline));
    }
    QVERIFY(!client->hasLine(0));
    QVERIFY(!processGone(pid));
    QVERIFY(lastAlive(pid) > firstDeadline + 400);
    QCOMPARE(client->readLine(static_cast<int>(deadline - monotonicMs() + 1500)), QByteArray("EXITED deadline 0"));
    QVERIFY(ledgerTime(pid, "STOP") >= deadline);
}

void TestGuard::deadlineStopsACooperativeApplication()
{
    QVERIFY(startGuard());
    const auto client = attach();
    const qint64 deadline = monotonicMs() + 500;
    const pid_t pid = startApp(*client, deadline, testApp(), 1000);
    QVERIFY(pid > 0);
    QCOMPARE(client->readLine(2000), QByteArray("EXITED deadline 0"));
    const qint64 stopped = ledgerTime(pid, "STOP");
    QVERIFY2(stopped >= deadline && stopped <= deadline + 50,
        qPrintable(QStringLiteral("SIGTERM handled %1 ms after the deadline").arg(stopped - deadline)));
    QVERIFY(lastAlive(pid) >= deadline - 150);
    QVERIFY(processGone(pid));
    qInfo("the application wrote STOP %lld ms after the deadline", stopped - deadline);
}

void TestGuard::deadlineKillsAnApplicationIgnoringTerm()
{
    QVERIFY(startGuard());
    const auto client = attach();
    const qint64 deadline = monotonicMs() + 400;
    constexpr qint64 grace = 300;
    const pid_t pid = startApp(*client, deadline, testApp({ QStringLiteral("--ignore-term") }), grace);
    QVERIFY(pid > 0);
    QCOMPARE(client->readLine(2000), QByteArray("EXITED deadline 9"));
    const qint64 reported = monotonicMs();
    QVERIFY2(reported >= deadline + grace - 100 && reported <= deadline + grace + 100,
        qPrintable(QStringLiteral("EXITED %1 ms after the deadline").arg(reported - deadline)));
    QCOMPARE(ledgerTime(pid, "STOP"), -1);
    QVERIFY(lastAlive(pid) >= deadline + grace - 150);
    QVERIFY(lastAlive(pid) <= deadline + grace + 100);
    qInfo("EXITED arrived %lld ms after the deadline (grace %lld ms)", reported - deadline, grace);
}

void TestGuard::stopEndsTheApplication_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("exited");
    QTest::addColumn<bool>("wroteStop");
    QTest::newRow("cooperative") << QStringList() << QByteArray("EXITED stopped 0") << true;
    QTest::newRow("ignoring SIGTERM") << QStringList { QStringLiteral("--ignore-term") }
                                      << QByteArray("EXITED stopped 9") << false;
}

void TestGuard::stopEndsTheApplication()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, exited);
    QFETCH(bool, wroteStop);
    QVERIFY(startGuard());
    const auto client = attach();
    const pid_t pid = startApp(*client, monotonicMs() + 60000, testApp(arguments), 5000);
    QVERIFY(pid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(ledgerTime(pid, "START") > 0, kAnswerMs);
    const qint64 asked = monotonicMs();
    client->send("STOP 200");
    QCOMPARE(client->readLine(), exited);
    QVERIFY(monotonicMs() - asked < 1000);
    QCOMPARE(ledgerTime(pid, "STOP") > 0, wroteStop);
    QVERIFY(processGone(pid));
    client->send("HELLO 9");
    QVERIFY(client->readLine().startsWith("STATE idle "));
}

void TestGuard::applicationExitingIsReported_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("signal");
    QTest::addColumn<QByteArray>("exited");
    QTest::newRow("exit code") << QStringList { QStringLiteral("--exit-after"), QStringLiteral("200"),
        QStringLiteral("--exit-code"), QStringLiteral("7") }
                               << 0 << QByteArray("EXITED exited 7");
    QTest::newRow("signal") << QStringList() << int(SIGUSR1) << QByteArray("EXITED signaled 10");
}

void TestGuard::applicationExitingIsReported()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, signal);
    QFETCH(QByteArray, exited);
    QVERIFY(startGuard());
    const auto client = attach();
    const pid_t pid = startApp(*client, monotonicMs() + 60000, testApp(arguments));
    QVERIFY(pid > 0);
    if (signal != 0) {
        QTRY_VERIFY_WITH_TIMEOUT(ledgerTime(pid, "START") > 0, kAnswerMs);
        QCOMPARE(::kill(pid, signal), 0);
    }
    QCOMPARE(client->readLine(), exited);
    QVERIFY(processGone(pid));
    client->send("HELLO a");
    QVERIFY(client->readLine().startsWith("STATE idle "));
}

void TestGuard::groupRemainsDieWithTheApplication()
{
    QVERIFY(startGuard());
    const auto client = attach();
    const QString childFile = m_dir->filePath(QStringLiteral("child"));
    const pid_t pid = startApp(*client, monotonicMs() + 60000,
        { QStringLiteral("/bin/sh"), QStringLiteral("-c"),
            QStringLiteral("sleep 30 & echo $! > child.tmp && mv child.tmp child; exit 5") });
    QVERIFY(pid > 0);
    QCOMPARE(client->readLine(), QByteArray("EXITED exited 5"));
    QFile file(childFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const pid_t child = file.readAll().trimmed().toInt();
    QVERIFY(child > 0);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(child), kAnswerMs);
}

void TestGuard::agentReattachesAndRenews()
{
    QVERIFY(startGuard());
    auto client = attach();
    const qint64 firstDeadline = monotonicMs() + 600;
    const pid_t pid = startApp(*client, firstDeadline, testApp());
    QVERIFY(pid > 0);
    client->close();
    client.reset();

    QByteArray state;
    client = attach(&state);
    QCOMPARE(
        state, QByteArray("STATE running " + QByteArray::number(pid) + " 42 " + QByteArray::number(firstDeadline)));
    qint64 deadline = firstDeadline;
    while (monotonicMs() < firstDeadline + 300) {
        deadline = monotonicMs() + 600;
        client->send("DEADLINE " + QByteArray::number(deadline));
        QThread::msleep(100);
    }
    QVERIFY(!client->hasLine(0));
    QVERIFY(!processGone(pid));
    QVERIFY(lastAlive(pid) > firstDeadline + 100);
    client->send("STOP 500");
    QCOMPARE(client->readLine(), QByteArray("EXITED stopped 0"));
    QCOMPARE(ledger(pid).first().first(), QByteArray("START"));
}

void TestGuard::disconnectWithoutReattachKillsAtTheDeadline()
{
    QVERIFY(startGuard());
    auto client = attach();
    const qint64 deadline = monotonicMs() + 500;
    const pid_t pid = startApp(*client, deadline, testApp());
    QVERIFY(pid > 0);
    client->close();
    client.reset();
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 3000);
    const qint64 stopped = ledgerTime(pid, "STOP");
    QVERIFY2(stopped >= deadline && stopped <= deadline + 50,
        qPrintable(QStringLiteral("SIGTERM handled %1 ms after the deadline").arg(stopped - deadline)));
    QByteArray state;
    client = attach(&state);
    QCOMPARE(state, QByteArray("STATE idle " + QByteArray::number(deadline)));
}

void TestGuard::connectionBeforeHelloLearnsTheEndFromState()
{
    // An agent that connects while the application ends, and says HELLO after, gets the STATE answer first:
    // the end is in it, and no EXITED precedes it (found under the sanitizers, where the guard is slower).
    QVERIFY(startGuard());
    auto client = attach();
    const qint64 deadline = monotonicMs() + 300;
    const pid_t pid = startApp(*client, deadline, testApp());
    QVERIFY(pid > 0);
    client->close();
    client.reset();
    GuardClient next(m_socketPath);
    QVERIFY(next.connected());
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 3000);
    QTest::qWait(200); // the guard has reaped it by now
    next.send("HELLO 2f");
    QCOMPARE(next.readLine(), QByteArray("STATE idle " + QByteArray::number(deadline)));
}

QJsonObject TestGuard::readEndFile() const
{
    QFile file(endFilePath());
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot open %s", qPrintable(endFilePath()));
        return {};
    }
    const QByteArray bytes = file.readAll();
    if (!bytes.endsWith('\n') || bytes.count('\n') != 1) {
        qWarning("the end file is not one line: %s", bytes.constData());
        return {};
    }
    return QJsonDocument::fromJson(bytes).object();
}

void TestGuard::deadlineKillWithoutAgentIsRecorded()
{
    // The agent dies (its connection closes); at the deadline the guard stops the application and, with
    // nobody to tell, records the end in the state directory for the next agent.
    QVERIFY(startGuard({ QStringLiteral("--state-dir"), m_dir->path() }));
    auto client = attach();
    const qint64 monotonicAtStart = monotonicMs();
    const qint64 wallAtStart = QDateTime::currentMSecsSinceEpoch();
    const qint64 deadline = monotonicAtStart + 500;
    const pid_t pid = startApp(*client, deadline, testApp());
    QVERIFY(pid > 0);
    client->close();
    client.reset();
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 3000);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(endFilePath()), 2000);
    QVERIFY(!QFile::exists(endFilePath() + QStringLiteral(".tmp")));
    const QJsonObject end = readEndFile();
    QCOMPARE(end.value(QLatin1String("format")).toInt(), 1);
    QCOMPARE(end.value(QLatin1String("node")).toString(), QStringLiteral("node-a"));
    QCOMPARE(end.value(QLatin1String("epoch")).toInteger(), 42);
    QCOMPARE(end.value(QLatin1String("pid")).toInteger(), qint64(pid));
    QCOMPARE(end.value(QLatin1String("cause")).toString(), QStringLiteral("deadline"));
    QCOMPARE(end.value(QLatin1String("status")).toInteger(), 0); // the test application exits 0 on SIGTERM
    const QString time = end.value(QLatin1String("time")).toString();
    QVERIFY2(time.endsWith(QLatin1Char('Z')), qPrintable(time));
    const QDateTime killedAt = QDateTime::fromString(time, Qt::ISODateWithMs);
    QVERIFY2(killedAt.isValid(), qPrintable(time));
    // The time is the SIGTERM at the deadline, on the wall clock.
    const qint64 offset = killedAt.toMSecsSinceEpoch() - (wallAtStart + (deadline - monotonicAtStart));
    QVERIFY2(
        offset >= -20 && offset <= 100, qPrintable(QStringLiteral("recorded %1 ms after the deadline").arg(offset)));
    QCOMPARE(QFileInfo(endFilePath()).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
        QFileDevice::Permissions());
}

void TestGuard::exitWithoutAgentIsRecorded()
{
    QVERIFY(startGuard({ QStringLiteral("--state-dir"), m_dir->path() }));
    auto client = attach();
    const pid_t pid = startApp(*client, monotonicMs() + 5000,
        testApp({ QStringLiteral("--exit-after"), QStringLiteral("300"), QStringLiteral("--exit-code"),
            QStringLiteral("3") }));
    QVERIFY(pid > 0);
    client->close();
    client.reset();
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(endFilePath()), 3000);
    const QJsonObject end = readEndFile();
    QCOMPARE(end.value(QLatin1String("cause")).toString(), QStringLiteral("exited"));
    QCOMPARE(end.value(QLatin1String("status")).toInteger(), 3);
    QCOMPARE(end.value(QLatin1String("pid")).toInteger(), qint64(pid));
    const qint64 age = QDateTime::fromString(end.value(QLatin1String("time")).toString(), Qt::ISODateWithMs)
                           .msecsTo(QDateTime::currentDateTimeUtc());
    QVERIFY2(age >= 0 && age < 2000, qPrintable(QString::number(age)));
}

void TestGuard::attachedAgentIsToldAndNothingIsRecorded()
{
    QVERIFY(startGuard({ QStringLiteral("--state-dir"), m_dir->path() }));
    const auto client = attach();
    const pid_t pid = startApp(*client, monotonicMs() + 300, testApp());
    QVERIFY(pid > 0);
    QCOMPARE(client->readLine(2000), QByteArray("EXITED deadline 0"));
    QTest::qWait(100);
    QVERIFY(!QFile::exists(endFilePath()));
}

void TestGuard::withoutStateDirNothingIsRecorded()
{
    QVERIFY(startGuard());
    auto client = attach();
    const pid_t pid = startApp(*client, monotonicMs() + 300, testApp());
    QVERIFY(pid > 0);
    client->close();
    client.reset();
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 3000);
    QTest::qWait(100);
    QVERIFY(QDir(m_dir->path()).entryList({ QStringLiteral("*.app-end.json*") }, QDir::Files).isEmpty());
}

void TestGuard::guardKilledTakesTheApplicationAlong()
{
    QVERIFY(startGuard());
    const auto client = attach();
    const pid_t pid = startApp(*client, monotonicMs() + 60000, testApp());
    QVERIFY(pid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(ledgerTime(pid, "START") > 0, kAnswerMs);
    m_guard->kill();
    QVERIFY(m_guard->waitForFinished(kAnswerMs));
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), kAnswerMs);
    QCOMPARE(ledgerTime(pid, "STOP"), -1);

    // The killed guard left its socket file behind; the next guard replaces it.
    QVERIFY(QFileInfo(m_socketPath).exists());
    QVERIFY(startGuard());
    QByteArray state;
    const auto next = attach(&state);
    QCOMPARE(state, QByteArray("STATE idle 0"));
}

void TestGuard::quitStopsTheApplicationAndExits()
{
    QVERIFY(startGuard());
    const auto client = attach();
    const pid_t pid = startApp(*client, monotonicMs() + 60000, testApp(), 500);
    QVERIFY(pid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(ledgerTime(pid, "START") > 0, kAnswerMs);
    client->send("QUIT");
    QCOMPARE(client->readLine(), QByteArray("EXITED stopped 0"));
    QVERIFY(client->closedByPeer(kAnswerMs));
    QVERIFY(m_guard->waitForFinished(kAnswerMs));
    QCOMPARE(m_guard->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_guard->exitCode(), 0);
    QVERIFY(ledgerTime(pid, "STOP") > 0);
    QVERIFY(processGone(pid));
    QVERIFY(!QFileInfo::exists(m_socketPath));
}

void TestGuard::sigtermStopsTheApplicationAndExits()
{
    QVERIFY(startGuard());
    const auto client = attach();
    const pid_t pid = startApp(*client, monotonicMs() + 60000, testApp({ QStringLiteral("--ignore-term") }), 200);
    QVERIFY(pid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(ledgerTime(pid, "START") > 0, kAnswerMs);
    m_guard->terminate();
    QCOMPARE(client->readLine(), QByteArray("EXITED stopped 9"));
    QVERIFY(m_guard->waitForFinished(kAnswerMs));
    QCOMPARE(m_guard->exitCode(), 0);
    QVERIFY(processGone(pid));
    QVERIFY(!QFileInfo::exists(m_socketPath));
}

void TestGuard::idleGuardExits()
{
    QVERIFY(startGuard({ QStringLiteral("--idle-exit-ms"), QStringLiteral("300") }));
    // startGuard's probe connections have come and gone; an attached agent keeps the guard.
    auto client = attach();
    QVERIFY(!m_guard->waitForFinished(700));
    client->close();
    const qint64 left = monotonicMs();
    QVERIFY(m_guard->waitForFinished(kAnswerMs));
    const qint64 after = monotonicMs() - left;
    QVERIFY2(after >= 250 && after < 1000, qPrintable(QStringLiteral("exited %1 ms after the agent left").arg(after)));
    QCOMPARE(m_guard->exitCode(), 0);
    QVERIFY(!QFileInfo::exists(m_socketPath));
}

void TestGuard::secondGuardOnTheSameSocketIsRefused()
{
    QVERIFY(startGuard());
    QProcess second;
    second.start(kGuardPath, { QStringLiteral("--socket"), m_socketPath });
    QVERIFY(second.waitForFinished(kAnswerMs));
    QCOMPARE(second.exitCode(), 1);
    QVERIFY(second.readAllStandardError().contains("another hacmp-guard already listens"));
    QByteArray state;
    const auto client = attach(&state);
    QCOMPARE(state, QByteArray("STATE idle 0"));
}

void TestGuard::nonSocketPathIsLeftAlone()
{
    QFile file(m_socketPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("keep");
    file.close();
    QProcess guard;
    guard.start(kGuardPath, { QStringLiteral("--socket"), m_socketPath });
    QVERIFY(guard.waitForFinished(kAnswerMs));
    QCOMPARE(guard.exitCode(), 1);
    QVERIFY(guard.readAllStandardError().contains("is not a socket"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("keep"));
}

void TestGuard::logCarriesPrioritiesUnderJournald()
{
    QProcess guard;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("JOURNAL_STREAM"), QStringLiteral("8:1234"));
    guard.setProcessEnvironment(environment);
    guard.start(kGuardPath,
        { QStringLiteral("--socket"), m_socketPath, QStringLiteral("--idle-exit-ms"), QStringLiteral("0") });
    QVERIFY(guard.waitForFinished(kAnswerMs));
    QCOMPARE(guard.exitCode(), 0);
    const QList<QByteArray> lines = guard.readAllStandardError().trimmed().split('\n');
    QVERIFY(lines.size() >= 2);
    QCOMPARE(lines.first(), QByteArray("<6>hacmp-guard: listening on " + QFile::encodeName(m_socketPath)));
    for (const QByteArray &line : lines)
        QVERIFY2(line.startsWith("<6>hacmp-guard: "), line.constData());
}

void TestGuard::commandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("output");
    QTest::newRow("version") << QStringList { QStringLiteral("--version") } << 0
                             << QByteArray("hacmp-guard " HACMP_VERSION "\n");
    QTest::newRow("help") << QStringList { QStringLiteral("--help") } << 0 << QByteArray("Usage: hacmp-guard --socket");
    QTest::newRow("no socket") << QStringList() << 2 << QByteArray("--socket PATH is required");
    QTest::newRow("unknown") << QStringList { QStringLiteral("--bogus") } << 2 << QByteArray("unknown argument");
    QTest::newRow("bad idle") << QStringList { QStringLiteral("--socket"), QStringLiteral("/tmp/x"),
        QStringLiteral("--idle-exit-ms"), QStringLiteral("soon") }
                              << 2 << QByteArray("--idle-exit-ms needs");
    QTest::newRow("empty state dir") << QStringList {
        QStringLiteral("--socket"),
        QStringLiteral("/tmp/x"),
        QStringLiteral("--state-dir="),
    } << 2 << QByteArray("--state-dir needs a folder");
}

void TestGuard::commandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, output);
    QProcess guard;
    guard.start(kGuardPath, arguments);
    QVERIFY(guard.waitForFinished(kAnswerMs));
    QCOMPARE(guard.exitCode(), exitCode);
    const QByteArray printed = exitCode == 0 ? guard.readAllStandardOutput() : guard.readAllStandardError();
    QVERIFY2(printed.startsWith(output) || printed.contains(output), printed.constData());
}

QTEST_GUILESS_MAIN(TestGuard)
#include "tst_guard.moc"
