#include "shared/history/failoverlog.h"
#include "tests/support/electiondriver.h"

#include <QDateTime>
#include <QTest>

#include <algorithm>

using namespace hacmp;
using hacmp::test::ElectionDriver;

namespace {

const QDateTime kBase = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00.000Z"), Qt::ISODateWithMs);

QString at(qint64 millis)
{
    return kBase.addMSecs(millis).toString(Qt::ISODateWithMs);
}

HistoryEvent historyLine(qint64 millis, const QString &writer, const char *name, quint64 epoch, const QString &detail,
    const QString &node = {})
{
    HistoryEvent line;
    line.time = at(millis);
    line.writer = writer;
    line.event = QLatin1String(name);
    line.epoch = epoch;
    line.node = node.isEmpty() ? writer : node;
    line.detail = detail;
    return line;
}

HistoryEvent claim(qint64 millis, const QString &node, quint64 epoch)
{
    return historyLine(millis, node, historyevents::RoleChange, epoch, QStringLiteral("master of epoch %1").arg(epoch));
}

QList<HistoryEvent> sorted(QList<HistoryEvent> events)
{
    for (qsizetype i = 0; i < events.size(); ++i)
        events[i].seq = quint64(i + 1);
    std::sort(events.begin(), events.end(), historyEventLess);
    return events;
}

/// a is master of epoch 1 from t=0 with its application running from t=500.
QList<HistoryEvent> firstTerm()
{
    const QString a = QStringLiteral("a");
    return { claim(0, a, 1), historyLine(500, a, historyevents::AppStart, 1, QStringLiteral("pid 10")) };
}

/// Steps an ElectionDriver and stamps the events its machine emits with the driver's clock.
class EventRecorder final
{
public:
    EventRecorder(ElectionDriver &driver, QString node, qint64 offsetMs)
        : m_driver(driver)
        , m_node(std::move(node))
        , m_offset(offsetMs)
    {
        collect();
    }

    void step()
    {
        m_driver.step();
        collect();
    }
    bool stepUntil(Role role)
    {
        for (int i = 0; i < 200 && m_driver.machine().role() != role; ++i)
            step();
        return m_driver.machine().role() == role;
    }
    const QList<HistoryEvent> &events() const { return m_events; }

private:
    void collect()
    {
        const ElectionActions &history = m_driver.history();
        for (; m_seen < history.size(); ++m_seen) {
            const auto *action = std::get_if<EventAction>(&history.at(m_seen));
            if (!action)
                continue;
            HistoryEvent line;
            line.time = at(m_offset + m_driver.now().count());
            line.writer = m_node;
            line.event = eventName(action->event);
            line.epoch = action->epoch;
            line.node = action->node;
            line.detail = action->detail;
            m_events.append(line);
        }
    }

    ElectionDriver &m_driver;
    QString m_node;
    qint64 m_offset;
    qsizetype m_seen = 0;
    QList<HistoryEvent> m_events;
};

} // namespace

/// FailoverLog: changes of master, their reason and downtime, derived from the merged history.
class TestFailoverLog final : public QObject
{
    Q_OBJECT

private slots:
    void emptyHistoryHasNoChanges();
    void firstMasterIsInitial();
    void reasonsAndDowntime_data();
    void reasonsAndDowntime();
    void aNewMasterWithoutStartHasNoDowntimeYet();
    void theGuardsEndWrittenLaterGivesTheDowntime();
    void aStandDownLandingAfterTheClaimStillCounts();
    void theSameTermTwiceIsOneChange();
    void aRestartedTermOfTheSameNodeIsAChange();
    void lookupsFindTermsAndTheLastFailover();
    void addingInBatchesInAnyOrderGivesTheSameResult();
    void derivesASwitchoverFromTheEventsOfRealElections();
};

void TestFailoverLog::emptyHistoryHasNoChanges()
{
    FailoverLog log;
    log.add({ historyLine(
        0, QStringLiteral("op@h"), historyevents::MaintenanceOn, 0, QStringLiteral("x"), QStringLiteral("")) });
    QVERIFY(log.changes().isEmpty());
    QVERIFY(log.lastFailover() == nullptr);
    QVERIFY(log.termOf(QStringLiteral("a"), 1) == nullptr);
}

void TestFailoverLog::firstMasterIsInitial()
{
    const QList<MasterChange> changes = FailoverLog::derive(sorted(firstTerm()));
    QCOMPARE(changes.size(), 1);
    const MasterChange &first = changes.constFirst();
    QCOMPARE(first.node, QStringLiteral("a"));
    QCOMPARE(first.epoch, quint64(1));
    QCOMPARE(first.time, at(0));
    QCOMPARE(first.reason, MasterChangeReason::Initial);
    QVERIFY(first.previousNode.isEmpty());
    QCOMPARE(first.appStarted, at(500));
    QVERIFY(first.appStopped.isEmpty());
    QVERIFY(!first.downtime.has_value());
}

