#include "shared/protocol/timing.h"

#include <QTest>

using namespace hacmp;

namespace {

Timing make(qint64 interval, qint64 io, qint64 failover, qint64 renew, qint64 stopGrace)
{
    Timing timing;
    timing.interval = Millis(interval);
    timing.ioTimeout = Millis(io);
    timing.failoverTimeout = Millis(failover);
    timing.renewLimit = Millis(renew);
    timing.stopGrace = Millis(stopGrace);
    return timing;
}

} // namespace

class TestTiming : public QObject
{
    Q_OBJECT

private slots:
    void defaultsMatchTheProtocol();
    void fastProfileMatchesTheProtocol();
    void validate_data();
    void validate();
    void messageNamesKeysAndNumbers();
    void zeroValuesNameTheirKey_data();
    void zeroValuesNameTheirKey();
    void hugeValuesDoNotOverflow();
};

void TestTiming::defaultsMatchTheProtocol()
{
    const Timing timing = Timing::defaults();
    QCOMPARE(timing, make(1000, 2000, 10000, 5000, 3000));
    QCOMPARE(timing.settle(), Millis(4000));
    QCOMPARE(timing.failoverBound(), Millis(20000));
}

void TestTiming::fastProfileMatchesTheProtocol()
{
    const Timing timing = Timing::fast();
    QCOMPARE(timing, make(250, 500, 2000, 1000, 500));
    QCOMPARE(timing.failoverBound(), Millis(4500));
}

void TestTiming::validate_data()
{
    QTest::addColumn<Timing>("timing");
    QTest::addColumn<QString>("brokenRule"); // empty: valid

    QTest::newRow("defaults: 13.86 s > 8.18 s") << Timing::defaults() << QString();
    QTest::newRow("fast") << Timing::fast() << QString();
    // docs/protocol.md's T1 accepts the model's "edge" profile:
    // (6 + 2.5)·0.99 = 8.415 s > (5.5 + 1.5)·1.01 + 0.1 = 7.17 s;
    // the model (design/model/sim.py, D4) runs it as a valid configuration.
    QTest::newRow("model edge profile") << make(1000, 500, 6000, 5500, 1500) << QString();
    // The edge profile with a stop_grace long enough that the guard's kill can come after F: 8.415 s <= 8.685 s.
    QTest::newRow("edge with long stop_grace") << make(1000, 500, 6000, 5500, 3000) << QStringLiteral("T1");
    // io_timeout dominating stop_grace on the right-hand side.
    QTest::newRow("io_timeout dominates stop_grace") << make(1000, 2900, 12000, 4000, 100) << QString();
    // (5201 + 5200)·0.99 = 10296.99 <= (5200 + 5000)·1.01 + 100 = 10402, with io_timeout the larger term.
    QTest::newRow("io_timeout too long for F") << make(100, 5000, 5201, 5200, 100) << QStringLiteral("T1");
    // T1 on the boundary: (F + settle)·99 = (R + SG)·101 + 10000 exactly, with F + settle = 8231, R + SG = 7969.
    QTest::newRow("T1 equal is rejected") << make(1000, 500, 5731, 5000, 2969) << QStringLiteral("T1");
    QTest::newRow("T1 one ms above") << make(1000, 500, 5732, 5000, 2969) << QString();
    // Another exact boundary (F + settle = 5706, R + SG = 5494) that floating-point seconds get wrong.
    QTest::newRow("T1 equal, second boundary") << make(1000, 500, 3206, 3000, 2494) << QStringLiteral("T1");
    QTest::newRow("T1 second boundary plus one ms") << make(1000, 500, 3207, 3000, 2494) << QString();
    QTest::newRow("T1 one ms of stop_grace less") << make(1000, 500, 5731, 5000, 2968) << QString();
    // T2 sides.
    QTest::newRow("T2 renew_limit equals interval + io") << make(1000, 2000, 10000, 3000, 3000) << QStringLiteral("T2");
    QTest::newRow("T2 renew_limit below interval + io") << make(1000, 2000, 10000, 2500, 1000) << QStringLiteral("T2");
    QTest::newRow("T2 renew_limit one ms above interval + io") << make(1000, 2000, 10000, 3001, 1000) << QString();
    QTest::newRow("T2 renew_limit equals failover_timeout")
        << make(1000, 2000, 10000, 10000, 100) << QStringLiteral("T2");
    QTest::newRow("T2 renew_limit above failover_timeout") << make(1000, 500, 3000, 4000, 100) << QStringLiteral("T2");
}

