#include "shared/history/actor.h"
#include "shared/history/historyevent.h"
#include "shared/history/historyreader.h"
#include "shared/history/historytail.h"
#include "shared/history/historywriter.h"
#include "shared/history/operatoraction.h"
#include "shared/storage/controlfiles.h"
#include "tests/support/memorydirectory.h"

#include <QRegularExpression>
#include <QTest>

using namespace hacmp;
using hacmp::test::MemoryDirectory;

namespace {

HistoryEvent makeEvent(
    const QString &time, const char *name, const QString &node = QString(), const QString &detail = {})
{
    HistoryEvent e;
    e.time = time;
    e.event = QLatin1String(name);
    e.node = node;
    e.detail = detail;
    return e;
}

/// Millisecond n of a fixed day, as a history time.
QString at(int n)
{
    return QStringLiteral("2024-05-01T12:00:%1.%2Z")
        .arg(n / 1000, 2, 10, QLatin1Char('0'))
        .arg(n % 1000, 3, 10, QLatin1Char('0'));
}

QList<quint64> seqs(const QList<HistoryEvent> &events)
{
    QList<quint64> result;
    for (const HistoryEvent &e : events)
        result.append(e.seq);
    return result;
}

QList<quint64> range(quint64 first, quint64 last)
{
    QList<quint64> result;
    for (quint64 s = first; s <= last; ++s)
        result.append(s);
    return result;
}

QByteArray line(const QString &writer, quint64 seq, const QString &time)
{
    HistoryEvent e = makeEvent(time, historyevents::NodeDead, QStringLiteral("n9"));
    e.writer = writer;
    e.seq = seq;
    return encodeHistoryLine(e);
}

/// Forwards to a MemoryDirectory and counts the reads, to show what a refresh costs.
class CountingDirectory final : public ClusterDirectory
{
public:
    FileRead readFile(const QString &path, qsizetype maxBytes) override
    {
        ++reads;
        return inner.readFile(path, maxBytes);
    }
    Status writeAt(const QString &path, qint64 offset, const QByteArray &bytes) override
    {
        return inner.writeAt(path, offset, bytes);
    }
    Status replaceWhole(const QString &path, const QByteArray &bytes) override
    {
        return inner.replaceWhole(path, bytes);
    }
    Status remove(const QString &path) override { return inner.remove(path); }
    Status append(const QString &path, const QByteArray &bytes) override { return inner.append(path, bytes); }
    Status rename(const QString &from, const QString &to) override { return inner.rename(from, to); }
    Result<qint64> fileSize(const QString &path) override { return inner.fileSize(path); }
    Result<QStringList> list(const QString &folder) override { return inner.list(folder); }
    QString describe() const override { return inner.describe(); }

    MemoryDirectory inner;
    int reads = 0;
};

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private slots:
    void eventNames();
    void lineRoundTrip_data();
    void lineRoundTrip();
    void lineIsOneJsonObjectInProtocolOrder();
    void decodeIsStrict_data();
    void decodeIsStrict();
    void decodeTakesAnyValidJson_data();
    void decodeTakesAnyValidJson();
    void writerNames_data();
    void writerNames();
    void fileNames_data();
    void fileNames();

    void appendAndRead();
    void seqIncrementsAndCanBeSet();
    void invalidWriterIsRefused();
    void appendFailureNamesTheFile();
    void rotationKeepsOneGenerationAndLosesNothing();
    void rotationFailureStillRecordsTheEvent();
    void mergesWritersInTimeOrder();
    void tornLastLineIsTolerated_data();
    void tornLastLineIsTolerated();
    void garbageMiddleLineIsReported();
    void writerEndsATornLineBeforeAppending();
    void invalidFileNamesAreSkipped();
    void filtersBySinceAndNode();
    void oversizedFileIsReported();
    void unreadableFileIsReported();

    void tailReturnsOnlyNewEvents();
    void tailSurvivesRotation();
    void tailStartsOverAfterTwoRotations();
    void tailSeesARotationThatKeptTheRotatedFileSize();
    void tailWaitsForACompleteLine();
    void tailReportsAGarbageLineOnceItIsInTheMiddle();
    void tailRecoversAfterAReadFailure();

    void operatorLogContinuesTheHighestSeqOfBothFiles();
    void operatorLogWritesTheControlFileThenTheLine();
};

void TestHistory::eventNames()
{
    QStringList names = historyEventNames();
    QCOMPARE(names.size(), 30);
    QCOMPARE(names.removeDuplicates(), 0);
    QVERIFY(names.contains(QStringLiteral("role_change")));
    QVERIFY(names.contains(QStringLiteral("clear_failures")));
    QVERIFY(names.contains(QStringLiteral("instance_outside_guard")));
    QVERIFY(names.contains(QStringLiteral("app_left_running")));
    QVERIFY(names.contains(QStringLiteral("app_start_deferred")));
    QVERIFY(names.contains(QStringLiteral("app_request_refused")));
    QCOMPARE(QLatin1String(historyevents::SwitchoverRefused), QStringLiteral("switchover_refused"));
}

