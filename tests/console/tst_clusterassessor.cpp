#include "gui/clusterassessor.h"
#include "gui/directorypoll.h"
#include "tests/support/clusterfixture.h"
#include "tests/support/fakemonoclock.h"

#include <QDateTime>
#include <QLocale>
#include <QTest>

using namespace hacmp;
using namespace hacmp::console;
using hacmp::test::ClusterFixture;
using hacmp::test::FakeMonoClock;

Q_DECLARE_METATYPE(hacmp::ClusterState)

namespace {

QStringList specs(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list.append(QString::fromLatin1(text));
    return list;
}

} // namespace

/// ClusterAssessor against real directories written by hacmp_core: liveness on the console's own clock,
/// roles, the cluster state and its reasons, control files and the skew estimate.
class TestClusterAssessor final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void clusterState_data();
    void clusterState();
    void agesCountOnTheConsoleClockOnly();
    void openedAfterFailoverIsNoConflict();
    void staleThenDead();
    void maintenanceSaysWhoWhenWhy();
    void standbyFileMarksTheNode();
    void garbageRecordIsUnknown();
    void cleanStopIsOfflineAtFirstLook();
    void failedListingIsNotResponding();
    void notRespondingKeepsTheLastNodes();
    void skewIsEstimatedFromWallTime();

private:
    const ClusterSnapshot &poll(ClusterFixture &fixture, ClusterAssessor &assessor, const FakeMonoClock &clock)
    {
        const PollResult result = pollDirectory(fixture.directory(), clock.function(), fixture.path());
        return assessor.apply(result, clock.now());
    }
};

