#include "shared/history/actor.h"
#include "shared/storage/controlfiles.h"
#include "tests/support/memorydirectory.h"

#include <QRegularExpression>
#include <QTest>

#include <functional>

using namespace hacmp;
using hacmp::test::MemoryDirectory;

namespace {

FileRead okRead(const QByteArray &bytes)
{
    return { IoOutcome::Ok, bytes, {} };
}

ControlNote sampleNote()
{
    return { QStringLiteral("alice@ws1"), QStringLiteral("2024-05-01T12:00:00.123Z"), QStringLiteral("patching") };
}

QByteArray oversizedJson()
{
    return "{\"why\":\"" + QByteArray(kControlFileMaxBytes, 'x') + "\"}";
}

} // namespace

class TestControlFiles : public QObject
{
    Q_OBJECT

private slots:
    void ioOutcomeNames_data();
    void ioOutcomeNames();
    void actorAndTime();

    void encodedFilesAreOneCompactLine();
    void maintenanceRoundTrip();
    void standbyRoundTrip();
    void switchoverRoundTrip();

    void interpretsNote_data();
    void interpretsNote();
    void noteAdviceDependsOnTheFile_data();
    void noteAdviceDependsOnTheFile();
    void interpretsSwitchover_data();
    void interpretsSwitchover();

    void oversizedFileReadsAsPresent();
    void failedReadIsUnknown();
    void standbyNodesSkipsInvalidNames();
    void standbyNodesFailsWhenUnreadable();
    void invalidNodeNamesAreRefused_data();
    void invalidNodeNamesAreRefused();
    void switchoverToNoEpochIsRefused();
    void ioFailureNamesThePath_data();
    void ioFailureNamesThePath();
};

void TestControlFiles::ioOutcomeNames_data()
{
    QTest::addColumn<IoOutcome>("outcome");
    QTest::addColumn<QString>("name");

    QTest::newRow("ok") << IoOutcome::Ok << QStringLiteral("ok");
    QTest::newRow("absent") << IoOutcome::Absent << QStringLiteral("absent");
    QTest::newRow("failed") << IoOutcome::Failed << QStringLiteral("failed");
    QTest::newRow("timed out") << IoOutcome::TimedOut << QStringLiteral("timed out");
    QTest::newRow("busy") << IoOutcome::Busy << QStringLiteral("busy");
}

void TestControlFiles::ioOutcomeNames()
{
    QFETCH(IoOutcome, outcome);
    QFETCH(QString, name);
    QCOMPARE(ioOutcomeName(outcome), name);
}

