// Decision tables for the election state machine (docs/protocol.md R1-R5, W1, W3, W4, H1, H2, M-a, M-b,
// restart budget, duplicate node names), driven with a fake clock and a perfect in-memory directory.
#include "shared/history/historyevent.h"
#include "shared/protocol/recordcodec.h"
#include "tests/support/electiondriver.h"

#include <QTest>

using namespace hacmp;
using namespace hacmp::test;

Q_DECLARE_METATYPE(hacmp::Role)
Q_DECLARE_METATYPE(hacmp::AppState)

namespace {

/// Brings driver's node to master with the application running; peers stay as they are.
void makeMaster(ElectionDriver &driver)
{
    QVERIFY(driver.stepUntil(Role::Master));
    driver.step();
    QVERIFY(driver.appRunning());
}

/// Master a, with a standby b, in maintenance that both have seen.
void masterInMaintenance(ElectionDriver &driver)
{
    driver.peer(QStringLiteral("b"));
    driver.putPeer(QStringLiteral("b"));
    makeMaster(driver);
    driver.setMaintenance(true);
    driver.step();
    driver.step();
}

AppRequest appRequest(AppRequest::Action action, const QString &when = QStringLiteral("2026-12-07T10:00:00.000Z"))
{
    return AppRequest { action, ControlNote { QStringLiteral("op@host"), when, QStringLiteral("upgrade") } };
}

/// The details of the events of kind among actions.
QStringList eventDetails(const ElectionActions &actions, EventKind kind)
{
    QStringList details;
    for (const ElectionAction &action : actions) {
        if (const auto *event = std::get_if<EventAction>(&action); event && event->event == kind)
            details << event->detail;
    }
    return details;
}

int writesIn(const ElectionActions &actions)
{
    int count = 0;
    for (const ElectionAction &action : actions)
        count += std::holds_alternative<WriteRecordAction>(action) ? 1 : 0;
    return count;
}

} // namespace

class TestElection final : public QObject
{
    Q_OBJECT

private slots:
    void aloneBecomesMasterWithEpochOne();
    void R1_candidacy_data();
    void R1_candidacy();
    void R1_epochPersistedBeforeItIsWritten();
    void R2_finalCheck_data();
    void R2_finalCheck();
    void R2_failedFinalReadWaits();
    void R2_onlyTheClaimWriteClaimsItsEpoch();
    void nodeDeadIsRecordedOncePerDeath();
    void R2_refusedClaimStartsNothing();
    void R3_betterCandidateWins();
    void R4_masterNeverYieldsToCandidate();
    void R4_yieldsToBetterMaster();
    void W1_oneWriteOutstanding();
    void W3_guardGetsAbsoluteDeadline();
    void W4_fencesWhenLeaseLapsesAndRecovers();
    void stopWhileFencedEndsWhenTheStorageIsBack();
    void recordTellsWhenTheApplicationStarted();
    void H1_switchover_data();
    void H1_switchover();
    void H2_reservationHoldsOthersBack();
    void H2_targetSkipsBackOff();
    void H2_targetSkipsSettle();
    void electionStepsCarryTheirReason();
    void Ma_maintenanceFreezesRoles();
    void handStartedInstanceIsNeverDoubled();
    void instanceOutsideTheGuardIsStoppedOutsideMaintenance();
    void stopInMaintenanceLeavesTheApplicationToTheGuard();
    void restartInPlaceLeavesTheApplicationToTheGuard();
    void stopOfAnIdleMasterInMaintenanceOffersNoHandover();
    void Mb_leaveBarrier();
    void Mc_stopThenRunByHandInMaintenance();
    void Mc_requestRefused_data();
    void Mc_requestRefused();
    void Mc_stopAppStopsInstancesStartedByHand();
    void Mc_requestStillReadIsNotCarriedOutTwice();
    void restartBudgetThenStandDown();
    void duplicateNodeNameRefusesMastership();
    void copiedNodeNameRefusesToJoinBeforeWriting();
    void recordOfAReplacedHostDelaysJoiningUntilDead();
    void ownHostRecordJoinsAtFirstScan();
    void T1_startingRefusesOtherTimings_data();
    void T1_startingRefusesOtherTimings();
    void seqRisesAboveOwnOldRecord();
    void cleanStopHandsOver();
    void W5_adoptRunningTerm_data();
    void W5_adoptRunningTerm();
    void settingsChangePriorityAndBudget();
};

void TestElection::aloneBecomesMasterWithEpochOne()
{
    ElectionDriver driver;
    makeMaster(driver);
    QCOMPARE(driver.machine().epoch(), std::uint64_t(1));
    const auto starts = driver.actionsOf<StartAppAction>(driver.history());
    QCOMPARE(starts.size(), 1);
    QCOMPARE(starts.first().epoch, std::uint64_t(1));
    QCOMPARE(driver.ownRecord()->state, Role::Master);
}

void TestElection::R1_candidacy_data()
{
    QTest::addColumn<Role>("peerState");
    QTest::addColumn<AppState>("peerApp");
    QTest::addColumn<bool>("peerAlive");
    QTest::addColumn<bool>("maintenance");
    QTest::addColumn<bool>("standbyFlag");
    QTest::addColumn<bool>("readsFail");
    QTest::addColumn<bool>("claims");
    const auto S = Role::Standby;
    const auto M = Role::Master;
    const auto stopped = AppState::Stopped;
    const auto running = AppState::Running;
    QTest::newRow("R1: peer standby alive") << S << stopped << true << false << false << false << true;
    QTest::newRow("R1: peer master alive") << M << running << true << false << false << false << false;
    QTest::newRow("R1: peer master dead") << M << running << false << false << false << false << true;
    QTest::newRow("R1: peer standby with app running") << S << running << true << false << false << false << false;
    QTest::newRow("R1: peer candidate alive") << Role::Candidate << stopped << true << false << false << false << false;
    QTest::newRow("R1: peer stopping alive")
        << Role::Stopping << AppState::Stopping << true << false << false << false << false;
    QTest::newRow("R1: peer offline") << Role::Offline << stopped << true << false << false << false << true;
    QTest::newRow("R1: peer fenced") << Role::Fenced << stopped << true << false << false << false << true;
    QTest::newRow("R1: maintenance on") << S << stopped << true << true << false << false << false;
    QTest::newRow("R1: standby flag (not eligible)") << S << stopped << true << false << true << false << false;
    QTest::newRow("R1: reads fail (maintenance not known absent)")
        << S << stopped << true << false << false << true << false;
}