void TestClusterAssessor::initTestCase()
{
    // Durations are formatted in the locale: the expected texts are written in English.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

// Each node: name:role:app, "!" at the end = it stops writing (dies after F).
void TestClusterAssessor::clusterState_data()
{
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<bool>("maintenance");
    QTest::addColumn<ClusterState>("expected");
    QTest::addColumn<QString>("reason");

    QTest::newRow("healthy") << specs({ "a:master:running", "b:standby:stopped", "c:standby:stopped" }) << false
                             << ClusterState::Ok << QString();
    QTest::newRow("standby dead") << specs({ "a:master:running", "b:standby:stopped!", "c:standby:stopped" }) << false
                                  << ClusterState::Degraded << QStringLiteral("Node b is dead");
    QTest::newRow("single node") << specs({ "a:master:running" }) << false << ClusterState::Degraded
                                 << QStringLiteral("No other node is ready");
    QTest::newRow("app starting") << specs({ "a:master:starting", "b:standby:stopped" }) << false
                                  << ClusterState::Degraded << QStringLiteral("master a is starting");
    QTest::newRow("fenced standby") << specs({ "a:master:running", "b:fenced:stopped", "c:standby:stopped" }) << false
                                    << ClusterState::Degraded << QStringLiteral("Node b is fenced");
    QTest::newRow("master dead") << specs({ "a:master:running!", "b:standby:stopped", "c:standby:stopped" }) << false
                                 << ClusterState::NoMaster << QStringLiteral("last master a is dead");
    QTest::newRow("candidate") << specs({ "a:candidate:stopped", "b:standby:stopped" }) << false
                               << ClusterState::NoMaster << QStringLiteral("Taking over: a");
    QTest::newRow("nobody") << specs({}) << false << ClusterState::NoMaster << QStringLiteral("No agent has written");
    QTest::newRow("two masters") << specs({ "a:master:running", "b:master:running" }) << false << ClusterState::Conflict
                                 << QStringLiteral("Several nodes are master");
    QTest::newRow("app on two nodes") << specs({ "a:master:running", "b:standby:running" }) << false
                                      << ClusterState::Conflict << QStringLiteral("runs on several nodes: a, b");
    QTest::newRow("dead second master") << specs({ "a:master:running", "b:master:running!" }) << false
                                        << ClusterState::Degraded << QStringLiteral("Node b is dead");
    QTest::newRow("maintenance") << specs({ "a:master:running", "b:standby:stopped" }) << true
                                 << ClusterState::Maintenance << QString();
    QTest::newRow("conflict beats maintenance") << specs({ "a:master:running", "b:master:running" }) << true
                                                << ClusterState::Conflict << QStringLiteral("Several nodes");
    QTest::newRow("instance outside the guard")
        << specs({ "a:master:running+", "b:standby:stopped" }) << false << ClusterState::Degraded
        << QStringLiteral("Node a runs the application outside its guard (pid 5150)");
    QTest::newRow("instance outside the guard in maintenance")
        << specs({ "a:master:running+", "b:standby:stopped" }) << true << ClusterState::Maintenance
        << QStringLiteral("Node a runs the application outside its guard (pid 5150)");
    QTest::newRow("maintenance beats no master")
        << specs({ "a:standby:stopped", "b:standby:stopped" }) << true << ClusterState::Maintenance << QString();
}

void TestClusterAssessor::clusterState()
{
    QFETCH(QStringList, nodes);
    QFETCH(bool, maintenance);
    QFETCH(ClusterState, expected);
    QFETCH(QString, reason);

    ClusterFixture fixture;
    QVERIFY2(fixture.error().isEmpty(), qPrintable(fixture.error()));
    QStringList dying;
    for (const QString &spec : nodes) {
        const QStringList parts = spec.split(QLatin1Char(':'));
        const QString node = parts[0];
        QString app = parts[2];
        if (app.endsWith(QLatin1Char('!'))) {
            app.chop(1);
            dying.append(node);
        }
        const bool outside = app.endsWith(QLatin1Char('+')); // an instance outside the guard, started by hand
        if (outside)
            app.chop(1);
        HeartbeatRecord &record = fixture.record(node);
        record.state = *roleFromName(parts[1]);
        record.app.state = *appStateFromName(app);
        record.app.pid = record.app.state == AppState::Stopped ? 0 : 4242;
        record.epoch = record.state == Role::Master || record.state == Role::Candidate ? 5 : 0;
        if (outside)
            record.app.outside = { 5150 };
        QVERIFY(fixture.writeRecord(node).ok());
    }
    if (maintenance)
        QVERIFY(fixture.setMaintenance(QStringLiteral("alice@desk"), QStringLiteral("kernel update")).ok());

    FakeMonoClock clock;
    ClusterAssessor assessor(fixture.path(), Timing::defaults());
    poll(fixture, assessor, clock);
    // Every interval the living nodes write and the console reads, until F has passed.
    for (int step = 0; step < 11; ++step) {
        clock.advance(Timing::defaults().interval);
        for (const QString &spec : nodes) {
            const QString node = spec.section(QLatin1Char(':'), 0, 0);
            if (!dying.contains(node))
                QVERIFY(fixture.writeRecord(node).ok());
        }
        poll(fixture, assessor, clock);
    }
    const ClusterSnapshot &snapshot = assessor.last();
    QCOMPARE(snapshot.state, expected);
    QCOMPARE(snapshot.nodes.size(), nodes.size());
    for (const QString &node : std::as_const(dying))
        QCOMPARE(snapshot.node(node)->liveness(clock.now(), snapshot.timing), Liveness::Dead);
    if (!reason.isEmpty())
        QVERIFY2(snapshot.reasons.join(QLatin1Char('\n')).contains(reason),
            qPrintable(snapshot.reasons.join(QLatin1Char('\n'))));
    if (expected == ClusterState::Ok)
        QVERIFY2(snapshot.reasons.isEmpty(), qPrintable(snapshot.reasons.join(QLatin1Char('\n'))));
}

void TestClusterAssessor::agesCountOnTheConsoleClockOnly()
{
    ClusterFixture fixture;
    fixture.record(QStringLiteral("a")).state = Role::Master;
    // A wall clock far off must not matter: only the console's clock counts.
    fixture.record(QStringLiteral("a")).wallTime = QStringLiteral("2001-01-01T00:00:00.000Z");
    QVERIFY(fixture.writeRecord(QStringLiteral("a"), true).ok());
    QVERIFY(fixture.writeRecord(QStringLiteral("b")).ok());

    FakeMonoClock clock;
    ClusterAssessor assessor(fixture.path(), Timing::defaults());
    const MonoTime start = clock.now();
    poll(fixture, assessor, clock);
    const NodeStatus *a = assessor.last().node(QStringLiteral("a"));
    QVERIFY(a);
    QCOMPARE(a->age(clock.now()), Millis(0));
    QVERIFY2(!a->changeSeen, "unchanged since the first read: the age is only a lower bound");

    clock.advance(Millis(700));
    QVERIFY(fixture.writeRecord(QStringLiteral("b")).ok());
    poll(fixture, assessor, clock);
    const NodeStatus *b = assessor.last().node(QStringLiteral("b"));
    a = assessor.last().node(QStringLiteral("a"));
    QCOMPARE(b->age(clock.now()), Millis(0));
    QVERIFY(b->changeSeen);
    QCOMPARE(a->age(clock.now()), Millis(700));
    QVERIFY(!a->changeSeen);

    // Between polls the age keeps counting on the clock.
    clock.advance(Millis(300));
    QCOMPARE(b->age(clock.now()), Millis(300));
    QCOMPARE(a->age(clock.now()), clock.now() - start);
}

void TestClusterAssessor::openedAfterFailoverIsNoConflict()
{
    // a was master of epoch 1 and died; b took over with epoch 2. The console opens before a is dead.
    ClusterFixture fixture;
    for (const auto &[node, epoch] : { std::pair { "a", 1 }, std::pair { "b", 2 } }) {
        HeartbeatRecord &record = fixture.record(QLatin1String(node));
        record.state = Role::Master;
        record.epoch = quint64(epoch);
        record.app.state = AppState::Running;
        record.app.pid = 4242;
        QVERIFY(fixture.writeRecord(QLatin1String(node)).ok());
    }
    FakeMonoClock clock;
    ClusterAssessor assessor(fixture.path(), Timing::defaults());
    poll(fixture, assessor, clock);
    QCOMPARE(assessor.last().masters(), QStringList { QStringLiteral("b") });
    QVERIFY(assessor.last().state != ClusterState::Conflict);
    QVERIFY2(assessor.last().reasons.join(u'\n').contains(QStringLiteral("a also shows itself master (epoch 1)")),
        qPrintable(assessor.last().reasons.join(u'\n')));

    clock.advance(Timing::defaults().interval);
    QVERIFY(fixture.writeRecord(QStringLiteral("b")).ok());
    poll(fixture, assessor, clock);
    QCOMPARE(assessor.last().masters(), QStringList { QStringLiteral("b") });
    QCOMPARE(assessor.last().masterEpoch(), quint64(2));
    QCOMPARE(assessor.last().state, ClusterState::Degraded);

    // Once a is seen writing as master too, two terms are live: a conflict.
    clock.advance(Timing::defaults().interval);
    QVERIFY(fixture.writeRecord(QStringLiteral("a")).ok());
    QVERIFY(fixture.writeRecord(QStringLiteral("b")).ok());
    poll(fixture, assessor, clock);
    QCOMPARE(assessor.last().state, ClusterState::Conflict);
}

void TestClusterAssessor::staleThenDead()
{
    ClusterFixture fixture;
    QVERIFY(fixture.writeRecord(QStringLiteral("b")).ok());
    FakeMonoClock clock;
    const Timing timing = Timing::defaults();
    ClusterAssessor assessor(fixture.path(), timing);
    poll(fixture, assessor, clock);
    QCOMPARE(assessor.last().node(QStringLiteral("b"))->liveness(clock.now(), timing), Liveness::Alive);

    clock.advance(timing.settle() + Millis(1));
    QCOMPARE(assessor.last().node(QStringLiteral("b"))->liveness(clock.now(), timing), Liveness::Stale);

    // Dead only by a read issued F after the last change that still shows the same bytes (O2).
    clock.advance(timing.failoverTimeout);
    QCOMPARE(assessor.last().node(QStringLiteral("b"))->liveness(clock.now(), timing), Liveness::Stale);
    poll(fixture, assessor, clock);
    QCOMPARE(assessor.last().node(QStringLiteral("b"))->liveness(clock.now(), timing), Liveness::Dead);

    // A new write brings it back.
    QVERIFY(fixture.writeRecord(QStringLiteral("b")).ok());
    poll(fixture, assessor, clock);
    QCOMPARE(assessor.last().node(QStringLiteral("b"))->liveness(clock.now(), timing), Liveness::Alive);
}

void TestClusterAssessor::maintenanceSaysWhoWhenWhy()
{
    ClusterFixture fixture;
    fixture.record(QStringLiteral("a")).state = Role::Master;
    QVERIFY(fixture.writeRecord(QStringLiteral("a")).ok());
    QVERIFY(fixture.setMaintenance(QStringLiteral("alice@desk"), QStringLiteral("kernel update")).ok());
    FakeMonoClock clock;
    ClusterAssessor assessor(fixture.path(), Timing::defaults());
    const ClusterSnapshot &snapshot = poll(fixture, assessor, clock);
    QCOMPARE(snapshot.state, ClusterState::Maintenance);
    QCOMPARE(snapshot.maintenance, Presence::Present);
    QVERIFY(snapshot.maintenanceNote);
    QCOMPARE(snapshot.maintenanceNote->who, QStringLiteral("alice@desk"));
    QCOMPARE(snapshot.maintenanceNote->why, QStringLiteral("kernel update"));
    QVERIFY(QDateTime::fromString(snapshot.maintenanceNote->when, Qt::ISODateWithMs).isValid());
    QCOMPARE(snapshot.master(), QStringLiteral("a"));

    // A maintenance file that cannot be parsed still counts as maintenance, and says why.
    QVERIFY(fixture.directory().replaceWhole(maintenancePath(), "garbage{").ok());
    const ClusterSnapshot &garbled = poll(fixture, assessor, clock);
    QCOMPARE(garbled.state, ClusterState::Maintenance);
    QVERIFY(!garbled.maintenanceNote);
    QVERIFY(garbled.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("maintenance")));
}