void TestControlFiles::actorAndTime()
{
    const QString actor = currentActor();
    QVERIFY2(isValidWriterName(actor), qPrintable(actor));
    QVERIFY2(actor.contains(QLatin1Char('@')), qPrintable(actor));

    const QString now = utcNowIso();
    static const QRegularExpression iso(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
    QVERIFY2(iso.match(now).hasMatch(), qPrintable(now));
}

void TestControlFiles::encodedFilesAreOneCompactLine()
{
    const QByteArray note = encodeNote(sampleNote());
    QVERIFY(note.endsWith('\n'));
    QCOMPARE(note.count('\n'), 1);
    QVERIFY(!note.contains(": "));

    const QByteArray request = encodeSwitchover({ QStringLiteral("n2"), 7, QStringLiteral("bob@h"), QString() });
    QVERIFY(request.endsWith('\n'));
    QCOMPARE(request.count('\n'), 1);
    QVERIFY(request.contains("\"epoch\":7"));
}

void TestControlFiles::maintenanceRoundTrip()
{
    MemoryDirectory directory;
    ControlFiles files(directory);
    QCOMPARE(files.maintenance().presence, Presence::Absent);

    QVERIFY(files.setMaintenance(sampleNote()));
    QVERIFY(directory.exists(QStringLiteral("maintenance")));
    const NoteRead on = files.maintenance();
    QCOMPARE(on.presence, Presence::Present);
    QVERIFY(on.note.has_value());
    QCOMPARE(*on.note, sampleNote());
    QVERIFY(on.problem.isEmpty());

    QVERIFY(files.clearMaintenance());
    QCOMPARE(files.maintenance().presence, Presence::Absent);
    QVERIFY2(files.clearMaintenance(), "clearing twice is fine");
}

void TestControlFiles::standbyRoundTrip()
{
    MemoryDirectory directory;
    ControlFiles files(directory);
    const QString node = QStringLiteral("n2");
    QCOMPARE(files.standby(node).presence, Presence::Absent);

    QVERIFY(files.setStandby(node, sampleNote()));
    QVERIFY(directory.exists(QStringLiteral("standby/n2")));
    const NoteRead read = files.standby(node);
    QCOMPARE(read.presence, Presence::Present);
    QCOMPARE(read.note.value_or(ControlNote {}), sampleNote());
    QCOMPARE(files.standby(QStringLiteral("n1")).presence, Presence::Absent);

    const Result<QMap<QString, ControlNote>> nodes = files.standbyNodes();
    QVERIFY2(nodes, qPrintable(nodes.error()));
    QCOMPARE(nodes->keys(), QStringList { node });
    QCOMPARE(nodes->value(node), sampleNote());

    QVERIFY(files.clearStandby(node));
    QCOMPARE(files.standby(node).presence, Presence::Absent);
    QVERIFY(files.standbyNodes()->isEmpty());
}

void TestControlFiles::switchoverRoundTrip()
{
    MemoryDirectory directory;
    ControlFiles files(directory);
    QCOMPARE(files.switchover().presence, Presence::Absent);

    const SwitchoverRequest request { QStringLiteral("n3"), quint64(1) << 40, QStringLiteral("carol@ws2"),
        QStringLiteral("2024-05-01T12:00:00.000Z") };
    QVERIFY(files.requestSwitchover(request));
    const SwitchoverRead read = files.switchover();
    QCOMPARE(read.presence, Presence::Present);
    QVERIFY(read.request.has_value());
    QCOMPARE(*read.request, request);

    QVERIFY(files.clearSwitchover());
    QCOMPARE(files.switchover().presence, Presence::Absent);
}

void TestControlFiles::interpretsNote_data()
{
    QTest::addColumn<IoOutcome>("outcome");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Presence>("presence");
    QTest::addColumn<bool>("hasNote");
    QTest::addColumn<QString>("problem"); // a part of the expected problem; empty: no problem

    const QString unparsable = QStringLiteral("treated as ON");
    QTest::newRow("absent") << IoOutcome::Absent << QByteArray() << Presence::Absent << false << QString();
    QTest::newRow("ok") << IoOutcome::Ok << encodeNote(sampleNote()) << Presence::Present << true << QString();
    QTest::newRow("ok without newline") << IoOutcome::Ok << QByteArray("{\"who\":\"a\"}") << Presence::Present << true
                                        << QString();
    QTest::newRow("empty object") << IoOutcome::Ok << QByteArray("{}") << Presence::Present << true << QString();
    QTest::newRow("unknown field ignored")
        << IoOutcome::Ok << QByteArray("{\"why\":\"x\",\"future\":[1]}") << Presence::Present << true << QString();
    QTest::newRow("garbage") << IoOutcome::Ok << QByteArray("\x01\xff maintenance!") << Presence::Present << false
                             << QStringLiteral("maintenance: not valid JSON (garbage?); treated as ON — remove it "
                                               "with 'hacmpctl maintenance off' or fix it");
    QTest::newRow("truncated") << IoOutcome::Ok << QByteArray("{\"who\":\"al") << Presence::Present << false
                               << QStringLiteral("not valid JSON");
    QTest::newRow("empty") << IoOutcome::Ok << QByteArray() << Presence::Present << false
                           << QStringLiteral("maintenance: empty; ") + unparsable;
    QTest::newRow("blank") << IoOutcome::Ok << QByteArray(" \n\t") << Presence::Present << false
                           << QStringLiteral("empty");
    QTest::newRow("array") << IoOutcome::Ok << QByteArray("[1,2]") << Presence::Present << false
                           << QStringLiteral("not a JSON object");
    QTest::newRow("wrong type") << IoOutcome::Ok << QByteArray("{\"who\":5}") << Presence::Present << false
                                << QStringLiteral("field 'who' is not a string; ") + unparsable;
    QTest::newRow("oversized") << IoOutcome::Ok << oversizedJson() << Presence::Present << false
                               << QStringLiteral("larger than 65536 bytes");
    QTest::newRow("failed") << IoOutcome::Failed << QByteArray() << Presence::Unknown << false
                            << QStringLiteral("maintenance: could not be read (failed");
    QTest::newRow("timed out") << IoOutcome::TimedOut << QByteArray() << Presence::Unknown << false
                               << QStringLiteral("(timed out");
    QTest::newRow("busy") << IoOutcome::Busy << QByteArray() << Presence::Unknown << false
                          << QStringLiteral("not known to be absent");
}

void TestControlFiles::interpretsNote()
{
    QFETCH(IoOutcome, outcome);
    QFETCH(QByteArray, bytes);
    QFETCH(Presence, presence);
    QFETCH(bool, hasNote);
    QFETCH(QString, problem);

    const NoteRead read = interpretNote({ outcome, bytes, QStringLiteral("disk says no") }, maintenancePath());
    QCOMPARE(presenceName(read.presence), presenceName(presence));
    QCOMPARE(read.note.has_value(), hasNote);
    if (problem.isEmpty())
        QVERIFY2(read.problem.isEmpty(), qPrintable(read.problem));
    else
        QVERIFY2(read.problem.contains(problem), qPrintable(read.problem));
    if (!read.problem.isEmpty())
        QVERIFY2(read.problem.startsWith(QStringLiteral("maintenance: ")), qPrintable(read.problem));
}

void TestControlFiles::noteAdviceDependsOnTheFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("advice");

    QTest::newRow("maintenance") << QStringLiteral("maintenance") << QStringLiteral("'hacmpctl maintenance off'");
    QTest::newRow("maintenance, full path")
        << QStringLiteral("/mnt/cluster/maintenance") << QStringLiteral("'hacmpctl maintenance off'");
    QTest::newRow("standby") << QStringLiteral("standby/n7") << QStringLiteral("standby ON for node n7");
    QTest::newRow("standby of a node named maintenance")
        << QStringLiteral("standby/maintenance") << QStringLiteral("'hacmpctl standby off maintenance'");
    QTest::newRow("other") << QStringLiteral("elsewhere") << QStringLiteral("treated as present");
}