void TestElection::R1_candidacy()
{
    QFETCH(Role, peerState);
    QFETCH(AppState, peerApp);
    QFETCH(bool, peerAlive);
    QFETCH(bool, maintenance);
    QFETCH(bool, standbyFlag);
    QFETCH(bool, readsFail);
    QFETCH(bool, claims);
    ElectionDriver driver;
    HeartbeatRecord &peer = driver.peer(QStringLiteral("b"));
    peer.state = peerState;
    peer.app.state = peerApp;
    peer.epoch = 3;
    driver.putPeer(QStringLiteral("b"));
    driver.setAlive(QStringLiteral("b"), peerAlive);
    driver.setMaintenance(maintenance);
    driver.setStandby(standbyFlag);
    driver.setReadsFail(readsFail);
    const bool reached = driver.stepUntil(Role::Candidate, 80); // 20 s: past F and settle
    QCOMPARE(reached, claims);
    if (claims) {
        QVERIFY(driver.stepUntil(Role::Master, 40));
        QVERIFY(driver.machine().epoch() > 3); // S2: above every epoch it has read
    }
}

void TestElection::R1_epochPersistedBeforeItIsWritten()
{
    ElectionDriver driver;
    QVERIFY(driver.stepUntil(Role::Candidate));
    const ElectionActions &history = driver.history();
    qsizetype persistAt = -1;
    qsizetype writeAt = -1;
    for (qsizetype i = 0; i < history.size(); ++i) {
        if (const auto *persist = std::get_if<PersistAction>(&history[i]);
            persist && persist->epoch >= 1 && persistAt < 0)
            persistAt = i;
        if (const auto *write = std::get_if<WriteRecordAction>(&history[i]);
            write && write->record.state == Role::Candidate && writeAt < 0)
            writeAt = i;
    }
    QVERIFY2(persistAt >= 0 && writeAt > persistAt,
        qPrintable(QStringLiteral("persist at %1, write at %2").arg(persistAt).arg(writeAt)));
}

void TestElection::R2_finalCheck_data()
{
    // What peer b shows when candidate a makes its final check (after settle).
    QTest::addColumn<Role>("peerState");
    QTest::addColumn<int>("peerEpoch");
    QTest::addColumn<int>("peerPriority");
    QTest::addColumn<int>("peerStarted");
    QTest::addColumn<bool>("claims");
    QTest::newRow("R2: peer standby: claim") << Role::Standby << 0 << 100 << 0 << true;
    QTest::newRow("R2: peer became master: back off") << Role::Master << 1 << 100 << 1 << false;
    QTest::newRow("R2: better candidate (higher epoch): back off") << Role::Candidate << 5 << 100 << 0 << false;
    QTest::newRow("R2: better candidate (priority): back off") << Role::Candidate << 1 << 200 << 0 << false;
    QTest::newRow("R2: worse candidate: wait, then back off") << Role::Candidate << 1 << 50 << 0 << false;
    QTest::newRow("R2: started >= E: back off") << Role::Standby << 0 << 100 << 1 << false;
}

void TestElection::R2_finalCheck()
{
    QFETCH(Role, peerState);
    QFETCH(int, peerEpoch);
    QFETCH(int, peerPriority);
    QFETCH(int, peerStarted);
    QFETCH(bool, claims);
    ElectionDriver driver;
    driver.peer(QStringLiteral("b"));
    driver.putPeer(QStringLiteral("b"));
    QVERIFY(driver.stepUntil(Role::Candidate));
    QCOMPARE(driver.machine().epoch(), std::uint64_t(1));
    HeartbeatRecord &peer = driver.peer(QStringLiteral("b"));
    peer.state = peerState;
    peer.epoch = std::uint64_t(peerEpoch);
    peer.priority = peerPriority;
    peer.started = std::uint64_t(peerStarted);
    bool becameMaster = false;
    for (int i = 0; i < 6 && !becameMaster; ++i) { // settle is 1 s = 4 steps
        driver.step();
        becameMaster = driver.machine().role() == Role::Master;
    }
    QCOMPARE(becameMaster, claims);
    if (!claims) {
        for (int i = 0; i < 12; ++i) // up to F: waiting never turns into a claim of epoch 1
            driver.step();
        if (driver.machine().role() == Role::Master) // a later term, above what b showed (S2)
            QVERIFY(driver.machine().epoch() > std::uint64_t(std::max(peerEpoch, peerStarted)));
    }
}

void TestElection::R2_failedFinalReadWaits()
{
    ElectionDriver driver;
    driver.peer(QStringLiteral("b"));
    driver.putPeer(QStringLiteral("b"));
    QVERIFY(driver.stepUntil(Role::Candidate));
    driver.setReadsFail(true);
    for (int i = 0; i < 20; ++i)
        driver.step();
    QVERIFY(driver.machine().role() != Role::Master);
    driver.setReadsFail(false);
    QVERIFY(driver.stepUntil(Role::Master, 80));
}

void TestElection::R2_onlyTheClaimWriteClaimsItsEpoch()
{
    ElectionDriver driver;
    makeMaster(driver);
    for (int i = 0; i < 10; ++i)
        driver.step();
    QCOMPARE(driver.claimedEpochs(), QList<std::uint64_t>({ 1 }));
    const auto claims = driver.actionsOf<WriteRecordAction>(driver.history());
    QCOMPARE(
        std::count_if(claims.begin(), claims.end(), [](const WriteRecordAction &write) { return write.claim; }), 1);
}

void TestElection::nodeDeadIsRecordedOncePerDeath()
{
    ElectionDriver driver;
    driver.peer(QStringLiteral("b"));
    driver.putPeer(QStringLiteral("b"));
    driver.peer(QStringLiteral("gone")).state = Role::Standby; // stale from the start: never seen alive
    driver.putPeer(QStringLiteral("gone"));
    driver.setAlive(QStringLiteral("gone"), false);
    driver.peer(QStringLiteral("left")).state = Role::Offline; // a clean stop
    driver.putPeer(QStringLiteral("left"));
    makeMaster(driver);
    driver.setAlive(QStringLiteral("left"), false);
    const int stepsForF = int(driver.timing().failoverTimeout / driver.timing().interval) + 4;
    for (int i = 0; i < stepsForF; ++i)
        driver.step();
    const auto deaths = [&driver] {
        QStringList nodes;
        for (const EventAction &event : driver.actionsOf<EventAction>(driver.history())) {
            if (event.event == EventKind::NodeDead)
                nodes << event.node;
        }
        return nodes;
    };
    QVERIFY2(deaths().isEmpty(), qPrintable(deaths().join(u' ')));

    driver.setAlive(QStringLiteral("b"), false);
    for (int i = 0; i < 2 * stepsForF; ++i)
        driver.step();
    QCOMPARE(deaths(), QStringList({ QStringLiteral("b") }));
    QVERIFY2(eventDetails(driver.history(), EventKind::NodeDead).first().contains(QLatin1String("standby of epoch")),
        qPrintable(eventDetails(driver.history(), EventKind::NodeDead).first()));
    // Alive again, then dead again: a second event.
    driver.setAlive(QStringLiteral("b"), true);
    for (int i = 0; i < 3; ++i)
        driver.step();
    driver.setAlive(QStringLiteral("b"), false);
    for (int i = 0; i < stepsForF; ++i)
        driver.step();
    QCOMPARE(deaths(), QStringList({ QStringLiteral("b"), QStringLiteral("b") }));
}

