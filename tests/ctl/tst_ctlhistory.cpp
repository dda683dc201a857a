#include "shared/history/historyevent.h"
#include "tests/support/clusterfixture.h"
#include "tests/support/ctlprocess.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hacmp;
using hacmp::test::ClusterFixture;
using hacmp::test::CtlProcess;

namespace {

const QString kCtl = QStringLiteral(HACMP_BIN_DIR "/hacmpctl");

CtlProcess history(const QString &directory, const QStringList &arguments = {})
{
    return CtlProcess::run(
        kCtl, QStringList { QStringLiteral("--dir"), directory, QStringLiteral("history") } + arguments);
}

HistoryEvent line(const QString &time, const char *event, quint64 epoch, const QString &node, const QString &detail)
{
    return HistoryEvent { time, {}, 0, epoch, QLatin1String(event), node, detail };
}

/// The lines of the table body whose first column is a time.
QStringList rows(const QString &out)
{
    QStringList found;
    for (const QString &text : out.split(QLatin1Char('\n'))) {
        if (text.startsWith(QStringLiteral("20")))
            found << text.simplified();
    }
    return found;
}

/// A day of a three-node cluster: a master, a switchover to b, b crashes and c takes over; an operator
/// set maintenance in between. Written by four writers, so the merge is tested too.
void writeDay(ClusterFixture &cluster)
{
    const QString a = QStringLiteral("a");
    const QString b = QStringLiteral("b");
    const QString c = QStringLiteral("c");
    QVERIFY(cluster.appendHistory(a,
        { line(QStringLiteral("2024-05-01T08:00:00.000Z"), historyevents::RoleChange, 1, a,
              QStringLiteral("master of epoch 1")),
            line(QStringLiteral("2024-05-01T08:00:01.000Z"), historyevents::AppStart, 1, a, QStringLiteral("pid 100")),
            line(QStringLiteral("2024-05-01T12:00:00.000Z"), historyevents::RoleChange, 1, a,
                QStringLiteral("master -> stopping: switchover")),
            line(QStringLiteral("2024-05-01T12:00:02.000Z"), historyevents::AppExit, 1, a,
                QStringLiteral("status 0")) }));
    QVERIFY(cluster.appendHistory(b,
        { line(QStringLiteral("2024-05-01T12:00:03.000Z"), historyevents::RoleChange, 2, b,
              QStringLiteral("master of epoch 2")),
            line(QStringLiteral("2024-05-01T12:00:04.250Z"), historyevents::AppStart, 2, b,
                QStringLiteral("pid 200")) }));
    QVERIFY(cluster.appendHistory(c,
        { line(QStringLiteral("2024-05-01T15:00:10.000Z"), historyevents::NodeDead, 0, b,
              QStringLiteral("no change for 10s")),
            line(QStringLiteral("2024-05-01T15:00:20.000Z"), historyevents::RoleChange, 3, c,
                QStringLiteral("master of epoch 3")),
            line(QStringLiteral("2024-05-01T15:00:21.000Z"), historyevents::AppStart, 3, c,
                QStringLiteral("pid 300")) }));
    QVERIFY(cluster.appendHistory(QStringLiteral("alice@ops"),
        { line(QStringLiteral("2024-05-01T10:00:00.000Z"), historyevents::MaintenanceOn, 0, QString(),
              QStringLiteral("backup")),
            line(QStringLiteral("2024-05-01T10:30:00.000Z"), historyevents::MaintenanceOff, 0, QString(),
                QStringLiteral("done")) }));
}

} // namespace

/// hacmpctl history: the merged log of all writers, its filters, JSON, and the changes of master.
class TestCtlHistory final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mergesAllWritersInTimeOrder();
    void filtersByNodeAndTime_data();
    void filtersByNodeAndTime();
    void relativeSinceCountsBackFromNow();
    void jsonListsTheEvents();
    void failoversListEachChangeOfMaster();
    void failoversAsJson();
    void failoversKeepTheirReasonWhenFiltered();
    void emptyHistory();
    void damagedLinesAreReportedNotFatal();
    void unreadableHistoryFolderFails();
    void badArguments_data();
    void badArguments();
};

void TestCtlHistory::initTestCase()
{
    QVERIFY2(QFileInfo::exists(kCtl), qPrintable(kCtl));
}

void TestCtlHistory::mergesAllWritersInTimeOrder()
{
    ClusterFixture cluster;
    writeDay(cluster);
    const CtlProcess run = history(cluster.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith(QStringLiteral("TIME")), qPrintable(run.describe()));
    const QStringList body = rows(run.out);
    QCOMPARE(body.size(), 11);
    QCOMPARE(body.at(0), QStringLiteral("2024-05-01T08:00:00.000Z a 1 role_change a master of epoch 1"));
    QCOMPARE(body.at(2), QStringLiteral("2024-05-01T10:00:00.000Z alice@ops - maintenance_on - backup"));
    QCOMPARE(body.at(8), QStringLiteral("2024-05-01T15:00:10.000Z c - node_dead b no change for 10s"));
    QStringList sortedCopy = body;
    std::sort(sortedCopy.begin(), sortedCopy.end());
    QCOMPARE(body, sortedCopy);
}

