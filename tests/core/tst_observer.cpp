// Decision tables for observation (docs/protocol.md O1-O4): liveness without comparing clocks.
#include "shared/protocol/observer.h"
#include "shared/protocol/recordcodec.h"

#include <QTest>

using namespace hacmp;

namespace {

const Timing kTiming = Timing::defaults(); // F = 10 s

HeartbeatRecord record(Role state, AppState app = AppState::Stopped, std::uint64_t seq = 1,
    std::uint64_t incarnation = 7, const QString &hostId = QStringLiteral("host-b"))
{
    HeartbeatRecord r;
    r.node = QStringLiteral("b");
    r.hostId = hostId;
    r.incarnation = incarnation;
    r.seq = seq;
    r.state = state;
    r.app.state = app;
    return r;
}

FileRead ok(const HeartbeatRecord &r)
{
    return FileRead { IoOutcome::Ok, encodeSlot(r).value(), {} };
}

MonoTime at(int seconds)
{
    return MonoTime(seconds * 1000);
}

} // namespace

class TestObserver final : public QObject
{
    Q_OBJECT

private slots:
    void O1_failedReadsChangeNothing();
    void O1_tornRecordIsAliveAndUnknown();
    void O2_deadOnlyAfterUnchangedReadIssuedFAfterChange_data();
    void O2_deadOnlyAfterUnchangedReadIssuedFAfterChange();
    void O2_unreadableNeverMakesDead();
    void O3_lowerSeqIsLivenessOnly();
    void O4_blockingTable_data();
    void O4_blockingTable();
    void O4_unknownBlocks();
    void O4_earlierIncarnationBlocksForF();
    void O4_twoHostIdsBlock();
    void readsApplyInIssueOrder();
};

void TestObserver::O1_failedReadsChangeNothing()
{
    Observer observer(QStringLiteral("a"), kTiming, std::make_shared<SlotCache>());
    observer.applyRead(QStringLiteral("b"), ok(record(Role::Master)), at(0), at(0));
    for (IoOutcome outcome : { IoOutcome::Failed, IoOutcome::TimedOut, IoOutcome::Busy })
        observer.applyRead(QStringLiteral("b"), FileRead { outcome, {}, {} }, at(20), at(21));
    QVERIFY(!observer.isDead(QStringLiteral("b")));
    QCOMPARE(observer.view(QStringLiteral("b"))->confirmedAt, kNever);
    QVERIFY(observer.blocks(QStringLiteral("b"), at(21)));
}

void TestObserver::O1_tornRecordIsAliveAndUnknown()
{
    Observer observer(QStringLiteral("a"), kTiming, std::make_shared<SlotCache>());
    observer.applyRead(QStringLiteral("b"), ok(record(Role::Standby)), at(0), at(0));
    QByteArray torn = ok(record(Role::Standby, AppState::Stopped, 2)).bytes;
    torn[100] = 'X';
    observer.applyRead(QStringLiteral("b"), FileRead { IoOutcome::Ok, torn, {} }, at(9), at(9));
    const NodeView *view = observer.view(QStringLiteral("b"));
    QVERIFY(view->unknown);
    QCOMPARE(view->changedAt, at(9)); // new bytes: the writer is alive
    QVERIFY(observer.blocks(QStringLiteral("b"), at(9)));
}

void TestObserver::O2_deadOnlyAfterUnchangedReadIssuedFAfterChange_data()
{
    QTest::addColumn<int>("issuedAfterChange");
    QTest::addColumn<bool>("dead");
    QTest::newRow("O2: 9.999 s after") << 9999 << false;
    QTest::newRow("O2: exactly F after") << 10000 << true;
    QTest::newRow("O2: long after") << 60000 << true;
}

void TestObserver::O2_deadOnlyAfterUnchangedReadIssuedFAfterChange()
{
    QFETCH(int, issuedAfterChange);
    QFETCH(bool, dead);
    Observer observer(QStringLiteral("a"), kTiming, std::make_shared<SlotCache>());
    const FileRead read = ok(record(Role::Master));
    observer.applyRead(QStringLiteral("b"), read, at(0), at(1)); // change seen at 1 s
    observer.applyRead(
        QStringLiteral("b"), read, Millis(1000 + issuedAfterChange), Millis(1000 + issuedAfterChange + 5000));
    QCOMPARE(observer.isDead(QStringLiteral("b")), dead);
    QCOMPARE(observer.blocks(QStringLiteral("b"), at(100)), !dead);
}

void TestObserver::O2_unreadableNeverMakesDead()
{
    Observer observer(QStringLiteral("a"), kTiming, std::make_shared<SlotCache>());
    observer.applyRead(QStringLiteral("b"), ok(record(Role::Master)), at(0), at(0));
    for (int s = 1; s < 100; ++s)
        observer.applyRead(QStringLiteral("b"), FileRead { IoOutcome::Failed, {}, {} }, at(s), at(s));
    QVERIFY(!observer.isDead(QStringLiteral("b")));
}

void TestObserver::O3_lowerSeqIsLivenessOnly()
{
    Observer observer(QStringLiteral("a"), kTiming, std::make_shared<SlotCache>());
    observer.applyRead(QStringLiteral("b"), ok(record(Role::Master, AppState::Running, 10)), at(0), at(0));
    observer.applyRead(QStringLiteral("b"), ok(record(Role::Standby, AppState::Stopped, 5)), at(8), at(8));
    const NodeView *view = observer.view(QStringLiteral("b"));
    QCOMPARE(view->content->state, Role::Master); // the late old write does not replace newer content
    QCOMPARE(view->content->seq, std::uint64_t(10));
    QCOMPARE(view->changedAt, at(8)); // but it shows the writer is alive
}