void TestElection::R2_refusedClaimStartsNothing()
{
    // The store refuses the claim write (etcd: another node claimed this epoch in the term key first).
    ElectionDriver driver;
    driver.setClaimsRefused(true);
    for (int i = 0; i < 40 && driver.claimedEpochs().isEmpty(); ++i)
        driver.step();
    QCOMPARE(driver.claimedEpochs(), QList<std::uint64_t>({ 1 }));
    driver.step();
    QVERIFY(driver.machine().role() != Role::Master);
    QVERIFY(!driver.appRunning());
    QVERIFY(driver.actionsOf<StartAppAction>(driver.history()).isEmpty());
    // The next claim takes a higher epoch, never the refused one again.
    driver.setClaimsRefused(false);
    makeMaster(driver);
    QCOMPARE(driver.claimedEpochs(), QList<std::uint64_t>({ 1, 2 }));
    QCOMPARE(driver.actionsOf<StartAppAction>(driver.history()).first().epoch, std::uint64_t(2));
}

void TestElection::R3_betterCandidateWins()
{
    ElectionDriver driver(QStringLiteral("b"), 100);
    driver.peer(QStringLiteral("a"));
    driver.putPeer(QStringLiteral("a"));
    QVERIFY(driver.stepUntil(Role::Candidate));
    // same epoch and priority: the smaller name ranks first
    HeartbeatRecord &peer = driver.peer(QStringLiteral("a"));
    peer.state = Role::Candidate;
    peer.epoch = driver.machine().epoch();
    driver.step(); // b reads a's candidacy
    driver.step(); // and decides on it
    QCOMPARE(driver.machine().role(), Role::Standby);
}

void TestElection::R4_masterNeverYieldsToCandidate()
{
    ElectionDriver driver;
    makeMaster(driver);
    HeartbeatRecord &peer = driver.peer(QStringLiteral("b"));
    peer.state = Role::Candidate;
    peer.epoch = 99;
    peer.priority = 1000;
    for (int i = 0; i < 20; ++i)
        driver.step();
    QCOMPARE(driver.machine().role(), Role::Master);
    QVERIFY(driver.appRunning());
}

void TestElection::R4_yieldsToBetterMaster()
{
    ElectionDriver driver;
    makeMaster(driver);
    HeartbeatRecord &peer = driver.peer(QStringLiteral("b"));
    peer.state = Role::Master;
    peer.app.state = AppState::Running;
    peer.epoch = 99;
    driver.step();
    driver.step();
    QVERIFY(!driver.appRunning());
    QCOMPARE(driver.machine().role(), Role::Standby);
    bool incident = false;
    for (const EventAction &event : driver.actionsOf<EventAction>(driver.history()))
        incident |= event.event == EventKind::Incident;
    QVERIFY(incident);
}

void TestElection::W1_oneWriteOutstanding()
{
    ElectionConfig config;
    config.node = QStringLiteral("a");
    config.timing = Timing::fast();
    Election machine(config, LocalMarks {}, 1, 1, MonoTime(0));
    machine.start(MonoTime(0));
    // the first write waits for the first scan: no record of this node yet
    ScanResult nothingYet;
    nothingYet.listed = true;
    for (const ElectionAction &action : machine.tick(MonoTime(250))) {
        if (const auto *scan = std::get_if<ScanAction>(&action))
            nothingYet.id = scan->id;
    }
    const ElectionActions first = machine.scanCompleted(nothingYet, MonoTime(250));
    QCOMPARE(writesIn(first), 1);
    const auto id = std::get<WriteRecordAction>(first.first()).id;
    // the write hangs: no further write while it is outstanding, also after it timed out
    for (int t = 500; t <= 5000; t += 250)
        QCOMPARE(writesIn(machine.tick(MonoTime(t))), 0);
    // it returns at last (too late to count): now the next write may go
    const ElectionActions after = machine.writeCompleted(id, true, MonoTime(5100));
    QCOMPARE(writesIn(after) + writesIn(machine.tick(MonoTime(5250))), 1);
}

void TestElection::recordTellsWhenTheApplicationStarted()
{
    // app.since: the wall time of the start, for people; gone once the application has stopped.
    ElectionDriver driver(QStringLiteral("a"), 100, Timing::fast(), [](Millis offset) {
        return QStringLiteral("2026-12-07T06:00:00.%1Z").arg(offset.count(), 3, 10, QLatin1Char('0'));
    });
    makeMaster(driver);
    driver.step();
    QCOMPARE(driver.ownRecord()->app.since, QStringLiteral("2026-12-07T06:00:00.000Z"));
    driver.feed(driver.machine().stopRequested(driver.now())); // a clean stop: the last record shows none
    driver.step();
    QCOMPARE(driver.ownRecord()->app.state, AppState::Stopped);
    QVERIFY(driver.ownRecord()->app.since.isEmpty());
}

void TestElection::stopWhileFencedEndsWhenTheStorageIsBack()
{
    // SIGTERM to a fenced node: it cannot write offline yet; once a write counts again it does, and exits.
    ElectionDriver driver;
    makeMaster(driver);
    driver.setStopHangs(true);
    driver.setWritesFail(true);
    for (int i = 0; i < 6; ++i)
        driver.step();
    QCOMPARE(driver.machine().role(), Role::Fenced);
    QVERIFY(driver.appRunning()); // still stopping
    driver.feed(driver.machine().stopRequested(driver.now()));
    driver.appExits(AppExitCause::Stopped, 0);
    driver.step();
    QCOMPARE(driver.machine().role(), Role::Fenced);
    QVERIFY(driver.actionsOf<ExitAction>(driver.history()).isEmpty());
    driver.setWritesFail(false);
    for (int i = 0; i < 3 && driver.actionsOf<ExitAction>(driver.history()).isEmpty(); ++i)
        driver.step();
    QCOMPARE(driver.machine().role(), Role::Offline);
    QCOMPARE(driver.ownRecord()->state, Role::Offline);
    QCOMPARE(driver.actionsOf<ExitAction>(driver.history()).size(), 1);
    QCOMPARE(driver.actionsOf<ExitAction>(driver.history()).first().status, 0);
}

