// The application through the real hacmp-guard, with the real hacmp-testapp: start and stop, the causes
// of an exit as the Election needs them, the stop command, a failed health check, the guard's death
// and its relaunch, and re-attaching to a guard that holds an application (W5).
#include "agent/daemon/applicationcontrol.h"
#include "agent/daemon/guardclient.h"
#include "shared/protocol/monotime.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace hacmp;
using namespace hacmp::agent;

Q_DECLARE_METATYPE(hacmp::AppExit)
Q_DECLARE_METATYPE(hacmp::AppExitCause)
Q_DECLARE_METATYPE(hacmp::agent::GuardReply)

namespace {

const QString kGuardPath = QStringLiteral(HACMP_BIN_DIR "/hacmp-guard");
const QString kTestAppPath = QStringLiteral(HACMP_BIN_DIR "/hacmp-testapp");
constexpr int kWaitMs = 5000;

/// The parent of pid (the guard, for the application), from /proc.
qint64 parentOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    return line.mid(line.lastIndexOf(')') + 2).split(' ').value(1).toLongLong();
}

/// A guard on a socket of a temporary folder, the client and the application control of one agent.
struct Setup
{
    Setup()
    {
        config.node.name = QStringLiteral("n1");
        config.cluster.directory = temp.path();
        config.timing.stopGrace = Millis(300);
        config.application.start = QStringList { kTestAppPath, QStringLiteral("--lock"), path(QStringLiteral("lock")),
            QStringLiteral("--ledger"), path(QStringLiteral("ledger")) };
        connect();
    }
    ~Setup()
    {
        if (control)
            control->disconnect();
        if (client) {
            client->quit(); // the guard stops what it holds and exits
            QTest::qWait(100);
        }
    }
    void connect()
    {
        control.reset();
        client = std::make_unique<GuardClient>(path(QStringLiteral("guard.sock")), kGuardPath);
        control = std::make_unique<ApplicationControl>(*client, config);
        states = std::make_unique<QSignalSpy>(client.get(), &GuardClient::stateReceived);
        started = std::make_unique<QSignalSpy>(control.get(), &ApplicationControl::started);
        exited = std::make_unique<QSignalSpy>(control.get(), &ApplicationControl::exited);
        client->open(0x1234);
    }
    QString path(const QString &name) const { return temp.path() + QLatin1Char('/') + name; }
    QByteArray ledger() const
    {
        QFile file(path(QStringLiteral("ledger")));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    AppExit lastExit() const { return exited->last().first().value<AppExit>(); }

    QTemporaryDir temp;
    AgentConfig config;
    std::unique_ptr<GuardClient> client;
    std::unique_ptr<ApplicationControl> control;
    std::unique_ptr<QSignalSpy> states;
    std::unique_ptr<QSignalSpy> started;
    std::unique_ptr<QSignalSpy> exited;
};

} // namespace

class TestApplicationControl final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void startsAndStops();
    void exitCauses_data();
    void exitCauses();
    void refusedWithoutDeadline();
    void stopCommandRunsFirst();
    void failedHealthCheckCountsAsFailure();
    void guardDeathEndsTheApplicationAndIsRelaunched();
    void reattachesToTheGuardsApplication();
};

void TestApplicationControl::initTestCase()
{
    qRegisterMetaType<AppExit>();
    qRegisterMetaType<GuardReply>();
    QVERIFY2(QFile::exists(kGuardPath), "hacmp-guard is not built");
    QVERIFY2(QFile::exists(kTestAppPath), "hacmp-testapp is not built");
}