void TestFailoverLog::reasonsAndDowntime_data()
{
    QTest::addColumn<QString>("standDown"); ///< the detail of a's role change out of master; empty: none
    QTest::addColumn<bool>("appExitRecorded");
    QTest::addColumn<bool>("seenDead");
    QTest::addColumn<MasterChangeReason>("reason");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<qint64>("downtimeMs"); ///< -1: unknown

    QTest::newRow("switchover") << QStringLiteral("master -> stopping: switchover") << true << false
                                << MasterChangeReason::Switchover << QStringLiteral("a stood down: switchover")
                                << qint64(3000);
    QTest::newRow("clean stop hands over")
        << QStringLiteral("master -> stopping: clean stop") << true << false << MasterChangeReason::Handover
        << QStringLiteral("a stood down: clean stop") << qint64(3000);
    QTest::newRow("standby flag hands over")
        << QStringLiteral("master -> stopping: standby requested") << true << false << MasterChangeReason::Handover
        << QStringLiteral("a stood down: standby requested") << qint64(3000);
    QTest::newRow("application failed") << QStringLiteral("master -> stopping: application failed") << true << false
                                        << MasterChangeReason::Failover
                                        << QStringLiteral("a stood down: application failed") << qint64(3000);
    QTest::newRow("yielded in a conflict")
        << QStringLiteral("master -> stopping: conflict") << true << false << MasterChangeReason::Conflict
        << QStringLiteral("a stood down: conflict") << qint64(3000);
    QTest::newRow("fenced") << QStringLiteral("master -> fenced: lease lapsed") << true << false
                            << MasterChangeReason::Failover << QStringLiteral("a was fenced: lease lapsed")
                            << qint64(3000);
    QTest::newRow("crashed, seen dead") << QString() << false << true << MasterChangeReason::Failover
                                        << QStringLiteral("no stand-down recorded by a; b saw it dead") << qint64(-1);
    QTest::newRow("crashed, nothing recorded") << QString() << false << false << MasterChangeReason::Failover
                                               << QStringLiteral("no stand-down recorded by a") << qint64(-1);
}

void TestFailoverLog::reasonsAndDowntime()
{
    QFETCH(QString, standDown);
    QFETCH(bool, appExitRecorded);
    QFETCH(bool, seenDead);
    QFETCH(MasterChangeReason, reason);
    QFETCH(QString, detail);
    QFETCH(qint64, downtimeMs);

    const QString a = QStringLiteral("a");
    const QString b = QStringLiteral("b");
    QList<HistoryEvent> events = firstTerm();
    // An application exit and restart within the term: only the last exit ends the term's application.
    events << historyLine(2000, a, historyevents::AppExit, 1, QStringLiteral("status 1"))
           << historyLine(2100, a, historyevents::AppStart, 1, QStringLiteral("pid 11"));
    if (!standDown.isEmpty())
        events << historyLine(10000, a, historyevents::RoleChange, 1, standDown);
    if (appExitRecorded)
        events << historyLine(10500, a, historyevents::AppExit, 1, QStringLiteral("status 0"));
    if (seenDead)
        events << historyLine(11000, b, historyevents::NodeDead, 0, QStringLiteral("no change for F"), a);
    events << historyLine(11200, b, historyevents::RoleChange, 2, QStringLiteral("standby -> candidate: claim"))
           << claim(12000, b, 2) << historyLine(13500, b, historyevents::AppStart, 2, QStringLiteral("pid 20"));

    const QList<MasterChange> changes = FailoverLog::derive(sorted(events));
    QCOMPARE(changes.size(), 2);
    const MasterChange &change = changes.at(1);
    QCOMPARE(change.node, b);
    QCOMPARE(change.epoch, quint64(2));
    QCOMPARE(change.time, at(12000));
    QCOMPARE(change.previousNode, a);
    QCOMPARE(change.previousEpoch, quint64(1));
    QCOMPARE(change.reason, reason);
    QCOMPARE(change.detail, detail);
    QCOMPARE(change.appStarted, at(13500));
    if (downtimeMs < 0) {
        QVERIFY(!change.downtime.has_value());
        QVERIFY(change.appStopped.isEmpty());
    } else {
        QCOMPARE(change.appStopped, at(10500));
        QVERIFY(change.downtime.has_value());
        QCOMPARE(change.downtime->count(), downtimeMs);
    }
}