void TestControlFiles::noteAdviceDependsOnTheFile()
{
    QFETCH(QString, path);
    QFETCH(QString, advice);
    const NoteRead read = interpretNote(okRead("garbage"), path);
    QCOMPARE(read.presence, Presence::Present);
    QVERIFY2(read.problem.startsWith(path + QStringLiteral(": ")), qPrintable(read.problem));
    QVERIFY2(read.problem.contains(advice), qPrintable(read.problem));
}

void TestControlFiles::interpretsSwitchover_data()
{
    QTest::addColumn<IoOutcome>("outcome");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Presence>("presence");
    QTest::addColumn<QString>("target"); // of the request; empty: no request
    QTest::addColumn<quint64>("epoch");
    QTest::addColumn<QString>("problem");

    const QString refused = QStringLiteral("the master will refuse this request and remove it");
    QTest::newRow("absent") << IoOutcome::Absent << QByteArray() << Presence::Absent << QString() << quint64(0)
                            << QString();
    QTest::newRow("ok") << IoOutcome::Ok << QByteArray("{\"target\":\"n2\",\"epoch\":12,\"who\":\"a@b\"}")
                        << Presence::Present << QStringLiteral("n2") << quint64(12) << QString();
    QTest::newRow("ok, epoch as a float with no fraction")
        << IoOutcome::Ok << QByteArray("{\"target\":\"n2\",\"epoch\":12.0}") << Presence::Present
        << QStringLiteral("n2") << quint64(12) << QString();
    QTest::newRow("garbage") << IoOutcome::Ok << QByteArray("switch now") << Presence::Present << QString()
                             << quint64(0) << QStringLiteral("switchover: not valid JSON (garbage?); ") + refused;
    QTest::newRow("empty") << IoOutcome::Ok << QByteArray() << Presence::Present << QString() << quint64(0)
                           << QStringLiteral("switchover: empty; ") + refused;
    QTest::newRow("target is a path") << IoOutcome::Ok << QByteArray("{\"target\":\"../etc\",\"epoch\":3}")
                                      << Presence::Present << QString() << quint64(0)
                                      << QStringLiteral("target '../etc' is not a valid node name; ") + refused;
    QTest::newRow("target empty") << IoOutcome::Ok << QByteArray("{\"target\":\"\",\"epoch\":3}") << Presence::Present
                                  << QString() << quint64(0) << QStringLiteral("is not a valid node name");
    QTest::newRow("target missing") << IoOutcome::Ok << QByteArray("{\"epoch\":3}") << Presence::Present << QString()
                                    << quint64(0) << QStringLiteral("'target' is missing");
    QTest::newRow("target a number") << IoOutcome::Ok << QByteArray("{\"target\":2,\"epoch\":3}") << Presence::Present
                                     << QString() << quint64(0)
                                     << QStringLiteral("'target' is missing or not a string");
    QTest::newRow("epoch missing") << IoOutcome::Ok << QByteArray("{\"target\":\"n2\"}") << Presence::Present
                                   << QString() << quint64(0) << QStringLiteral("'epoch'");
    QTest::newRow("epoch a string") << IoOutcome::Ok << QByteArray("{\"target\":\"n2\",\"epoch\":\"3\"}")
                                    << Presence::Present << QString() << quint64(0) << QStringLiteral("'epoch'");
    QTest::newRow("epoch negative") << IoOutcome::Ok << QByteArray("{\"target\":\"n2\",\"epoch\":-1}")
                                    << Presence::Present << QString() << quint64(0) << QStringLiteral("'epoch'");
    QTest::newRow("epoch fractional") << IoOutcome::Ok << QByteArray("{\"target\":\"n2\",\"epoch\":1.5}")
                                      << Presence::Present << QString() << quint64(0) << QStringLiteral("'epoch'");
    QTest::newRow("who a number") << IoOutcome::Ok << QByteArray("{\"target\":\"n2\",\"epoch\":1,\"who\":1}")
                                  << Presence::Present << QString() << quint64(0)
                                  << QStringLiteral("field 'who' is not a string");
    QTest::newRow("oversized") << IoOutcome::Ok << oversizedJson() << Presence::Present << QString() << quint64(0)
                               << QStringLiteral("larger than 65536 bytes; ") + refused;
    QTest::newRow("failed") << IoOutcome::Failed << QByteArray() << Presence::Unknown << QString() << quint64(0)
                            << QStringLiteral("switchover: could not be read (failed: disk says no)");
    QTest::newRow("timed out") << IoOutcome::TimedOut << QByteArray() << Presence::Unknown << QString() << quint64(0)
                               << QStringLiteral("switchover: could not be read (timed out");
}

