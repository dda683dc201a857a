#include "shared/storage/clusteridentity.h"
#include "tests/support/memorydirectory.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;

namespace {

bool writeDirectly(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

/// The `cluster` identity file: encoding, parsing, initialisation and the checks of openCluster (rule (D)).
class TestClusterIdentity final : public QObject
{
    Q_OBJECT

private slots:
    void encodedIdentityParsesBack();
    void parseRejects_data();
    void parseRejects();
    void initThenOpenCluster();
    void initIsIdempotentAndRefusesAnotherName();
    void initNeedsAnExistingDirectory();
    void initRejectsAnInvalidName();
    void openClusterOfAnEmptyFolderSaysItIsNotInitialised();
    void openClusterOfAnotherClusterNamesBoth();
    void openClusterOfAnUnparsableFileNamesIt();
    void readClusterNameWorksOnAnyDirectory();
};

void TestClusterIdentity::encodedIdentityParsesBack()
{
    const QDateTime created(QDate(2024, 5, 6), QTime(7, 8, 9, 10), Qt::UTC);
    const QByteArray bytes = encodeClusterIdentity(QStringLiteral("prod_2.a"), created);
    QCOMPARE(bytes, QByteArray("{\"format\":1,\"cluster\":\"prod_2.a\",\"created\":\"2024-05-06T07:08:09.010Z\"}\n"));
    const Result<QString> name = parseClusterIdentity(bytes, QStringLiteral("/x/cluster"));
    QVERIFY2(name.ok(), qPrintable(name.error()));
    QCOMPARE(name.value(), QStringLiteral("prod_2.a"));
}

void TestClusterIdentity::parseRejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("garbage") << QByteArray("not json") << QStringLiteral("cannot be parsed");
    QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("cannot be parsed");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("cannot be parsed");
    QTest::newRow("no format") << QByteArray("{\"cluster\":\"a\"}") << QStringLiteral("\"format\"");
    QTest::newRow("newer format") << QByteArray("{\"format\":2,\"cluster\":\"a\"}") << QStringLiteral("format 2");
    QTest::newRow("no cluster") << QByteArray("{\"format\":1}") << QStringLiteral("no valid cluster");
    QTest::newRow("bad cluster") << QByteArray("{\"format\":1,\"cluster\":\"../x\"}") << QStringLiteral("../x");
}

void TestClusterIdentity::parseRejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const Result<QString> name = parseClusterIdentity(bytes, QStringLiteral("/srv/hacmp/cluster"));
    QVERIFY(!name.ok());
    QVERIFY2(name.error().contains(QStringLiteral("/srv/hacmp/cluster")), qPrintable(name.error()));
    QVERIFY2(name.error().contains(expected), qPrintable(name.error()));
}

void TestClusterIdentity::initThenOpenCluster()
{
    QTemporaryDir temp;
    QStringList report;
    const Status status = initClusterDirectory(temp.path(), QStringLiteral("prod"), &report);
    QVERIFY2(status.ok(), qPrintable(status.error()));
    QCOMPARE(report.size(), 6);
    QVERIFY(report.last().contains(QStringLiteral("/cluster")));

    const auto opened = openCluster(temp.path(), QStringLiteral("prod"));
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    QCOMPARE(opened.value()->list(QString()).value(),
        QStringList({ QStringLiteral("app"), QStringLiteral("clear"), QStringLiteral("cluster"),
            QStringLiteral("history"), QStringLiteral("nodes"), QStringLiteral("standby") }));
}

void TestClusterIdentity::initIsIdempotentAndRefusesAnotherName()
{
    QTemporaryDir temp;
    QVERIFY(initClusterDirectory(temp.path(), QStringLiteral("prod")).ok());
    QVERIFY(QDir(temp.path()).rmdir(QStringLiteral("standby")));
    QStringList report;
    QVERIFY(initClusterDirectory(temp.path(), QStringLiteral("prod"), &report).ok());
    QCOMPARE(report.size(), 2);
    QVERIFY(report.first().contains(QStringLiteral("standby")));
    QVERIFY(report.last().contains(QStringLiteral("already initialised")));
    QVERIFY(QFileInfo(temp.path() + QStringLiteral("/standby")).isDir());

    const Status other = initClusterDirectory(temp.path(), QStringLiteral("test"));
    QVERIFY(!other.ok());
    QVERIFY2(other.error().contains(QStringLiteral("\"prod\"")) && other.error().contains(QStringLiteral("\"test\"")),
        qPrintable(other.error()));
}

