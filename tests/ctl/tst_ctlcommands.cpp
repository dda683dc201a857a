#include "shared/history/actor.h"
#include "shared/history/historyevent.h"
#include "shared/storage/controlfiles.h"
#include "tests/support/clusterfixture.h"
#include "tests/support/ctlprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using hacmp::test::ClusterFixture;
using hacmp::test::CtlProcess;

namespace {

const QString kCtl = QStringLiteral(HACMP_BIN_DIR "/hacmpctl");

CtlProcess ctl(const QString &directory, const QStringList &arguments)
{
    return CtlProcess::run(kCtl, QStringList { QStringLiteral("--dir"), directory } + arguments);
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The note in a control file, or an empty one.
ControlNote noteIn(const QString &path)
{
    const QJsonObject object = QJsonDocument::fromJson(contents(path)).object();
    return { object.value(QLatin1String("who")).toString(), object.value(QLatin1String("when")).toString(),
        object.value(QLatin1String("why")).toString() };
}

/// The events hacmpctl wrote to its own history file.
QList<HistoryEvent> ownHistory(const QString &directory)
{
    QList<HistoryEvent> events;
    const QString path = directory + QLatin1Char('/') + historyFilePath(currentActor());
    for (const QByteArray &line : contents(path).split('\n')) {
        if (const std::optional<HistoryEvent> event = decodeHistoryLine(line))
            events.append(*event);
    }
    return events;
}

/// The configuration check's input: a valid file, with one line replaced or added by a test.
QString writeConfig(const QTemporaryDir &temp, const QString &timing)
{
    const QString path = temp.path() + QStringLiteral("/agent.conf");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(QStringLiteral("[cluster]\ndirectory = /srv/hacmp\nname = prod\n[node]\nname = alpha\n[timing]\n%1\n"
                              "[application]\nstart = /usr/bin/app --serve\n")
                   .arg(timing)
                   .toUtf8());
    return path;
}

} // namespace

/// hacmpctl maintenance, standby, clear and check-config as the real binary; each write names who, when and
/// why in the control file and in hacmpctl's own history file.
class TestCtlCommands final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void maintenanceOnShowOff();
    void maintenanceBadArguments_data();
    void maintenanceBadArguments();
    void standbyOnAndOff();
    void standbyWarnsAboutAnUnknownNode();
    void standbyBadArguments_data();
    void standbyBadArguments();
    void clearWritesTheRequest();
    void clearWithoutTheFolderSaysHowToAddIt();
    void clearBadArguments_data();
    void clearBadArguments();
    void checkConfigAcceptsAValidFile();
    void checkConfigPrintsEachError();
    void checkConfigBadArguments();
    void etcdConfigurationIsCheckedAndUsed();
    void writesNeedAReachableCluster_data();
    void writesNeedAReachableCluster();
    void everyCommandHasHelp_data();
    void everyCommandHasHelp();
};

void TestCtlCommands::initTestCase()
{
    QVERIFY2(QFileInfo::exists(kCtl), qPrintable(kCtl));
}

void TestCtlCommands::maintenanceOnShowOff()
{
    ClusterFixture cluster;
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    const QString file = cluster.path() + QStringLiteral("/maintenance");

    CtlProcess run = ctl(cluster.path(), { QStringLiteral("maintenance") });
    QVERIFY2(run.exitCode == 0 && run.out.trimmed() == QStringLiteral("maintenance: off"), qPrintable(run.describe()));

    run = ctl(cluster.path(),
        { QStringLiteral("maintenance"), QStringLiteral("on"), QStringLiteral("--reason"),
            QStringLiteral("kernel update") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const ControlNote note = noteIn(file);
    QCOMPARE(note.who, currentActor());
    QCOMPARE(note.why, QStringLiteral("kernel update"));
    QVERIFY(QDateTime::fromString(note.when, Qt::ISODateWithMs).isValid());
    QVERIFY2(run.out.contains(QStringLiteral("ON since %1 by %2: kernel update").arg(note.when, note.who)),
        qPrintable(run.describe()));

    run = ctl(cluster.path(), { QStringLiteral("maintenance") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(
        run.out.trimmed(), QStringLiteral("maintenance: ON since %1 by %2: kernel update").arg(note.when, note.who));

    const QByteArray before = contents(file);
    run = ctl(cluster.path(),
        { QStringLiteral("maintenance"), QStringLiteral("on"), QStringLiteral("--reason"), QStringLiteral("again") });
    QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("already ON")), qPrintable(run.describe()));
    QCOMPARE(contents(file), before);

    run = ctl(cluster.path(),
        { QStringLiteral("maintenance"), QStringLiteral("off"), QStringLiteral("--reason"), QStringLiteral("done") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(!QFileInfo::exists(file));
    run = ctl(cluster.path(), { QStringLiteral("maintenance"), QStringLiteral("off") });
    QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("already off")), qPrintable(run.describe()));

    const QList<HistoryEvent> events = ownHistory(cluster.path());
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).event, QLatin1String(historyevents::MaintenanceOn));
    QCOMPARE(events.at(0).time, note.when);
    QCOMPARE(events.at(0).detail, QStringLiteral("kernel update"));
    QCOMPARE(events.at(0).writer, currentActor());
    QCOMPARE(events.at(1).event, QLatin1String(historyevents::MaintenanceOff));
    QVERIFY2(events.at(1).detail.startsWith(QStringLiteral("done (it was ON since ")), qPrintable(events.at(1).detail));
    QCOMPARE(events.at(0).seq, quint64(1));
    QCOMPARE(events.at(1).seq, quint64(2)); // a later run continues the writer's seq
}

