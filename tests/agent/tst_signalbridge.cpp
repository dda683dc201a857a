// Unix signals reach the event loop as Qt signals, through the socketpair (never Qt inside a handler).
#include "agent/daemon/signalbridge.h"

#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace hacmp::agent;

class TestSignalBridge final : public QObject
{
    Q_OBJECT

private slots:
    void signalsArriveOnTheEventLoop();
};

void TestSignalBridge::signalsArriveOnTheEventLoop()
{
    {
        SignalBridge bridge({ SIGHUP, SIGTERM });
        QSignalSpy received(&bridge, &SignalBridge::received);
        ::raise(SIGHUP);
        ::raise(SIGTERM); // caught: the test goes on
        ::raise(SIGHUP);
        QTRY_COMPARE(received.size(), 3);
        QCOMPARE(received.at(0).first().toInt(), SIGHUP);
        QCOMPARE(received.at(1).first().toInt(), SIGTERM);
        QCOMPARE(received.at(2).first().toInt(), SIGHUP);
    }
    // gone again: the default disposition is back
    struct sigaction current = {};
    ::sigaction(SIGHUP, nullptr, &current);
    QVERIFY(current.sa_handler == SIG_DFL);
    SignalBridge again({ SIGUSR1 }); // a second bridge after the first one is fine
    QSignalSpy received(&again, &SignalBridge::received);
    ::raise(SIGUSR1);
    QTRY_COMPARE(received.size(), 1);
}

QTEST_GUILESS_MAIN(TestSignalBridge)
#include "tst_signalbridge.moc"