void TestElection::W3_guardGetsAbsoluteDeadline()
{
    ElectionDriver driver;
    makeMaster(driver);
    const MonoTime before = driver.now();
    const ElectionActions actions = driver.step();
    const auto deadlines = driver.actionsOf<GuardDeadlineAction>(actions);
    QCOMPARE(deadlines.size(), 1);
    QCOMPARE(deadlines.first().leaseUntil, before + driver.timing().interval + driver.timing().renewLimit);
}

void TestElection::W4_fencesWhenLeaseLapsesAndRecovers()
{
    ElectionDriver driver;
    makeMaster(driver);
    driver.setWritesFail(true);
    for (int i = 0; i < 6; ++i) // R = 1 s
        driver.step();
    QCOMPARE(driver.machine().role(), Role::Fenced);
    QVERIFY(!driver.appRunning());
    const auto starts = driver.actionsOf<StartAppAction>(driver.history()).size();
    for (int i = 0; i < 10; ++i) // fenced: no local restart
        driver.step();
    QCOMPARE(driver.actionsOf<StartAppAction>(driver.history()).size(), starts);
    driver.setWritesFail(false);
    driver.step();
    QVERIFY(driver.machine().role() != Role::Fenced); // storage back: standby, and a new term
    QVERIFY(driver.stepUntil(Role::Master, 80));
    QCOMPARE(driver.machine().epoch(), std::uint64_t(2));
}

void TestElection::H1_switchover_data()
{
    QTest::addColumn<int>("epochOffset");
    QTest::addColumn<bool>("targetAlive");
    QTest::addColumn<bool>("targetEligible");
    QTest::addColumn<bool>("handsOver");
    QTest::addColumn<bool>("removed");
    QTest::newRow("H1: valid request") << 0 << true << true << true << true;
    QTest::newRow("H1: addressed to an earlier term") << -1 << true << true << false << true;
    QTest::newRow("H1: addressed to a later term (not ours)") << 1 << true << true << false << false;
    QTest::newRow("H1: target dead") << 0 << false << true << false << true;
    QTest::newRow("H1: target not eligible") << 0 << true << false << false << true;
}

void TestElection::H1_switchover()
{
    QFETCH(int, epochOffset);
    QFETCH(bool, targetAlive);
    QFETCH(bool, targetEligible);
    QFETCH(bool, handsOver);
    QFETCH(bool, removed);
    ElectionDriver driver;
    driver.peer(QStringLiteral("b"));
    driver.putPeer(QStringLiteral("b"));
    makeMaster(driver);
    driver.peer(QStringLiteral("b")).eligible = targetEligible;
    driver.setAlive(QStringLiteral("b"), targetAlive);
    for (int i = 0; i < 12; ++i) // past F, so a frozen target is dead
        driver.step();
    driver.setSwitchover(QStringLiteral("b"), driver.machine().epoch() + std::uint64_t(std::int64_t(epochOffset)));
    driver.step();
    driver.step();
    QCOMPARE(driver.machine().role() != Role::Master, handsOver);
    QCOMPARE(!driver.switchoverPresent(), removed);
    if (handsOver) {
        QVERIFY(!driver.appRunning());
        QCOMPARE(driver.ownRecord()->handover->to, QStringLiteral("b"));
    }
}

void TestElection::H2_reservationHoldsOthersBack()
{
    ElectionDriver driver(QStringLiteral("c"));
    driver.peer(QStringLiteral("b"));
    driver.putPeer(QStringLiteral("b"));
    HeartbeatRecord &old = driver.peer(QStringLiteral("a"));
    old.state = Role::Master;
    old.epoch = 4;
    old.app.state = AppState::Running;
    driver.putPeer(QStringLiteral("a"));
    for (int i = 0; i < 4; ++i)
        driver.step();
    old.state = Role::Standby; // a handed over to b
    old.app.state = AppState::Stopped;
    old.handover = Handover { QStringLiteral("b"), 4 };
    driver.setAlive(QStringLiteral("a"), false);
    for (int i = 0; i < 7; ++i) // within F: b is reserved and alive, so c does not claim
        driver.step();
    QCOMPARE(driver.machine().role(), Role::Standby);
}

void TestElection::H2_targetSkipsBackOff()
{
    // b loses an election to a (same epoch, a's name is smaller) and backs off (R3); a wins and hands over
    // to b before that back-off ends: b takes it at once.
    ElectionDriver driver(QStringLiteral("b"));
    HeartbeatRecord &a = driver.peer(QStringLiteral("a"));
    driver.putPeer(QStringLiteral("a"));
    QVERIFY(driver.stepUntil(Role::Candidate));
    a.state = Role::Candidate;
    a.epoch = driver.machine().epoch();
    QVERIFY(driver.stepUntil(Role::Standby, 10));
    const MonoTime backedOff = driver.now();
    a.state = Role::Master;
    a.app.state = AppState::Running;
    driver.step();
    a.state = Role::Standby;
    a.app.state = AppState::Stopped;
    a.handover = Handover { QStringLiteral("b"), a.epoch };
    QVERIFY(driver.stepUntil(Role::Candidate, 2));
    const Millis backOff = 2 * (driver.timing().interval + driver.timing().ioTimeout); // rank 1, no jitter
    QVERIFY2(driver.now() - backedOff < backOff, "the handover waited for the back-off");
    QVERIFY(driver.stepUntil(Role::Master, 8));
}

void TestElection::H2_targetSkipsSettle()
{
    ElectionDriver driver(QStringLiteral("b"));
    HeartbeatRecord &old = driver.peer(QStringLiteral("a"));
    old.state = Role::Master;
    old.epoch = 4;
    old.app.state = AppState::Running;
    driver.putPeer(QStringLiteral("a"));
    QVERIFY(driver.stepUntil(Role::Standby));
    old.state = Role::Standby;
    old.app.state = AppState::Stopped;
    old.handover = Handover { QStringLiteral("b"), 4 };
    QVERIFY(driver.stepUntil(Role::Candidate, 4));
    const MonoTime since = driver.now();
    QVERIFY(driver.stepUntil(Role::Master, 8));
    QVERIFY(driver.now() - since < driver.timing().settle());
}