void TestFailoverLog::aNewMasterWithoutStartHasNoDowntimeYet()
{
    QList<HistoryEvent> events = firstTerm();
    events << historyLine(
        9000, QStringLiteral("a"), historyevents::RoleChange, 1, QStringLiteral("master -> stopping: switchover"))
           << historyLine(9500, QStringLiteral("a"), historyevents::AppExit, 1, QStringLiteral("status 0"))
           << claim(10000, QStringLiteral("b"), 2);
    const QList<MasterChange> changes = FailoverLog::derive(sorted(events));
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(1).appStopped, at(9500));
    QVERIFY(changes.at(1).appStarted.isEmpty());
    QVERIFY(!changes.at(1).downtime.has_value());
}

void TestFailoverLog::theGuardsEndWrittenLaterGivesTheDowntime()
{
    // a's agent is killed; its guard stops the application at the deadline (t=10500) with no agent to tell;
    // b takes over. a's next agent, started at t=30000, writes the guard's record with the time of the kill.
    const QString a = QStringLiteral("a");
    const QString b = QStringLiteral("b");
    QList<HistoryEvent> before = firstTerm();
    before << historyLine(
        11200, b, historyevents::RoleChange, 2, QStringLiteral("standby -> candidate: no live master"))
           << claim(12000, b, 2) << historyLine(13500, b, historyevents::AppStart, 2, QStringLiteral("pid 20"));
    before = sorted(before);
    HistoryEvent exit = historyLine(10500, a, historyevents::AppExit, 1,
        QStringLiteral("status 0, the guard stopped it at the lease deadline while no agent ran (pid 10; recorded by "
                       "the guard)"));
    HistoryEvent kill = historyLine(10500, a, historyevents::GuardKill, 1,
        QStringLiteral("the guard stopped the application at the lease deadline"));
    HistoryEvent restart = historyLine(30000, a, historyevents::AgentStart, 1, QStringLiteral("version 0.1.0"));
    exit.seq = 100; // written after a's earlier lines, with an earlier time than its restart
    kill.seq = 101;
    restart.seq = 102;

    FailoverLog log;
    log.add(before);
    QCOMPARE(log.changes().size(), 2);
    QVERIFY(!log.changes().at(1).downtime.has_value()); // unknown until a's next agent writes the end
    QCOMPARE(log.changes().at(1).detail, QStringLiteral("no stand-down recorded by a"));

    log.add({ restart, kill, exit }); // as a later refresh of the console brings them, in any order
    QCOMPARE(log.changes().size(), 2);
    const MasterChange &change = log.changes().at(1);
    QCOMPARE(change.reason, MasterChangeReason::Failover);
    QCOMPARE(change.appStopped, at(10500));
    QCOMPARE(change.appStarted, at(13500));
    QVERIFY(change.downtime.has_value());
    QCOMPARE(change.downtime->count(), qint64(3000));
    QCOMPARE(change.detail,
        QStringLiteral("no stand-down recorded by a; its guard stopped the application at the lease deadline"));
}

void TestFailoverLog::aStandDownLandingAfterTheClaimStillCounts()
{
    // a's clock runs ahead of b's: its stand-down and exit are stamped after b's claim and start.
    QList<HistoryEvent> events = firstTerm();
    events << claim(10000, QStringLiteral("b"), 2)
           << historyLine(10100, QStringLiteral("b"), historyevents::AppStart, 2, QStringLiteral("pid 20"))
           << historyLine(11000, QStringLiteral("a"), historyevents::RoleChange, 1,
                  QStringLiteral("master -> stopping: switchover"))
           << historyLine(11500, QStringLiteral("a"), historyevents::AppExit, 1, QStringLiteral("status 0"));
    const QList<MasterChange> changes = FailoverLog::derive(sorted(events));
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(1).reason, MasterChangeReason::Switchover);
    QVERIFY(changes.at(1).downtime.has_value());
    QCOMPARE(changes.at(1).downtime->count(), qint64(-1400)); // the skew shows, it is not hidden
}

void TestFailoverLog::theSameTermTwiceIsOneChange()
{
    QList<HistoryEvent> events = firstTerm();
    events << claim(700, QStringLiteral("a"), 1);
    QCOMPARE(FailoverLog::derive(sorted(events)).size(), 1);
}

void TestFailoverLog::aRestartedTermOfTheSameNodeIsAChange()
{
    QList<HistoryEvent> events = firstTerm();
    events << historyLine(
        5000, QStringLiteral("a"), historyevents::RoleChange, 1, QStringLiteral("master -> fenced: lease lapsed"))
           << historyLine(5100, QStringLiteral("a"), historyevents::AppExit, 1, QStringLiteral("status -9"))
           << claim(9000, QStringLiteral("a"), 2)
           << historyLine(9400, QStringLiteral("a"), historyevents::AppStart, 2, QStringLiteral("pid 12"));
    const QList<MasterChange> changes = FailoverLog::derive(sorted(events));
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(1).previousNode, QStringLiteral("a"));
    QCOMPARE(changes.at(1).reason, MasterChangeReason::Failover);
    QCOMPARE(changes.at(1).downtime->count(), qint64(4300));
}