void TestCtlCommands::maintenanceBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("names");
    QTest::newRow("on without reason") << QStringList { QStringLiteral("on") } << QStringLiteral("--reason TEXT");
    QTest::newRow("empty reason") << QStringList { QStringLiteral("on"), QStringLiteral("--reason"),
        QStringLiteral(" ") } << QStringLiteral("--reason TEXT");
    QTest::newRow("neither on nor off") << QStringList { QStringLiteral("sideways") } << QStringLiteral("\"sideways\"");
    QTest::newRow("two actions") << QStringList { QStringLiteral("on"), QStringLiteral("off") }
                                 << QStringLiteral("\"off\"");
    QTest::newRow("reason without action")
        << QStringList { QStringLiteral("--reason"), QStringLiteral("x") } << QStringLiteral("--reason");
}

void TestCtlCommands::maintenanceBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, names);
    ClusterFixture cluster;
    const CtlProcess run = ctl(cluster.path(), QStringList { QStringLiteral("maintenance") } + arguments);
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(names), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("Usage: hacmpctl [--dir DIR | --config FILE] maintenance")),
        qPrintable(run.describe()));
    QVERIFY(!QFileInfo::exists(cluster.path() + QStringLiteral("/maintenance")));
}

void TestCtlCommands::standbyOnAndOff()
{
    ClusterFixture cluster;
    QVERIFY(cluster.writeRecord(QStringLiteral("b")));
    const QString file = cluster.path() + QStringLiteral("/standby/b");

    CtlProcess run = ctl(cluster.path(),
        { QStringLiteral("standby"), QStringLiteral("b"), QStringLiteral("on"), QStringLiteral("--reason"),
            QStringLiteral("disk swap") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
    const ControlNote note = noteIn(file);
    QCOMPARE(note.who, currentActor());
    QCOMPARE(note.why, QStringLiteral("disk swap"));
    QVERIFY2(run.out.contains(QStringLiteral("will not become master")), qPrintable(run.describe()));

    run = ctl(cluster.path(), { QStringLiteral("standby"), QStringLiteral("b"), QStringLiteral("on") });
    QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("already on")), qPrintable(run.describe()));

    run = ctl(cluster.path(), { QStringLiteral("standby"), QStringLiteral("b"), QStringLiteral("off") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(!QFileInfo::exists(file));
    run = ctl(cluster.path(), { QStringLiteral("standby"), QStringLiteral("b"), QStringLiteral("off") });
    QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("already off")), qPrintable(run.describe()));

    const QList<HistoryEvent> events = ownHistory(cluster.path());
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).event, QLatin1String(historyevents::StandbyOn));
    QCOMPARE(events.at(0).node, QStringLiteral("b"));
    QCOMPARE(events.at(0).detail, QStringLiteral("disk swap"));
    QCOMPARE(events.at(0).time, note.when);
    QCOMPARE(events.at(1).event, QLatin1String(historyevents::StandbyOff));
    QCOMPARE(events.at(1).detail, QStringLiteral("no reason given"));
}

void TestCtlCommands::standbyWarnsAboutAnUnknownNode()
{
    ClusterFixture cluster;
    QVERIFY(cluster.writeRecord(QStringLiteral("alpha")));
    const CtlProcess run
        = ctl(cluster.path(), { QStringLiteral("standby"), QStringLiteral("alpah"), QStringLiteral("on") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("warning")) && run.err.contains(QStringLiteral("alpah"))
            && run.err.contains(QStringLiteral("known nodes: alpha")),
        qPrintable(run.describe()));
    QVERIFY(QFileInfo::exists(cluster.path() + QStringLiteral("/standby/alpah")));
}