void TestApplicationControl::startsAndStops()
{
    Setup setup;
    QTRY_COMPARE_WITH_TIMEOUT(setup.states->size(), 1, kWaitMs);
    QCOMPARE(setup.states->first().first().value<GuardReply>().kind, GuardReply::Kind::StateIdle);
    QVERIFY(setup.client->ready());
    setup.client->setDeadline(monotonicNow() + Millis(10000));
    setup.control->start(7);
    QTRY_COMPARE_WITH_TIMEOUT(setup.started->size(), 1, kWaitMs);
    const qint64 pid = setup.started->first().first().toLongLong();
    QCOMPARE(setup.control->pid(), pid);
    QVERIFY(setup.control->running());
    QTRY_VERIFY_WITH_TIMEOUT(
        setup.ledger().contains(QByteArray(QByteArray("START ") + QByteArray::number(pid) + " 7 n1 ")),
        kWaitMs); // HACMP_EPOCH and HACMP_NODE reach the application
    setup.control->stop(QStringLiteral("test"));
    QTRY_COMPARE_WITH_TIMEOUT(setup.exited->size(), 1, kWaitMs);
    QCOMPARE(setup.lastExit().cause, AppExitCause::Stopped);
    QVERIFY(setup.ledger().contains(QByteArray(QByteArray("STOP ") + QByteArray::number(pid))));
    QCOMPARE(setup.control->pid(), 0);
    setup.control->stop(QStringLiteral("again")); // nothing runs: reported at once, as stopped
    QTRY_COMPARE_WITH_TIMEOUT(setup.exited->size(), 2, kWaitMs);
    QCOMPARE(setup.lastExit().cause, AppExitCause::Stopped);
}

void TestApplicationControl::exitCauses_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("deadlineMs");
    QTest::addColumn<AppExitCause>("cause");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");
    QTest::newRow("exits with 4") << QStringList { QStringLiteral("--exit-after"), QStringLiteral("100"),
        QStringLiteral("--exit-code"), QStringLiteral("4") }
                                  << 10000 << AppExitCause::Exited << 4 << QStringLiteral("exited with status 4");
    QTest::newRow("killed at the lease deadline")
        << QStringList() << 400 << AppExitCause::GuardDeadline << 0 << QStringLiteral("lease deadline");
}

void TestApplicationControl::exitCauses()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, deadlineMs);
    QFETCH(AppExitCause, cause);
    QFETCH(int, status);
    QFETCH(QString, detail);
    Setup setup;
    setup.config.application.start += arguments;
    setup.control->setConfig(setup.config);
    QTRY_COMPARE_WITH_TIMEOUT(setup.states->size(), 1, kWaitMs);
    setup.client->setDeadline(monotonicNow() + Millis(deadlineMs));
    setup.control->start(1);
    QTRY_COMPARE_WITH_TIMEOUT(setup.exited->size(), 1, kWaitMs);
    QCOMPARE(setup.lastExit().cause, cause);
    if (cause == AppExitCause::Exited)
        QCOMPARE(setup.lastExit().status, status);
    QVERIFY2(setup.lastExit().detail.contains(detail), qPrintable(setup.lastExit().detail));
}

void TestApplicationControl::refusedWithoutDeadline()
{
    Setup setup;
    QTRY_COMPARE_WITH_TIMEOUT(setup.states->size(), 1, kWaitMs);
    setup.control->start(1); // no DEADLINE sent: the guard refuses (W3)
    QTRY_COMPARE_WITH_TIMEOUT(setup.exited->size(), 1, kWaitMs);
    QCOMPARE(setup.started->size(), 0);
    QCOMPARE(setup.lastExit().cause, AppExitCause::GuardDeadline);
    QVERIFY2(setup.lastExit().detail.contains(QLatin1String("refused")), qPrintable(setup.lastExit().detail));
}

void TestApplicationControl::stopCommandRunsFirst()
{
    Setup setup;
    const QString marker = setup.path(QStringLiteral("stopped-by"));
    setup.config.application.stop
        = QStringList { QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo $HACMP_EPOCH > ") + marker };
    setup.control->setConfig(setup.config);
    QTRY_COMPARE_WITH_TIMEOUT(setup.states->size(), 1, kWaitMs);
    setup.client->setDeadline(monotonicNow() + Millis(10000));
    setup.control->start(9);
    QTRY_COMPARE_WITH_TIMEOUT(setup.started->size(), 1, kWaitMs);
    setup.control->stop(QStringLiteral("test"));
    QTRY_COMPARE_WITH_TIMEOUT(setup.exited->size(), 1, kWaitMs);
    QCOMPARE(setup.lastExit().cause, AppExitCause::Stopped);
    QFile file(marker);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().trimmed(), QByteArray("9"));
}

