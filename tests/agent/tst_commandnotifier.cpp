// [notify] command: each event's JSON on the command's standard input, one command at a time, in
// order; a hanging command is killed at its timeout; a full queue drops and counts.
#include "agent/daemon/commandnotifier.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

class TestCommandNotifier final : public QObject
{
    Q_OBJECT

private slots:
    void eventsReachTheCommandInOrder();
    void hangingCommandIsKilled();
    void fullQueueDrops();
};

void TestCommandNotifier::eventsReachTheCommandInOrder()
{
    QTemporaryDir temp;
    const QString out = temp.path() + QStringLiteral("/events");
    CommandNotifier notifier;
    QSignalSpy delivered(&notifier, &CommandNotifier::delivered);
    notifier.setCommand(
        { QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("cat >> %1; echo >> %1").arg(out) });
    for (int i = 1; i <= 3; ++i)
        notifier.notify(QStringLiteral(R"({"event":"e%1"})").arg(i).toUtf8());
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 3, 5000);
    for (const QList<QVariant> &result : std::as_const(delivered))
        QVERIFY(result.first().toBool());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("{\"event\":\"e1\"}\n{\"event\":\"e2\"}\n{\"event\":\"e3\"}\n"));
    QVERIFY(!notifier.busy());
}

void TestCommandNotifier::hangingCommandIsKilled()
{
    CommandNotifier notifier;
    QSignalSpy delivered(&notifier, &CommandNotifier::delivered);
    notifier.setCommand({ QStringLiteral("sleep"), QStringLiteral("30") }, Millis(200));
    notifier.notify("{}");
    notifier.notify("{}");
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 2, 3000); // 2 x 200 ms, not 60 s
    QCOMPARE(delivered.first().first().toBool(), false);
}

void TestCommandNotifier::fullQueueDrops()
{
    CommandNotifier notifier;
    notifier.setCommand({ QStringLiteral("sleep"), QStringLiteral("30") }, Millis(200));
    for (qsizetype i = 0; i < CommandNotifier::kQueueLimit + 6; ++i)
        notifier.notify("{}");
    QCOMPARE(notifier.dropped(), quint64(5)); // one runs, kQueueLimit wait
    notifier.setCommand({});
    QTRY_VERIFY_WITH_TIMEOUT(!notifier.busy(), 3000);
}

QTEST_GUILESS_MAIN(TestCommandNotifier)
#include "tst_commandnotifier.moc"