void TestFailoverLog::lookupsFindTermsAndTheLastFailover()
{
    QList<HistoryEvent> events = firstTerm();
    events << claim(10000, QStringLiteral("b"), 2) << claim(20000, QStringLiteral("c"), 3);
    FailoverLog log;
    log.add(events);
    QCOMPARE(log.changes().size(), 3);
    QVERIFY(log.termOf(QStringLiteral("b"), 2));
    QCOMPARE(log.termOf(QStringLiteral("b"), 2)->time, at(10000));
    QVERIFY(log.termOf(QStringLiteral("b"), 3) == nullptr);
    QVERIFY(log.lastFailover());
    QCOMPARE(log.lastFailover()->node, QStringLiteral("c"));

    FailoverLog initialOnly;
    initialOnly.add(firstTerm());
    QVERIFY(initialOnly.lastFailover() == nullptr);
    QVERIFY(initialOnly.termOf(QStringLiteral("a"), 1));
    initialOnly.clear();
    QVERIFY(initialOnly.changes().isEmpty());
}

void TestFailoverLog::addingInBatchesInAnyOrderGivesTheSameResult()
{
    QList<HistoryEvent> events = firstTerm();
    events << historyLine(
        9000, QStringLiteral("a"), historyevents::RoleChange, 1, QStringLiteral("master -> stopping: switchover"))
           << historyLine(9500, QStringLiteral("a"), historyevents::AppExit, 1, QStringLiteral("status 0"))
           << claim(10000, QStringLiteral("b"), 2)
           << historyLine(10800, QStringLiteral("b"), historyevents::AppStart, 2, QStringLiteral("pid 20"));
    const QList<HistoryEvent> all = sorted(events);
    const QList<MasterChange> expected = FailoverLog::derive(all);

    FailoverLog log;
    log.add(all.mid(3)); // a later batch of one writer arrives first
    log.add(all.mid(0, 3));
    QCOMPARE(log.changes(), expected);
    QCOMPARE(log.changes().at(1).downtime->count(), qint64(1300));
}

// The derivation reads the role_change details the Election writes: the real machine's events must do.
void TestFailoverLog::derivesASwitchoverFromTheEventsOfRealElections()
{
    ElectionDriver first(QStringLiteral("a"));
    first.peer(QStringLiteral("b"));
    first.putPeer(QStringLiteral("b"));
    EventRecorder fromA(first, QStringLiteral("a"), 0);
    QVERIFY(fromA.stepUntil(Role::Master));
    fromA.step();
    QVERIFY(first.appRunning());
    const quint64 epoch = first.machine().epoch();
    first.setSwitchover(QStringLiteral("b"), epoch);
    fromA.step();
    fromA.step();
    QVERIFY(!first.appRunning());

    // b takes over where a left: a's record shows the handover and the epoch a held.
    ElectionDriver second(QStringLiteral("b"));
    HeartbeatRecord &old = second.peer(QStringLiteral("a"));
    old.started = epoch;
    old.epoch = epoch;
    old.handover = Handover { QStringLiteral("b"), epoch };
    second.putPeer(QStringLiteral("a"));
    EventRecorder fromB(second, QStringLiteral("b"), first.now().count() - second.now().count() + 1000);
    QVERIFY(fromB.stepUntil(Role::Master));
    fromB.step();
    QVERIFY(second.appRunning());

    const QList<MasterChange> changes = FailoverLog::derive(sorted(fromA.events() + fromB.events()));
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(0).node, QStringLiteral("a"));
    QCOMPARE(changes.at(0).epoch, epoch);
    QVERIFY(!changes.at(0).appStarted.isEmpty());
    const MasterChange &change = changes.at(1);
    QCOMPARE(change.node, QStringLiteral("b"));
    QVERIFY(change.epoch > epoch);
    QCOMPARE(change.previousNode, QStringLiteral("a"));
    QCOMPARE(change.reason, MasterChangeReason::Switchover);
    QCOMPARE(change.detail, QStringLiteral("a stood down: switchover"));
    QVERIFY(!change.appStopped.isEmpty());
    QVERIFY(change.downtime.has_value());
    QVERIFY2(change.downtime->count() > 0, qPrintable(QString::number(change.downtime->count())));
}

QTEST_GUILESS_MAIN(TestFailoverLog)
#include "tst_failoverlog.moc"