void TestElection::electionStepsCarryTheirReason()
{
    // The candidacy's role change and its counted claim carry the reason as data (for the agent's counters);
    // every other event carries none.
    const auto steps = [](const QList<EventAction> &events) {
        QStringList found;
        for (const EventAction &event : events) {
            if (event.step == ElectionStep::None) {
                if (event.candidacy != CandidacyReason::None)
                    found << QStringLiteral("reason without a step: ") + event.detail;
                continue;
            }
            found << QStringLiteral("%1 %2 %3")
                         .arg(event.step == ElectionStep::Candidacy ? QStringLiteral("candidacy")
                                                                    : QStringLiteral("claim"))
                         .arg(event.candidacy == CandidacyReason::Handover          ? QStringLiteral("handover")
                                 : event.candidacy == CandidacyReason::NoLiveMaster ? QStringLiteral("no-live-master")
                                                                                    : QStringLiteral("none"))
                         .arg(event.detail.section(QLatin1Char(':'), 0, 0));
        }
        return found;
    };
    ElectionDriver first;
    makeMaster(first);
    QCOMPARE(steps(first.actionsOf<EventAction>(first.history())),
        QStringList({ QStringLiteral("candidacy no-live-master standby -> candidate"),
            QStringLiteral("claim no-live-master master of epoch 1") }));

    ElectionDriver target(QStringLiteral("b"));
    HeartbeatRecord &old = target.peer(QStringLiteral("a"));
    old.state = Role::Master;
    old.epoch = 4;
    old.app.state = AppState::Running;
    target.putPeer(QStringLiteral("a"));
    QVERIFY(target.stepUntil(Role::Standby));
    old.state = Role::Standby;
    old.app.state = AppState::Stopped;
    old.handover = Handover { QStringLiteral("b"), 4 };
    QVERIFY(target.stepUntil(Role::Master, 12));
    target.step();
    QCOMPARE(steps(target.actionsOf<EventAction>(target.history())),
        QStringList({ QStringLiteral("candidacy handover standby -> candidate"),
            QStringLiteral("claim handover master of epoch 5") }));
}

void TestElection::handStartedInstanceIsNeverDoubled()
{
    // The operator's usual maintenance: stop the application, start it by hand, maintenance off.
    ElectionDriver driver;
    masterInMaintenance(driver);
    driver.appExits(AppExitCause::Exited, 0);
    const ElectionActions found = driver.feed(driver.machine().setStrays({ 5150 }, driver.now()));
    QVERIFY(driver.actionsOf<StopStraysAction>(found).isEmpty()); // M1: left alone in maintenance
    driver.step();
    QVERIFY(driver.actionsOf<StopStraysAction>(driver.history()).isEmpty());
    QCOMPARE(driver.ownRecord()->app.outside, QList<std::int64_t> { 5150 });
    driver.setMaintenance(false);
    ElectionActions after;
    for (int i = 0; i < 10; ++i)
        after += driver.step();
    QVERIFY(!driver.actionsOf<StopStraysAction>(after).isEmpty());
    QVERIFY(driver.actionsOf<StartAppAction>(after).isEmpty()); // never over the instance started by hand
    QVERIFY(!driver.appRunning());
    after = driver.feed(driver.machine().setStrays({}, driver.now())); // it is gone
    for (int i = 0; i < 3; ++i)
        after += driver.step();
    QCOMPARE(driver.actionsOf<StartAppAction>(after).size(), 1);
    QVERIFY(driver.appRunning());
    QVERIFY(driver.ownRecord()->app.outside.isEmpty());
}

void TestElection::instanceOutsideTheGuardIsStoppedOutsideMaintenance()
{
    ElectionDriver driver;
    makeMaster(driver);
    const ElectionActions actions = driver.feed(driver.machine().setStrays({ 5150, 5151 }, driver.now()));
    QCOMPARE(driver.actionsOf<StopStraysAction>(actions).size(), 1);
    const QList<EventAction> events = driver.actionsOf<EventAction>(actions);
    QVERIFY(std::any_of(events.begin(), events.end(), [](const EventAction &event) {
        return event.event == EventKind::InstanceOutsideGuard && event.detail.contains(QLatin1String("pid 5150, 5151"));
    }));
    QVERIFY(driver.appRunning()); // the guard's own instance runs on
}

void TestElection::stopInMaintenanceLeavesTheApplicationToTheGuard()
{
    ElectionDriver driver;
    masterInMaintenance(driver);
    const ElectionActions actions = driver.feed(driver.machine().stopRequested(driver.now()));
    QVERIFY(driver.actionsOf<StopAppAction>(actions).isEmpty());
    QVERIFY(driver.appRunning());
    const QList<ExitAction> exits = driver.actionsOf<ExitAction>(actions);
    QCOMPARE(exits.size(), 1);
    QVERIFY(exits.first().leaveApplication);
    QCOMPARE(exits.first().status, 0);
    QCOMPARE(driver.ownRecord()->state, Role::Master); // no last record: it stays the master's until stale
    bool left = false;
    for (const EventAction &event : driver.actionsOf<EventAction>(actions)) {
        QVERIFY(event.event != EventKind::SwitchoverDone); // nobody takes it in maintenance
        left |= event.event == EventKind::AppLeftRunning
            && event.detail.startsWith(QLatin1String("agent stopped in maintenance"));
    }
    QVERIFY(left);
}

void TestElection::restartInPlaceLeavesTheApplicationToTheGuard()
{
    ElectionDriver driver;
    driver.peer(QStringLiteral("b"));
    driver.putPeer(QStringLiteral("b"));
    makeMaster(driver);
    const ElectionActions actions
        = driver.feed(driver.machine().stopRequested(driver.now(), Election::StopMode::KeepApplication));
    QVERIFY(driver.actionsOf<StopAppAction>(actions).isEmpty());
    QVERIFY(driver.appRunning());
    QCOMPARE(driver.actionsOf<ExitAction>(actions).size(), 1);
    QVERIFY(driver.actionsOf<ExitAction>(actions).first().leaveApplication);
}

void TestElection::stopOfAnIdleMasterInMaintenanceOffersNoHandover()
{
    ElectionDriver driver;
    masterInMaintenance(driver);
    driver.appExits(AppExitCause::Exited, 0); // stopped by hand in maintenance
    const ElectionActions actions = driver.feed(driver.machine().stopRequested(driver.now()));
    QCOMPARE(driver.machine().role(), Role::Offline);
    QVERIFY(!driver.ownRecord()->handover);
    QVERIFY(driver.actionsOf<ExitAction>(actions).size() == 1
        && !driver.actionsOf<ExitAction>(actions).first().leaveApplication);
}

