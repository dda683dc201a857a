#include "gui/clustermonitor.h"
#include "shared/storage/controlfiles.h"
#include "tests/support/clusterfixture.h"
#include "tests/support/fakemonoclock.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using namespace hacmp::console;
using hacmp::test::ClusterFixture;

/// ClusterMonitor polls a real directory on its lanes and delivers on the event loop: snapshots every
/// interval, only the new history events after the first load, errors that name the directory, and
/// actions with their outcome.
class TestClusterMonitor final : public QObject
{
    Q_OBJECT

private slots:
    void snapshotsEveryInterval();
    void historyReadsOnlyWhatIsNew();
    void missingDirectoryIsReported();
    void uninitialisedDirectoryIsReported();
    void actionsReportTheirOutcome();
};

namespace {

HistoryEvent note(const char *event, const QString &detail)
{
    HistoryEvent line;
    line.event = QLatin1String(event);
    line.node = QStringLiteral("a");
    line.detail = detail;
    return line;
}

} // namespace

void TestClusterMonitor::snapshotsEveryInterval()
{
    ClusterFixture fixture;
    fixture.record(QStringLiteral("a")).state = Role::Master;
    fixture.record(QStringLiteral("a")).epoch = 2;
    QVERIFY(fixture.writeRecord(QStringLiteral("a")).ok());
    ClusterMonitor monitor(ClusterSource::directory(fixture.path()), Timing::fast(), MonoClock(monotonicNow));
    QSignalSpy snapshots(&monitor, &ClusterMonitor::snapshotChanged);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(snapshots.count() >= 3, 3000);
    const ClusterSnapshot &snapshot = monitor.snapshot();
    QVERIFY(snapshot.responding);
    QCOMPARE(snapshot.clusterName, QStringLiteral("demo"));
    QCOMPARE(snapshot.master(), QStringLiteral("a"));
    QCOMPARE(snapshot.masterEpoch(), quint64(2));
    QVERIFY2(snapshot.writable, qPrintable(snapshot.writeProblem));
}

void TestClusterMonitor::historyReadsOnlyWhatIsNew()
{
    ClusterFixture fixture;
    QVERIFY(fixture
                .appendHistory(QStringLiteral("a"),
                    { note(historyevents::AgentStart, QStringLiteral("one")),
                        note(historyevents::AppStart, QStringLiteral("two")),
                        note(historyevents::AppExit, QStringLiteral("three")) })
                .ok());
    ClusterMonitor monitor(ClusterSource::directory(fixture.path()), Timing::fast(), MonoClock(monotonicNow));
    QSignalSpy history(&monitor, &ClusterMonitor::historyUpdated);
    monitor.start();
    QTRY_COMPARE_WITH_TIMEOUT(history.count(), 1, 3000);
    QCOMPARE(history[0][1].toBool(), true);
    QCOMPARE(history[0][0].value<QList<HistoryEvent>>().size(), 3);

    // Refreshes without new lines deliver nothing; new lines arrive alone, not with the old ones.
    QTest::qWait(600);
    QCOMPARE(history.count(), 1);
    QVERIFY(fixture.appendHistory(QStringLiteral("b"), { note(historyevents::NodeDead, QStringLiteral("four")) }).ok());
    QTRY_COMPARE_WITH_TIMEOUT(history.count(), 2, 3000);
    QCOMPARE(history[1][1].toBool(), false);
    const QList<HistoryEvent> added = history[1][0].value<QList<HistoryEvent>>();
    QCOMPARE(added.size(), 1);
    QCOMPARE(added[0].detail, QStringLiteral("four"));
    QCOMPARE(added[0].writer, QStringLiteral("b"));
}

void TestClusterMonitor::missingDirectoryIsReported()
{
    QTemporaryDir temp;
    const QString missing = temp.filePath(QStringLiteral("not-mounted"));
    ClusterMonitor monitor(ClusterSource::directory(missing), Timing::fast(), MonoClock(monotonicNow));
    QSignalSpy snapshots(&monitor, &ClusterMonitor::snapshotChanged);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(!snapshots.isEmpty(), 3000);
    const ClusterSnapshot &snapshot = monitor.snapshot();
    QCOMPARE(snapshot.state, ClusterState::NotResponding);
    QVERIFY2(
        snapshot.reasons.join(QLatin1Char(' ')).contains(missing), qPrintable(snapshot.reasons.join(QLatin1Char(' '))));
    QVERIFY(!monitor.submit({ OperatorAction::Kind::MaintenanceOn, QString(), 0, QStringLiteral("x") }));
}

void TestClusterMonitor::uninitialisedDirectoryIsReported()
{
    QTemporaryDir empty;
    ClusterMonitor monitor(ClusterSource::directory(empty.path()), Timing::fast(), MonoClock(monotonicNow));
    QSignalSpy snapshots(&monitor, &ClusterMonitor::snapshotChanged);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(!snapshots.isEmpty(), 3000);
    QCOMPARE(monitor.snapshot().state, ClusterState::NotResponding);
    QVERIFY(monitor.snapshot().reasons.join(QLatin1Char(' ')).contains(QStringLiteral("hacmpctl init")));
}

void TestClusterMonitor::actionsReportTheirOutcome()
{
    ClusterFixture fixture;
    QVERIFY(fixture.writeRecord(QStringLiteral("a")).ok());
    ClusterMonitor monitor(ClusterSource::directory(fixture.path()), Timing::fast(), MonoClock(monotonicNow));
    monitor.setActor(QStringLiteral("tester@bench"));
    QSignalSpy snapshots(&monitor, &ClusterMonitor::snapshotChanged);
    QSignalSpy finished(&monitor, &ClusterMonitor::actionFinished);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(!snapshots.isEmpty(), 3000);

    QVERIFY(monitor.submit({ OperatorAction::Kind::StandbyOn, QStringLiteral("a"), 0, QStringLiteral("disk swap") }));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 3000);
    QCOMPARE(finished[0][1].toString(), QString());
    QCOMPARE(finished[0][2].toBool(), false);
    const NoteRead standby = ControlFiles(fixture.directory()).standby(QStringLiteral("a"));
    QCOMPARE(standby.note->who, QStringLiteral("tester@bench"));
    QTRY_VERIFY_WITH_TIMEOUT(monitor.snapshot().node(QStringLiteral("a"))->standby, 3000);

    // A bad node name never becomes a path; the error names it.
    QVERIFY(monitor.submit({ OperatorAction::Kind::StandbyOn, QStringLiteral("../etc"), 0, QStringLiteral("x") }));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 3000);
    QVERIFY2(finished[1][1].toString().contains(QStringLiteral("../etc")), qPrintable(finished[1][1].toString()));

    // A switchover needs a master epoch to be addressed to.
    QVERIFY(monitor.submit({ OperatorAction::Kind::Switchover, QStringLiteral("a"), 0, QStringLiteral("x") }));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 3000);
    QVERIFY(finished[2][1].toString().contains(QStringLiteral("no master epoch")));
    QCOMPARE(ControlFiles(fixture.directory()).switchover().presence, Presence::Absent);
}

QTEST_MAIN(TestClusterMonitor)
#include "tst_clustermonitor.moc"
