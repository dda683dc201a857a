// The real hacmpctl against a live cluster of three real agents (issue 4: "switchover against real
// agents"): switchover to a named node and to the best standby, a refused switchover, and the exit codes
// of status as monitoring sees them. The applications' ledgers are the oracle: zero overlap throughout.

#include "tests/support/agentrig.h"
#include "tests/support/ctlprocess.h"
#include "tests/support/prerequisite.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

using namespace hacmp;

namespace {

using hacmp::test::AgentRig;
using hacmp::test::CtlProcess;
using hacmp::test::Instance;

QString ctlPath()
{
    return QStringLiteral(HACMP_BIN_DIR "/hacmpctl");
}

} // namespace

class TestCtlAgents final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void switchoverToNamedNode();
    void switchoverToBestStandby();
    void switchoverToFlaggedNodeIsRefused();
    void statusExitCodes();
    void runAndStopAppInMaintenance();

private:
    /// a (priority 100) runs the application; b (120) and c (150) are settled standbys. With ownHosts,
    /// each agent runs as if on a host of its own (its own /etc/machine-id in a mount namespace).
    void startThree(AgentRig &rig, Instance &master, bool ownHosts = false);
    /// Runs hacmpctl with the configuration of node a.
    CtlProcess ctl(AgentRig &rig, const QStringList &arguments);
    /// Runs `switchover [target]` and checks its report against the ledger: the application moved from
    /// old to expected in a higher epoch, with zero overlap.
    void expectSwitchover(AgentRig &rig, const Instance &old, const QString &target, const QString &expected);
};

void TestCtlAgents::initTestCase()
{
    for (const QString &program : { AgentRig::agentPath(), AgentRig::guardPath(), AgentRig::testAppPath(), ctlPath() })
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QStringLiteral(" is not built")));
}

void TestCtlAgents::startThree(AgentRig &rig, Instance &master, bool ownHosts)
{
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    QMap<QString, QString> hostIds;
    for (const auto &[node, priority] : { std::pair { QStringLiteral("a"), 100 },
             std::pair { QStringLiteral("b"), 120 }, std::pair { QStringLiteral("c"), 150 } }) {
        rig.addNode(node);
        rig.editConfig(node, QStringLiteral("[node]\n"), QStringLiteral("[node]\npriority = %1\n").arg(priority));
        if (ownHosts)
            hostIds[node] = rig.ownHostId(node);
    }
    QVERIFY(rig.start(QStringLiteral("a"), {}, hostIds.value(QStringLiteral("a"))));
    WAIT_FOR_ONE_RUNNING(rig, running, 10000);
    master = running;
    QVERIFY(rig.start(QStringLiteral("b"), {}, hostIds.value(QStringLiteral("b"))));
    QVERIFY(rig.start(QStringLiteral("c"), {}, hostIds.value(QStringLiteral("c"))));
    QTest::qWait(int(rig.timing().failoverTimeout.count()) + 300); // both are standbys by now
}

CtlProcess TestCtlAgents::ctl(AgentRig &rig, const QStringList &arguments)
{
    return CtlProcess::run(
        ctlPath(), QStringList { QStringLiteral("--config"), rig.configPath(QStringLiteral("a")) } + arguments);
}

void TestCtlAgents::expectSwitchover(AgentRig &rig, const Instance &old, const QString &target, const QString &expected)
{
    QStringList arguments { QStringLiteral("switchover") };
    if (!target.isEmpty())
        arguments << target;
    arguments << QStringLiteral("--timeout") << QStringLiteral("10");
    const CtlProcess run = ctl(rig, arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe() + rig.logs()));
    static const QRegularExpression done(QStringLiteral(
        "switchover done: (\\S+) is master \\(epoch (\\d+)\\) with the application running \\(pid (\\d+)\\)"));
    static const QRegularExpression downtime(QStringLiteral("downtime: (\\S+) as observed"));
    const QRegularExpressionMatch reported = done.match(run.out);
    QVERIFY2(reported.hasMatch(), qPrintable(run.describe()));
    QCOMPARE(reported.captured(1), expected);
    QVERIFY2(downtime.match(run.out).hasMatch(), qPrintable(run.describe()));

    QTRY_VERIFY2_WITH_TIMEOUT(!rig.ledger().on(expected).isEmpty(), qPrintable(rig.logs()), 2000);
    const Instance next = rig.ledger().on(expected).last();
    QCOMPARE(next.epoch, reported.captured(2).toULongLong());
    QCOMPARE(next.pid, reported.captured(3).toLongLong());
    QVERIFY(next.epoch > old.epoch);
    const Instance ended = rig.ledger().on(old.node).last();
    QVERIFY(ended.stopped); // stopped cleanly by its agent (R5), not killed at a deadline
    VERIFY_SAFE(rig);
    QTest::qWait(500);
    QCOMPARE(rig.ledger().running().size(), 1);
    QCOMPARE(rig.ledger().running().first().pid, next.pid);
    QCOMPARE(rig.controls().switchover().presence, Presence::Absent);
    qInfo("hacmpctl switchover %s: %s -> %s in %lld ms; hacmpctl reported a downtime of %s, the ledgers show %lld ms",
        qPrintable(target.isEmpty() ? QStringLiteral("(best standby)") : target), qPrintable(old.node),
        qPrintable(expected), run.elapsedMs, qPrintable(downtime.match(run.out).captured(1)), next.start - ended.last);
}

