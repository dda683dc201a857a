// systemd's notify protocol against a NOTIFY_SOCKET the test owns (no systemd runs here): READY=1 once,
// STATUS when it changes, STOPPING=1, and WATCHDOG=1 at half of WATCHDOG_USEC from the event loop.
#include "agent/daemon/systemdnotifier.h"
#include "tests/support/notifysocket.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace hacmp::agent;
using hacmp::test::NotifySocket;

class TestSystemdNotifier final : public QObject
{
    Q_OBJECT

private slots:
    void offWithoutNotifySocket();
    void readyStatusStopping();
    void watchdogAtHalfTheInterval();
};

void TestSystemdNotifier::offWithoutNotifySocket()
{
    qunsetenv("NOTIFY_SOCKET");
    SystemdNotifier notifier;
    QVERIFY(!notifier.enabled());
    notifier.ready(); // harmless
}

void TestSystemdNotifier::readyStatusStopping()
{
    QTemporaryDir temp;
    const QString path = temp.path() + QStringLiteral("/notify");
    NotifySocket socket(path);
    QVERIFY(socket.bound());
    qputenv("NOTIFY_SOCKET", QFile::encodeName(path));
    qunsetenv("WATCHDOG_USEC");
    SystemdNotifier notifier;
    QVERIFY(notifier.enabled());
    QCOMPARE(notifier.watchdogIntervalMs(), 0);
    notifier.ready();
    notifier.ready();
    notifier.status(QStringLiteral("standby, master b"));
    notifier.status(QStringLiteral("standby, master b"));
    notifier.status(QStringLiteral("master, master a"));
    notifier.stopping();
    QTRY_COMPARE(socket.messages().size(), 4);
    QCOMPARE(socket.messages(),
        QList<QByteArray>({ "READY=1", "STATUS=standby, master b", "STATUS=master, master a", "STOPPING=1" }));
}

void TestSystemdNotifier::watchdogAtHalfTheInterval()
{
    QTemporaryDir temp;
    const QString path = temp.path() + QStringLiteral("/notify");
    NotifySocket socket(path);
    qputenv("NOTIFY_SOCKET", QFile::encodeName(path));
    qputenv("WATCHDOG_USEC", "200000");
    qputenv("WATCHDOG_PID", QByteArray::number(::getpid()));
    SystemdNotifier notifier;
    QCOMPARE(notifier.watchdogIntervalMs(), 100);
    QTRY_VERIFY_WITH_TIMEOUT(socket.messages().count("WATCHDOG=1") >= 3, 2000);

    qputenv("WATCHDOG_PID", "1"); // meant for another process
    SystemdNotifier other;
    QCOMPARE(other.watchdogIntervalMs(), 0);
    qunsetenv("WATCHDOG_PID");
    qunsetenv("WATCHDOG_USEC");
}

QTEST_GUILESS_MAIN(TestSystemdNotifier)
#include "tst_systemdnotifier.moc"