void TestCtlHistory::filtersByNodeAndTime_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("first");
    QTest::newRow("node") << QStringList { QStringLiteral("--node"), QStringLiteral("b") } << 3
                          << QStringLiteral("2024-05-01T12:00:03.000Z");
    QTest::newRow("since UTC") << QStringList { QStringLiteral("--since"), QStringLiteral("2024-05-01T12:00:03Z") } << 5
                               << QStringLiteral("2024-05-01T12:00:03.000Z");
    QTest::newRow("since with offset") << QStringList { QStringLiteral("--since"),
        QStringLiteral("2024-05-01T17:00:00+02:00") }
                                       << 3 << QStringLiteral("2024-05-01T15:00:10.000Z");
    QTest::newRow("node and since") << QStringList { QStringLiteral("--node"), QStringLiteral("b"),
        QStringLiteral("--since"), QStringLiteral("2024-05-01T13:00:00Z") }
                                    << 1 << QStringLiteral("2024-05-01T15:00:10.000Z");
    QTest::newRow("since a date") << QStringList { QStringLiteral("--since"), QStringLiteral("2024-05-03") } << 0
                                  << QString();
}

void TestCtlHistory::filtersByNodeAndTime()
{
    QFETCH(QStringList, options);
    QFETCH(int, count);
    QFETCH(QString, first);
    ClusterFixture cluster;
    writeDay(cluster);
    const CtlProcess run = history(cluster.path(), options);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QStringList body = rows(run.out);
    QCOMPARE(body.size(), count);
    if (count == 0)
        QCOMPARE(run.out.trimmed(), QStringLiteral("no events"));
    else
        QVERIFY2(body.constFirst().startsWith(first), qPrintable(run.describe()));
}

void TestCtlHistory::relativeSinceCountsBackFromNow()
{
    ClusterFixture cluster;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(cluster.appendHistory(QStringLiteral("a"),
        { line(now.addSecs(-3 * 3600).toString(Qt::ISODateWithMs), historyevents::AgentStart, 0, QStringLiteral("a"),
              QStringLiteral("old")),
            line(now.addSecs(-600).toString(Qt::ISODateWithMs), historyevents::AgentStop, 0, QStringLiteral("a"),
                QStringLiteral("recent")) }));
    for (const QString &since : { QStringLiteral("1h"), QStringLiteral("30m") }) {
        const CtlProcess run = history(cluster.path(), { QStringLiteral("--since"), since });
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(rows(run.out).size(), 1);
        QVERIFY2(run.out.contains(QStringLiteral("recent")), qPrintable(run.describe()));
    }
    const CtlProcess days = history(cluster.path(), { QStringLiteral("--since"), QStringLiteral("1d") });
    QCOMPARE(rows(days.out).size(), 2);
}