void TestElection::Ma_maintenanceFreezesRoles()
{
    ElectionDriver driver;
    makeMaster(driver);
    driver.setMaintenance(true);
    driver.step();
    // the application exits in maintenance: no restart, still master, still renewing (fencing holds)
    driver.appExits(AppExitCause::Exited, 1);
    for (int i = 0; i < 10; ++i)
        driver.step();
    QCOMPARE(driver.machine().role(), Role::Master);
    QCOMPARE(driver.actionsOf<StartAppAction>(driver.history()).size(), 1);
    // leaving maintenance starts it exactly once
    driver.setMaintenance(false);
    for (int i = 0; i < 4; ++i)
        driver.step();
    QCOMPARE(driver.actionsOf<StartAppAction>(driver.history()).size(), 2);
    QVERIFY(driver.appRunning());

    ElectionDriver candidate(QStringLiteral("c"));
    QVERIFY(candidate.stepUntil(Role::Candidate));
    candidate.setMaintenance(true);
    candidate.step();
    QCOMPARE(candidate.machine().role(), Role::Standby);
}

void TestElection::Mb_leaveBarrier()
{
    ElectionDriver driver;
    driver.peer(QStringLiteral("b"));
    driver.putPeer(QStringLiteral("b"));
    makeMaster(driver);
    driver.setMaintenance(true);
    driver.step();
    driver.appExits(AppExitCause::Exited, 0);
    HeartbeatRecord &peer = driver.peer(QStringLiteral("b"));
    peer.maint = true;
    peer.app.state = AppState::Running; // an instance started by hand on b
    driver.step();
    driver.setMaintenance(false);
    for (int i = 0; i < 8; ++i)
        driver.step();
    QVERIFY(!driver.appRunning()); // b has not yet stopped its instance nor seen the end of maintenance
    peer.maint = false;
    peer.app.state = AppState::Stopped;
    driver.step();
    driver.step();
    QVERIFY(driver.appRunning());
}

void TestElection::Mc_stopThenRunByHandInMaintenance()
{
    ElectionDriver driver;
    masterInMaintenance(driver);
    driver.setAppRequest(appRequest(AppRequest::Action::Stop));
    ElectionActions actions = driver.step();
    QVERIFY(!driver.appRequestPresent()); // carried out and removed
    QVERIFY(!driver.appRunning());
    QCOMPARE(eventDetails(actions, EventKind::AppRequestDone).size(), 1);
    QVERIFY(eventDetails(actions, EventKind::AppRequestDone)
                .first()
                .contains(QLatin1String("request of 2026-12-07T10:00:00.000Z by op@host: upgrade")));
    for (int i = 0; i < 6; ++i) // M1: stopped by hand, not restarted in maintenance
        actions += driver.step();
    QVERIFY(driver.actionsOf<StartAppAction>(actions).isEmpty());
    QCOMPARE(driver.machine().role(), Role::Master);

    driver.setAppRequest(appRequest(AppRequest::Action::Run, QStringLiteral("2026-12-07T10:05:00.000Z")));
    actions = driver.step();
    QVERIFY(driver.appRunning()); // started in maintenance, past mayStartApp, with the term's epoch
    QCOMPARE(driver.actionsOf<StartAppAction>(actions).size(), 1);
    QCOMPARE(driver.actionsOf<StartAppAction>(actions).first().epoch, driver.machine().epoch());
    QCOMPARE(eventDetails(actions, EventKind::AppRequestDone).size(), 1);

    driver.setMaintenance(false); // it stays: started once, never twice
    actions.clear();
    for (int i = 0; i < 6; ++i)
        actions += driver.step();
    QVERIFY(driver.actionsOf<StartAppAction>(actions).isEmpty());
    QVERIFY(driver.appRunning());
}

void TestElection::Mc_requestRefused_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("reason");
    const int run = int(AppRequest::Action::Run);
    const int stop = int(AppRequest::Action::Stop);
    QTest::newRow("run outside maintenance") << "no maintenance" << run << "not in maintenance";
    QTest::newRow("stop outside maintenance") << "no maintenance" << stop << "not in maintenance";
    QTest::newRow("run on a standby") << "standby" << run << "this node is not master; b is: run it there";
    QTest::newRow("run while another node's record shows it") << "other runs" << run << "may run on b";
    QTest::newRow("run over an instance outside the guard") << "outside" << run << "(pid 5150)";
    QTest::newRow("garbled request") << "garbled" << run << "app/a: not valid JSON";
}

void TestElection::Mc_requestRefused()
{
    QFETCH(QString, situation);
    QFETCH(int, action);
    QFETCH(QString, reason);
    ElectionDriver driver;
    if (situation == QLatin1String("standby")) {
        HeartbeatRecord &master = driver.peer(QStringLiteral("b"));
        master.state = Role::Master;
        master.epoch = 4;
        master.app.state = AppState::Running;
        driver.putPeer(QStringLiteral("b"));
        QVERIFY(driver.stepUntil(Role::Standby));
        driver.setMaintenance(true);
        driver.step();
    } else if (situation == QLatin1String("no maintenance")) {
        makeMaster(driver);
    } else {
        masterInMaintenance(driver);
        driver.appExits(AppExitCause::Exited, 0);
        driver.step();
    }
    if (situation == QLatin1String("other runs")) {
        driver.peer(QStringLiteral("b")).app.state = AppState::Running;
        driver.step();
    }
    if (situation == QLatin1String("outside"))
        driver.feed(driver.machine().setStrays({ 5150 }, driver.now()));
    const bool wasRunning = driver.appRunning();

    driver.setAppRequest(appRequest(AppRequest::Action(action)));
    if (situation == QLatin1String("garbled"))
        driver.setRawAppRequest("{not json");
    const ElectionActions actions = driver.step();
    const QStringList refused = eventDetails(actions, EventKind::AppRequestRefused);
    QCOMPARE(refused.size(), 1);
    QVERIFY2(refused.first().contains(reason), qPrintable(refused.first()));
    QVERIFY(eventDetails(actions, EventKind::AppRequestDone).isEmpty());
    QVERIFY(driver.actionsOf<StartAppAction>(actions).isEmpty());
    QVERIFY(driver.actionsOf<StopAppAction>(actions).isEmpty());
    QCOMPARE(driver.appRunning(), wasRunning);
    QVERIFY(!driver.appRequestPresent()); // refused requests are removed too
}