void TestObserver::O4_blockingTable_data()
{
    QTest::addColumn<Role>("state");
    QTest::addColumn<AppState>("app");
    QTest::addColumn<bool>("blocks");
    QTest::newRow("O4: standby, stopped") << Role::Standby << AppState::Stopped << false;
    QTest::newRow("O4: offline, stopped") << Role::Offline << AppState::Stopped << false;
    QTest::newRow("O4: starting, stopped") << Role::Starting << AppState::Stopped << false;
    QTest::newRow("O4: fenced, stopped") << Role::Fenced << AppState::Stopped << false;
    QTest::newRow("O4: fenced, stopping") << Role::Fenced << AppState::Stopping << true;
    QTest::newRow("O4: standby, running (stray)") << Role::Standby << AppState::Running << true;
    QTest::newRow("O4: standby, failed") << Role::Standby << AppState::Failed << true;
    QTest::newRow("O4: candidate") << Role::Candidate << AppState::Stopped << true;
    QTest::newRow("O4: master") << Role::Master << AppState::Running << true;
    QTest::newRow("O4: stopping") << Role::Stopping << AppState::Stopping << true;
}

void TestObserver::O4_blockingTable()
{
    QFETCH(Role, state);
    QFETCH(AppState, app);
    QFETCH(bool, blocks);
    Observer observer(QStringLiteral("a"), kTiming, std::make_shared<SlotCache>());
    observer.applyRead(QStringLiteral("b"), ok(record(state, app)), at(0), at(0));
    QCOMPARE(observer.blocks(QStringLiteral("b"), at(1)), blocks);
    // and nothing blocks once dead
    observer.applyRead(QStringLiteral("b"), ok(record(state, app)), at(11), at(11));
    if (state != Role::Offline)
        QVERIFY(observer.isDead(QStringLiteral("b")));
    QVERIFY(!observer.blocks(QStringLiteral("b"), at(12)));
}

void TestObserver::O4_unknownBlocks()
{
    Observer observer(QStringLiteral("a"), kTiming, std::make_shared<SlotCache>());
    observer.applyRead(QStringLiteral("b"), FileRead { IoOutcome::Ok, QByteArray(8192, 'z'), {} }, at(0), at(0));
    QVERIFY(observer.view(QStringLiteral("b"))->unknown);
    QVERIFY(observer.blocks(QStringLiteral("b"), at(1)));
    // a record in a newer format is unknown as well
    QByteArray newer = ok(record(Role::Standby)).bytes;
    newer.replace(QByteArrayLiteral("\"format\":1"), QByteArrayLiteral("\"format\":2"));
    observer.applyRead(QStringLiteral("c"), FileRead { IoOutcome::Ok, newer, {} }, at(0), at(0));
    QVERIFY(observer.blocks(QStringLiteral("c"), at(1)));
}

void TestObserver::O4_earlierIncarnationBlocksForF()
{
    Observer observer(QStringLiteral("a"), kTiming, std::make_shared<SlotCache>());
    // the old incarnation was master; the restarted agent (new incarnation, higher seq) is standby
    observer.applyRead(QStringLiteral("b"), ok(record(Role::Master, AppState::Running, 100, 1)), at(0), at(0));
    observer.applyRead(QStringLiteral("b"), ok(record(Role::Standby, AppState::Stopped, 200, 2)), at(1), at(1));
    QVERIFY(observer.blocks(QStringLiteral("b"), at(5)));
    QVERIFY(observer.blocks(QStringLiteral("b"), at(10)));
    QVERIFY(!observer.blocks(QStringLiteral("b"), at(11))); // F after the old content was last read
}

void TestObserver::O4_twoHostIdsBlock()
{
    Observer observer(QStringLiteral("a"), kTiming, std::make_shared<SlotCache>());
    observer.applyRead(QStringLiteral("b"), ok(record(Role::Standby, AppState::Stopped, 1, 1)), at(0), at(0));
    observer.applyRead(QStringLiteral("b"),
        ok(record(Role::Standby, AppState::Stopped, 2, 2, QStringLiteral("other-host"))), at(1), at(1));
    QVERIFY(observer.showsTwoHosts(QStringLiteral("b"), at(2)));
    QVERIFY(observer.blocks(QStringLiteral("b"), at(2)));
    QVERIFY(!observer.showsTwoHosts(QStringLiteral("b"), at(11)));
}

void TestObserver::readsApplyInIssueOrder()
{
    Observer observer(QStringLiteral("a"), kTiming, std::make_shared<SlotCache>());
    observer.applyRead(QStringLiteral("b"), ok(record(Role::Standby, AppState::Stopped, 2)), at(5), at(5));
    // a read issued earlier that returns later says nothing newer
    observer.applyRead(QStringLiteral("b"), ok(record(Role::Master, AppState::Running, 1)), at(4), at(6));
    QCOMPARE(observer.view(QStringLiteral("b"))->content->state, Role::Standby);
    QCOMPARE(observer.view(QStringLiteral("b"))->changedAt, at(5));
}

QTEST_GUILESS_MAIN(TestObserver)
#include "tst_observer.moc"