void TestHistory::lineRoundTrip_data()
{
    QTest::addColumn<HistoryEvent>("input");

    HistoryEvent plain = makeEvent(
        at(1), historyevents::RoleChange, QStringLiteral("n1"), QStringLiteral("standby -> master (failover)"));
    plain.writer = QStringLiteral("n1");
    plain.seq = 17;
    plain.epoch = 4;
    QTest::newRow("plain") << plain;

    HistoryEvent awkward = plain;
    awkward.detail = QStringLiteral("quote \" backslash \\ newline \n tab \t bell \x07 ä € 😀 </script>");
    awkward.writer = QStringLiteral("ops@console-1");
    QTest::newRow("characters that need escaping") << awkward;

    HistoryEvent large = plain;
    large.seq = quint64(1) << 62;
    large.epoch = 9007199254740993ULL; // 2^53 + 1: not a double
    QTest::newRow("large numbers") << large;

    HistoryEvent empty = makeEvent(at(2), historyevents::AgentStart);
    empty.writer = QStringLiteral("n2");
    QTest::newRow("empty node and detail") << empty;
}

void TestHistory::lineRoundTrip()
{
    QFETCH(HistoryEvent, input);
    const QByteArray encoded = encodeHistoryLine(input);
    QVERIFY(encoded.endsWith('\n'));
    QCOMPARE(encoded.count('\n'), 1);
    const std::optional<HistoryEvent> decoded = decodeHistoryLine(encoded);
    QVERIFY2(decoded.has_value(), encoded.constData());
    QCOMPARE(decoded->detail, input.detail);
    QCOMPARE(decoded->seq, input.seq);
    QCOMPARE(decoded->epoch, input.epoch);
    QVERIFY(*decoded == input);
}

void TestHistory::lineIsOneJsonObjectInProtocolOrder()
{
    HistoryEvent e = makeEvent(at(5), historyevents::AppExit, QStringLiteral("n1"), QStringLiteral("pid 42 status 1"));
    e.writer = QStringLiteral("n1");
    e.seq = 3;
    e.epoch = 2;
    QCOMPARE(encodeHistoryLine(e),
        QByteArray(
            "{\"time\":\"2024-05-01T12:00:00.005Z\",\"writer\":\"n1\",\"seq\":3,\"epoch\":2,\"event\":\"app_exit\","
            "\"node\":\"n1\",\"detail\":\"pid 42 status 1\"}\n"));
}

void TestHistory::decodeIsStrict_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");

    QTest::newRow("complete") << QByteArray(
        "{\"time\":\"t\",\"writer\":\"n1\",\"seq\":1,\"epoch\":2,\"event\":\"e\",\"node\":\"n\",\"detail\":\"d\"}")
                              << true;
    QTest::newRow("optional fields missing")
        << QByteArray("{\"time\":\"t\",\"writer\":\"n1\",\"seq\":1,\"event\":\"e\"}") << true;
    QTest::newRow("unknown field") << QByteArray(
        "{\"time\":\"t\",\"writer\":\"n1\",\"seq\":1,\"event\":\"e\",\"x\":[]}")
                                   << true;
    QTest::newRow("with newline") << QByteArray("{\"time\":\"t\",\"writer\":\"n1\",\"seq\":1,\"event\":\"e\"}\n")
                                  << true;
    QTest::newRow("time missing") << QByteArray("{\"writer\":\"n1\",\"seq\":1,\"event\":\"e\"}") << false;
    QTest::newRow("time empty") << QByteArray("{\"time\":\"\",\"writer\":\"n1\",\"seq\":1,\"event\":\"e\"}") << false;
    QTest::newRow("writer missing") << QByteArray("{\"time\":\"t\",\"seq\":1,\"event\":\"e\"}") << false;
    QTest::newRow("seq missing") << QByteArray("{\"time\":\"t\",\"writer\":\"n1\",\"event\":\"e\"}") << false;
    QTest::newRow("seq a string") << QByteArray("{\"time\":\"t\",\"writer\":\"n1\",\"seq\":\"1\",\"event\":\"e\"}")
                                  << false;
    QTest::newRow("seq negative") << QByteArray("{\"time\":\"t\",\"writer\":\"n1\",\"seq\":-1,\"event\":\"e\"}")
                                  << false;
    QTest::newRow("seq fractional") << QByteArray("{\"time\":\"t\",\"writer\":\"n1\",\"seq\":1.5,\"event\":\"e\"}")
                                    << false;
    QTest::newRow("epoch a string") << QByteArray(
        "{\"time\":\"t\",\"writer\":\"n1\",\"seq\":1,\"epoch\":\"2\",\"event\":\"e\"}")
                                    << false;
    QTest::newRow("event missing") << QByteArray("{\"time\":\"t\",\"writer\":\"n1\",\"seq\":1}") << false;
    QTest::newRow("node a number") << QByteArray(
        "{\"time\":\"t\",\"writer\":\"n1\",\"seq\":1,\"event\":\"e\",\"node\":7}")
                                   << false;
    QTest::newRow("detail null") << QByteArray(
        "{\"time\":\"t\",\"writer\":\"n1\",\"seq\":1,\"event\":\"e\",\"detail\":null}")
                                 << false;
    QTest::newRow("array") << QByteArray("[1]") << false;
    QTest::newRow("torn") << QByteArray("{\"time\":\"t\",\"writer\":\"n1\",\"se") << false;
    QTest::newRow("garbage") << QByteArray("\x00\x01garbage", 9) << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestHistory::decodeIsStrict()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QCOMPARE(decodeHistoryLine(line).has_value(), valid);
}

