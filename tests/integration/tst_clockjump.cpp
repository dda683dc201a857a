// A wall-clock jump of one real agent (docs/protocol.md: wall clocks differ by any amount and jump; no
// decision uses them). The agent runs under libfaketime with its wall clock offset through a file the
// test rewrites while it runs; its monotonic clock is not faked (FAKETIME_DONT_FAKE_MONOTONIC=1), which
// the test checks, or it would prove nothing. The ledgers show no failover and no overlap, and
// `hacmpctl status --json` estimates the jumped node's skew.

#include "shared/protocol/timing.h"
#include "tests/support/agentrig.h"
#include "tests/support/ctlprocess.h"
#include "tests/support/prerequisite.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <limits>

using namespace hacmp;

namespace {

using hacmp::test::AgentRig;
using hacmp::test::CtlProcess;
using hacmp::test::Instance;

constexpr qint64 kHourMs = 3600 * 1000;

qint64 nowMs()
{
    return hacmp::test::monotonicNowMs();
}

QString ctlPath()
{
    return QStringLiteral(HACMP_BIN_DIR "/hacmpctl");
}

/// The environment that puts a process under libfaketime with the wall-clock offset read from offsetFile
/// at every call (so that rewriting it is a jump), and with the monotonic clock left alone unless asked.
QStringList fakedClock(const QString &offsetFile, bool fakeMonotonic = false)
{
    QStringList environment { QStringLiteral("LD_PRELOAD=/usr/$LIB/faketime/libfaketimeMT.so.1"),
        QStringLiteral("FAKETIME_TIMESTAMP_FILE=") + offsetFile, QStringLiteral("FAKETIME_NO_CACHE=1") };
    if (!fakeMonotonic)
        environment << QStringLiteral("FAKETIME_DONT_FAKE_MONOTONIC=1");
    return environment;
}

bool writeOffset(const QString &offsetFile, const QString &offset)
{
    QFile file(offsetFile);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(offset.toUtf8() + '\n') > 0;
}

/// The CLOCK_MONOTONIC time hacmp-testapp sees under environment (its START line), minus ours.
qint64 monotonicOffsetUnder(const AgentRig &rig, const QStringList &environment, const QString &name)
{
    QProcess probe;
    QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : environment)
        variables.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
    probe.setProcessEnvironment(variables);
    const QString ledger = rig.path(name);
    const qint64 before = nowMs();
    probe.start(AgentRig::testAppPath(),
        { QStringLiteral("--lock"), rig.path(name + QStringLiteral(".lock")), QStringLiteral("--ledger"), ledger,
            QStringLiteral("--exit-after"), QStringLiteral("10") });
    if (!probe.waitForFinished(10000))
        return std::numeric_limits<qint64>::max();
    const hacmp::test::AppLedger seen = hacmp::test::AppLedger::read({ ledger });
    return seen.instances.isEmpty() ? std::numeric_limits<qint64>::max() : seen.instances.first().start - before;
}

/// Whether the process pid has libfaketime loaded and its monotonic clock excluded.
bool runsUnderFaketime(qint64 pid)
{
    QFile maps(QStringLiteral("/proc/%1/maps").arg(pid));
    QFile environ(QStringLiteral("/proc/%1/environ").arg(pid));
    if (!maps.open(QIODevice::ReadOnly) || !environ.open(QIODevice::ReadOnly))
        return false;
    return maps.readAll().contains("libfaketime")
        && environ.readAll().split('\0').contains("FAKETIME_DONT_FAKE_MONOTONIC=1");
}

} // namespace

class TestClockJump final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void jumpKeepsRoles_data();
    void jumpKeepsRoles();
};

void TestClockJump::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("faketime")).isEmpty())
        HACMP_MISSING_PREREQUISITE(QStringLiteral("faketime is not installed (apt-get install faketime)"));
    for (const QString &program : { AgentRig::agentPath(), AgentRig::guardPath(), AgentRig::testAppPath(), ctlPath() })
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QStringLiteral(" is not built")));

    // The preload works here, and the variable that spares the monotonic clock is the one that matters:
    // without it libfaketime fakes CLOCK_MONOTONIC too (the agent's timers and leases would jump with it).
    AgentRig rig;
    const QString offset = rig.path(QStringLiteral("probe-offset"));
    QVERIFY(writeOffset(offset, QStringLiteral("+1h")));
    const qint64 spared = monotonicOffsetUnder(rig, fakedClock(offset), QStringLiteral("probe-spared"));
    const qint64 faked = monotonicOffsetUnder(rig, fakedClock(offset, true), QStringLiteral("probe-faked"));
    QVERIFY2(spared >= 0 && spared < 5000, qPrintable(QStringLiteral("monotonic offset %1 ms").arg(spared)));
    QVERIFY2(qAbs(faked) > kHourMs / 2,
        qPrintable(QStringLiteral("libfaketime did not fake CLOCK_MONOTONIC without FAKETIME_DONT_FAKE_MONOTONIC "
                                  "(offset %1 ms): is the preload loaded at all?")
                       .arg(faked)));
}

