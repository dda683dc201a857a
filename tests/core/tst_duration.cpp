#include "shared/config/duration.h"

#include <QTest>

using namespace hacmp;

class TestDuration : public QObject
{
    Q_OBJECT

private slots:
    void parsesGoodValues_data();
    void parsesGoodValues();
    void rejectsBadValues_data();
    void rejectsBadValues();
    void formatsShortestExactForm_data();
    void formatsShortestExactForm();
    void formatRoundTrips_data();
    void formatRoundTrips();
};

void TestDuration::parsesGoodValues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("millis");

    QTest::newRow("milliseconds") << QStringLiteral("250ms") << qint64(250);
    QTest::newRow("seconds") << QStringLiteral("10s") << qint64(10000);
    QTest::newRow("minutes") << QStringLiteral("2m") << qint64(120000);
    QTest::newRow("hours") << QStringLiteral("1h") << qint64(3600000);
    QTest::newRow("fraction of seconds") << QStringLiteral("1.5s") << qint64(1500);
    QTest::newRow("fraction of minutes") << QStringLiteral("1.5m") << qint64(90000);
    QTest::newRow("fraction of hours") << QStringLiteral("0.25h") << qint64(900000);
    QTest::newRow("millisecond precision") << QStringLiteral("1.001s") << qint64(1001);
    QTest::newRow("trailing zeros in the fraction") << QStringLiteral("1.50000000000s") << qint64(1500);
    QTest::newRow("zero fraction of milliseconds") << QStringLiteral("7.000ms") << qint64(7);
    QTest::newRow("surrounding spaces") << QStringLiteral("  10s \t") << qint64(10000);
    QTest::newRow("space before the unit") << QStringLiteral("10 s") << qint64(10000);
    QTest::newRow("zero") << QStringLiteral("0s") << qint64(0);
    QTest::newRow("leading zeros") << QStringLiteral("007s") << qint64(7000);
    QTest::newRow("largest") << QStringLiteral("9223372036854775807ms") << qint64(9223372036854775807LL);
}

void TestDuration::parsesGoodValues()
{
    QFETCH(QString, text);
    QFETCH(qint64, millis);

    const Result<Millis> result = parseDuration(text);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->count(), millis);
}

void TestDuration::rejectsBadValues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("only spaces") << QStringLiteral("   ") << QStringLiteral("empty");
    QTest::newRow("negative") << QStringLiteral("-5s") << QStringLiteral("negative");
    QTest::newRow("no unit") << QStringLiteral("10") << QStringLiteral("unit is missing");
    QTest::newRow("unknown unit") << QStringLiteral("10d") << QStringLiteral("unknown unit \"d\"");
    QTest::newRow("unit in capitals") << QStringLiteral("10S") << QStringLiteral("unknown unit");
    QTest::newRow("spelt-out unit") << QStringLiteral("10 seconds") << QStringLiteral("unknown unit");
    QTest::newRow("two values") << QStringLiteral("1m30s") << QStringLiteral("unknown unit");
    QTest::newRow("no number") << QStringLiteral("s") << QStringLiteral("does not start with a number");
    QTest::newRow("plus sign") << QStringLiteral("+5s") << QStringLiteral("does not start with a number");
    QTest::newRow("leading dot") << QStringLiteral(".5s") << QStringLiteral("does not start with a number");
    QTest::newRow("trailing dot") << QStringLiteral("5.s") << QStringLiteral("no digits after the decimal point");
    QTest::newRow("comma as decimal point") << QStringLiteral("1,5s") << QStringLiteral("unknown unit");
    QTest::newRow("sub-millisecond seconds")
        << QStringLiteral("1.0005s") << QStringLiteral("not a whole number of milliseconds");
    QTest::newRow("fraction of a millisecond")
        << QStringLiteral("0.5ms") << QStringLiteral("not a whole number of milliseconds");
    QTest::newRow("long fraction") << QStringLiteral("1.00000001h")
                                   << QStringLiteral("not a whole number of milliseconds");
    QTest::newRow("overflow of the number") << QStringLiteral("99999999999999999999ms") << QStringLiteral("too large");
    QTest::newRow("overflow by the unit") << QStringLiteral("9223372036854775807s") << QStringLiteral("too large");
    QTest::newRow("overflow by the fraction") << QStringLiteral("9223372036854775.9s") << QStringLiteral("too large");
}

void TestDuration::rejectsBadValues()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    const Result<Millis> result = parseDuration(text);
    QVERIFY2(!result.ok(), qPrintable(QStringLiteral("accepted as %1 ms").arg(result.ok() ? result->count() : 0)));
    QVERIFY2(result.error().contains(reason), qPrintable(result.error()));
    // Every message says what a valid duration looks like.
    QVERIFY2(result.error().contains(QStringLiteral("250ms, 10s")), qPrintable(result.error()));
}

void TestDuration::formatsShortestExactForm_data()
{
    QTest::addColumn<qint64>("millis");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << qint64(0) << QStringLiteral("0ms");
    QTest::newRow("below a second") << qint64(250) << QStringLiteral("250ms");
    QTest::newRow("a tenth of a second stays in ms") << qint64(100) << QStringLiteral("100ms");
    QTest::newRow("whole seconds") << qint64(10000) << QStringLiteral("10s");
    QTest::newRow("fraction of seconds") << qint64(1500) << QStringLiteral("1.5s");
    QTest::newRow("seconds with ms: tie keeps ms") << qint64(1001) << QStringLiteral("1001ms");
    QTest::newRow("whole minutes") << qint64(120000) << QStringLiteral("2m");
    QTest::newRow("90 seconds") << qint64(90000) << QStringLiteral("90s");
    QTest::newRow("whole hours") << qint64(3600000) << QStringLiteral("1h");
    QTest::newRow("ten minutes") << qint64(600000) << QStringLiteral("10m");
    QTest::newRow("an hour and a half") << qint64(5400000) << QStringLiteral("90m");
    QTest::newRow("negative") << qint64(-1500) << QStringLiteral("-1.5s");
}

void TestDuration::formatsShortestExactForm()
{
    QFETCH(qint64, millis);
    QFETCH(QString, text);

    QCOMPARE(formatDuration(Millis(millis)), text);
}

void TestDuration::formatRoundTrips_data()
{
    QTest::addColumn<qint64>("millis");

    const qint64 values[] = { 0, 1, 7, 999, 1000, 1001, 1500, 1999, 59999, 60000, 61000, 90000, 3599999, 3600000,
        5400000, 7200500, 1234567, 86400000, 2147483648, 9223372036854775807LL };
    for (qint64 value : values)
        QTest::newRow(qPrintable(QString::number(value))) << value;
}

void TestDuration::formatRoundTrips()
{
    QFETCH(qint64, millis);

    const QString text = formatDuration(Millis(millis));
    const Result<Millis> parsed = parseDuration(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QCOMPARE(parsed->count(), millis);
    // No other unit gives a shorter exact text than the one chosen.
    QVERIFY(text.size() <= QString::number(millis).size() + 2);
}

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