void TestElection::Mc_stopAppStopsInstancesStartedByHand()
{
    ElectionDriver driver;
    masterInMaintenance(driver);
    driver.feed(driver.machine().setStrays({ 5150 }, driver.now()));
    driver.setAppRequest(appRequest(AppRequest::Action::Stop));
    const ElectionActions actions = driver.step();
    QVERIFY(!driver.appRunning());
    QCOMPARE(driver.actionsOf<StopAppAction>(actions).size(), 1);
    QCOMPARE(driver.actionsOf<StopStraysAction>(actions).size(), 1); // left alone in maintenance unless asked
}

void TestElection::Mc_requestStillReadIsNotCarriedOutTwice()
{
    ElectionDriver driver;
    masterInMaintenance(driver);
    driver.setAppRequest(appRequest(AppRequest::Action::Stop));
    driver.step();
    driver.setAppRequest(appRequest(AppRequest::Action::Run));
    driver.step();
    QVERIFY(driver.appRunning());
    // Its removal failed: the same request is read again before any read saw it gone. It is removed again,
    // and not carried out a second time.
    driver.setAppRequest(appRequest(AppRequest::Action::Run));
    const ElectionActions again = driver.step();
    QVERIFY(eventDetails(again, EventKind::AppRequestDone).isEmpty());
    QVERIFY(!driver.appRequestPresent());
}

void TestElection::restartBudgetThenStandDown()
{
    ElectionDriver driver;
    driver.peer(QStringLiteral("b"));
    driver.putPeer(QStringLiteral("b"));
    makeMaster(driver);
    for (int failure = 0; failure < 2; ++failure) { // restart_limit is 2 in the driver
        driver.appExits(AppExitCause::Exited, 1);
        QCOMPARE(driver.machine().role(), Role::Master);
        QVERIFY(driver.appRunning());
        driver.step();
    }
    driver.appExits(AppExitCause::Exited, 1);
    driver.step();
    QCOMPARE(driver.machine().role(), Role::Standby);
    QVERIFY(!driver.machine().eligible());
    QCOMPARE(driver.ownRecord()->handover->to, QStringLiteral("b"));
    driver.setClearRequest(true); // hacmpctl clear: read with the next scan, carried out and removed
    driver.step();
    QVERIFY(driver.machine().eligible());
    QVERIFY(!driver.clearRequestPresent());
}

void TestElection::duplicateNodeNameRefusesMastership()
{
    ElectionDriver driver;
    makeMaster(driver);
    // another host writes the record of node "a" as well
    HeartbeatRecord intruder;
    intruder.node = QStringLiteral("a");
    intruder.hostId = QStringLiteral("other-host");
    intruder.incarnation = 77;
    intruder.state = Role::Standby;
    driver.setWritesFail(true); // only the intruder's writes land for a moment
    for (int i = 0; i < 2; ++i) {
        intruder.seq = 1000000 + std::uint64_t(i);
        driver.putRawPeer(QStringLiteral("a"), encodeSlot(intruder).value());
        driver.feed(driver.machine().tick(driver.now()));
    }
    driver.setWritesFail(false);
    driver.step();
    QVERIFY(driver.machine().duplicateDetected());
    QVERIFY(!driver.machine().eligible());
    QVERIFY(driver.machine().role() != Role::Master);
    QVERIFY(!driver.appRunning());
}

namespace {
HeartbeatRecord recordOfOtherHost(std::uint64_t seq)
{
    HeartbeatRecord record;
    record.node = QStringLiteral("a");
    record.hostId = QStringLiteral("other-host");
    record.incarnation = 77;
    record.seq = seq;
    record.state = Role::Master;
    return record;
}
} // namespace

void TestElection::copiedNodeNameRefusesToJoinBeforeWriting()
{
    // Another host runs node "a" (its record changes): this agent writes nothing, says why and exits.
    ElectionDriver driver;
    for (std::uint64_t seq = 1000; seq < 1010 && driver.machine().role() != Role::Offline; ++seq) {
        driver.putRawPeer(QStringLiteral("a"), encodeSlot(recordOfOtherHost(seq)).value());
        driver.step();
    }
    QCOMPARE(driver.machine().role(), Role::Offline);
    QVERIFY(driver.actionsOf<WriteRecordAction>(driver.history()).isEmpty());
    const QList<ExitAction> exits = driver.actionsOf<ExitAction>(driver.history());
    QCOMPARE(exits.size(), 1);
    QCOMPARE(exits.first().status, kExitRefusedToJoin);
    bool named = false;
    for (const EventAction &event : driver.actionsOf<EventAction>(driver.history()))
        named |= event.event == EventKind::DuplicateNode && event.detail.contains(QLatin1String("other-host"));
    QVERIFY(named);
}

void TestElection::recordOfAReplacedHostDelaysJoiningUntilDead()
{
    // A record another host left (a replaced machine) does not change: the node joins after F, not before.
    ElectionDriver driver;
    driver.putRawPeer(QStringLiteral("a"), encodeSlot(recordOfOtherHost(1000)).value());
    const MonoTime startedAt = driver.now();
    for (int i = 0; i < 100 && driver.actionsOf<WriteRecordAction>(driver.history()).isEmpty(); ++i)
        driver.step();
    QVERIFY(!driver.actionsOf<WriteRecordAction>(driver.history()).isEmpty());
    QVERIFY(driver.now() - startedAt >= driver.timing().failoverTimeout);
    QVERIFY(driver.ownRecord()->seq > 1000); // seq rises over the record found
    QVERIFY(driver.stepUntil(Role::Master));
}

void TestElection::ownHostRecordJoinsAtFirstScan()
{
    ElectionDriver driver;
    HeartbeatRecord earlier = recordOfOtherHost(1000);
    earlier.hostId = QStringLiteral("host-a"); // this host's, from before a restart
    driver.putRawPeer(QStringLiteral("a"), encodeSlot(earlier).value());
    driver.step();
    QCOMPARE(driver.actionsOf<WriteRecordAction>(driver.history()).size(), 1);
}

void TestElection::T1_startingRefusesOtherTimings_data()
{
    // T1 holds only between equal timings: a starting node does not join where a live node has others.
    QTest::addColumn<QString>("peerTiming"); // "own", "other" or "none" (a version that does not write it)
    QTest::addColumn<bool>("peerAlive");
    QTest::addColumn<Role>("peerState");
    QTest::addColumn<bool>("refused");
    QTest::newRow("equal timings") << "own" << true << Role::Master << false;
    QTest::newRow("other timings, live master") << "other" << true << Role::Master << true;
    QTest::newRow("other timings, live standby") << "other" << true << Role::Standby << true;
    QTest::newRow("other timings, dead record") << "other" << false << Role::Master << false;
    QTest::newRow("other timings, stopped cleanly") << "other" << false << Role::Offline << false;
    QTest::newRow("timings not written") << "none" << true << Role::Standby << false;
}

