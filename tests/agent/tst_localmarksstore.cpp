// The Election's high-water marks in the local state directory: round trip, first start, damage,
// and the durable replace (no temporary file left behind, an unwritable folder reported).
#include "agent/daemon/localmarksstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace hacmp;
using namespace hacmp::agent;

class TestLocalMarksStore final : public QObject
{
    Q_OBJECT

private slots:
    void firstStartHasZeroMarks();
    void savedMarksLoadBack();
    void fileOfAnEarlierVersionLoadsWithoutStarted();
    void damagedFileIsAnErrorNamingIt_data();
    void damagedFileIsAnErrorNamingIt();
    void unwritableFolderIsAnError();
};

void TestLocalMarksStore::firstStartHasZeroMarks()
{
    QTemporaryDir folder;
    const Result<LocalMarks> marks = LocalMarksStore(folder.path(), QStringLiteral("a")).load();
    QVERIFY(marks);
    QCOMPARE(marks->seqReserved, std::uint64_t(0));
    QCOMPARE(marks->epoch, std::uint64_t(0));
}

void TestLocalMarksStore::savedMarksLoadBack()
{
    QTemporaryDir folder;
    const LocalMarksStore store(folder.path(), QStringLiteral("node-1"));
    QVERIFY(store.save(LocalMarks { 9007199254740000ULL, 42, 41 }));
    QVERIFY(store.save(LocalMarks { 9007199254740991ULL, 43, 39 })); // 2^53 - 1: exact in JSON
    const Result<LocalMarks> marks = store.load();
    QVERIFY2(marks, qPrintable(marks.error()));
    QCOMPARE(marks->seqReserved, std::uint64_t(9007199254740991ULL));
    QCOMPARE(marks->epoch, std::uint64_t(43));
    QCOMPARE(marks->started, std::uint64_t(39)); // R1a: every field, started included
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files), QStringList { QStringLiteral("node-1.marks.json") });
    QCOMPARE(store.path(), folder.path() + QStringLiteral("/node-1.marks.json"));
    // another node's marks in the same folder are separate
    QCOMPARE(LocalMarksStore(folder.path(), QStringLiteral("node-2")).load()->epoch, std::uint64_t(0));
}

void TestLocalMarksStore::fileOfAnEarlierVersionLoadsWithoutStarted()
{
    // Version 0.1.0 kept no started mark: its file still loads, with started 0 (learned again from records).
    QTemporaryDir folder;
    const LocalMarksStore store(folder.path(), QStringLiteral("a"));
    QFile file(store.path());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format":1,"node":"a","seq_reserved":200000,"epoch":7})");
    file.close();
    const Result<LocalMarks> marks = store.load();
    QVERIFY2(marks, qPrintable(marks.error()));
    QCOMPARE(marks->seqReserved, std::uint64_t(200000));
    QCOMPARE(marks->epoch, std::uint64_t(7));
    QCOMPARE(marks->started, std::uint64_t(0));
}

void TestLocalMarksStore::damagedFileIsAnErrorNamingIt_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("\x01\x02 not json");
    QTest::newRow("wrong format") << QByteArray(R"({"format":2,"seq_reserved":1,"epoch":1})");
    QTest::newRow("negative epoch") << QByteArray(R"({"format":1,"seq_reserved":1,"epoch":-1})");
    QTest::newRow("epoch missing") << QByteArray(R"({"format":1,"seq_reserved":1})");
    QTest::newRow("seq as text") << QByteArray(R"({"format":1,"seq_reserved":"1","epoch":1})");
    QTest::newRow("negative started") << QByteArray(R"({"format":1,"seq_reserved":1,"epoch":1,"started":-2})");
}

void TestLocalMarksStore::damagedFileIsAnErrorNamingIt()
{
    QFETCH(QByteArray, content);
    QTemporaryDir folder;
    const LocalMarksStore store(folder.path(), QStringLiteral("a"));
    QFile file(store.path());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const Result<LocalMarks> marks = store.load();
    QVERIFY(!marks);
    QVERIFY2(marks.error().contains(store.path()), qPrintable(marks.error()));
    QVERIFY2(marks.error().contains(QLatin1String("remove it")), qPrintable(marks.error()));
}

void TestLocalMarksStore::unwritableFolderIsAnError()
{
    QTemporaryDir folder;
    const LocalMarksStore store(folder.path() + QStringLiteral("/missing"), QStringLiteral("a"));
    const Status saved = store.save(LocalMarks { 1, 1 });
    QVERIFY(!saved);
    QVERIFY2(saved.error().contains(store.path()), qPrintable(saved.error()));
}

QTEST_GUILESS_MAIN(TestLocalMarksStore)
#include "tst_localmarksstore.moc"