void TestHistory::decodeTakesAnyValidJson_data()
{
    // Lines hacmp does not write itself (hand-made or from another tool): escapes, non-ASCII, odd
    // numbers, repeated keys, whitespace. The result must be what JSON says, whichever parser reads it.
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<quint64>("seq");
    QTest::addColumn<QString>("detail");

    const QByteArray head("{\"time\":\"t\",\"writer\":\"n1\",\"event\":\"e\",");
    QTest::newRow("simple escapes") << head + "\"seq\":1,\"detail\":\"q\\\"b\\\\s\\/n\\nt\\tz\"}" << true << quint64(1)
                                    << QStringLiteral("q\"b\\s/n\nt\tz");
    QTest::newRow("unicode escape") << head + "\"seq\":1,\"detail\":\"\\u00e4\\ud83d\\ude00\"}" << true << quint64(1)
                                    << QStringLiteral("ä😀");
    QTest::newRow("UTF-8") << head
            + "\"seq\":1,\"detail\":\"Gr\xc3\xbc\xc3\x9f"
              "e\"}" << true
                           << quint64(1) << QStringLiteral("Grüße");
    QTest::newRow("invalid UTF-8") << head + "\"seq\":1,\"detail\":\"\xff\xfe\"}" << false << quint64(0) << QString();
    QTest::newRow("raw control character (Qt's parser takes it)") << head
            + "\"seq\":1,\"detail\":\"a\x01"
              "b\"}" << true << quint64(1)
                                                                  << QStringLiteral("a\x01"
                                                                                    "b");
    QTest::newRow("exponent") << head + "\"seq\":1e2}" << true << quint64(100) << QString();
    QTest::newRow("leading zero") << head + "\"seq\":01}" << false << quint64(0) << QString();
    QTest::newRow("19 digits") << head + "\"seq\":1234567890123456789}" << true << quint64(1234567890123456789ULL)
                               << QString();
    QTest::newRow("beyond 64 bits") << head + "\"seq\":123456789012345678901}" << false << quint64(0) << QString();
    QTest::newRow("repeated key") << head + "\"seq\":1,\"seq\":2}" << true << quint64(2) << QString();
    QTest::newRow("nested unknown field")
        << head + "\"seq\":3,\"x\":{\"y\":[true,null,1.5]}}" << true << quint64(3) << QString();
    QTest::newRow("whitespace") << QByteArray(
        " {\"time\" : \"t\" ,\t\"writer\":\"n1\",\"event\":\"e\",\"seq\": 4 }\r\n")
                                << true << quint64(4) << QString();
    QTest::newRow("trailing comma") << head + "\"seq\":1,}" << false << quint64(0) << QString();
    QTest::newRow("two objects") << head + "\"seq\":1}{}" << false << quint64(0) << QString();
    QTest::newRow("unterminated string") << head + "\"seq\":1,\"detail\":\"abc}" << false << quint64(0) << QString();
}

void TestHistory::decodeTakesAnyValidJson()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QFETCH(quint64, seq);
    QFETCH(QString, detail);
    const std::optional<HistoryEvent> decoded = decodeHistoryLine(line);
    QCOMPARE(decoded.has_value(), valid);
    if (decoded) {
        QCOMPARE(decoded->seq, seq);
        QCOMPARE(decoded->detail, detail);
        QCOMPARE(decoded->writer, QStringLiteral("n1"));
    }
}

void TestHistory::writerNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");

    QTest::newRow("node") << QStringLiteral("n1") << true;
    QTest::newRow("node with dots") << QStringLiteral("db-1.prod_a") << true;
    QTest::newRow("user@host") << QStringLiteral("alice@ws-7") << true;
    QTest::newRow("longest parts") << QString(63, QLatin1Char('u')) + QLatin1Char('@') + QString(63, QLatin1Char('h'))
                                   << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("path") << QStringLiteral("../n1") << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("leading dot") << QStringLiteral(".n1") << false;
    QTest::newRow("no user") << QStringLiteral("@host") << false;
    QTest::newRow("no host") << QStringLiteral("user@") << false;
    QTest::newRow("two ats") << QStringLiteral("a@b@c") << false;
    QTest::newRow("space") << QStringLiteral("al ice@h") << false;
    QTest::newRow("node too long") << QString(64, QLatin1Char('n')) << false;
    QTest::newRow("host too long") << QStringLiteral("u@") + QString(64, QLatin1Char('h')) << false;
}

void TestHistory::writerNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(isValidWriterName(name), valid);
}

void TestHistory::fileNames_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("writer"); // empty: not a history file
    QTest::addColumn<bool>("rotated");

    QTest::newRow("current") << QStringLiteral("n1.jsonl") << QStringLiteral("n1") << false;
    QTest::newRow("rotated") << QStringLiteral("n1.jsonl.1") << QStringLiteral("n1") << true;
    QTest::newRow("user@host") << QStringLiteral("bob@ws.jsonl") << QStringLiteral("bob@ws") << false;
    QTest::newRow("second generation") << QStringLiteral("n1.jsonl.2") << QString() << false;
    QTest::newRow("other extension") << QStringLiteral("n1.json") << QString() << false;
    QTest::newRow("no writer") << QStringLiteral(".jsonl") << QString() << false;
    QTest::newRow("invalid writer") << QStringLiteral("bad name.jsonl") << QString() << false;
}

void TestHistory::fileNames()
{
    QFETCH(QString, fileName);
    QFETCH(QString, writer);
    QFETCH(bool, rotated);
    const std::optional<HistoryFileName> parsed = parseHistoryFileName(fileName);
    QCOMPARE(parsed.has_value(), !writer.isEmpty());
    if (parsed) {
        QCOMPARE(parsed->writer, writer);
        QCOMPARE(parsed->rotated, rotated);
    }
}