void TestCtlCommands::standbyBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("names");
    QTest::newRow("nothing") << QStringList {} << QStringLiteral("NODE");
    QTest::newRow("no action") << QStringList { QStringLiteral("b") } << QStringLiteral("on|off");
    QTest::newRow("bad node") << QStringList { QStringLiteral("../b"), QStringLiteral("on") }
                              << QStringLiteral("'../b'");
    QTest::newRow("bad action") << QStringList { QStringLiteral("b"), QStringLiteral("maybe") }
                                << QStringLiteral("\"maybe\"");
    QTest::newRow("extra") << QStringList { QStringLiteral("b"), QStringLiteral("on"), QStringLiteral("now") }
                           << QStringLiteral("\"now\"");
}

void TestCtlCommands::standbyBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, names);
    ClusterFixture cluster;
    const CtlProcess run = ctl(cluster.path(), QStringList { QStringLiteral("standby") } + arguments);
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(names), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("Usage: hacmpctl [--dir DIR | --config FILE] standby NODE on|off")),
        qPrintable(run.describe()));
    QVERIFY(QDir(cluster.path() + QStringLiteral("/standby")).isEmpty());
}

void TestCtlCommands::clearWritesTheRequest()
{
    ClusterFixture cluster;
    QVERIFY(cluster.writeRecord(QStringLiteral("b")));
    const CtlProcess run = ctl(cluster.path(),
        { QStringLiteral("clear"), QStringLiteral("b"), QStringLiteral("--reason"), QStringLiteral("disk replaced") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("clear/b")), qPrintable(run.describe()));
    const ControlNote note = noteIn(cluster.path() + QStringLiteral("/clear/b"));
    QCOMPARE(note.who, currentActor());
    QCOMPARE(note.why, QStringLiteral("disk replaced"));
    const QList<HistoryEvent> events = ownHistory(cluster.path());
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).event, QLatin1String(historyevents::ClearFailures));
    QCOMPARE(events.at(0).node, QStringLiteral("b"));
    QCOMPARE(events.at(0).time, note.when);
}

void TestCtlCommands::clearWithoutTheFolderSaysHowToAddIt()
{
    ClusterFixture cluster;
    QVERIFY(QDir(cluster.path()).rmdir(QStringLiteral("clear")));
    const CtlProcess run = ctl(cluster.path(), { QStringLiteral("clear"), QStringLiteral("b") });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("hacmpctl init --dir %1 --cluster demo").arg(cluster.path())),
        qPrintable(run.describe()));
    QVERIFY(ownHistory(cluster.path()).isEmpty());
}

void TestCtlCommands::clearBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("names");
    QTest::newRow("no node") << QStringList {} << QStringLiteral("NODE");
    QTest::newRow("bad node") << QStringList { QStringLiteral("-") } << QStringLiteral("'-'");
    QTest::newRow("two nodes") << QStringList { QStringLiteral("a"), QStringLiteral("b") } << QStringLiteral("\"b\"");
}

void TestCtlCommands::clearBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, names);
    ClusterFixture cluster;
    const CtlProcess run = ctl(cluster.path(), QStringList { QStringLiteral("clear") } + arguments);
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(names), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("Usage: hacmpctl [--dir DIR | --config FILE] clear NODE")),
        qPrintable(run.describe()));
}

void TestCtlCommands::checkConfigAcceptsAValidFile()
{
    QTemporaryDir temp;
    const QString path = writeConfig(temp, QStringLiteral("interval = 250ms"));
    const CtlProcess run = CtlProcess::run(kCtl, { QStringLiteral("check-config"), path });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith(path + QStringLiteral(": OK")), qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("cluster prod at /srv/hacmp; node alpha")), qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("interval 250ms")), qPrintable(run.describe()));
}

void TestCtlCommands::checkConfigPrintsEachError()
{
    QTemporaryDir temp;
    // T2 broken (renew_limit not below failover_timeout) and a misspelt key.
    const QString path = writeConfig(temp, QStringLiteral("renew_limit = 20s\nfailover_timout = 10s"));
    const CtlProcess run = CtlProcess::run(kCtl, { QStringLiteral("check-config"), path });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("failover_timout")), qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("T2")), qPrintable(run.describe()));
    for (const QString &line : run.out.trimmed().split(QLatin1Char('\n')))
        QVERIFY2(line.startsWith(path + QLatin1Char(':')), qPrintable(line));
    QVERIFY2(run.err.contains(QStringLiteral("error(s)")), qPrintable(run.describe()));

    const CtlProcess missing
        = CtlProcess::run(kCtl, { QStringLiteral("check-config"), temp.path() + QStringLiteral("/none.conf") });
    QVERIFY2(missing.exitCode == 1, qPrintable(missing.describe()));
    QVERIFY2(missing.out.contains(QStringLiteral("none.conf")), qPrintable(missing.describe()));
}