void TestCtlAgents::switchoverToNamedNode()
{
    AgentRig rig;
    Instance old;
    startThree(rig, old);
    if (QTest::currentTestFailed())
        return;
    expectSwitchover(rig, old, QStringLiteral("b"), QStringLiteral("b"));
}

void TestCtlAgents::switchoverToBestStandby()
{
    AgentRig rig;
    Instance old;
    startThree(rig, old);
    if (QTest::currentTestFailed())
        return;
    expectSwitchover(rig, old, QString(), QStringLiteral("c")); // the highest priority
}

void TestCtlAgents::switchoverToFlaggedNodeIsRefused()
{
    AgentRig rig;
    Instance old;
    startThree(rig, old);
    if (QTest::currentTestFailed())
        return;
    const CtlProcess flagged = ctl(rig,
        { QStringLiteral("standby"), QStringLiteral("c"), QStringLiteral("on"), QStringLiteral("--reason"),
            QStringLiteral("itest") });
    QVERIFY2(flagged.exitCode == 0, qPrintable(flagged.describe()));
    const CtlProcess refused = ctl(
        rig, { QStringLiteral("switchover"), QStringLiteral("c"), QStringLiteral("--timeout"), QStringLiteral("10") });
    QVERIFY2(refused.exitCode == 1, qPrintable(refused.describe())); // hacmpctl(1): the operation failed
    QVERIFY2(refused.err.contains(QLatin1String("cannot switch over to c: c has the standby flag set"))
            && refused.err.contains(QLatin1String("hacmpctl standby c off")),
        qPrintable(refused.describe()));
    QCOMPARE(rig.controls().switchover().presence, Presence::Absent); // nothing was requested
    QTest::qWait(500);
    QCOMPARE(rig.ledger().instances.size(), 1); // the application stays where it is
    QCOMPARE(rig.ledger().running().size(), 1);
    QCOMPARE(rig.ledger().running().first().pid, old.pid);
    VERIFY_SAFE(rig);
}

