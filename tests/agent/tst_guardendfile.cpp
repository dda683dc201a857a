// The guard's end file read by the next agent (guard/guardprotocol.h): absent, a good one and the history
// events it becomes, damaged ones (an error naming the file), and its removal.
#include "agent/daemon/guardendfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

namespace {

const QByteArray kGoodEnd = R"({"format":1,"node":"alpha","epoch":7,"pid":4242,"time":"2026-12-07T14:50:32.123Z",)"
                            R"("cause":"deadline","status":15})"
                            "\n";

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestGuardEndFile final : public QObject
{
    Q_OBJECT

private slots:
    void absentFileIsNoEnd();
    void goodFileReads();
    void deadlineEndBecomesAppExitAndGuardKill();
    void exitEndBecomesAppExitOnly();
    void damagedFileIsAnErrorNamingIt_data();
    void damagedFileIsAnErrorNamingIt();
    void removeRemovesIt();
};

void TestGuardEndFile::absentFileIsNoEnd()
{
    QTemporaryDir folder;
    const GuardEndFile file(folder.path(), QStringLiteral("alpha"));
    QCOMPARE(file.path(), folder.path() + QStringLiteral("/alpha.app-end.json"));
    const Result<std::optional<GuardEnd>> end = file.read();
    QVERIFY2(end, qPrintable(end.error()));
    QVERIFY(!end.value());
    QVERIFY(file.remove()); // nothing to remove is no error
}

void TestGuardEndFile::goodFileReads()
{
    QTemporaryDir folder;
    const GuardEndFile file(folder.path(), QStringLiteral("alpha"));
    QVERIFY(writeFile(file.path(), kGoodEnd));
    const Result<std::optional<GuardEnd>> end = file.read();
    QVERIFY2(end, qPrintable(end.error()));
    QVERIFY(end.value());
    QCOMPARE(end.value()->node, QStringLiteral("alpha"));
    QCOMPARE(end.value()->epoch, std::uint64_t(7));
    QCOMPARE(end.value()->pid, qint64(4242));
    QCOMPARE(end.value()->time, QStringLiteral("2026-12-07T14:50:32.123Z"));
    QCOMPARE(end.value()->cause, QStringLiteral("deadline"));
    QCOMPARE(end.value()->status, 15);
}

void TestGuardEndFile::deadlineEndBecomesAppExitAndGuardKill()
{
    const GuardEnd end { QStringLiteral("alpha"), 7, 4242, QStringLiteral("2026-12-07T14:50:32.123Z"),
        QStringLiteral("deadline"), 0 };
    const QList<EventAction> events = GuardEndFile::events(end);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].event, EventKind::AppExit);
    QCOMPARE(events[0].epoch, std::uint64_t(7));
    QCOMPARE(events[0].node, QStringLiteral("alpha"));
    QCOMPARE(events[0].detail,
        QStringLiteral("status 0, the guard stopped it at the lease deadline while no agent ran (pid 4242; recorded "
                       "by the guard)"));
    QCOMPARE(events[1].event, EventKind::GuardKill);
    QCOMPARE(events[1].epoch, std::uint64_t(7));
}

void TestGuardEndFile::exitEndBecomesAppExitOnly()
{
    const GuardEnd end { QStringLiteral("alpha"), 7, 4242, QStringLiteral("2026-12-07T14:50:32.123Z"),
        QStringLiteral("signaled"), 9 };
    const QList<EventAction> events = GuardEndFile::events(end);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].event, EventKind::AppExit);
    QVERIFY2(events[0].detail.startsWith(QStringLiteral("status 9, killed by signal 9 while no agent ran")),
        qPrintable(events[0].detail));
}

void TestGuardEndFile::damagedFileIsAnErrorNamingIt_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("torn") << kGoodEnd.left(40);
    QTest::newRow("not json") << QByteArray("epoch=7 pid=4242\n");
    QTest::newRow("array") << QByteArray("[1,2]\n");
    QTest::newRow("other format") << QByteArray(kGoodEnd).replace("\"format\":1", "\"format\":2");
    QTest::newRow("other node") << QByteArray(kGoodEnd).replace("alpha", "bravo");
    QTest::newRow("epoch 0") << QByteArray(kGoodEnd).replace("\"epoch\":7", "\"epoch\":0");
    QTest::newRow("epoch text") << QByteArray(kGoodEnd).replace("\"epoch\":7", "\"epoch\":\"7\"");
    QTest::newRow("no pid") << QByteArray(kGoodEnd).replace("\"pid\":4242,", "");
    QTest::newRow("bad time") << QByteArray(kGoodEnd).replace("2026-12-07T14:50:32.123Z", "yesterday");
    QTest::newRow("local time") << QByteArray(kGoodEnd).replace("32.123Z", "32.123");
    QTest::newRow("unknown cause") << QByteArray(kGoodEnd).replace("deadline", "meteor");
    QTest::newRow("negative status") << QByteArray(kGoodEnd).replace("\"status\":15", "\"status\":-1");
    QTest::newRow("huge") << QByteArray(kGoodEnd).replace("\"cause\"", QByteArray(QByteArray(5000, ' ') + "\"cause\""));
}

void TestGuardEndFile::damagedFileIsAnErrorNamingIt()
{
    QFETCH(QByteArray, bytes);
    QTemporaryDir folder;
    const GuardEndFile file(folder.path(), QStringLiteral("alpha"));
    QVERIFY(writeFile(file.path(), bytes));
    const Result<std::optional<GuardEnd>> end = file.read();
    QVERIFY(!end);
    QVERIFY2(end.error().contains(file.path()), qPrintable(end.error()));
    QVERIFY2(end.error().contains(QStringLiteral("is damaged")), qPrintable(end.error()));
    QVERIFY(file.remove());
    QVERIFY(!QFile::exists(file.path()));
}

void TestGuardEndFile::removeRemovesIt()
{
    QTemporaryDir folder;
    const GuardEndFile file(folder.path(), QStringLiteral("alpha"));
    QVERIFY(writeFile(file.path(), kGoodEnd));
    QVERIFY(file.remove());
    QVERIFY(!QFile::exists(file.path()));
    const Result<std::optional<GuardEnd>> end = file.read();
    QVERIFY(end && !end.value());
}

QTEST_GUILESS_MAIN(TestGuardEndFile)
#include "tst_guardendfile.moc"
