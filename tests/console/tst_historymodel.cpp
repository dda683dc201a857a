#include "gui/historycsv.h"
#include "gui/historyfilterproxy.h"
#include "gui/historymodel.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace hacmp;
using namespace hacmp::console;

namespace {

const QDateTime kBase = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00.000Z"), Qt::ISODateWithMs);

HistoryEvent line(qint64 seconds, const QString &writer, const char *name, const QString &node, const QString &detail)
{
    static quint64 seq = 0;
    HistoryEvent made;
    made.time = kBase.addSecs(seconds).toString(Qt::ISODateWithMs);
    made.writer = writer;
    made.seq = ++seq;
    made.event = QLatin1String(name);
    made.node = node;
    made.detail = detail;
    return made;
}

QList<HistoryEvent> sample()
{
    const QString a = QStringLiteral("a");
    const QString b = QStringLiteral("b");
    return {
        line(0, a, historyevents::AgentStart, a, QStringLiteral("version 0.1.0")),
        line(10, a, historyevents::RoleChange, a, QStringLiteral("master of epoch 1")),
        line(12, a, historyevents::AppStart, a, QStringLiteral("pid 100")),
        line(
            3600, QStringLiteral("ops@desk"), historyevents::MaintenanceOn, QString(), QStringLiteral("Kernel Update")),
        line(7200, b, historyevents::NodeDead, a, QStringLiteral("no heartbeat change for 10s")),
        line(7215, b, historyevents::RoleChange, b, QStringLiteral("master of epoch 2")),
    };
}

QString iso(qint64 seconds)
{
    return kBase.addSecs(seconds).toString(Qt::ISODateWithMs);
}

} // namespace

/// HistoryModel takes HistoryTail updates without resetting the views for appends; HistoryFilterProxy
/// filters by node, event, time and text; the CSV export keeps every field.
class TestHistoryModel final : public QObject
{
    Q_OBJECT

private slots:
    void appendsWithoutReset();
    void lateEventsAreMergedInOrder();
    void resetReplacesEverything();
    void newestFirst();
    void filtersByNodeEventAndTime();
    void searchesTextAndEventWords();
    void csvKeepsEveryField();
};

void TestHistoryModel::appendsWithoutReset()
{
    HistoryModel model;
    QList<HistoryEvent> events = sample();
    model.addEvents(events.mid(0, 3), true);
    QCOMPARE(model.rowCount(), 3);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy names(&model, &HistoryModel::namesChanged);
    model.addEvents(events.mid(3), false);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted[0][1].toInt(), 3);
    QCOMPARE(inserted[0][2].toInt(), 5);
    QCOMPARE(names.count(), 1);
    QCOMPARE(model.nodes(), QStringList({ QStringLiteral("a"), QStringLiteral("b") }));
    QVERIFY(model.eventNames().contains(QStringLiteral("node_dead")));
    QCOMPARE(model.index(4, HistoryModel::Event).data().toString(), QStringLiteral("node seen dead"));
    QCOMPARE(model.index(4, HistoryModel::Event).data(Qt::ToolTipRole).toString(), QStringLiteral("node_dead"));
    QCOMPARE(model.index(4, HistoryModel::Writer).data().toString(), QStringLiteral("b"));
    QCOMPARE(model.index(4, HistoryModel::Time).data(Qt::ToolTipRole).toString(), iso(7200) + QStringLiteral(" UTC"));
}

void TestHistoryModel::lateEventsAreMergedInOrder()
{
    HistoryModel model;
    QList<HistoryEvent> events = sample();
    const HistoryEvent late = events.takeAt(2);
    model.addEvents(events, true);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.addEvents({ late }, false);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted[0][1].toInt(), 2);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.eventAt(2), late);

    // Many late events at once are merged with one reset.
    QList<HistoryEvent> many;
    for (int i = 0; i < 100; ++i)
        many.append(line(20 + i, QStringLiteral("c"), historyevents::StorageLost, QStringLiteral("c"), QString()));
    model.addEvents(many, false);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 106);
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(historyEventLess(model.eventAt(row - 1), model.eventAt(row)));
}

void TestHistoryModel::resetReplacesEverything()
{
    HistoryModel model;
    model.addEvents(sample(), true);
    model.addEvents(sample().mid(0, 1), true);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.nodes(), QStringList({ QStringLiteral("a") }));
    QCOMPARE(model.eventNames(), QStringList({ QStringLiteral("agent_start") }));
}

void TestHistoryModel::newestFirst()
{
    HistoryModel model;
    HistoryFilterProxy proxy(&model);
    model.addEvents(sample(), true);
    QCOMPARE(proxy.rowCount(), 6);
    QCOMPARE(proxy.index(0, HistoryModel::Detail).data().toString(), QStringLiteral("master of epoch 2"));
    QCOMPARE(proxy.index(5, HistoryModel::Detail).data().toString(), QStringLiteral("version 0.1.0"));
    // An appended event shows on top.
    model.addEvents(
        { line(9000, QStringLiteral("b"), historyevents::AppStart, QStringLiteral("b"), QStringLiteral("pid 7")) },
        false);
    QCOMPARE(proxy.index(0, HistoryModel::Detail).data().toString(), QStringLiteral("pid 7"));
}

void TestHistoryModel::filtersByNodeEventAndTime()
{
    HistoryModel model;
    HistoryFilterProxy proxy(&model);
    model.addEvents(sample(), true);
    proxy.setNode(QStringLiteral("a"));
    QCOMPARE(proxy.rowCount(), 4); // three of a's own lines, and b's line about a
    proxy.setEventName(QStringLiteral("role_change"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setNode(QString());
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setEventName(QString());
    proxy.setTimeRange(iso(12), iso(3600));
    QCOMPARE(proxy.rowCount(), 2); // both bounds inclusive
    proxy.setTimeRange(iso(3601), QString());
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setTimeRange(QString(), QString());
    QCOMPARE(proxy.rowCount(), 6);
}

void TestHistoryModel::searchesTextAndEventWords()
{
    HistoryModel model;
    HistoryFilterProxy proxy(&model);
    model.addEvents(sample(), true);
    proxy.setSearchText(QStringLiteral("kernel update"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setSearchText(QStringLiteral("OPS@"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setSearchText(QStringLiteral("role change")); // the words shown for role_change
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setSearchText(QStringLiteral("epoch"));
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setSearchText(QStringLiteral("no such thing"));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setSearchText(QString());
    QCOMPARE(proxy.rowCount(), 6);
}

void TestHistoryModel::csvKeepsEveryField()
{
    HistoryEvent tricky = line(5, QStringLiteral("ops@desk"), historyevents::MaintenanceOn, QString(),
        QStringLiteral("say \"hi\", then\nleave"));
    tricky.epoch = 3;
    const QByteArray csv = historyCsv({ tricky });
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines[0], QByteArray("time_utc,writer,seq,epoch,event,node,detail\r"));
    QCOMPARE(csv.mid(lines[0].size() + 1),
        (iso(5) + QStringLiteral(",ops@desk,%1,3,maintenance_on,,\"say \"\"hi\"\", then\nleave\"\r\n").arg(tricky.seq))
            .toUtf8());
}

QTEST_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