void TestClusterIdentity::initNeedsAnExistingDirectory()
{
    QTemporaryDir temp;
    const QString missing = temp.path() + QStringLiteral("/mnt");
    Status status = initClusterDirectory(missing, QStringLiteral("prod"));
    QVERIFY(!status.ok());
    QVERIFY2(status.error().contains(missing
                 + QStringLiteral(" does not exist: create it and mount the shared storage "
                                  "there first")),
        qPrintable(status.error()));

    QVERIFY(writeDirectly(missing, "a file"));
    status = initClusterDirectory(missing, QStringLiteral("prod"));
    QVERIFY(!status.ok());
    QVERIFY2(status.error().contains(QStringLiteral("not a directory")), qPrintable(status.error()));
}

void TestClusterIdentity::initRejectsAnInvalidName()
{
    QTemporaryDir temp;
    const Status status = initClusterDirectory(temp.path(), QStringLiteral("bad name"));
    QVERIFY(!status.ok());
    QVERIFY2(status.error().contains(QStringLiteral("\"bad name\"")), qPrintable(status.error()));
    QVERIFY(QDir(temp.path()).isEmpty());
}

void TestClusterIdentity::openClusterOfAnEmptyFolderSaysItIsNotInitialised()
{
    QTemporaryDir temp;
    const auto opened = openCluster(temp.path(), QStringLiteral("prod"));
    QVERIFY(!opened.ok());
    const QString expected = QStringLiteral("%1/cluster is missing: this is not an initialised hacmp directory (is the "
                                            "shared storage mounted at %1? run 'hacmpctl init' once)")
                                 .arg(QDir::cleanPath(temp.path()));
    QCOMPARE(opened.error(), expected);
    QVERIFY(QDir(temp.path()).isEmpty());

    const auto absent = openCluster(temp.path() + QStringLiteral("/none"), QStringLiteral("prod"));
    QVERIFY(!absent.ok());
    QVERIFY2(absent.error().contains(temp.path() + QStringLiteral("/none")), qPrintable(absent.error()));
}

void TestClusterIdentity::openClusterOfAnotherClusterNamesBoth()
{
    QTemporaryDir temp;
    QVERIFY(initClusterDirectory(temp.path(), QStringLiteral("alpha")).ok());
    const auto opened = openCluster(temp.path(), QStringLiteral("beta"));
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(QStringLiteral("\"alpha\"")), qPrintable(opened.error()));
    QVERIFY2(opened.error().contains(QStringLiteral("\"beta\"")), qPrintable(opened.error()));
    QVERIFY2(opened.error().contains(temp.path() + QStringLiteral("/cluster")), qPrintable(opened.error()));
}

void TestClusterIdentity::openClusterOfAnUnparsableFileNamesIt()
{
    QTemporaryDir temp;
    QVERIFY(writeDirectly(temp.path() + QStringLiteral("/cluster"), "{\"format\":1,"));
    const auto opened = openCluster(temp.path(), QStringLiteral("prod"));
    QVERIFY(!opened.ok());
    QVERIFY2(
        opened.error().contains(temp.path() + QStringLiteral("/cluster cannot be parsed")), qPrintable(opened.error()));
}

void TestClusterIdentity::readClusterNameWorksOnAnyDirectory()
{
    test::MemoryDirectory memory;
    Result<QString> name = readClusterName(memory);
    QVERIFY(!name.ok());
    QVERIFY2(name.error().contains(QStringLiteral("is missing")), qPrintable(name.error()));

    memory.put(
        QStringLiteral("cluster"), encodeClusterIdentity(QStringLiteral("lab"), QDateTime::currentDateTimeUtc()));
    name = readClusterName(memory);
    QVERIFY2(name.ok(), qPrintable(name.error()));
    QCOMPARE(name.value(), QStringLiteral("lab"));

    memory.failPath(QStringLiteral("cluster"));
    name = readClusterName(memory);
    QVERIFY(!name.ok());
    QVERIFY2(name.error().contains(QStringLiteral("injected")), qPrintable(name.error()));
}

QTEST_GUILESS_MAIN(TestClusterIdentity)
#include "tst_clusteridentity.moc"
