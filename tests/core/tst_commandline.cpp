#include "shared/config/commandline.h"

#include <QTest>

using namespace hacmp;

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void splits_data();
    void splits();
    void rejects_data();
    void rejects();
    void quotingRoundTrips_data();
    void quotingRoundTrips();
};

void TestCommandLine::splits_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("arguments");

    auto list = [](std::initializer_list<const char *> items) {
        QStringList result;
        for (const char *item : items)
            result << QString::fromUtf8(item);
        return result;
    };
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("only spaces") << QStringLiteral(" \t ") << QStringList();
    QTest::newRow("program only") << QStringLiteral("/bin/true") << list({ "/bin/true" });
    QTest::newRow("spaces and tabs separate") << QStringLiteral("  a\tb   c ") << list({ "a", "b", "c" });
    QTest::newRow("single quotes are literal")
        << QStringLiteral("'a \"b\" \\c $HOME'") << list({ "a \"b\" \\c $HOME" });
    QTest::newRow("double quotes keep spaces") << QStringLiteral("\"a b\"  c") << list({ "a b", "c" });
    QTest::newRow("escaped quote in double quotes") << QStringLiteral("\"say \\\"hi\\\"\"") << list({ "say \"hi\"" });
    QTest::newRow("escaped backslash in double quotes") << QStringLiteral("\"C:\\\\dir\"") << list({ "C:\\dir" });
    QTest::newRow("other backslash in double quotes stays") << QStringLiteral("\"a\\.b\\n\"") << list({ "a\\.b\\n" });
    QTest::newRow("backslash escapes a space") << QStringLiteral("a\\ b c") << list({ "a b", "c" });
    QTest::newRow("backslash escapes a quote") << QStringLiteral("it\\'s") << list({ "it's" });
    QTest::newRow("adjacent parts join") << QStringLiteral("--name=\"a b\"'c d'e") << list({ "--name=a bc de" });
    QTest::newRow("empty quotes are an argument") << QStringLiteral("a \"\" '' b") << list({ "a", "", "", "b" });
    QTest::newRow("no expansion or globbing") << QStringLiteral("echo $HOME *.txt ~ `id` $(id) ; |")
                                              << list({ "echo", "$HOME", "*.txt", "~", "`id`", "$(id)", ";", "|" });
    QTest::newRow("unicode") << QStringLiteral("run \"grüße\" 日本")
                             << QStringList({ QStringLiteral("run"), QStringLiteral("grüße"), QStringLiteral("日本") });
}

void TestCommandLine::splits()
{
    QFETCH(QString, text);
    QFETCH(QStringList, arguments);

    const Result<QStringList> result = splitCommandLine(text);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(*result, arguments);
}

void TestCommandLine::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("unterminated double quote")
        << QStringLiteral("run \"a b") << QStringLiteral("unterminated double quote at character 5");
    QTest::newRow("unterminated single quote")
        << QStringLiteral("run 'a b") << QStringLiteral("unterminated single quote at character 5");
    QTest::newRow("escaped closing double quote")
        << QStringLiteral("run \"a\\\"") << QStringLiteral("unterminated double quote");
    QTest::newRow("trailing backslash") << QStringLiteral("run a\\") << QStringLiteral("lone backslash");
}

void TestCommandLine::rejects()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    const Result<QStringList> result = splitCommandLine(text);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(reason), qPrintable(result.error()));
    QVERIFY2(result.error().contains(text), qPrintable(result.error()));
}

void TestCommandLine::quotingRoundTrips_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("joined");

    QTest::newRow("plain") << QStringList({ QStringLiteral("/bin/app"), QStringLiteral("--x=1") })
                           << QStringLiteral("/bin/app --x=1");
    QTest::newRow("space") << QStringList({ QStringLiteral("a b") }) << QStringLiteral("'a b'");
    QTest::newRow("empty") << QStringList({ QString() }) << QStringLiteral("''");
    QTest::newRow("single quote") << QStringList({ QStringLiteral("it's \"x\" \\") })
                                  << QStringLiteral("\"it's \\\"x\\\" \\\\\"");
}

void TestCommandLine::quotingRoundTrips()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, joined);

    QCOMPARE(joinCommandLine(arguments), joined);
    const Result<QStringList> split = splitCommandLine(joined);
    QVERIFY2(split.ok(), qPrintable(split.error()));
    QCOMPARE(*split, arguments);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