void TestCtlHistory::jsonListsTheEvents()
{
    ClusterFixture cluster;
    writeDay(cluster);
    const CtlProcess run
        = history(cluster.path(), { QStringLiteral("--json"), QStringLiteral("--node"), QStringLiteral("c") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonArray events = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(events.size(), 2);
    const QJsonObject first = events.at(0).toObject();
    QCOMPARE(first.value(QLatin1String("time")).toString(), QStringLiteral("2024-05-01T15:00:20.000Z"));
    QCOMPARE(first.value(QLatin1String("writer")).toString(), QStringLiteral("c"));
    QCOMPARE(first.value(QLatin1String("seq")).toInt(), 2);
    QCOMPARE(first.value(QLatin1String("epoch")).toInt(), 3);
    QCOMPARE(first.value(QLatin1String("event")).toString(), QStringLiteral("role_change"));
    QCOMPARE(first.value(QLatin1String("node")).toString(), QStringLiteral("c"));
    QCOMPARE(first.value(QLatin1String("detail")).toString(), QStringLiteral("master of epoch 3"));
}

void TestCtlHistory::failoversListEachChangeOfMaster()
{
    ClusterFixture cluster;
    writeDay(cluster);
    const CtlProcess run = history(cluster.path(), { QStringLiteral("--failovers") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QStringList body = rows(run.out);
    QCOMPARE(body.size(), 3);
    QCOMPARE(body.at(0), QStringLiteral("2024-05-01T08:00:00.000Z - a 1 initial - first master in the history"));
    QCOMPARE(body.at(1), QStringLiteral("2024-05-01T12:00:03.000Z a b 2 switchover 2.25s a stood down: switchover"));
    QCOMPARE(body.at(2),
        QStringLiteral("2024-05-01T15:00:20.000Z b c 3 failover unknown no stand-down recorded by b; c "
                       "saw it dead"));
    QVERIFY2(run.out.contains(QStringLiteral("an estimate")), qPrintable(run.describe()));
}

void TestCtlHistory::failoversAsJson()
{
    ClusterFixture cluster;
    writeDay(cluster);
    const CtlProcess run = history(cluster.path(), { QStringLiteral("--failovers"), QStringLiteral("--json") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonArray changes = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(changes.size(), 3);
    const QJsonObject switchover = changes.at(1).toObject();
    QCOMPARE(switchover.value(QLatin1String("reason")).toString(), QStringLiteral("switchover"));
    QCOMPARE(switchover.value(QLatin1String("previous_node")).toString(), QStringLiteral("a"));
    QCOMPARE(switchover.value(QLatin1String("node")).toString(), QStringLiteral("b"));
    QCOMPARE(switchover.value(QLatin1String("downtime_ms")).toInt(), 2250);
    QCOMPARE(switchover.value(QLatin1String("app_stopped")).toString(), QStringLiteral("2024-05-01T12:00:02.000Z"));
    QCOMPARE(switchover.value(QLatin1String("app_started")).toString(), QStringLiteral("2024-05-01T12:00:04.250Z"));
    QVERIFY(changes.at(0).toObject().value(QLatin1String("previous_node")).isNull());
    QVERIFY(changes.at(2).toObject().value(QLatin1String("downtime_ms")).isNull());
}

void TestCtlHistory::failoversKeepTheirReasonWhenFiltered()
{
    ClusterFixture cluster;
    writeDay(cluster);
    // The events before --since still explain the changes after it.
    const CtlProcess run = history(cluster.path(),
        { QStringLiteral("--failovers"), QStringLiteral("--since"), QStringLiteral("2024-05-01T12:00:03Z"),
            QStringLiteral("--node"), QStringLiteral("a") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QStringList body = rows(run.out);
    QCOMPARE(body.size(), 1);
    QVERIFY2(body.constFirst().contains(QStringLiteral("switchover 2.25s")), qPrintable(run.describe()));
}

void TestCtlHistory::emptyHistory()
{
    ClusterFixture cluster;
    CtlProcess run = history(cluster.path());
    QVERIFY2(run.exitCode == 0 && run.out.trimmed() == QStringLiteral("no events"), qPrintable(run.describe()));
    run = history(cluster.path(), { QStringLiteral("--failovers") });
    QVERIFY2(run.exitCode == 0 && run.out.trimmed() == QStringLiteral("no change of master in the history"),
        qPrintable(run.describe()));
    run = history(cluster.path(), { QStringLiteral("--json") });
    QVERIFY2(run.exitCode == 0 && QJsonDocument::fromJson(run.out.toUtf8()).isArray(), qPrintable(run.describe()));
}

void TestCtlHistory::damagedLinesAreReportedNotFatal()
{
    ClusterFixture cluster;
    writeDay(cluster);
    QVERIFY(cluster.directory().append(historyFilePath(QStringLiteral("b")), QByteArray("garbage\n")));
    QVERIFY(cluster.appendHistory(QStringLiteral("b"),
        { line(QStringLiteral("2024-05-01T16:00:00.000Z"), historyevents::AgentStop, 2, QStringLiteral("b"),
            QStringLiteral("after the garbage")) }));
    const CtlProcess run = history(cluster.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(rows(run.out).size(), 12);
    QVERIFY2(run.err.contains(QStringLiteral("warning")) && run.err.contains(QStringLiteral("b.jsonl")),
        qPrintable(run.describe()));
}

void TestCtlHistory::unreadableHistoryFolderFails()
{
    ClusterFixture cluster;
    QVERIFY(QDir(cluster.path()).rmdir(QStringLiteral("history")));
    const CtlProcess run = history(cluster.path());
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("history")), qPrintable(run.describe()));
}

void TestCtlHistory::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("names");
    QTest::newRow("bad since") << QStringList { QStringLiteral("--since"), QStringLiteral("yesterday") }
                               << QStringLiteral("--since \"yesterday\"");
    QTest::newRow("bad node") << QStringList { QStringLiteral("--node"), QStringLiteral("a/b") }
                              << QStringLiteral("'a/b'");
    QTest::newRow("extra") << QStringList { QStringLiteral("all") } << QStringLiteral("\"all\"");
    QTest::newRow("since without value") << QStringList { QStringLiteral("--since") } << QStringLiteral("since");
}

void TestCtlHistory::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, names);
    ClusterFixture cluster;
    const CtlProcess run = history(cluster.path(), arguments);
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(names), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("Usage: hacmpctl [--dir DIR | --config FILE] history")),
        qPrintable(run.describe()));
}

QTEST_GUILESS_MAIN(TestCtlHistory)
#include "tst_ctlhistory.moc"
