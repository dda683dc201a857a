#include "shared/config/inifile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;

namespace {
const QString kPath = QStringLiteral("agent.conf");
}

class TestIniFile : public QObject
{
    Q_OBJECT

private slots:
    void parsesSectionsKeysAndLines();
    void keepsValuesVerbatim_data();
    void keepsValuesVerbatim();
    void rejects_data();
    void rejects();
    void reportsEveryBadLine();
    void partialParseKeepsGoodEntries();
    void loadsAndReportsUnreadableFiles();
};

void TestIniFile::parsesSectionsKeysAndLines()
{
    const QByteArray text = "\xEF\xBB\xBF# comment\r\n"
                            "; another comment\r\n"
                            "[cluster]\r\n"
                            "directory = /mnt/ha\r\n"
                            "\r\n"
                            "  [ node ]  \n"
                            "\tname=alpha  \n"
                            "   # indented comment\n"
                            "priority =\n";
    const Result<IniFile> result = IniFile::parse(text, kPath);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    const IniFile &ini = *result;

    QCOMPARE(ini.path(), kPath);
    QCOMPARE(ini.entries().size(), 3);
    QCOMPARE(ini.sections().size(), 2);
    QCOMPARE(ini.sections().at(1).name, QStringLiteral("node"));
    QCOMPARE(ini.sectionLine(QStringLiteral("node")), 6);
    QCOMPARE(ini.sectionLine(QStringLiteral("timing")), 0);

    const IniEntry *directory = ini.find(QStringLiteral("cluster"), QStringLiteral("directory"));
    QVERIFY(directory);
    QCOMPARE(directory->value, QStringLiteral("/mnt/ha"));
    QCOMPARE(directory->line, 4);
    const IniEntry *name = ini.find(QStringLiteral("node"), QStringLiteral("name"));
    QVERIFY(name);
    QCOMPARE(name->value, QStringLiteral("alpha"));
    QCOMPARE(name->line, 7);
    QVERIFY(ini.contains(QStringLiteral("node"), QStringLiteral("priority")));
    QCOMPARE(ini.value(QStringLiteral("node"), QStringLiteral("priority"), QStringLiteral("x")), QString());
    QCOMPARE(ini.value(QStringLiteral("node"), QStringLiteral("missing"), QStringLiteral("x")), QStringLiteral("x"));
    QVERIFY(!ini.find(QStringLiteral("cluster"), QStringLiteral("name")));
    QVERIFY(!ini.find(QStringLiteral("node"), QStringLiteral("directory")));
    QCOMPARE(ini.location(7), QStringLiteral("agent.conf:7"));
    QCOMPARE(ini.location(0), QStringLiteral("agent.conf"));
}

void TestIniFile::keepsValuesVerbatim_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("value");

    QTest::newRow("commas") << QStringLiteral("k = a, b,c") << QStringLiteral("a, b,c");
    QTest::newRow("backslashes") << QStringLiteral("k = C:\\dir\\n") << QStringLiteral("C:\\dir\\n");
    QTest::newRow("double quotes kept") << QStringLiteral("k = \"a b\"") << QStringLiteral("\"a b\"");
    QTest::newRow("hash inside a value") << QStringLiteral("k = a # b ; c") << QStringLiteral("a # b ; c");
    QTest::newRow("equals in a value") << QStringLiteral("k = A=1 B=2") << QStringLiteral("A=1 B=2");
    QTest::newRow("inner spaces kept") << QStringLiteral("k =   a   b   ") << QStringLiteral("a   b");
    QTest::newRow("utf-8") << QStringLiteral("k = grüße") << QStringLiteral("grüße");
}

void TestIniFile::keepsValuesVerbatim()
{
    QFETCH(QString, line);
    QFETCH(QString, value);

    const Result<IniFile> result = IniFile::parse(QByteArray("[s]\n") + line.toUtf8(), kPath);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->value(QStringLiteral("s"), QStringLiteral("k")), value);
}

