#include "shared/config/duration.h"
#include "shared/history/actor.h"
#include "shared/history/historyevent.h"
#include "shared/storage/controlfiles.h"
#include "tests/support/clusterfixture.h"
#include "tests/support/ctlprocess.h"
#include "tests/support/recordpulse.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace hacmp;
using hacmp::test::ClusterFixture;
using hacmp::test::CtlProcess;
using hacmp::test::RecordPulse;

namespace {

const QString kCtl = QStringLiteral(HACMP_BIN_DIR "/hacmpctl");

/// What the simulated master does with a switchover request.
enum class Response { HandOver, Refuse, Ignore };

/// Three simulated agents on a ClusterFixture: a is master of epoch 7 running the application, b and c
/// are eligible standbys (priority 90 and 80). Every 100 ms each writes its record (alive), and a acts on
/// a switchover request addressed to it the way docs/protocol.md H1/H2 says, one step per tick: stop the
/// application, become standby with a handover, then the target claims and starts the application.
class SimulatedAgents final
{
public:
    SimulatedAgents(ClusterFixture &cluster, Response response)
        : m_cluster(cluster)
        , m_response(response)
    {
        HeartbeatRecord &a = cluster.record(QStringLiteral("a"));
        a.state = Role::Master;
        a.epoch = 7;
        a.started = 7;
        a.app = AppStatus { AppState::Running, 4242, utcNowIso(), {} };
        cluster.record(QStringLiteral("b")).priority = 90;
        cluster.record(QStringLiteral("c")).priority = 80;
        m_timer.setInterval(100);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { tick(); });
    }

    void start()
    {
        tick();
        m_timer.start();
    }
    /// Nodes whose record is no longer written (stale).
    void freeze(const QString &node) { m_frozen << node; }

    const std::optional<SwitchoverRequest> &request() const { return m_request; }
    const QString &error() const { return m_error; }

private:
    void tick()
    {
        act();
        for (const QString &node : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }) {
            if (m_frozen.contains(node))
                continue;
            note(m_cluster.writeRecord(node));
        }
    }

    void note(const Status &status)
    {
        if (!status && m_error.isEmpty())
            m_error = status.error();
    }

    void act()
    {
        HeartbeatRecord &master = m_cluster.record(QStringLiteral("a"));
        if (!m_request) {
            const SwitchoverRead read = ControlFiles(m_cluster.directory()).switchover();
            if (!read.request || read.request->epoch != master.epoch)
                return;
            m_request = read.request;
            if (m_response == Response::Ignore)
                return;
            note(ControlFiles(m_cluster.directory()).clearSwitchover());
            if (m_response == Response::Refuse) {
                note(m_cluster.appendHistory(QStringLiteral("a"),
                    { HistoryEvent { {}, {}, 0, 7, QLatin1String(historyevents::SwitchoverRefused), QStringLiteral("a"),
                        QStringLiteral("target %1 is not an alive, eligible standby").arg(m_request->target) } }));
                return;
            }
        }
        if (m_response != Response::HandOver)
            return;
        HeartbeatRecord &target = m_cluster.record(m_request->target);
        switch (m_step++) {
        case 0:
            master.state = Role::Stopping;
            master.app.state = AppState::Stopping;
            break;
        case 1:
            master.state = Role::Standby;
            master.app = {};
            master.handover = Handover { m_request->target, 7 };
            break;
        case 2:
            target.state = Role::Master;
            target.epoch = 8;
            target.started = 8;
            target.app = AppStatus { AppState::Starting, 0, {}, {} };
            break;
        case 3:
            target.app = AppStatus { AppState::Running, 5555, utcNowIso(), {} };
            break;
        default:
            break;
        }
    }

    ClusterFixture &m_cluster;
    Response m_response;
    QTimer m_timer;
    QStringList m_frozen;
    std::optional<SwitchoverRequest> m_request;
    int m_step = 0;
    QString m_error;
};

/// A configuration with the fast timing profile, so that the watch and the refusal grace are short.
QString writeConfig(const QTemporaryDir &temp, const QString &directory)
{
    const QString path = temp.path() + QStringLiteral("/agent.conf");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(QStringLiteral("[cluster]\ndirectory = %1\nname = demo\n[node]\nname = a\n[timing]\ninterval = 250ms\n"
                              "io_timeout = 500ms\nfailover_timeout = 2s\nrenew_limit = 1s\nstop_grace = 500ms\n"
                              "[application]\nstart = /bin/true\n")
                   .arg(directory)
                   .toUtf8());
    return path;
}

QList<HistoryEvent> ownHistory(ClusterFixture &cluster)
{
    const FileRead read = cluster.directory().readFile(historyFilePath(currentActor()), 1 << 20);
    return parseHistoryLines(read.bytes, 0, 1, QStringLiteral("own")).events;
}

} // namespace