void TestControlFiles::interpretsSwitchover()
{
    QFETCH(IoOutcome, outcome);
    QFETCH(QByteArray, bytes);
    QFETCH(Presence, presence);
    QFETCH(QString, target);
    QFETCH(quint64, epoch);
    QFETCH(QString, problem);

    const SwitchoverRead read
        = interpretSwitchover({ outcome, bytes, QStringLiteral("disk says no") }, switchoverPath());
    QCOMPARE(presenceName(read.presence), presenceName(presence));
    QCOMPARE(read.request.has_value(), !target.isEmpty());
    if (read.request) {
        QCOMPARE(read.request->target, target);
        QCOMPARE(read.request->epoch, epoch);
    }
    if (problem.isEmpty())
        QVERIFY2(read.problem.isEmpty(), qPrintable(read.problem));
    else
        QVERIFY2(read.problem.contains(problem), qPrintable(read.problem));
}

void TestControlFiles::oversizedFileReadsAsPresent()
{
    MemoryDirectory directory;
    directory.put(QStringLiteral("maintenance"), oversizedJson());
    const NoteRead read = ControlFiles(directory).maintenance();
    QCOMPARE(read.presence, Presence::Present);
    QVERIFY(!read.note);
    QVERIFY2(read.problem.contains(QStringLiteral("larger than")), qPrintable(read.problem));
}