void TestTiming::validate()
{
    QFETCH(Timing, timing);
    QFETCH(QString, brokenRule);

    const Status status = timing.validate();
    if (brokenRule.isEmpty()) {
        QVERIFY2(status.ok(), qPrintable(status.error()));
        return;
    }
    QVERIFY(!status.ok());
    QVERIFY2(status.error().startsWith(brokenRule + QLatin1String(" violated")), qPrintable(status.error()));
    const QString other = brokenRule == QLatin1String("T1") ? QStringLiteral("T2") : QStringLiteral("T1");
    QVERIFY2(!status.error().contains(other), qPrintable(status.error()));
}

void TestTiming::messageNamesKeysAndNumbers()
{
    const Status t1 = make(1000, 500, 6000, 5500, 3000).validate();
    QVERIFY(!t1.ok());
    const QString message = t1.error();
    for (const char *expected : { "T1", "[timing] failover_timeout", "renew_limit", "stop_grace", "io_timeout",
             "interval", "8.415 s", "8.685 s", "failover_timeout 6s", "renew_limit 5.5s", "stop_grace 3s",
             "settle 2.5s", "raise failover_timeout or lower renew_limit" })
        QVERIFY2(message.contains(QLatin1String(expected)),
            qPrintable(QLatin1String(expected) + QStringLiteral(" missing: ") + message));

    const Status t1io = make(100, 5000, 5201, 5200, 100).validate();
    QVERIFY2(t1io.error().contains(QLatin1String("lower renew_limit or io_timeout")), qPrintable(t1io.error()));

    const Status t2 = make(1000, 2000, 10000, 2000, 3000).validate();
    QVERIFY(!t2.ok());
    for (const char *expected :
        { "T2", "[timing] renew_limit (2s)", "interval + io_timeout (1s + 2s = 3s)", "raise renew_limit" })
        QVERIFY2(t2.error().contains(QLatin1String(expected)),
            qPrintable(QLatin1String(expected) + QStringLiteral(" missing: ") + t2.error()));

    const Status t2f = make(1000, 500, 3000, 4000, 100).validate();
    QVERIFY(t2f.error().contains(QLatin1String("raise failover_timeout or lower renew_limit")));
}

void TestTiming::zeroValuesNameTheirKey_data()
{
    QTest::addColumn<Timing>("timing");
    QTest::addColumn<QString>("key");

    Timing timing;
    timing.interval = Millis(0);
    QTest::newRow("interval") << timing << QStringLiteral("interval");
    timing = {};
    timing.ioTimeout = Millis(0);
    QTest::newRow("io_timeout") << timing << QStringLiteral("io_timeout");
    timing = {};
    timing.failoverTimeout = Millis(0);
    QTest::newRow("failover_timeout") << timing << QStringLiteral("failover_timeout");
    timing = {};
    timing.renewLimit = Millis(0);
    QTest::newRow("renew_limit") << timing << QStringLiteral("renew_limit");
    timing = {};
    timing.stopGrace = Millis(0);
    QTest::newRow("stop_grace") << timing << QStringLiteral("stop_grace");
    timing = {};
    timing.stopGrace = Millis(-5);
    QTest::newRow("negative stop_grace") << timing << QStringLiteral("stop_grace");
}

void TestTiming::zeroValuesNameTheirKey()
{
    QFETCH(Timing, timing);
    QFETCH(QString, key);

    const Status status = timing.validate();
    QVERIFY(!status.ok());
    QVERIFY2(status.error().contains(QStringLiteral("[timing] %1 is").arg(key)), qPrintable(status.error()));
    QVERIFY2(status.error().contains(QLatin1String("greater than zero")), qPrintable(status.error()));
}

void TestTiming::hugeValuesDoNotOverflow()
{
    const qint64 huge = std::numeric_limits<qint64>::max();
    // F + settle overflows 64 bits; the result must still be exact: T2 fails (R == F), T1 holds.
    const Status status = make(huge / 2, huge / 2, huge, huge, 1).validate();
    QVERIFY(!status.ok());
    QVERIFY2(status.error().startsWith(QLatin1String("T2")), qPrintable(status.error()));
    QVERIFY2(!status.error().contains(QLatin1String("T1")), qPrintable(status.error()));
    QVERIFY(make(1, 1, huge, huge - 1, huge - 1).validate().error().contains(QLatin1String("T1")));
}

QTEST_GUILESS_MAIN(TestTiming)
#include "tst_timing.moc"