/// hacmpctl switchover against simulated agents that rewrite their records the way real ones do (the
/// switchover against real agents is an integration test of the agent).
class TestCtlSwitchover final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void movesToTheBestStandbyAndMeasuresTheDowntime();
    void movesToTheNamedNode();
    void refusalIsReportedWithTheMastersReason();
    void timeoutWithdrawsTheRequest();
    void needsALiveMaster();
    void unsuitableTargets_data();
    void unsuitableTargets();
    void theMasterItselfIsNothingToDo();
    void refusedInMaintenance();
    void aPendingRequestIsNotReplaced();
    void badArguments_data();
    void badArguments();

private:
    CtlProcess switchover(const QStringList &arguments)
    {
        return CtlProcess::run(
            kCtl, QStringList { QStringLiteral("--config"), m_config, QStringLiteral("switchover") } + arguments);
    }

    std::unique_ptr<QTemporaryDir> m_temp;
    std::unique_ptr<ClusterFixture> m_cluster;
    QString m_config;
};

void TestCtlSwitchover::initTestCase()
{
    QVERIFY2(QFileInfo::exists(kCtl), qPrintable(kCtl));
}

void TestCtlSwitchover::init()
{
    m_cluster = std::make_unique<ClusterFixture>();
    QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
    m_temp = std::make_unique<QTemporaryDir>();
    m_config = writeConfig(*m_temp, m_cluster->path());
    QVERIFY(!m_config.isEmpty());
}

void TestCtlSwitchover::cleanup()
{
    m_cluster.reset();
    m_temp.reset();
}

void TestCtlSwitchover::movesToTheBestStandbyAndMeasuresTheDowntime()
{
    SimulatedAgents agents(*m_cluster, Response::HandOver);
    agents.start();
    const CtlProcess run = switchover({ QStringLiteral("--timeout"), QStringLiteral("10"), QStringLiteral("--reason"),
        QStringLiteral("patching a") });
    QVERIFY2(agents.error().isEmpty(), qPrintable(agents.error()));
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith(QStringLiteral("switchover requested: a (epoch 7) -> b; waiting up to 10s")),
        qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("switchover done: b is master (epoch 8) with the application running "
                                             "(pid 5555)")),
        qPrintable(run.describe()));

    // The downtime spans the ticks from a's application leaving 'running' (step 0) to b's reaching it (step 3).
    const QRegularExpressionMatch match
        = QRegularExpression(QStringLiteral("downtime: (\\S+) as observed from this host")).match(run.out);
    QVERIFY2(match.hasMatch(), qPrintable(run.describe()));
    const Result<Millis> downtime = parseDuration(match.captured(1));
    QVERIFY2(downtime.ok(), qPrintable(run.describe()));
    QVERIFY2(downtime->count() >= 100 && downtime->count() <= 3000, qPrintable(run.describe()));

    QVERIFY(agents.request().has_value());
    QCOMPARE(agents.request()->target, QStringLiteral("b"));
    QCOMPARE(agents.request()->epoch, quint64(7));
    QCOMPARE(agents.request()->who, currentActor());
    const QList<HistoryEvent> events = ownHistory(*m_cluster);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).event, QLatin1String(historyevents::SwitchoverRequested));
    QCOMPARE(events.at(0).node, QStringLiteral("b"));
    QCOMPARE(events.at(0).epoch, quint64(7));
    QCOMPARE(events.at(0).time, agents.request()->when);
    QCOMPARE(events.at(0).detail, QStringLiteral("from a (epoch 7) to b: patching a"));
}

void TestCtlSwitchover::movesToTheNamedNode()
{
    SimulatedAgents agents(*m_cluster, Response::HandOver);
    agents.start();
    const CtlProcess run = switchover({ QStringLiteral("c") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("switchover done: c is master (epoch 8)")), qPrintable(run.describe()));
    QCOMPARE(agents.request()->target, QStringLiteral("c"));
}

void TestCtlSwitchover::refusalIsReportedWithTheMastersReason()
{
    SimulatedAgents agents(*m_cluster, Response::Refuse);
    agents.start();
    const CtlProcess run = switchover({ QStringLiteral("b") });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("a refused the switchover: target b is not an alive, eligible standby")),
        qPrintable(run.describe()));
    QVERIFY2(run.elapsedMs < 8000, qPrintable(run.describe())); // not the 60 s default timeout
}

void TestCtlSwitchover::timeoutWithdrawsTheRequest()
{
    SimulatedAgents agents(*m_cluster, Response::Ignore);
    agents.start();
    const CtlProcess run = switchover({ QStringLiteral("--timeout"), QStringLiteral("1") });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("switchover not finished within 1s: a is master (epoch 7), application "
                                             "running; b is standby (epoch 0), application stopped; the request was "
                                             "withdrawn")),
        qPrintable(run.describe()));
    QVERIFY(agents.request().has_value());
    QCOMPARE(ControlFiles(m_cluster->directory()).switchover().presence, Presence::Absent);
    const QList<HistoryEvent> events = ownHistory(*m_cluster);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(1).event, QLatin1String(historyevents::SwitchoverRefused));
    QVERIFY2(events.at(1).detail.startsWith(QStringLiteral("withdrawn by ")), qPrintable(events.at(1).detail));
}