void TestControlFiles::failedReadIsUnknown()
{
    MemoryDirectory directory;
    ControlFiles files(directory);
    QVERIFY(files.setMaintenance(sampleNote()));
    directory.failPath(QStringLiteral("maintenance"));
    const NoteRead read = files.maintenance();
    QCOMPARE(read.presence, Presence::Unknown);
    QVERIFY(!read.note);
    QVERIFY2(read.problem.contains(QStringLiteral("memory:maintenance: injected I/O error")), qPrintable(read.problem));

    directory.failPath(QStringLiteral("standby"));
    QCOMPARE(files.standby(QStringLiteral("n1")).presence, Presence::Unknown);
    directory.healPath(QStringLiteral("standby"));
    QCOMPARE(files.standby(QStringLiteral("n1")).presence, Presence::Absent);
}

void TestControlFiles::standbyNodesSkipsInvalidNames()
{
    MemoryDirectory directory;
    ControlFiles files(directory);
    QVERIFY(files.setStandby(QStringLiteral("n1"), sampleNote()));
    directory.put(QStringLiteral("standby/n2"), "not json");
    directory.put(QStringLiteral("standby/.hidden"), encodeNote(sampleNote()));
    directory.put(QStringLiteral("standby/bad name"), encodeNote(sampleNote()));
    directory.put(QStringLiteral("standby/-dash"), encodeNote(sampleNote()));
    directory.put(QStringLiteral("standby/n3.tmp.4242.00ff00ff00ff00ff"), encodeNote(sampleNote()));
    directory.put(QStringLiteral("standby/") + QString(64, QLatin1Char('a')), encodeNote(sampleNote()));

    const Result<QMap<QString, ControlNote>> nodes = files.standbyNodes();
    QVERIFY2(nodes, qPrintable(nodes.error()));
    QCOMPARE(nodes->keys(), (QStringList { QStringLiteral("n1"), QStringLiteral("n2") }));
    QCOMPARE(nodes->value(QStringLiteral("n1")), sampleNote());
    QCOMPARE(nodes->value(QStringLiteral("n2")), ControlNote {});
}

void TestControlFiles::standbyNodesFailsWhenUnreadable()
{
    MemoryDirectory directory;
    ControlFiles files(directory);
    QVERIFY(files.setStandby(QStringLiteral("n1"), sampleNote()));

    directory.failPath(QStringLiteral("standby/n1"));
    Result<QMap<QString, ControlNote>> nodes = files.standbyNodes();
    QVERIFY(!nodes);
    QVERIFY2(nodes.error().contains(QStringLiteral("standby/n1")), qPrintable(nodes.error()));

    directory.failPath(QStringLiteral("standby"));
    nodes = files.standbyNodes();
    QVERIFY(!nodes);
    QVERIFY2(nodes.error().contains(QStringLiteral("Could not list standby in memory:")), qPrintable(nodes.error()));
}