void TestClusterAssessor::standbyFileMarksTheNode()
{
    ClusterFixture fixture;
    fixture.record(QStringLiteral("a")).state = Role::Master;
    fixture.record(QStringLiteral("a")).app.state = AppState::Running;
    QVERIFY(fixture.writeRecord(QStringLiteral("a")).ok());
    QVERIFY(fixture.writeRecord(QStringLiteral("b")).ok());
    QVERIFY(fixture.setStandby(QStringLiteral("b"), QStringLiteral("bob@desk"), QStringLiteral("disk swap")).ok());
    FakeMonoClock clock;
    ClusterAssessor assessor(fixture.path(), Timing::defaults());
    const ClusterSnapshot &snapshot = poll(fixture, assessor, clock);
    const NodeStatus *b = snapshot.node(QStringLiteral("b"));
    QVERIFY(b->standby);
    QCOMPARE(b->standbyNote->who, QStringLiteral("bob@desk"));
    QVERIFY(!snapshot.node(QStringLiteral("a"))->standby);
    QCOMPARE(snapshot.state, ClusterState::Degraded);
    QVERIFY(snapshot.reasons.join(QLatin1Char(' '))
                .contains(QStringLiteral("Node b is in standby on request of bob@desk")));
}

void TestClusterAssessor::garbageRecordIsUnknown()
{
    ClusterFixture fixture;
    fixture.record(QStringLiteral("a")).state = Role::Master;
    fixture.record(QStringLiteral("a")).app.state = AppState::Running;
    QVERIFY(fixture.writeRecord(QStringLiteral("a")).ok());
    QVERIFY(fixture.writeRecord(QStringLiteral("b")).ok());
    QVERIFY(fixture.directory().writeAt(QStringLiteral("nodes/x.hb"), 0, QByteArray(8192, 'z')).ok());
    QVERIFY(fixture.directory().writeAt(QStringLiteral("nodes/not a node.hb"), 0, "x").ok());
    FakeMonoClock clock;
    ClusterAssessor assessor(fixture.path(), Timing::defaults());
    const ClusterSnapshot &snapshot = poll(fixture, assessor, clock);
    const NodeStatus *x = snapshot.node(QStringLiteral("x"));
    QVERIFY(x);
    QCOMPARE(x->liveness(clock.now(), snapshot.timing), Liveness::Unknown);
    QVERIFY(!x->problem.isEmpty());
    QVERIFY(!snapshot.node(QStringLiteral("not a node")));
    QVERIFY(snapshot.problems.join(QLatin1Char(' ')).contains(QStringLiteral("nodes/not a node.hb")));
    QCOMPARE(snapshot.state, ClusterState::Degraded);
    QVERIFY(snapshot.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("record of node x cannot be understood")));
}