void TestCtlSwitchover::needsALiveMaster()
{
    SimulatedAgents agents(*m_cluster, Response::HandOver);
    agents.freeze(QStringLiteral("a"));
    agents.start();
    const CtlProcess run = switchover({});
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("no live master")), qPrintable(run.describe()));
    QCOMPARE(ControlFiles(m_cluster->directory()).switchover().presence, Presence::Absent);
    QVERIFY(ownHistory(*m_cluster).isEmpty());
}

void TestCtlSwitchover::unsuitableTargets_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("says");
    QTest::newRow("stale") << QStringLiteral("stale") << QStringLiteral("b shows no change in");
    QTest::newRow("not eligible") << QStringLiteral("ineligible") << QStringLiteral("hacmpctl clear b");
    QTest::newRow("standby flag") << QStringLiteral("flagged") << QStringLiteral("hacmpctl standby b off");
    QTest::newRow("fenced") << QStringLiteral("fenced") << QStringLiteral("b is fenced, not standby");
    QTest::newRow("no such node") << QStringLiteral("missing") << QStringLiteral("x has no readable record");
}

void TestCtlSwitchover::unsuitableTargets()
{
    QFETCH(QString, problem);
    QFETCH(QString, says);
    SimulatedAgents agents(*m_cluster, Response::HandOver);
    HeartbeatRecord &b = m_cluster->record(QStringLiteral("b"));
    QString target = QStringLiteral("b");
    if (problem == QLatin1String("stale")) {
        QVERIFY(m_cluster->writeRecord(QStringLiteral("b")));
        agents.freeze(QStringLiteral("b"));
    } else if (problem == QLatin1String("ineligible")) {
        b.eligible = false;
    } else if (problem == QLatin1String("flagged")) {
        QVERIFY(m_cluster->setStandby(QStringLiteral("b"), QStringLiteral("bob@ops"), QStringLiteral("disk")));
    } else if (problem == QLatin1String("fenced")) {
        b.state = Role::Fenced;
    } else {
        target = QStringLiteral("x");
    }
    agents.start();
    const CtlProcess run = switchover({ target });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("cannot switch over to %1: ").arg(target)), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(says), qPrintable(run.describe()));
    QVERIFY(!agents.request().has_value());
    QCOMPARE(ControlFiles(m_cluster->directory()).switchover().presence, Presence::Absent);
}

void TestCtlSwitchover::theMasterItselfIsNothingToDo()
{
    SimulatedAgents agents(*m_cluster, Response::HandOver);
    agents.start();
    const CtlProcess run = switchover({ QStringLiteral("a") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(
        run.out.contains(QStringLiteral("a is already master (epoch 7); nothing to do")), qPrintable(run.describe()));
    QCOMPARE(ControlFiles(m_cluster->directory()).switchover().presence, Presence::Absent);
}

void TestCtlSwitchover::refusedInMaintenance()
{
    SimulatedAgents agents(*m_cluster, Response::HandOver);
    QVERIFY(m_cluster->setMaintenance(QStringLiteral("alice@ops"), QStringLiteral("backup")));
    agents.start();
    const CtlProcess run = switchover({});
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("maintenance")) && run.err.contains(QStringLiteral("alice@ops")),
        qPrintable(run.describe()));
    QCOMPARE(ControlFiles(m_cluster->directory()).switchover().presence, Presence::Absent);
}

void TestCtlSwitchover::aPendingRequestIsNotReplaced()
{
    SimulatedAgents agents(*m_cluster, Response::HandOver);
    const SwitchoverRequest pending { QStringLiteral("c"), 7, QStringLiteral("bob@ops"), utcNowIso() };
    QVERIFY(ControlFiles(m_cluster->directory()).requestSwitchover(pending));
    // Write the records without letting a act on the pending request.
    RecordPulse pulse(*m_cluster);
    for (const QString &node : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") })
        pulse.add(node);
    const CtlProcess run = switchover({ QStringLiteral("b") });
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("a switchover to c is already pending (by bob@ops")),
        qPrintable(run.describe()));
    QCOMPARE(ControlFiles(m_cluster->directory()).switchover().request, std::optional<SwitchoverRequest>(pending));
}

void TestCtlSwitchover::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("names");
    QTest::newRow("two nodes") << QStringList { QStringLiteral("b"), QStringLiteral("c") } << QStringLiteral("\"c\"");
    QTest::newRow("bad node") << QStringList { QStringLiteral("b c") } << QStringLiteral("'b c'");
    QTest::newRow("bad timeout") << QStringList { QStringLiteral("--timeout"), QStringLiteral("later") }
                                 << QStringLiteral("--timeout \"later\"");
}

void TestCtlSwitchover::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, names);
    const CtlProcess run = switchover(arguments);
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(names), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("Usage: hacmpctl [--dir DIR | --config FILE] switchover [NODE]")),
        qPrintable(run.describe()));
}

QTEST_GUILESS_MAIN(TestCtlSwitchover)
#include "tst_ctlswitchover.moc"
