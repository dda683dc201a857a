// Instances outside the guard, found in the real /proc: by the [application] detect pattern and by the
// default rule (the start program, a script through its interpreter); they are stopped (SIGTERM, then
// SIGKILL after the grace); the guard's own process group and the agent's children are not strays.
#include "agent/daemon/straydetector.h"
#include "tests/support/appledger.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace hacmp;
using namespace hacmp::agent;
using hacmp::test::processGone;

namespace {

constexpr int kWaitMs = 5000;

/// A process not started by this one (so not its child), with a unique command line; it ignores
/// SIGTERM when stubborn.
qint64 startInstance(const QString &marker, bool stubborn)
{
    qint64 pid = 0;
    const QString loop = QStringLiteral("while :; do sleep 0.05; done");
    const QString script = stubborn ? QStringLiteral("trap '' TERM; ") + loop : loop;
    QProcess::startDetached(QStringLiteral("sh"), { QStringLiteral("-c"), script, marker }, QString(), &pid);
    return pid;
}

} // namespace

class TestStrayDetector final : public QObject
{
    Q_OBJECT

private slots:
    void findsAndStopsInstancesOutsideTheGuard_data();
    void findsAndStopsInstancesOutsideTheGuard();
    void guardedProcessGroupIsNoStray();
    void defaultRuleFindsTheStartProgram();
    void defaultRuleFindsAScriptThroughItsInterpreter();
    void agentAndItsChildrenAreNoStrays();
};

void TestStrayDetector::findsAndStopsInstancesOutsideTheGuard_data()
{
    QTest::addColumn<bool>("stubborn");
    QTest::newRow("stops on SIGTERM") << false;
    QTest::newRow("ignores SIGTERM: SIGKILL after the grace") << true;
}

void TestStrayDetector::findsAndStopsInstancesOutsideTheGuard()
{
    QFETCH(bool, stubborn);
    const QString marker = QStringLiteral("hacmp-stray-%1-%2").arg(QCoreApplication::applicationPid()).arg(stubborn);
    StrayDetector detector([] { return std::int64_t(0); });
    QSignalSpy found(&detector, &StrayDetector::found);
    detector.configure(InstanceMatcher::forApplication({}, QStringLiteral("sh -c .* ") + marker, {}), Millis(50));
    detector.start();
    QVERIFY(!found.isEmpty());
    QVERIFY(found.last().first().value<QList<std::int64_t>>().isEmpty()); // nothing yet
    const qint64 pid = startInstance(marker, stubborn);
    QVERIFY(pid > 0);
    QTRY_COMPARE_WITH_TIMEOUT(
        found.last().first().value<QList<std::int64_t>>(), QList<std::int64_t> { std::int64_t(pid) }, kWaitMs);
    detector.stopStrays(Millis(300));
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), kWaitMs);
    QVERIFY(detector.searchNow().isEmpty());
}

void TestStrayDetector::guardedProcessGroupIsNoStray()
{
    const QString marker = QStringLiteral("hacmp-guarded-%1").arg(QCoreApplication::applicationPid());
    const qint64 pid = startInstance(marker, false); // a session and process group of its own
    QVERIFY(pid > 0);
    StrayDetector detector([pid] { return std::int64_t(pid); });
    detector.configure(InstanceMatcher::forApplication({}, QStringLiteral("sh -c .* ") + marker, {}), Millis(50));
    QTest::qWait(100);
    QVERIFY(detector.searchNow().isEmpty());
    detector.stopStrays(Millis(100));
    QTest::qWait(200);
    QVERIFY(!processGone(pid));
    ::kill(pid_t(pid), SIGKILL);
}