void TestClockJump::jumpKeepsRoles_data()
{
    QTest::addColumn<bool>("master");
    QTest::addColumn<QString>("offset");
    QTest::addColumn<qint64>("skew");
    QTest::newRow("master +1h") << true << QStringLiteral("+1h") << kHourMs;
    QTest::newRow("master -1h") << true << QStringLiteral("-1h") << -kHourMs;
    QTest::newRow("standby +1h") << false << QStringLiteral("+1h") << kHourMs;
    QTest::newRow("standby -1h") << false << QStringLiteral("-1h") << -kHourMs;
}

void TestClockJump::jumpKeepsRoles()
{
    QFETCH(bool, master);
    QFETCH(QString, offset);
    QFETCH(qint64, skew);
    // On one machine the agents share a machine-id, which status reports as a CONFLICT: hosts of their own
    // where that can be done, so that status can say OK.
    const bool ownHosts = AgentRig::ownHostSkipReason().isEmpty();
    AgentRig rig;
    QVERIFY2(rig.error().isEmpty(), qPrintable(rig.error()));
    const QStringList nodes { QStringLiteral("a"), QStringLiteral("b") };
    for (const QString &node : nodes) {
        rig.addNode(node);
        QVERIFY(writeOffset(rig.path(QStringLiteral("offset-") + node), QStringLiteral("+0")));
        QVERIFY(rig.start(
            node, fakedClock(rig.path(QStringLiteral("offset-") + node)), ownHosts ? rig.ownHostId(node) : QString()));
    }
    WAIT_FOR_ONE_RUNNING(rig, running, 10000);
    QTest::qWait(int(rig.timing().failoverTimeout.count()) + 200); // the other one is a standby
    const QString standby = running.node == nodes.first() ? nodes.last() : nodes.first();
    const QString jumped = master ? running.node : standby;
    const QString steady = master ? standby : running.node;
    QVERIFY(runsUnderFaketime(rig.agent(jumped).processId()));
    // the application (under the same preload, started by the agent's guard) writes unfaked monotonic times
    QVERIFY2(qAbs(running.start - nowMs()) < 60000, qPrintable(QStringLiteral("START at %1").arg(running.start)));

    const qint64 jumpedAt = nowMs();
    QVERIFY(writeOffset(rig.path(QStringLiteral("offset-") + jumped), offset));
    QTest::qWait(int(rig.timing().failoverBound().count()) + 500); // longer than a failover would take

    // The jump happened: hacmpctl, on the real clock, estimates the jumped node's skew from its records.
    const CtlProcess status = CtlProcess::run(ctlPath(),
        { QStringLiteral("--config"), rig.configPath(steady), QStringLiteral("status"), QStringLiteral("--json"),
            QStringLiteral("--watch"), QStringLiteral("1") });
    const QJsonObject report = QJsonDocument::fromJson(status.out.toUtf8()).object();
    if (ownHosts) {
        QVERIFY2(status.exitCode == 0, qPrintable(status.describe()));
        QCOMPARE(report.value(QStringLiteral("state")).toString(), QStringLiteral("OK"));
    }
    QCOMPARE(report.value(QStringLiteral("master")).toObject().value(QStringLiteral("node")).toString(), running.node);
    QMap<QString, qint64> skews;
    for (const QJsonValue &node : report.value(QStringLiteral("nodes")).toArray()) {
        const QJsonValue estimate = node.toObject().value(QStringLiteral("skew_estimate_ms"));
        QVERIFY2(estimate.isDouble(), qPrintable(status.describe()));
        skews[node.toObject().value(QStringLiteral("node")).toString()] = qint64(estimate.toDouble());
    }
    QVERIFY2(qAbs(skews.value(jumped) - skew) < 2000, qPrintable(status.describe()));
    QVERIFY2(qAbs(skews.value(steady)) < 2000, qPrintable(status.describe()));

    // No failover: the same instance runs, nobody started another, and the jumped agent runs on.
    VERIFY_SAFE(rig);
    const hacmp::test::AppLedger ledger = rig.ledger();
    QCOMPARE(ledger.instances.size(), 1);
    QCOMPARE(ledger.running().size(), 1);
    QCOMPARE(ledger.running().first().pid, running.pid);
    QCOMPARE(rig.agent(jumped).state(), QProcess::Running);
    QVERIFY2(!rig.logs().contains(QLatin1String("lease_lapsed")), qPrintable(rig.logs()));
    qInfo("%s's wall clock jumped %s: no failover for %lld ms; hacmpctl status estimated its skew at %lld ms",
        qPrintable(jumped), qPrintable(offset), nowMs() - jumpedAt, skews.value(jumped));
}

QTEST_GUILESS_MAIN(TestClockJump)
#include "tst_clockjump.moc"