void TestCtlAgents::statusExitCodes()
{
    // Three agents sharing this machine's machine-id are a CONFLICT to status (a cloned host): each gets its own.
    if (const QString reason = AgentRig::ownHostSkipReason(); !reason.isEmpty())
        HACMP_MISSING_PREREQUISITE(reason);
    AgentRig rig;
    Instance master;
    startThree(rig, master, true);
    if (QTest::currentTestFailed())
        return;
    const QStringList status { QStringLiteral("status") };
    CtlProcess run = ctl(rig, status);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.firstLine().startsWith(QLatin1String("OK: a is master")), qPrintable(run.describe()));

    run = ctl(rig,
        { QStringLiteral("maintenance"), QStringLiteral("on"), QStringLiteral("--reason"), QStringLiteral("itest") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    run = ctl(rig, status);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.firstLine().startsWith(QLatin1String("MAINTENANCE")), qPrintable(run.describe()));
    run = ctl(rig, { QStringLiteral("maintenance"), QStringLiteral("off") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QTRY_VERIFY_WITH_TIMEOUT(ctl(rig, status).firstLine().startsWith(QLatin1String("OK: a is master")), 5000);

    // a standby's agent dies: its record goes stale
    rig.signal(QStringLiteral("b"), SIGKILL);
    QVERIFY(rig.finished(QStringLiteral("b"), 5000));
    run = ctl(rig, status);
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.firstLine().startsWith(QLatin1String("DEGRADED")) && run.firstLine().contains(QLatin1String("b")),
        qPrintable(run.describe()));
    QCOMPARE(rig.ledger().instances.size(), 1);
    QCOMPARE(rig.ledger().running().first().pid, master.pid);
    VERIFY_SAFE(rig);
}

void TestCtlAgents::runAndStopAppInMaintenance()
{
    // The operator's maintenance of the application itself (issue 13, docs/protocol.md M-c): stop it on the master,
    // upgrade, start it by hand under its guard to check it, end maintenance. One instance at a time throughout,
    // the same epoch, and no restart when maintenance ends.
    AgentRig rig;
    Instance old;
    startThree(rig, old);
    if (QTest::currentTestFailed())
        return;
    const QStringList run { QStringLiteral("run"), QStringLiteral("--wait"), QStringLiteral("10") };
    const QStringList stop { QStringLiteral("stop-app"), QStringLiteral("--reason"), QStringLiteral("upgrade"),
        QStringLiteral("--wait"), QStringLiteral("10") };

    CtlProcess result = ctl(rig, run);
    QVERIFY2(result.exitCode == 1 && result.err.contains(QLatin1String("not in maintenance")),
        qPrintable(result.describe()));
    QCOMPARE(rig.controls().appRequest(QStringLiteral("a")).presence, Presence::Absent); // nothing was asked

    result = ctl(rig,
        { QStringLiteral("maintenance"), QStringLiteral("on"), QStringLiteral("--reason"), QStringLiteral("itest") });
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QTest::qWait(int(2 * rig.timing().interval.count()));

    result = ctl(rig, stop); // node a: the node of the configuration hacmpctl reads
    QVERIFY2(result.exitCode == 0 && result.out.contains(QLatin1String("the application is stopped on a")),
        qPrintable(result.describe() + rig.logs()));
    QCOMPARE(rig.ledger().running().size(), 0);
    QVERIFY(rig.ledger().on(QStringLiteral("a")).last().stopped);
    QTest::qWait(int(3 * rig.timing().interval.count()));
    QCOMPARE(rig.ledger().running().size(), 0); // M1: not restarted in maintenance

    result = ctl(rig, run + QStringList { QStringLiteral("b") });
    QVERIFY2(result.exitCode == 1 && result.err.contains(QLatin1String("this node is not master; a is: run it there")),
        qPrintable(result.describe() + rig.logs()));
    QCOMPARE(rig.controls().appRequest(QStringLiteral("b")).presence, Presence::Absent); // removed by b's agent

    result = ctl(rig, run);
    static const QRegularExpression running(
        QStringLiteral("the application runs on a \\(pid (\\d+), epoch (\\d+)\\) under its guard"));
    const QRegularExpressionMatch reported = running.match(result.out);
    QVERIFY2(result.exitCode == 0 && reported.hasMatch(), qPrintable(result.describe() + rig.logs()));
    QTRY_COMPARE_WITH_TIMEOUT(rig.ledger().running().size(), 1, 2000);
    const Instance byHand = rig.ledger().running().first();
    QCOMPARE(byHand.node, QStringLiteral("a"));
    QCOMPARE(byHand.pid, reported.captured(1).toLongLong());
    QCOMPARE(byHand.epoch, old.epoch); // the term's epoch: a hand start is no new term

    result = ctl(rig, { QStringLiteral("maintenance"), QStringLiteral("off") });
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QTest::qWait(int((rig.timing().failoverTimeout + 2 * rig.timing().interval).count()));
    QCOMPARE(rig.ledger().running().size(), 1);
    QCOMPARE(rig.ledger().running().first().pid, byHand.pid); // it stays: started once
    QCOMPARE(rig.ledger().instances.size(), 2);
    VERIFY_SAFE(rig);

    result = ctl(rig, { QStringLiteral("history"), QStringLiteral("--node"), QStringLiteral("a") });
    for (const char *event : { "app_stop_requested", "app_run_requested", "app_request_done" })
        QVERIFY2(result.out.contains(QLatin1String(event)), qPrintable(QLatin1String(event) + result.describe()));
}

QTEST_GUILESS_MAIN(TestCtlAgents)
#include "tst_ctlagents.moc"
