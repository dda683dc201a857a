// Decision tables for the lease (docs/protocol.md W2, W4) and the restart budget.
#include "shared/protocol/lease.h"
#include "shared/protocol/restartbudget.h"

#include <QTest>

using namespace hacmp;

class TestLease final : public QObject
{
    Q_OBJECT

private slots:
    void W2_counting_data();
    void W2_counting();
    void W2_chainEndsWhenLapsed();
    void restartBudget();
};

void TestLease::W2_counting_data()
{
    // defaults: io 2 s, R 5 s; a chain was started by a write issued at 0 (lease until 5 s)
    QTest::addColumn<int>("issued");
    QTest::addColumn<int>("completed");
    QTest::addColumn<bool>("counts");
    QTest::addColumn<int>("until");
    QTest::newRow("W2: in time") << 1000 << 1500 << true << 6000;
    QTest::newRow("W2: completed exactly at s + io") << 1000 << 3000 << true << 6000;
    QTest::newRow("W2: completed after s + io") << 1000 << 3001 << false << 5000;
    QTest::newRow("W2: completed at lease_until") << 4000 << 5000 << false << 5000;
    QTest::newRow("W2: issued after lease_until") << 5000 << 5001 << false << 5000;
    QTest::newRow("W2: old write does not shorten") << 0 << 100 << true << 5000;
}

void TestLease::W2_counting()
{
    QFETCH(int, issued);
    QFETCH(int, completed);
    QFETCH(bool, counts);
    QFETCH(int, until);
    Lease lease(Timing::defaults());
    QVERIFY(lease.onWriteCompleted(MonoTime(0), MonoTime(10), true));
    QCOMPARE(lease.onWriteCompleted(MonoTime(issued), MonoTime(completed), false), counts);
    QCOMPARE(lease.until(), MonoTime(until));
}

void TestLease::W2_chainEndsWhenLapsed()
{
    Lease lease(Timing::defaults());
    QVERIFY(!lease.validAt(MonoTime(0)));
    QVERIFY(!lease.onWriteCompleted(MonoTime(0), MonoTime(1), false)); // no chain yet
    QVERIFY(lease.onWriteCompleted(MonoTime(0), MonoTime(1), true));
    QVERIFY(lease.validAt(MonoTime(4999)));
    QVERIFY(!lease.validAt(MonoTime(5000))); // W4
    QVERIFY(!lease.onWriteCompleted(MonoTime(4999), MonoTime(5001), false));
    QVERIFY(lease.onWriteCompleted(MonoTime(6000), MonoTime(6001), true)); // a new chain
    QCOMPARE(lease.until(), MonoTime(11000));
}

void TestLease::restartBudget()
{
    RestartBudget budget(2, Millis(60000));
    QVERIFY(budget.recordFailure(MonoTime(0)));
    QVERIFY(budget.recordFailure(MonoTime(1000)));
    QVERIFY(!budget.exhausted(MonoTime(1000)));
    QVERIFY(!budget.recordFailure(MonoTime(2000))); // the third failure within the window
    QVERIFY(budget.exhausted(MonoTime(61999)));
    QVERIFY(!budget.exhausted(MonoTime(62000))); // the window has passed since
    QVERIFY(budget.recordFailure(MonoTime(70000)));
    budget.clear();
    QVERIFY(budget.recordFailure(MonoTime(70001)));
    QVERIFY(budget.recordFailure(MonoTime(70002)));
    QVERIFY(!budget.recordFailure(MonoTime(70003)));
    budget.clear(); // hacmpctl clear
    QVERIFY(!budget.exhausted(MonoTime(70004)));
}

QTEST_GUILESS_MAIN(TestLease)
#include "tst_lease.moc"
