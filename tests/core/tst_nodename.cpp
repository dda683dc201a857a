#include "shared/config/nodename.h"

#include <QTest>

using namespace hacmp;

/// Node names become file names in the shared directory; only the protocol's pattern may pass.
class TestNodeName final : public QObject
{
    Q_OBJECT

private slots:
    void validity_data();
    void validity();
    void problemMessage();
};

void TestNodeName::validity_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");

    QTest::newRow("simple") << QStringLiteral("node1") << true;
    QTest::newRow("single letter") << QStringLiteral("a") << true;
    QTest::newRow("single digit") << QStringLiteral("7") << true;
    QTest::newRow("upper case") << QStringLiteral("DB-Primary") << true;
    QTest::newRow("fqdn") << QStringLiteral("host-1.example.com") << true;
    QTest::newRow("underscore inside") << QStringLiteral("app_node_2") << true;
    QTest::newRow("dots after first") << QStringLiteral("a..") << true;
    QTest::newRow("63 chars") << QString(63, QLatin1Char('x')) << true;
    QTest::newRow("digit then 62 mixed") << QString(QStringLiteral("9") + QString(62, QLatin1Char('-'))) << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("64 chars") << QString(64, QLatin1Char('x')) << false;
    QTest::newRow("leading dot") << QStringLiteral(".hidden") << false;
    QTest::newRow("dot") << QStringLiteral(".") << false;
    QTest::newRow("dot dot") << QStringLiteral("..") << false;
    QTest::newRow("leading dash") << QStringLiteral("-n") << false;
    QTest::newRow("leading underscore") << QStringLiteral("_n") << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("parent path") << QStringLiteral("../etc") << false;
    QTest::newRow("backslash") << QStringLiteral("a\\b") << false;
    QTest::newRow("space inside") << QStringLiteral("x y") << false;
    QTest::newRow("trailing space") << QStringLiteral("node ") << false;
    QTest::newRow("leading space") << QStringLiteral(" node") << false;
    QTest::newRow("tab") << QStringLiteral("a\tb") << false;
    QTest::newRow("newline") << QStringLiteral("a\n") << false;
    QTest::newRow("nul") << QString(QStringLiteral("ab") + QChar(u'\0')) << false;
    QTest::newRow("colon") << QStringLiteral("a:b") << false;
    QTest::newRow("plus") << QStringLiteral("a+b") << false;
    QTest::newRow("unicode letter") << QStringLiteral("n\u00f6de") << false;
    QTest::newRow("unicode digit") << QStringLiteral("node\u0663") << false;
    QTest::newRow("fullwidth A") << QStringLiteral("\uff21") << false;
    QTest::newRow("emoji") << QStringLiteral("n\U0001F600") << false;
}

void TestNodeName::validity()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);

    QCOMPARE(isValidNodeName(name), valid);
    QCOMPARE(nodeNameProblem(name).isEmpty(), valid);
}

void TestNodeName::problemMessage()
{
    QCOMPARE(nodeNameProblem(QStringLiteral("x y")),
        QStringLiteral("node name 'x y' is not valid: use 1 to 63 letters, digits, '.', '_' or '-', starting "
                       "with a letter or digit"));
    QVERIFY(nodeNameProblem(QStringLiteral("node1")).isEmpty());

    const QString longName(5000, QLatin1Char('z'));
    const QString message = nodeNameProblem(longName);
    QVERIFY(message.startsWith(QStringLiteral("node name 'zzz")));
    QVERIFY2(message.size() < 300, qPrintable(message));
}

QTEST_GUILESS_MAIN(TestNodeName)
#include "tst_nodename.moc"