void TestCtlCommands::etcdConfigurationIsCheckedAndUsed()
{
    QTemporaryDir temp;
    const QString path = temp.path() + QStringLiteral("/agent.conf");
    const auto write = [&](const QByteArray &timing) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        // Port 1 of the loopback refuses every connection: an etcd cluster that cannot be reached.
        file.write("[cluster]\nbackend = etcd\nendpoints = http://127.0.0.1:1\nname = prod\n[node]\nname = alpha\n"
                   "[application]\nstart = /usr/bin/app --serve\n[timing]\n"
            + timing);
    };
    write("");
    const CtlProcess check = CtlProcess::run(kCtl, { QStringLiteral("check-config"), path });
    QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
    QVERIFY2(check.out.contains(QStringLiteral("cluster prod at etcd http://127.0.0.1:1, prefix /hacmp/prod/")),
        qPrintable(check.describe()));
    QVERIFY2(check.out.contains(QStringLiteral("election_timeout 1s, so io_timeout 2s must be at least 1.5s")),
        qPrintable(check.describe()));

    // The etcd timing rule: io_timeout below election_timeout + 500 ms is refused, naming both keys.
    write("io_timeout = 1s\ninterval = 250ms\n");
    const CtlProcess refused = CtlProcess::run(kCtl, { QStringLiteral("check-config"), path });
    QVERIFY2(refused.exitCode == 1, qPrintable(refused.describe()));
    QVERIFY2(refused.out.contains(QStringLiteral("[timing] io_timeout = 1s is shorter than [cluster] "
                                                 "election_timeout (1s) + 500ms")),
        qPrintable(refused.describe()));

    // Every other command opens the etcd store of the configuration: unreachable is exit status 3, naming
    // the endpoint.
    write("");
    const CtlProcess status = CtlProcess::run(kCtl,
        { QStringLiteral("--config"), path, QStringLiteral("--io-timeout"), QStringLiteral("1"),
            QStringLiteral("status") });
    QVERIFY2(status.exitCode == 3, qPrintable(status.describe()));
    QVERIFY2(status.out.contains(QStringLiteral("127.0.0.1:1")) || status.err.contains(QStringLiteral("127.0.0.1:1")),
        qPrintable(status.describe()));
}

void TestCtlCommands::checkConfigBadArguments()
{
    CtlProcess run = CtlProcess::run(kCtl, { QStringLiteral("check-config") });
    QVERIFY2(run.exitCode == 2 && run.err.contains(QStringLiteral("FILE")), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("Usage: hacmpctl check-config FILE")), qPrintable(run.describe()));
    run = CtlProcess::run(kCtl, { QStringLiteral("check-config"), QStringLiteral("a"), QStringLiteral("b") });
    QVERIFY2(run.exitCode == 2 && run.err.contains(QStringLiteral("\"b\"")), qPrintable(run.describe()));
}

void TestCtlCommands::writesNeedAReachableCluster_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("maintenance on") << QStringList { QStringLiteral("maintenance"), QStringLiteral("on"),
        QStringLiteral("--reason"), QStringLiteral("x") };
    QTest::newRow("standby") << QStringList { QStringLiteral("standby"), QStringLiteral("b"), QStringLiteral("on") };
    QTest::newRow("clear") << QStringList { QStringLiteral("clear"), QStringLiteral("b") };
    QTest::newRow("switchover") << QStringList { QStringLiteral("switchover") };
    QTest::newRow("history") << QStringList { QStringLiteral("history") };
}

void TestCtlCommands::writesNeedAReachableCluster()
{
    QFETCH(QStringList, arguments);
    QTemporaryDir temp;
    const QString missing = temp.path() + QStringLiteral("/gone");
    CtlProcess run = ctl(missing, arguments);
    QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(missing), qPrintable(run.describe()));
    run = ctl(temp.path(), arguments); // an empty folder, such as an unmounted mount point
    QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("hacmpctl init")), qPrintable(run.describe()));
    QVERIFY(QDir(temp.path()).isEmpty());
}

void TestCtlCommands::everyCommandHasHelp_data()
{
    QTest::addColumn<QString>("command");
    for (const char *name :
        { "init", "status", "maintenance", "standby", "switchover", "clear", "history", "check-config" })
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestCtlCommands::everyCommandHasHelp()
{
    QFETCH(QString, command);
    const CtlProcess run = CtlProcess::run(kCtl, { command, QStringLiteral("--help") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith(QStringLiteral("Usage: hacmpctl ")), qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QLatin1Char(' ') + command), qPrintable(run.describe()));
    const CtlProcess listed = CtlProcess::run(kCtl, { QStringLiteral("--help") });
    QVERIFY2(listed.out.contains(QStringLiteral("  ") + command + QLatin1Char(' ')), qPrintable(listed.describe()));
}

QTEST_GUILESS_MAIN(TestCtlCommands)
#include "tst_ctlcommands.moc"