void TestApplicationControl::failedHealthCheckCountsAsFailure()
{
    Setup setup;
    QTRY_COMPARE_WITH_TIMEOUT(setup.states->size(), 1, kWaitMs);
    setup.client->setDeadline(monotonicNow() + Millis(10000));
    setup.control->start(2);
    QTRY_COMPARE_WITH_TIMEOUT(setup.started->size(), 1, kWaitMs);
    setup.control->failHealth(QStringLiteral("no answer on port 8080"));
    QTRY_COMPARE_WITH_TIMEOUT(setup.exited->size(), 1, kWaitMs);
    QCOMPARE(setup.lastExit().cause, AppExitCause::Exited); // counts against the restart budget
    QVERIFY2(setup.lastExit().detail.contains(QLatin1String("health check failed: no answer on port 8080")),
        qPrintable(setup.lastExit().detail));
}

void TestApplicationControl::guardDeathEndsTheApplicationAndIsRelaunched()
{
    Setup setup;
    QTRY_COMPARE_WITH_TIMEOUT(setup.states->size(), 1, kWaitMs);
    const MonoTime deadline = monotonicNow() + Millis(10000);
    setup.client->setDeadline(deadline);
    setup.control->start(3);
    QTRY_COMPARE_WITH_TIMEOUT(setup.started->size(), 1, kWaitMs);
    const qint64 guard = parentOf(setup.control->pid());
    QVERIFY(guard > 1);
    QCOMPARE(::kill(pid_t(guard), SIGKILL), 0);
    QTRY_COMPARE_WITH_TIMEOUT(setup.exited->size(), 1, kWaitMs);
    QCOMPARE(setup.lastExit().cause, AppExitCause::Exited);
    QVERIFY2(setup.lastExit().detail.contains(QLatin1String("guard died")), qPrintable(setup.lastExit().detail));
    // a new guard is launched and told the deadline again, so the application can start at once
    QTRY_COMPARE_WITH_TIMEOUT(setup.states->size(), 2, kWaitMs);
    QVERIFY(setup.client->ready());
    setup.control->start(3);
    QTRY_COMPARE_WITH_TIMEOUT(setup.started->size(), 2, kWaitMs);
    QVERIFY(parentOf(setup.control->pid()) != guard);
}

void TestApplicationControl::reattachesToTheGuardsApplication()
{
    Setup setup;
    QTRY_COMPARE_WITH_TIMEOUT(setup.states->size(), 1, kWaitMs);
    const MonoTime deadline = monotonicNow() + Millis(10000);
    setup.client->setDeadline(deadline);
    setup.control->start(5);
    QTRY_COMPARE_WITH_TIMEOUT(setup.started->size(), 1, kWaitMs);
    const qint64 pid = setup.control->pid();
    setup.connect(); // the agent restarts: a new client and control, the guard and its application stay
    QTRY_COMPARE_WITH_TIMEOUT(setup.states->size(), 1, kWaitMs);
    const GuardReply state = setup.states->first().first().value<GuardReply>();
    QCOMPARE(state.kind, GuardReply::Kind::StateRunning);
    QCOMPARE(state.pid, pid);
    QCOMPARE(state.epoch, std::uint64_t(5));
    QCOMPARE(state.deadline, deadline);
    setup.control->adopt(state.pid, state.epoch);
    QVERIFY(setup.control->running());
    setup.control->stop(QStringLiteral("test"));
    QTRY_COMPARE_WITH_TIMEOUT(setup.exited->size(), 1, kWaitMs);
    QCOMPARE(setup.lastExit().cause, AppExitCause::Stopped);
}

QTEST_GUILESS_MAIN(TestApplicationControl)
#include "tst_applicationcontrol.moc"