void TestIniFile::rejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("key outside a section")
        << QByteArray("# c\nkey = 1\n[s]\n") << QStringLiteral("agent.conf:2: key key is outside any section");
    QTest::newRow("no equals sign") << QByteArray("[s]\njust words\n")
                                    << QStringLiteral("agent.conf:2: malformed line \"just words\"");
    QTest::newRow("empty key") << QByteArray("[s]\n = 1\n") << QStringLiteral("agent.conf:2: malformed line");
    QTest::newRow("space in key") << QByteArray("[s]\na b = 1\n") << QStringLiteral("agent.conf:2: malformed line");
    QTest::newRow("unclosed header") << QByteArray("[s\n") << QStringLiteral("agent.conf:1: malformed section header");
    QTest::newRow("empty header") << QByteArray("[]\n") << QStringLiteral("agent.conf:1: malformed section header");
    QTest::newRow("text after header") << QByteArray("[s] x\n")
                                       << QStringLiteral("agent.conf:1: malformed section header");
    QTest::newRow("duplicate key") << QByteArray("[s]\nk = 1\n\nk = 2\n")
                                   << QStringLiteral("agent.conf:4: duplicate key [s] k (first set on line 2)");
    QTest::newRow("duplicate key in a repeated section") << QByteArray(
        "[s]\nk = 1\n[t]\n[s]\nk = 2\n") << QStringLiteral("agent.conf:5: duplicate key [s] k (first set on line 2)");
    QTest::newRow("invalid utf-8") << QByteArray("[s]\nk = \xff\xfe\n")
                                   << QStringLiteral("agent.conf: the file is not valid UTF-8");
}

void TestIniFile::rejects()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);

    const Result<IniFile> result = IniFile::parse(text, kPath);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().startsWith(message), qPrintable(result.error()));
}

void TestIniFile::reportsEveryBadLine()
{
    const Result<IniFile> result = IniFile::parse("a = 1\n[s]\nk = 1\nk = 2\nbad\n", kPath);
    QVERIFY(!result.ok());
    const QStringList errors = result.error().split(QLatin1Char('\n'));
    QCOMPARE(errors.size(), 3);
    QVERIFY(errors.at(0).startsWith(QLatin1String("agent.conf:1: ")));
    QVERIFY(errors.at(1).startsWith(QLatin1String("agent.conf:4: ")));
    QVERIFY(errors.at(2).startsWith(QLatin1String("agent.conf:5: ")));
}

void TestIniFile::partialParseKeepsGoodEntries()
{
    QStringList errors;
    // Keys below a malformed header are dropped without a second message.
    const IniFile ini = IniFile::parsePartial("[s]\nk = 1\nbad line\n[t\nx = 2\n[u]\ny = 3\n", kPath, errors);
    QCOMPARE(errors.size(), 2);
    QCOMPARE(ini.entries().size(), 2);
    QCOMPARE(ini.value(QStringLiteral("s"), QStringLiteral("k")), QStringLiteral("1"));
    QCOMPARE(ini.value(QStringLiteral("u"), QStringLiteral("y")), QStringLiteral("3"));
}

void TestIniFile::loadsAndReportsUnreadableFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("agent.conf"));

    const Result<IniFile> missing = IniFile::load(path);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().contains(path), qPrintable(missing.error()));

    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[s]\nk = v\n");
    file.close();
    const Result<IniFile> loaded = IniFile::load(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->path(), path);
    QCOMPARE(loaded->value(QStringLiteral("s"), QStringLiteral("k")), QStringLiteral("v"));

    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(IniFile::kMaxFileSize + 1, '#'));
    file.close();
    const Result<IniFile> huge = IniFile::load(path);
    QVERIFY(!huge.ok());
    QVERIFY2(
        huge.error().contains(path) && huge.error().contains(QLatin1String("larger than")), qPrintable(huge.error()));

    const Result<IniFile> folder = IniFile::load(dir.path());
    QVERIFY(!folder.ok());
    QVERIFY2(folder.error().contains(dir.path()), qPrintable(folder.error()));
}

QTEST_GUILESS_MAIN(TestIniFile)
#include "tst_inifile.moc"