void TestElection::T1_startingRefusesOtherTimings()
{
    QFETCH(QString, peerTiming);
    QFETCH(bool, peerAlive);
    QFETCH(Role, peerState);
    QFETCH(bool, refused);
    ElectionDriver driver;
    HeartbeatRecord &peer = driver.peer(QStringLiteral("b"));
    peer.state = peerState;
    peer.epoch = 3;
    peer.timing = peerTiming == QLatin1String("own") ? driver.timing().signature()
        : peerTiming == QLatin1String("other")       ? Timing::defaults().signature()
                                                     : QString();
    driver.putPeer(QStringLiteral("b"));
    driver.setAlive(QStringLiteral("b"), peerAlive);
    for (int i = 0; i < 40 && driver.machine().role() == Role::Starting; ++i)
        driver.step();
    QList<EventAction> rejections;
    for (const EventAction &event : driver.actionsOf<EventAction>(driver.history())) {
        if (event.event == EventKind::ConfigRejected)
            rejections << event;
    }
    const QList<ExitAction> exits = driver.actionsOf<ExitAction>(driver.history());
    if (refused) {
        QCOMPARE(driver.machine().role(), Role::Offline);
        QCOMPARE(driver.ownRecord()->state, Role::Offline);
        QCOMPARE(exits.size(), 1);
        QCOMPARE(exits.first().status, kExitRefusedToJoin);
        QCOMPARE(rejections.size(), 1);
        QVERIFY2(
            rejections.first().detail.contains(Timing::defaults().signature()), qPrintable(rejections.first().detail));
        QVERIFY(rejections.first().detail.contains(QLatin1String("node b")));
    } else {
        QVERIFY(driver.machine().role() != Role::Starting && driver.machine().role() != Role::Offline); // joined
        QVERIFY(exits.isEmpty());
        QVERIFY(rejections.isEmpty());
    }
    QCOMPARE(driver.ownRecord()->timing, driver.timing().signature());
}

void TestElection::seqRisesAboveOwnOldRecord()
{
    ElectionDriver driver;
    HeartbeatRecord old;
    old.node = QStringLiteral("a");
    old.hostId = QStringLiteral("host-a");
    old.incarnation = 5;
    old.seq = 7000000;
    old.state = Role::Master;
    old.epoch = 9;
    driver.putRawPeer(QStringLiteral("a"), encodeSlot(old).value());
    driver.step();
    driver.step();
    QVERIFY(driver.ownRecord()->seq > 7000000);
    QVERIFY(driver.stepUntil(Role::Master));
    QCOMPARE(driver.machine().epoch(), std::uint64_t(10));
}

void TestElection::cleanStopHandsOver()
{
    ElectionDriver driver;
    driver.peer(QStringLiteral("b"));
    driver.putPeer(QStringLiteral("b"));
    makeMaster(driver);
    const ElectionActions actions = driver.feed(driver.machine().stopRequested(driver.now()));
    QVERIFY(!driver.appRunning());
    QCOMPARE(driver.machine().role(), Role::Offline);
    QCOMPARE(driver.ownRecord()->state, Role::Offline);
    QCOMPARE(driver.ownRecord()->handover->to, QStringLiteral("b"));
    QCOMPARE(driver.actionsOf<ExitAction>(actions).size(), 1);
}

void TestElection::W5_adoptRunningTerm_data()
{
    // A restarted agent finds its guard holding the application of term 7 (W5).
    QTest::addColumn<int>("deadlineIn"); // ms from now to the guard's deadline
    QTest::addColumn<bool>("writesFail");
    QTest::addColumn<bool>("continues"); // still master of term 7 once the guard's deadline has passed
    QTest::newRow("W5: first write counts: the term goes on") << 600 << false << true;
    QTest::newRow("W5: writes fail: the lease lapses, fenced at the deadline") << 600 << true << false;
    QTest::newRow("W5: deadline already passed: the application is stopped") << 0 << false << false;
}

void TestElection::W5_adoptRunningTerm()
{
    QFETCH(int, deadlineIn);
    QFETCH(bool, writesFail);
    QFETCH(bool, continues);
    ElectionDriver driver;
    driver.setWritesFail(writesFail);
    const MonoTime deadline = driver.now() + Millis(deadlineIn);
    const ElectionActions adopted = driver.feed(driver.machine().adoptRunningTerm(7, deadline, 4242, driver.now()));
    QCOMPARE(writesIn(adopted), 1); // at once: the deadline is near
    if (!writesFail) {
        QCOMPARE(driver.ownRecord()->epoch, std::uint64_t(7));
        QCOMPARE(driver.ownRecord()->app.pid, std::int64_t(4242));
        QVERIFY(driver.ownRecord()->app.state != AppState::Stopped); // it blocks other nodes' claims (O4)
    }
    const auto deadlines = driver.actionsOf<GuardDeadlineAction>(adopted);
    QCOMPARE(!deadlines.isEmpty(), continues);
    if (continues)
        QCOMPARE(deadlines.first().leaseUntil, driver.now() + driver.timing().renewLimit);
    for (int i = 0; i < 4; ++i) // 1 s: past the guard's deadline
        driver.step();
    QCOMPARE(driver.machine().role() == Role::Master && driver.machine().epoch() == 7, continues);
    QCOMPARE(driver.actionsOf<StopAppAction>(driver.history()).isEmpty(), continues);
    QVERIFY(driver.actionsOf<StartAppAction>(driver.history()).isEmpty()); // it runs already
    if (writesFail)
        QCOMPARE(driver.machine().role(), Role::Fenced);
    if (continues)
        return;
    driver.appExits(AppExitCause::GuardDeadline, 15);
    driver.setWritesFail(false);
    driver.step();
    QCOMPARE(driver.ownRecord()->app.state, AppState::Stopped);
    QVERIFY(driver.stepUntil(Role::Master, 80)); // a new term, by election
    QVERIFY(driver.machine().epoch() > 7);
}

void TestElection::settingsChangePriorityAndBudget()
{
    ElectionDriver driver;
    driver.peer(QStringLiteral("b"));
    driver.putPeer(QStringLiteral("b"));
    makeMaster(driver);
    driver.machine().setSettings(300, 0, Millis(60000));
    driver.step();
    QCOMPARE(driver.ownRecord()->priority, 300);
    driver.appExits(AppExitCause::Exited, 1); // a budget of 0: no local restart
    driver.step();
    QCOMPARE(driver.machine().role(), Role::Standby);
    QVERIFY(!driver.machine().eligible());
}

QTEST_GUILESS_MAIN(TestElection)
#include "tst_election.moc"