void TestHistory::appendAndRead()
{
    MemoryDirectory directory;
    HistoryWriter writer(directory, QStringLiteral("n1"));
    QVERIFY(writer.append(makeEvent(QString(), historyevents::AgentStart, QStringLiteral("n1"))));
    HistoryEvent role
        = makeEvent(QString(), historyevents::RoleChange, QStringLiteral("n1"), QStringLiteral("initial"));
    role.epoch = 1;
    role.writer = QStringLiteral("someone else"); // overwritten
    QVERIFY(writer.append(role));
    QVERIFY(directory.exists(QStringLiteral("history/n1.jsonl")));
    QCOMPARE(directory.contents(QStringLiteral("history/n1.jsonl")).count('\n'), 2);

    const Result<HistoryRead> read = HistoryReader().readAll(directory);
    QVERIFY2(read, qPrintable(read.error()));
    QVERIFY2(read->problems.isEmpty(), qPrintable(read->problems.join(QLatin1Char('\n'))));
    QCOMPARE(read->events.size(), 2);
    QCOMPARE(read->events[0].event, QStringLiteral("agent_start"));
    QCOMPARE(read->events[1].event, QStringLiteral("role_change"));
    QCOMPARE(read->events[1].detail, QStringLiteral("initial"));
    QCOMPARE(read->events[1].epoch, quint64(1));
    for (const HistoryEvent &e : read->events) {
        QCOMPARE(e.writer, QStringLiteral("n1"));
        QCOMPARE(e.time.size(), utcNowIso().size());
        QVERIFY(e.time.endsWith(QLatin1Char('Z')));
    }
}

void TestHistory::seqIncrementsAndCanBeSet()
{
    MemoryDirectory directory;
    HistoryWriter writer(directory, QStringLiteral("n1"));
    QCOMPARE(writer.nextSeq(), quint64(1));
    QVERIFY(writer.append(makeEvent(at(1), historyevents::AgentStart)));
    QVERIFY(writer.append(makeEvent(at(1), historyevents::RoleChange)));
    QCOMPARE(writer.nextSeq(), quint64(3));

    HistoryWriter restarted(directory, QStringLiteral("n1"));
    restarted.setNextSeq(100);
    QVERIFY(restarted.append(makeEvent(at(2), historyevents::AgentStart)));
    directory.failPath(QStringLiteral("history/n1.jsonl"));
    QVERIFY(!restarted.append(makeEvent(at(3), historyevents::AppStart)));
    directory.healPath(QStringLiteral("history/n1.jsonl"));
    QVERIFY(restarted.append(makeEvent(at(4), historyevents::AppExit)));

    const Result<HistoryRead> read = HistoryReader().readAll(directory);
    QVERIFY(read);
    QCOMPARE(seqs(read->events), (QList<quint64> { 1, 2, 100, 102 }));
    QVERIFY2(read->problems.isEmpty(), qPrintable(read->problems.join(QLatin1Char('\n'))));
}

void TestHistory::invalidWriterIsRefused()
{
    MemoryDirectory directory;
    HistoryWriter writer(directory, QStringLiteral("../../etc/passwd"));
    QVERIFY(!writer.validity());
    const Status status = writer.append(makeEvent(at(1), historyevents::AgentStart));
    QVERIFY(!status);
    QVERIFY2(status.error().contains(QStringLiteral("'../../etc/passwd'")), qPrintable(status.error()));
    QVERIFY2(status.error().contains(QStringLiteral("user@host")), qPrintable(status.error()));
    QVERIFY(directory.list(QStringLiteral("history")).value().isEmpty());

    QVERIFY(HistoryWriter(directory, QStringLiteral("ops@console")).validity());
}

void TestHistory::appendFailureNamesTheFile()
{
    MemoryDirectory directory;
    directory.failPath(QStringLiteral("history"));
    HistoryWriter writer(directory, QStringLiteral("n1"));
    const Status status = writer.append(makeEvent(at(1), historyevents::AgentStart));
    QVERIFY(!status);
    QVERIFY2(status.error().contains(QStringLiteral("history/n1.jsonl in memory:")), qPrintable(status.error()));
}

void TestHistory::rotationKeepsOneGenerationAndLosesNothing()
{
    MemoryDirectory directory;
    const qint64 limit = 1000;
    HistoryWriter writer(directory, QStringLiteral("n1"), limit);
    const QString current = QStringLiteral("history/n1.jsonl");
    const QString rotated = QStringLiteral("history/n1.jsonl.1");

    int appended = 0;
    while (!directory.exists(rotated)) {
        QVERIFY(writer.append(makeEvent(at(appended), historyevents::AppRestart, QStringLiteral("n1"))));
        ++appended;
        QVERIFY(directory.contents(current).size() <= limit);
        QVERIFY2(appended < 100, "no rotation happened");
    }
    QVERIFY(appended > 2);
    const int perFile = appended - 1;
    QCOMPARE(directory.contents(rotated).count('\n'), perFile);
    QCOMPARE(directory.contents(current).count('\n'), 1);

    // Every event written so far is still there after one rotation.
    Result<HistoryRead> read = HistoryReader().readAll(directory);
    QVERIFY(read);
    QCOMPARE(seqs(read->events), range(1, appended));

    // Further rotations keep exactly one older generation, each file within the limit.
    for (int i = 0; i < 3 * perFile; ++i) {
        QVERIFY(writer.append(makeEvent(at(appended), historyevents::AppRestart, QStringLiteral("n1"))));
        ++appended;
        QVERIFY(directory.contents(current).size() <= limit);
        QVERIFY(directory.contents(rotated).size() <= limit);
    }
    QCOMPARE(directory.list(QStringLiteral("history")).value(),
        (QStringList { QStringLiteral("n1.jsonl"), QStringLiteral("n1.jsonl.1") }));
    read = HistoryReader().readAll(directory);
    QVERIFY(read);
    const QList<quint64> kept = seqs(read->events);
    QCOMPARE(kept.last(), quint64(appended));
    QCOMPARE(kept, range(kept.first(), appended));
    QVERIFY(kept.size() > perFile);
    QVERIFY(kept.size() <= 2 * perFile);
}