void TestControlFiles::invalidNodeNamesAreRefused_data()
{
    QTest::addColumn<QString>("node");
    QTest::newRow("empty") << QString();
    QTest::newRow("path") << QStringLiteral("../cluster");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("leading dot") << QStringLiteral(".n1");
    QTest::newRow("space") << QStringLiteral("n 1");
    QTest::newRow("too long") << QString(64, QLatin1Char('n'));
}

void TestControlFiles::invalidNodeNamesAreRefused()
{
    QFETCH(QString, node);
    MemoryDirectory directory;
    ControlFiles files(directory);

    const Status set = files.setStandby(node, sampleNote());
    QVERIFY(!set);
    QVERIFY2(set.error().contains(QStringLiteral("'%1'").arg(node.left(80))), qPrintable(set.error()));
    QVERIFY(!files.clearStandby(node));
    QCOMPARE(files.standby(node).presence, Presence::Unknown);

    const Status request = files.requestSwitchover({ node, 5, QString(), QString() });
    QVERIFY(!request);
    QVERIFY2(request.error().contains(QStringLiteral("not valid")), qPrintable(request.error()));

    QVERIFY2(directory.list(standbyFolder()).value().isEmpty(), "no standby file was written");
    QVERIFY2(!directory.exists(switchoverPath()), "no switchover was written");
}

void TestControlFiles::switchoverToNoEpochIsRefused()
{
    MemoryDirectory directory;
    const Status status = ControlFiles(directory).requestSwitchover({ QStringLiteral("n2"), 0, QString(), QString() });
    QVERIFY(!status);
    QVERIFY2(status.error().contains(QStringLiteral("epoch")), qPrintable(status.error()));
    QVERIFY(!directory.exists(switchoverPath()));
}

void TestControlFiles::ioFailureNamesThePath_data()
{
    using Operation = std::function<Status(ControlFiles &)>;
    QTest::addColumn<QString>("path");
    QTest::addColumn<Operation>("operation");

    const QString n1 = QStringLiteral("n1");
    QTest::newRow("set maintenance") << QStringLiteral("maintenance")
                                     << Operation([](ControlFiles &f) { return f.setMaintenance(sampleNote()); });
    QTest::newRow("clear maintenance") << QStringLiteral("maintenance")
                                       << Operation([](ControlFiles &f) { return f.clearMaintenance(); });
    QTest::newRow("set standby") << QStringLiteral("standby/n1")
                                 << Operation([n1](ControlFiles &f) { return f.setStandby(n1, sampleNote()); });
    QTest::newRow("clear standby") << QStringLiteral("standby/n1")
                                   << Operation([n1](ControlFiles &f) { return f.clearStandby(n1); });
    QTest::newRow("request switchover") << QStringLiteral("switchover") << Operation([n1](ControlFiles &f) {
        return f.requestSwitchover({ n1, 3, QString(), QString() });
    });
    QTest::newRow("clear switchover") << QStringLiteral("switchover")
                                      << Operation([](ControlFiles &f) { return f.clearSwitchover(); });
}

void TestControlFiles::ioFailureNamesThePath()
{
    using Operation = std::function<Status(ControlFiles &)>;
    QFETCH(QString, path);
    QFETCH(Operation, operation);

    MemoryDirectory directory;
    ControlFiles files(directory);
    QVERIFY2(operation(files), "works while the storage is healthy");
    directory.failPath(path);
    const Status status = operation(files);
    QVERIFY(!status);
    QVERIFY2(status.error().contains(QStringLiteral(" %1 in memory:").arg(path)), qPrintable(status.error()));
    QVERIFY2(status.error().contains(QStringLiteral("mounted")), qPrintable(status.error()));
}

QTEST_GUILESS_MAIN(TestControlFiles)
#include "tst_controlfiles.moc"