void TestStrayDetector::defaultRuleFindsTheStartProgram()
{
    // Without a detect pattern, a process running the configured program counts, whatever its arguments;
    // the same interpreter running something else does not.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString program = dir.filePath(QStringLiteral("hacmp-test-app"));
    QVERIFY(QFile::copy(QStringLiteral("/bin/sleep"), program));
    StrayDetector detector([] { return std::int64_t(0); });
    detector.configure(InstanceMatcher::forApplication(
                           { program, QStringLiteral("--port"), QStringLiteral("7000") }, QString(), dir.path()),
        Millis(50));
    QVERIFY(detector.searchNow().isEmpty());
    qint64 other = 0;
    qint64 guardPid = 0;
    qint64 pid = 0;
    const auto cleanup = qScopeGuard([&] { // also when a check fails: nothing may keep ctest's output open
        for (const qint64 started : { other, guardPid, pid })
            if (started > 0)
                ::kill(pid_t(started), SIGKILL);
    });
    QVERIFY(QProcess::startDetached(QStringLiteral("/bin/sleep"), { QStringLiteral("30") }, QString(), &other));
    // An instance held by a guard (of another agent on this host, as in a demo) is no stray either.
    const QString guard = dir.filePath(QStringLiteral("hacmp-guard"));
    QVERIFY(QFile::copy(QStringLiteral("/bin/sh"), guard));
    QVERIFY(QProcess::startDetached(
        guard, { QStringLiteral("-c"), QStringLiteral("\"$0\" 3; :"), program }, QString(), &guardPid));
    QVERIFY(QProcess::startDetached(program, { QStringLiteral("31") }, QString(), &pid)); // other arguments
    QTRY_COMPARE_WITH_TIMEOUT(detector.searchNow(), QList<std::int64_t> { std::int64_t(pid) }, kWaitMs);
    detector.stopStrays(Millis(300));
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), kWaitMs);
    QVERIFY(!processGone(other)); // its guarded instance ends by itself
}

void TestStrayDetector::defaultRuleFindsAScriptThroughItsInterpreter()
{
    // A script runs as its interpreter with the script's path as first argument; the same interpreter
    // running other work, and a program that only reads the script, are no instances.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString script = dir.filePath(QStringLiteral("server.sh"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\nread line < \"$0.fifo\"\n"); // waits without forking (a fork would look alike)
    file.close();
    QCOMPARE(::mkfifo(QFile::encodeName(script + QStringLiteral(".fifo")).constData(), 0600), 0);
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    StrayDetector detector([] { return std::int64_t(0); });
    detector.configure(InstanceMatcher::forApplication({ script }, QString(), dir.path()), Millis(50));
    const QString marker = QStringLiteral("hacmp-unrelated-%1").arg(QCoreApplication::applicationPid());
    qint64 unrelated = 0;
    qint64 reader = 0;
    qint64 pid = 0;
    const auto cleanup = qScopeGuard([&] {
        for (const qint64 started : { unrelated, reader, pid })
            if (started > 0)
                ::kill(pid_t(started), SIGKILL);
    });
    unrelated = startInstance(marker, false);
    QVERIFY(QProcess::startDetached(QStringLiteral("/bin/sh"),
        { QStringLiteral("-c"), QStringLiteral("exec sleep 30 < \"$0\""), script }, QString(), &reader));
    QVERIFY(QProcess::startDetached(script, {}, QString(), &pid));
    QTRY_COMPARE_WITH_TIMEOUT(detector.searchNow(), QList<std::int64_t> { std::int64_t(pid) }, kWaitMs);
    detector.stopStrays(Millis(300));
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), kWaitMs);
    QVERIFY(!processGone(unrelated));
}

void TestStrayDetector::agentAndItsChildrenAreNoStrays()
{
    const pid_t self = pid_t(QCoreApplication::applicationPid());
    QProcess child; // the agent's own check or stop command
    child.start(QStringLiteral("sleep"), { QStringLiteral("5") });
    QVERIFY(child.waitForStarted());
    QVERIFY(!StrayDetector::isStray(self, self, 0));
    QVERIFY(!StrayDetector::isStray(pid_t(child.processId()), self, 0));
    QVERIFY(StrayDetector::isStray(1, self, 0));
    QVERIFY(!StrayDetector::isStray(1, self, 1));
    child.kill();
    child.waitForFinished();
}

QTEST_GUILESS_MAIN(TestStrayDetector)
#include "tst_straydetector.moc"
