// The [application] detect pattern with the real pgrep: an instance outside the guard is found and
// stopped (SIGTERM, then SIGKILL after the grace), the guard's own process group and the agent's
// children are not strays.
#include "appledger.h"
#include "straydetector.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <cerrno>
#include <csignal>
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
    void pgrepOutputIsFiltered();
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
    detector.configure(QStringLiteral("sh -c .* ") + marker, Millis(50));
    QTRY_VERIFY_WITH_TIMEOUT(!found.isEmpty(), kWaitMs);
    QCOMPARE(found.last().first().toBool(), false); // nothing yet
    const qint64 pid = startInstance(marker, stubborn);
    QVERIFY(pid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(found.last().first().toBool(), kWaitMs);
    detector.stopStrays(Millis(300));
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), kWaitMs);
    found.clear();
    QTRY_VERIFY_WITH_TIMEOUT(!found.isEmpty() && !found.last().first().toBool(), kWaitMs);
}

void TestStrayDetector::guardedProcessGroupIsNoStray()
{
    const QString marker = QStringLiteral("hacmp-guarded-%1").arg(QCoreApplication::applicationPid());
    const qint64 pid = startInstance(marker, false); // a session and process group of its own
    QVERIFY(pid > 0);
    StrayDetector detector([pid] { return std::int64_t(pid); });
    QSignalSpy found(&detector, &StrayDetector::found);
    detector.configure(QStringLiteral("sh -c .* ") + marker, Millis(50));
    QTRY_VERIFY_WITH_TIMEOUT(found.size() >= 3, kWaitMs);
    for (const QList<QVariant> &report : std::as_const(found))
        QCOMPARE(report.first().toBool(), false);
    detector.stopStrays(Millis(100));
    QTest::qWait(200);
    QVERIFY(!processGone(pid));
    ::kill(pid_t(pid), SIGKILL);
}

void TestStrayDetector::pgrepOutputIsFiltered()
{
    const pid_t self = pid_t(QCoreApplication::applicationPid());
    QProcess child; // the agent's own check or stop command
    child.start(QStringLiteral("sleep"), { QStringLiteral("5") });
    QVERIFY(child.waitForStarted());
    const QByteArray output = QByteArray::number(self) + '\n' + QByteArray::number(child.processId()) + "\nnoise\n";
    QVERIFY(StrayDetector::strays(output, self, 0).isEmpty());
    QCOMPARE(StrayDetector::strays("1\n", self, 0), QList<pid_t> { 1 });
    QVERIFY(StrayDetector::strays("1\n", self, 1).isEmpty());
    child.kill();
    child.waitForFinished();
}

QTEST_GUILESS_MAIN(TestStrayDetector)
#include "tst_straydetector.moc"