void TestHistory::rotationFailureStillRecordsTheEvent()
{
    MemoryDirectory directory;
    HistoryWriter writer(directory, QStringLiteral("n1"), 300);
    for (int i = 0; i < 2; ++i)
        QVERIFY(writer.append(makeEvent(at(i), historyevents::AppRestart)));
    directory.failPath(QStringLiteral("history/n1.jsonl.1"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^Could not rotate history/n1.jsonl to ")));
    QVERIFY(writer.append(makeEvent(at(2), historyevents::AppRestart)));
    QVERIFY(!directory.exists(QStringLiteral("history/n1.jsonl.1")));
    directory.healPath(QStringLiteral("history/n1.jsonl.1"));
    QVERIFY(writer.append(makeEvent(at(3), historyevents::AppRestart)));
    QVERIFY2(directory.exists(QStringLiteral("history/n1.jsonl.1")), "rotation is retried");

    const Result<HistoryRead> read = HistoryReader().readAll(directory);
    QVERIFY(read);
    QCOMPARE(seqs(read->events), range(1, 4));
}

void TestHistory::mergesWritersInTimeOrder()
{
    MemoryDirectory directory;
    HistoryWriter n1(directory, QStringLiteral("n1"));
    HistoryWriter n2(directory, QStringLiteral("n2"));
    HistoryWriter ops(directory, QStringLiteral("ops@desk"));
    QVERIFY(n2.append(makeEvent(at(30), historyevents::NodeDead, QStringLiteral("n1"))));
    QVERIFY(n1.append(makeEvent(at(10), historyevents::AgentStart, QStringLiteral("n1"))));
    QVERIFY(ops.append(makeEvent(at(20), historyevents::MaintenanceOn)));
    QVERIFY(n1.append(makeEvent(at(40), historyevents::RoleChange, QStringLiteral("n1"))));
    QVERIFY(ops.append(makeEvent(at(40), historyevents::MaintenanceOff)));
    QVERIFY(n2.append(makeEvent(at(40), historyevents::RoleChange, QStringLiteral("n2"))));
    QVERIFY(n2.append(makeEvent(at(40), historyevents::AppStart, QStringLiteral("n2"))));
    QVERIFY(n1.append(makeEvent(at(5), historyevents::AgentStart, QStringLiteral("n1")))); // clock behind

    const Result<HistoryRead> read = HistoryReader().readAll(directory);
    QVERIFY(read);
    QStringList order;
    for (const HistoryEvent &e : read->events)
        order.append(QStringLiteral("%1 %2 %3").arg(e.time.mid(17, 6), e.writer).arg(e.seq));
    QCOMPARE(order,
        (QStringList { QStringLiteral("00.005 n1 3"), QStringLiteral("00.010 n1 1"),
            QStringLiteral("00.020 ops@desk 1"), QStringLiteral("00.030 n2 1"), QStringLiteral("00.040 n1 2"),
            QStringLiteral("00.040 n2 2"), QStringLiteral("00.040 n2 3"), QStringLiteral("00.040 ops@desk 2") }));
}

void TestHistory::tornLastLineIsTolerated_data()
{
    QTest::addColumn<QByteArray>("tail");

    QTest::newRow("unterminated") << QByteArray("{\"time\":\"2024-05-01T12:00:0");
    static constexpr char torn[] = "{\"time\":\"2024-05-01T\x00\x00\x00\n";
    QTest::newRow("terminated garbage") << QByteArray(torn, sizeof(torn) - 1);
    QTest::newRow("zeros") << QByteArray(40, '\0');
    QTest::newRow("blank line") << QByteArray("\n");
}

void TestHistory::tornLastLineIsTolerated()
{
    QFETCH(QByteArray, tail);
    MemoryDirectory directory;
    directory.put(QStringLiteral("history/n1.jsonl"),
        line(QStringLiteral("n1"), 1, at(1)) + line(QStringLiteral("n1"), 2, at(2)) + tail);
    directory.put(QStringLiteral("history/n1.jsonl.1"), line(QStringLiteral("n1"), 0, at(0)) + tail);

    const Result<HistoryRead> read = HistoryReader().readAll(directory);
    QVERIFY(read);
    QCOMPARE(seqs(read->events), (QList<quint64> { 0, 1, 2 }));
    QVERIFY2(read->problems.isEmpty(), qPrintable(read->problems.join(QLatin1Char('\n'))));
}

void TestHistory::garbageMiddleLineIsReported()
{
    MemoryDirectory directory;
    directory.put(QStringLiteral("history/n2.jsonl"),
        line(QStringLiteral("n2"), 1, at(1)) + "garbage\n" + line(QStringLiteral("n2"), 3, at(3)) + "\n"
            + "{\"time\":5}\n" + line(QStringLiteral("n2"), 5, at(5)));

    const Result<HistoryRead> read = HistoryReader().readAll(directory);
    QVERIFY(read);
    QCOMPARE(seqs(read->events), (QList<quint64> { 1, 3, 5 }));
    QCOMPARE(read->problems.size(), 2);
    QVERIFY2(read->problems[0].startsWith(QStringLiteral("history/n2.jsonl line 2: ")), qPrintable(read->problems[0]));
    QVERIFY2(read->problems[1].startsWith(QStringLiteral("history/n2.jsonl line 5: ")), qPrintable(read->problems[1]));
}

void TestHistory::writerEndsATornLineBeforeAppending()
{
    MemoryDirectory directory;
    directory.put(QStringLiteral("history/n1.jsonl"), line(QStringLiteral("n1"), 1, at(1)) + "{\"time\":\"20");
    HistoryWriter writer(directory, QStringLiteral("n1"));
    writer.setNextSeq(2);
    QVERIFY(writer.append(makeEvent(at(2), historyevents::AgentStart)));
    QVERIFY(writer.append(makeEvent(at(3), historyevents::RoleChange)));

    const Result<HistoryRead> read = HistoryReader().readAll(directory);
    QVERIFY(read);
    QCOMPARE(seqs(read->events), (QList<quint64> { 1, 2, 3 }));
    QCOMPARE(read->problems.size(), 1);
    QVERIFY2(read->problems[0].contains(QStringLiteral("history/n1.jsonl line 2")), qPrintable(read->problems[0]));
}

void TestHistory::invalidFileNamesAreSkipped()
{
    MemoryDirectory directory;
    directory.put(QStringLiteral("history/n1.jsonl"), line(QStringLiteral("n1"), 1, at(1)));
    directory.put(QStringLiteral("history/bad name.jsonl"), line(QStringLiteral("n1"), 2, at(2)));
    directory.put(QStringLiteral("history/.n1.jsonl"), line(QStringLiteral("n1"), 3, at(3)));
    directory.put(QStringLiteral("history/n1.jsonl.2"), line(QStringLiteral("n1"), 4, at(4)));
    directory.put(QStringLiteral("history/notes.txt"), "hello\n");

    const Result<HistoryRead> read = HistoryReader().readAll(directory);
    QVERIFY(read);
    QCOMPARE(seqs(read->events), (QList<quint64> { 1 }));
    QCOMPARE(read->problems.size(), 4);
    QVERIFY2(read->problems.join(QLatin1Char('\n')).contains(QStringLiteral("history/bad name.jsonl: not a history")),
        qPrintable(read->problems.join(QLatin1Char('\n'))));
}

void TestHistory::filtersBySinceAndNode()
{
    MemoryDirectory directory;
    HistoryWriter writer(directory, QStringLiteral("n1"));
    QVERIFY(writer.append(makeEvent(at(1), historyevents::NodeDead, QStringLiteral("n2"))));
    QVERIFY(writer.append(makeEvent(at(2), historyevents::NodeDead, QStringLiteral("n3"))));
    QVERIFY(writer.append(makeEvent(at(3), historyevents::RoleChange, QStringLiteral("n2"))));

    HistoryFilter filter;
    filter.since = at(2);
    QCOMPARE(seqs(HistoryReader().readAll(directory, filter)->events), (QList<quint64> { 2, 3 }));
    filter.node = QStringLiteral("n2");
    QCOMPARE(seqs(HistoryReader().readAll(directory, filter)->events), (QList<quint64> { 3 }));
    filter.since.clear();
    QCOMPARE(seqs(HistoryReader().readAll(directory, filter)->events), (QList<quint64> { 1, 3 }));
}

void TestHistory::oversizedFileIsReported()
{
    MemoryDirectory directory;
    QByteArray big;
    for (int i = 1; i <= 10; ++i)
        big += line(QStringLiteral("n1"), i, at(i));
    directory.put(QStringLiteral("history/n1.jsonl"), big);
    directory.put(QStringLiteral("history/n2.jsonl"), line(QStringLiteral("n2"), 1, at(1)));

    const Result<HistoryRead> read = HistoryReader(big.size() - 1).readAll(directory);
    QVERIFY(read);
    QCOMPARE(read->events.size(), 1);
    QCOMPARE(read->events[0].writer, QStringLiteral("n2"));
    QCOMPARE(read->problems.size(), 1);
    QVERIFY2(read->problems[0].startsWith(QStringLiteral("history/n1.jsonl: %1 bytes, more than").arg(big.size())),
        qPrintable(read->problems[0]));

    QCOMPARE(HistoryReader(big.size()).readAll(directory)->events.size(), 11);
}

void TestHistory::unreadableFileIsReported()
{
    MemoryDirectory directory;
    directory.put(QStringLiteral("history/n1.jsonl"), line(QStringLiteral("n1"), 1, at(1)));
    directory.put(QStringLiteral("history/n2.jsonl"), line(QStringLiteral("n2"), 1, at(2)));
    directory.failPath(QStringLiteral("history/n1.jsonl"));

    Result<HistoryRead> read = HistoryReader().readAll(directory);
    QVERIFY(read);
    QCOMPARE(read->events.size(), 1);
    QCOMPARE(read->problems.size(), 1);
    QVERIFY2(read->problems[0].startsWith(QStringLiteral("history/n1.jsonl: could not be read")),
        qPrintable(read->problems[0]));

    directory.failPath(QStringLiteral("history"));
    read = HistoryReader().readAll(directory);
    QVERIFY(!read);
    QVERIFY2(read.error().contains(QStringLiteral("Could not list history in memory:")), qPrintable(read.error()));
}

void TestHistory::tailReturnsOnlyNewEvents()
{
    CountingDirectory directory;
    HistoryWriter n1(directory, QStringLiteral("n1"));
    HistoryWriter n2(directory, QStringLiteral("n2"));
    QVERIFY(n1.append(makeEvent(at(1), historyevents::AgentStart)));
    QVERIFY(n2.append(makeEvent(at(2), historyevents::AgentStart)));

    HistoryTail tail;
    Result<HistoryUpdate> update = tail.refresh(directory);
    QVERIFY(update);
    QVERIFY(update->reset);
    QCOMPARE(update->events.size(), 2);

    directory.reads = 0;
    update = tail.refresh(directory);
    QVERIFY(update);
    QVERIFY(!update->reset);
    QVERIFY(update->events.isEmpty());
    QCOMPARE(directory.reads, 0);

    QVERIFY(n2.append(makeEvent(at(4), historyevents::RoleChange)));
    QVERIFY(n1.append(makeEvent(at(3), historyevents::RoleChange)));
    QVERIFY(n2.append(makeEvent(at(5), historyevents::AppStart)));
    update = tail.refresh(directory);
    QVERIFY(update);
    QVERIFY(!update->reset);
    QCOMPARE(directory.reads, 2);
    QCOMPARE(update->events.size(), 3);
    QCOMPARE(update->events[0].time, at(3));
    QCOMPARE(update->events[1].time, at(4));
    QCOMPARE(update->events[2].time, at(5));

    HistoryWriter ops(directory, QStringLiteral("ops@desk"));
    QVERIFY(ops.append(makeEvent(at(6), historyevents::StandbyOn, QStringLiteral("n2"))));
    update = tail.refresh(directory);
    QVERIFY(update);
    QVERIFY(!update->reset);
    QCOMPARE(update->events.size(), 1);
    QCOMPARE(update->events[0].writer, QStringLiteral("ops@desk"));
}

void TestHistory::tailSurvivesRotation()
{
    MemoryDirectory directory;
    HistoryWriter writer(directory, QStringLiteral("n1"), 1000);
    HistoryTail tail;
    quint64 expected = 1;
    for (int round = 0; round < 12; ++round) {
        for (int i = 0; i < 3; ++i) // fewer events than fit one file: at most one rotation per round
            QVERIFY(writer.append(makeEvent(at(int(writer.nextSeq())), historyevents::AppRestart)));
        const Result<HistoryUpdate> update = tail.refresh(directory);
        QVERIFY(update);
        QCOMPARE(update->reset, round == 0);
        QVERIFY2(update->problems.isEmpty(), qPrintable(update->problems.join(QLatin1Char('\n'))));
        QCOMPARE(seqs(update->events), range(expected, expected + 2));
        expected += 3;
    }
    QVERIFY2(directory.exists(QStringLiteral("history/n1.jsonl.1")), "the test rotated");
}

void TestHistory::tailStartsOverAfterTwoRotations()
{
    MemoryDirectory directory;
    HistoryWriter writer(directory, QStringLiteral("n1"), 600);
    HistoryTail tail;
    QVERIFY(writer.append(makeEvent(at(1), historyevents::AgentStart)));
    QVERIFY(tail.refresh(directory));

    for (int i = 0; i < 30; ++i)
        QVERIFY(writer.append(makeEvent(at(2 + i), historyevents::AppRestart)));
    const Result<HistoryUpdate> update = tail.refresh(directory);
    QVERIFY(update);
    QVERIFY(update->reset);
    const Result<HistoryRead> all = HistoryReader().readAll(directory);
    QCOMPARE(seqs(update->events), seqs(all->events));
    QCOMPARE(seqs(update->events).last(), quint64(31));
    QVERIFY(update->events.size() < 30);
}

void TestHistory::tailSeesARotationThatKeptTheRotatedFileSize()
{
    // The current file was absent at the last refresh (just rotated); since then it was written and
    // rotated again, to a .1 file as long as the one before: only the .1 file's first bytes tell
    // (found by tests/fuzz/fuzz_historymerge).
    MemoryDirectory directory;
    const QString current = QStringLiteral("history/n1.jsonl");
    const QString rotated = QStringLiteral("history/n1.jsonl.1");
    directory.put(rotated, line(QStringLiteral("n1"), 1, at(1)));
    HistoryTail tail;
    QCOMPARE(seqs(tail.refresh(directory)->events), (QList<quint64> { 1 }));

    directory.put(current, line(QStringLiteral("n1"), 2, at(2)));
    QCOMPARE(directory.contents(current).size(), directory.contents(rotated).size());
    QVERIFY(directory.rename(current, rotated));
    const Result<HistoryUpdate> update = tail.refresh(directory);
    QVERIFY(update);
    QCOMPARE(seqs(update->events), (QList<quint64> { 2 }));
}

void TestHistory::tailWaitsForACompleteLine()
{
    MemoryDirectory directory;
    const QString path = QStringLiteral("history/n1.jsonl");
    const QByteArray second = line(QStringLiteral("n1"), 2, at(2));
    directory.put(path, line(QStringLiteral("n1"), 1, at(1)) + second.left(20));

    HistoryTail tail;
    Result<HistoryUpdate> update = tail.refresh(directory);
    QCOMPARE(seqs(update->events), (QList<quint64> { 1 }));

    directory.put(path, directory.contents(path) + second.mid(20, 10));
    update = tail.refresh(directory);
    QVERIFY(update->events.isEmpty());
    QVERIFY(update->problems.isEmpty());

    directory.put(path, directory.contents(path) + second.mid(30));
    update = tail.refresh(directory);
    QCOMPARE(seqs(update->events), (QList<quint64> { 2 }));
    QVERIFY(update->problems.isEmpty());
}

void TestHistory::tailReportsAGarbageLineOnceItIsInTheMiddle()
{
    MemoryDirectory directory;
    const QString path = QStringLiteral("history/n1.jsonl");
    directory.put(path, line(QStringLiteral("n1"), 1, at(1)) + "garbage\n");

    HistoryTail tail;
    Result<HistoryUpdate> update = tail.refresh(directory);
    QCOMPARE(seqs(update->events), (QList<quint64> { 1 }));
    QVERIFY(update->problems.isEmpty());

    directory.put(path, directory.contents(path) + line(QStringLiteral("n1"), 3, at(3)));
    update = tail.refresh(directory);
    QCOMPARE(seqs(update->events), (QList<quint64> { 3 }));
    QCOMPARE(update->problems,
        QStringList {
            QStringLiteral("history/n1.jsonl line 2: not a valid history event (torn write or edited by hand?); "
                           "skipped") });

    directory.put(path, directory.contents(path) + line(QStringLiteral("n1"), 4, at(4)));
    update = tail.refresh(directory);
    QCOMPARE(seqs(update->events), (QList<quint64> { 4 }));
    QVERIFY(update->problems.isEmpty());
}

void TestHistory::tailRecoversAfterAReadFailure()
{
    MemoryDirectory directory;
    HistoryWriter writer(directory, QStringLiteral("n1"));
    QVERIFY(writer.append(makeEvent(at(1), historyevents::AgentStart)));
    HistoryTail tail;
    QVERIFY(tail.refresh(directory));

    QVERIFY(writer.append(makeEvent(at(2), historyevents::StorageLost)));
    directory.failPath(QStringLiteral("history/n1.jsonl"));
    Result<HistoryUpdate> update = tail.refresh(directory);
    QVERIFY(update);
    QVERIFY(update->events.isEmpty());
    QCOMPARE(update->problems.size(), 1);

    directory.failPath(QStringLiteral("history"));
    QVERIFY(!tail.refresh(directory));

    directory.healPath(QStringLiteral("history"));
    directory.healPath(QStringLiteral("history/n1.jsonl"));
    update = tail.refresh(directory);
    QVERIFY(update);
    QVERIFY(!update->reset);
    QCOMPARE(seqs(update->events), (QList<quint64> { 2 }));
}

void TestHistory::operatorLogContinuesTheHighestSeqOfBothFiles()
{
    // hacmpctl and the console both resume an operator's seq here: the highest of the current and the rotated
    // file, whichever holds it, and again at the next line when a file could not be read.
    const QString writer = QStringLiteral("alice@ops");
    const auto line = [&](quint64 seq) -> QByteArray {
        HistoryEvent event;
        event.time = QStringLiteral("2024-05-01T10:00:00.000Z");
        event.writer = writer;
        event.seq = seq;
        event.event = QLatin1String(historyevents::MaintenanceOn);
        return encodeHistoryLine(event) + '\n';
    };
    MemoryDirectory directory;
    directory.put(historyRotatedFilePath(writer), line(40) + line(41));
    directory.put(historyFilePath(writer), line(7));
    directory.failPath(historyFilePath(writer));
    OperatorLog log(directory, writer);
    HistoryEvent event;
    event.event = QLatin1String(historyevents::StandbyOn);
    QVERIFY(!log.record(event)); // the current file fails: nothing is known of the seq, nothing written
    directory.healPath(historyFilePath(writer));
    QVERIFY(log.record(event));
    QVERIFY(log.record(event));
    const HistoryChunk chunk = parseHistoryLines(directory.contents(historyFilePath(writer)), 0, 1, QString());
    QCOMPARE(chunk.events.size(), 3);
    QCOMPARE(chunk.events.at(1).seq, quint64(42));
    QCOMPARE(chunk.events.at(2).seq, quint64(43));
}

void TestHistory::operatorLogWritesTheControlFileThenTheLine()
{
    MemoryDirectory directory;
    OperatorLog log(directory, QStringLiteral("bob@desk"));
    const QString when = QStringLiteral("2024-05-01T10:00:00.000Z");
    directory.failPath(QStringLiteral("standby"));
    QVERIFY(!log.apply({ OperatorAction::Kind::StandbyOn, QStringLiteral("b"), 0, QStringLiteral("disk") }, when));
    QVERIFY2(!directory.exists(historyFilePath(QStringLiteral("bob@desk"))), "a failed change records nothing");
    directory.healPath(QStringLiteral("standby"));
    QVERIFY(log.apply({ OperatorAction::Kind::Switchover, QStringLiteral("b"), 7, QStringLiteral("patch") }, when));
    const SwitchoverRead request = ControlFiles(directory).switchover();
    QVERIFY(request.request);
    QCOMPARE(request.request->target, QStringLiteral("b"));
    QCOMPARE(request.request->epoch, quint64(7));
    QCOMPARE(request.request->who, QStringLiteral("bob@desk"));
    const HistoryChunk chunk
        = parseHistoryLines(directory.contents(historyFilePath(QStringLiteral("bob@desk"))), 0, 1, QString());
    QCOMPARE(chunk.events.size(), 1);
    QCOMPARE(chunk.events.front().event, QLatin1String(historyevents::SwitchoverRequested));
    QCOMPARE(chunk.events.front().detail, QStringLiteral("patch"));
    QCOMPARE(chunk.events.front().epoch, quint64(7));
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
