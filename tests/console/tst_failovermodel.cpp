#include "gui/failovermodel.h"
#include "tests/support/demohistory.h"

#include <QTest>

#include <algorithm>

using namespace hacmp;
using namespace hacmp::console;
using hacmp::test::DemoHistory;

namespace {

/// The demo's events merged as HistoryTail delivers them: sorted, in two refreshes.
QList<HistoryEvent> merged(const DemoHistory &demo)
{
    QList<HistoryEvent> all;
    for (auto it = demo.byWriter().cbegin(); it != demo.byWriter().cend(); ++it) {
        quint64 seq = 0;
        for (HistoryEvent event : it.value()) {
            event.writer = it.key();
            event.seq = ++seq;
            all.append(event);
        }
    }
    std::sort(all.begin(), all.end(), historyEventLess);
    return all;
}

} // namespace

/// FailoverModel shows hacmp's FailoverLog of the merged history: each change of master, newest first,
/// with the reason and the downtime, fed by HistoryTail updates.
class TestFailoverModel final : public QObject
{
    Q_OBJECT

private slots:
    void showsEveryChangeNewestFirst();
    void followsUpdatesAndResets();
};

void TestFailoverModel::showsEveryChangeNewestFirst()
{
    DemoHistory demo({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }, QStringLiteral("ops@desk"), 3);
    demo.run(QDateTime::fromString(QStringLiteral("2024-05-01T00:00:00.000Z"), Qt::ISODate),
        QDateTime::fromString(QStringLiteral("2024-05-03T00:00:00.000Z"), Qt::ISODate), Millis(3 * 3600 * 1000), 20);
    QVERIFY(demo.failovers() > 0);
    QVERIFY(demo.changes() > demo.failovers());

    FailoverModel model;
    model.addEvents(merged(demo), true);
    QCOMPARE(model.rowCount(), demo.changes() + 1);
    QCOMPARE(model.index(0, FailoverModel::To).data().toString(), demo.master());
    QCOMPARE(model.index(0, FailoverModel::Epoch).data().toString(), QString::number(demo.epoch()));
    const int first = model.rowCount() - 1;
    QCOMPARE(model.index(first, FailoverModel::Reason).data().toString(), QStringLiteral("first master"));
    QCOMPARE(model.index(first, FailoverModel::From).data().toString(), QStringLiteral("—"));
    QVERIFY(model.index(first, FailoverModel::Downtime).data().toString().isEmpty());

    int failovers = 0;
    int switchovers = 0;
    for (int row = 0; row < first; ++row) {
        const QString reason = model.index(row, FailoverModel::Reason).data().toString();
        if (reason == QStringLiteral("failover")) {
            ++failovers;
            QVERIFY(model.index(row, FailoverModel::Reason).data(Qt::BackgroundRole).isValid());
            QCOMPARE(model.index(row, FailoverModel::Downtime).data().toString(), QStringLiteral("not recorded"));
        } else {
            QCOMPARE(reason, QStringLiteral("switchover"));
            ++switchovers;
            // The demo's switchovers stop and start the application within a few seconds.
            QVERIFY(model.change(row).downtime);
            QVERIFY(*model.change(row).downtime > Millis(0) && *model.change(row).downtime < Millis(10000));
            QVERIFY(model.index(row, FailoverModel::Downtime).data().toString().endsWith(QStringLiteral(" s")));
        }
    }
    QCOMPARE(failovers, demo.failovers());
    QCOMPARE(switchovers, demo.changes() - demo.failovers());
}

void TestFailoverModel::followsUpdatesAndResets()
{
    DemoHistory demo({ QStringLiteral("a"), QStringLiteral("b") }, QStringLiteral("ops@desk"), 5);
    demo.run(QDateTime::fromString(QStringLiteral("2024-05-01T00:00:00.000Z"), Qt::ISODate),
        QDateTime::fromString(QStringLiteral("2024-05-02T00:00:00.000Z"), Qt::ISODate), Millis(3 * 3600 * 1000), 10);
    const QList<HistoryEvent> all = merged(demo);
    FailoverModel model;
    model.addEvents(all.mid(0, all.size() / 2), true);
    const int early = model.rowCount();
    QVERIFY(early >= 1);
    model.addEvents(all.mid(all.size() / 2), false);
    QCOMPARE(model.rowCount(), demo.changes() + 1);
    QVERIFY(model.rowCount() > early);
    model.addEvents(all.mid(0, all.size() / 2), true);
    QCOMPARE(model.rowCount(), early);
}

QTEST_MAIN(TestFailoverModel)
#include "tst_failovermodel.moc"
