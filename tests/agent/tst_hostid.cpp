// The host_id the agent writes: the first readable machine id of the candidate files, or an error
// that names every file tried.
#include "agent/daemon/hostid.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

class TestHostId final : public QObject
{
    Q_OBJECT

private slots:
    void firstValidFileWins_data();
    void firstValidFileWins();
    void thisHostHasOne();
};

void TestHostId::firstValidFileWins_data()
{
    QTest::addColumn<QByteArray>("first"); // "-": no such file
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QString>("expected"); // empty: an error
    const QByteArray id1("0123456789abcdef0123456789abcdef\n");
    const QByteArray id2("fedcba9876543210fedcba9876543210");
    QTest::newRow("first") << id1 << id2 << QStringLiteral("0123456789abcdef0123456789abcdef");
    QTest::newRow("first missing") << QByteArray("-") << id2 << QString::fromLatin1(id2);
    QTest::newRow("first empty") << QByteArray() << id2 << QString::fromLatin1(id2);
    QTest::newRow("first not an id") << QByteArray("uninitialized\n") << id2 << QString::fromLatin1(id2);
    QTest::newRow("none") << QByteArray("-") << QByteArray("") << QString();
}

void TestHostId::firstValidFileWins()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QString, expected);
    QTemporaryDir temp;
    const QStringList files { temp.path() + QStringLiteral("/machine-id"), temp.path() + QStringLiteral("/dbus-id") };
    const QList<QByteArray> contents { first, second };
    for (int i = 0; i < 2; ++i) {
        if (contents[i] == "-")
            continue;
        QFile file(files[i]);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents[i]);
    }
    const Result<QString> id = readHostId(files);
    if (expected.isEmpty()) {
        QVERIFY(!id);
        for (const QString &file : files)
            QVERIFY2(id.error().contains(file), qPrintable(id.error()));
        QVERIFY2(id.error().contains(QLatin1String("systemd-machine-id-setup")), qPrintable(id.error()));
        return;
    }
    QVERIFY2(id, qPrintable(id.error()));
    QCOMPARE(id.value(), expected);
}

void TestHostId::thisHostHasOne()
{
    if (!QFile::exists(machineIdFiles().first()) && !QFile::exists(machineIdFiles().last()))
        QSKIP("this host has no machine id");
    const Result<QString> id = readHostId();
    QVERIFY2(id, qPrintable(id.error()));
    QCOMPARE(id->size(), 32);
}

QTEST_GUILESS_MAIN(TestHostId)
#include "tst_hostid.moc"
