// Where the Election's events go: a history line in the node's history file, and the [notify] command
// with the same event as JSON.
#include "agent/daemon/directoryio.h"
#include "agent/daemon/eventreporter.h"
#include "shared/history/historyevent.h"
#include "shared/storage/clusteridentity.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

class TestEventReporter final : public QObject
{
    Q_OBJECT

private slots:
    void eventsReachHistoryAndNotification();
};

void TestEventReporter::eventsReachHistoryAndNotification()
{
    QTemporaryDir temp;
    const QString cluster = temp.path() + QStringLiteral("/cluster");
    QVERIFY(QDir().mkpath(cluster));
    QVERIFY(initClusterDirectory(cluster, QStringLiteral("unit")));
    Result<std::unique_ptr<FsClusterDirectory>> opened = openCluster(cluster, QStringLiteral("unit"));
    QVERIFY(opened);
    DirectoryIo io(
        std::shared_ptr<ClusterDirectory>(std::move(opened).value().release()), QStringLiteral("a"), Millis(500));
    EventReporter reporter(io, QStringLiteral("a"));
    const QString notified = temp.path() + QStringLiteral("/notified");
    AgentConfig::Notify notify;
    notify.command
        = { QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("cat >> %1; echo >> %1").arg(notified) };
    reporter.configure(notify);

    reporter.report(
        EventAction { EventKind::RoleChange, QStringLiteral("standby -> candidate"), 4, QStringLiteral("a") });
    reporter.report(
        EventAction { EventKind::SwitchoverDone, QStringLiteral("handed over to b"), 4, QStringLiteral("b") });
    QTRY_VERIFY(io.controlIdle());
    QFile history(cluster + QStringLiteral("/history/a.jsonl"));
    QVERIFY(history.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = history.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const std::optional<HistoryEvent> second = decodeHistoryLine(lines.last());
    QVERIFY(second);
    QCOMPARE(second->writer, QStringLiteral("a"));
    QCOMPARE(second->node, QStringLiteral("b"));
    QCOMPARE(second->epoch, quint64(4));
    QCOMPARE(second->event, QStringLiteral("switchover_done"));

    QTRY_VERIFY_WITH_TIMEOUT(QFile(notified).size() > 0 && QFile(notified).size() > lines.first().size() + 20, 5000);
    QFile file(notified);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> events = file.readAll().trimmed().split('\n');
    QCOMPARE(events.size(), 2);
    const std::optional<HistoryEvent> first = decodeHistoryLine(events.first());
    QVERIFY(first);
    QCOMPARE(first->event, QStringLiteral("role_change"));
    QCOMPARE(first->detail, QStringLiteral("standby -> candidate"));
}

QTEST_GUILESS_MAIN(TestEventReporter)
#include "tst_eventreporter.moc"