void TestClusterAssessor::cleanStopIsOfflineAtFirstLook()
{
    ClusterFixture fixture;
    fixture.record(QStringLiteral("c")).state = Role::Offline;
    QVERIFY(fixture.writeRecord(QStringLiteral("c")).ok());
    FakeMonoClock clock;
    ClusterAssessor assessor(fixture.path(), Timing::defaults());
    const ClusterSnapshot &snapshot = poll(fixture, assessor, clock);
    const NodeStatus *c = snapshot.node(QStringLiteral("c"));
    QCOMPARE(c->liveness(clock.now(), snapshot.timing), Liveness::Offline);
    QVERIFY(!c->age(clock.now()).has_value());
}

void TestClusterAssessor::failedListingIsNotResponding()
{
    ClusterAssessor assessor(QStringLiteral("/cluster"), Timing::defaults());
    PollResult failed;
    failed.listed = false;
    failed.listError = QStringLiteral("Input/output error");
    const ClusterSnapshot &snapshot = assessor.apply(failed, Millis(5));
    QCOMPARE(snapshot.state, ClusterState::NotResponding);
    QVERIFY(snapshot.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("Input/output error")));
    QVERIFY(snapshot.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("/cluster")));
}

void TestClusterAssessor::notRespondingKeepsTheLastNodes()
{
    ClusterFixture fixture;
    fixture.record(QStringLiteral("a")).state = Role::Master;
    QVERIFY(fixture.writeRecord(QStringLiteral("a")).ok());
    FakeMonoClock clock;
    ClusterAssessor assessor(fixture.path(), Timing::defaults());
    poll(fixture, assessor, clock);
    clock.advance(Millis(3000));
    const ClusterSnapshot &hung = assessor.notResponding(QStringLiteral("no answer"), Millis(2500), clock.now());
    QCOMPARE(hung.state, ClusterState::NotResponding);
    QCOMPARE(hung.nodes.size(), 1);
    QVERIFY(hung.masters().isEmpty());
    QCOMPARE(hung.reasons.front(), QStringLiteral("no answer"));
    QVERIFY(hung.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("2.5 s")));
}

void TestClusterAssessor::skewIsEstimatedFromWallTime()
{
    ClusterFixture fixture;
    FakeMonoClock clock;
    ClusterAssessor assessor(fixture.path(), Timing::defaults());
    const auto writeAhead = [&fixture](qint64 aheadMs) {
        fixture.record(QStringLiteral("b")).wallTime
            = QDateTime::currentDateTimeUtc().addMSecs(aheadMs).toString(Qt::ISODateWithMs);
        return fixture.writeRecord(QStringLiteral("b"), true).ok();
    };
    QVERIFY(writeAhead(60000));
    poll(fixture, assessor, clock);
    QVERIFY2(!assessor.last().node(QStringLiteral("b"))->skew, "one look tells nothing about the clock");
    for (int i = 0; i < 3; ++i) {
        QVERIFY(writeAhead(60000));
        clock.advance(Millis(1000));
        poll(fixture, assessor, clock);
    }
    const NodeStatus *b = assessor.last().node(QStringLiteral("b"));
    QVERIFY(b->skew);
    // The estimate's interval holds the true skew, and is no wider than a write's timeout and a little.
    QVERIFY2(std::abs(b->skew->count() - 60000) <= b->skewUncertainty.count() + 50,
        qPrintable(QStringLiteral("%1 ± %2").arg(b->skew->count()).arg(b->skewUncertainty.count())));
    QVERIFY(b->skewUncertainty <= Timing::defaults().ioTimeout + Millis(1000));
}

QTEST_MAIN(TestClusterAssessor)
#include "tst_clusterassessor.moc"
