// Scenarios of what operators do and get wrong: maintenance (docs/protocol.md M1), the standby flag and a
// switchover through hacmpctl (H1, H2), garbage in the shared directory (O1-O4), and a node configured
// with unsafe or different timings (T1, T2).

#include "tests/lab/hacmpimplementation.h"
#include "tests/lab/labcluster.h"
#include "tests/lab/scenario.h"
#include "tests/lab/scenarioresult.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <csignal>

namespace hacmp::lab {

using test::Instance;
using test::monotonicNowMs;

namespace {

HacmpImplementation &hacmpOf(LabCluster &lab)
{
    return static_cast<HacmpImplementation &>(lab.implementation());
}

bool maintenance(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    const Status on = lab.implementation().setMaintenance(lab.sharedSource(), true);
    if (!on)
        return result.fail(on.error());
    if (!lab.expectSteady(result, *old, Millis(1500)))
        return result.fail(QStringLiteral("entering maintenance moved the application"));
    // In maintenance: a crash of the application is not restarted, a lost master host not replaced.
    const qint64 crashedAt = monotonicNowMs();
    if (!lab.killApplication(*old, SIGKILL))
        return result.fail(QStringLiteral("cannot kill the application on ") + old->node);
    LabCluster::hold(lab.implementation().failoverBudget());
    lab.crash(old->node);
    LabCluster::hold(lab.implementation().failoverBudget());
    if (!lab.nothingStartedSince(crashedAt))
        return result.fail(QStringLiteral("the application was started during maintenance"));
    const qint64 offAt = monotonicNowMs();
    const Status off = lab.implementation().setMaintenance(lab.sharedSource(), false);
    if (!off)
        return result.fail(off.error());
    const std::optional<Instance> next
        = lab.waitForStart(offAt, lab.implementation().failoverBudget() + lab.implementation().joinTime());
    if (!next)
        return result.fail(QStringLiteral("the application did not start after maintenance ended"));
    result.failoverMs << next->start - offAt;
    if (!lab.expectRejoin(result, old->node, *next))
        return false;
    result.note(QStringLiteral("in maintenance the crashed application and the lost master %1 were left alone for "
                               "%2 ms; maintenance off: %3 started it once, %4 ms later")
                    .arg(old->node)
                    .arg(offAt - crashedAt)
                    .arg(next->node)
                    .arg(next->start - offAt));
    return true;
}

bool standby(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    HacmpImplementation &hacmp = hacmpOf(lab);
    const qint64 flaggedAt = monotonicNowMs();
    const Result<QString> on = hacmp.ctl(lab.sharedSource(),
        { QStringLiteral("standby"), old->node, QStringLiteral("on"), QStringLiteral("--reason"),
            QStringLiteral("lab") });
    if (!on)
        return result.fail(on.error());
    const std::optional<Instance> next
        = lab.expectRecovery(result, flaggedAt, old->node, QStringLiteral("hacmpctl standby %1 on").arg(old->node));
    if (!next)
        return false;
    const Result<QString> off
        = hacmp.ctl(lab.sharedSource(), { QStringLiteral("standby"), old->node, QStringLiteral("off") });
    if (!off)
        return result.fail(off.error());
    if (!lab.expectSteady(result, *next, lab.implementation().joinTime()))
        return result.fail(QStringLiteral("clearing the standby flag moved the application back"));
    result.note(QStringLiteral("standby flag on master %1: it handed over to %2; flag off: nothing moved")
                    .arg(old->node, next->node));
    return true;
}

bool switchover(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    const QString target = threeHosts().at(old->node == QLatin1String("charlie") ? 0 : 2);
    const qint64 requestedAt = monotonicNowMs();
    const Result<QString> moved = hacmpOf(lab).ctl(lab.sharedSource(),
        { QStringLiteral("switchover"), target, QStringLiteral("--timeout"), QStringLiteral("15") });
    if (!moved)
        return result.fail(moved.error());
    const std::optional<Instance> next
        = lab.expectRecovery(result, requestedAt, old->node, QStringLiteral("hacmpctl switchover ") + target);
    if (!next)
        return false;
    if (next->node != target)
        return result.fail(QStringLiteral("the switchover to %1 moved the application to %2").arg(target, next->node));
    if (next->epoch <= old->epoch)
        return result.fail(QStringLiteral("the new term's epoch %1 is not above %2").arg(next->epoch).arg(old->epoch));
    if (QFile::exists(lab.sharedSource() + QStringLiteral("/switchover")))
        return result.fail(QStringLiteral("the switchover request was not removed"));
    if (!lab.expectSteady(result, *next, Millis(1500)))
        return false;
    result.note(QStringLiteral("hacmpctl switchover %1: from %2 (epoch %3) to %1 (epoch %4); hacmpctl said: %5")
                    .arg(target, old->node)
                    .arg(old->epoch)
                    .arg(next->epoch)
                    .arg(moved->trimmed().section(u'\n', -1)));
    return true;
}

QByteArray noise(int size)
{
    QByteArray bytes(size, '\0');
    for (char &byte : bytes)
        byte = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

bool garbageRecords(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> old = lab.start(threeHosts());
    if (!old)
        return result.fail(lab.error());
    const QString standby = threeHosts().at(old->node == threeHosts().first() ? 1 : 0);
    const QString shared = lab.sharedSource() + QLatin1Char('/');
    const bool written = writeFile(shared + QStringLiteral("nodes/zz.hb"), noise(3000))
        && writeFile(shared + QStringLiteral("nodes/big.hb"), QByteArray(100000, 'x'))
        && writeFile(shared + QStringLiteral("nodes/Bad Name!.hb"), "{}")
        && writeFile(shared + QStringLiteral("nodes/") + standby + QStringLiteral(".hb"), noise(8192))
        && writeFile(shared + QStringLiteral("switchover"), noise(500))
        && writeFile(shared + QStringLiteral("standby/ghost"), noise(300))
        && writeFile(shared + QStringLiteral("history/") + standby + QStringLiteral(".jsonl"), noise(2000));
    if (!written)
        return result.fail(QStringLiteral("cannot write garbage into ") + shared);
    if (!lab.expectSteady(result, *old, lab.implementation().failoverBudget()))
        return result.fail(QStringLiteral("garbage in the shared directory moved the application"));
    if (QFile::exists(shared + QStringLiteral("switchover")))
        return result.fail(QStringLiteral("the master did not remove the unreadable switchover request"));
    // Failover still works among the garbage (which is dead by now, O2).
    const qint64 killedAt = monotonicNowMs();
    lab.crash(old->node);
    const std::optional<Instance> next = lab.expectRecovery(
        result, killedAt, old->node, QStringLiteral("the crash of %1 among garbage").arg(old->node));
    if (!next || !lab.expectRejoin(result, old->node, *next))
        return false;
    result.note(QStringLiteral("random, oversized, misnamed records and garbage control and history files (%1's "
                               "record overwritten): nothing moved; then %2 crashed and %3 took over")
                    .arg(standby, old->node, next->node));
    return true;
}

bool configMismatch(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    lab.addHosts(threeHosts());
    const QString odd = QStringLiteral("delta");
    lab.addHost(odd, odd);
    const std::optional<Instance> master = lab.start(threeHosts());
    if (!master)
        return result.fail(lab.error());
    HacmpImplementation &hacmp = hacmpOf(lab);
    struct Case
    {
        QString what;
        QString timing;
        QString expected; ///< in the refusal message
    };
    const QList<Case> cases {
        { QStringLiteral("unsafe timings (renew_limit not below failover_timeout)"),
            QStringLiteral("[timing]\ninterval = 250ms\nio_timeout = 500ms\nfailover_timeout = 2s\nrenew_limit = "
                           "3s\nstop_grace = 500ms\n"),
            QStringLiteral("T2") },
        { QStringLiteral("unsafe timings (no guard slack)"),
            QStringLiteral("[timing]\ninterval = 250ms\nio_timeout = 500ms\nfailover_timeout = 1600ms\nrenew_limit = "
                           "1500ms\nstop_grace = 1s\n"),
            QStringLiteral("T1") },
        { QStringLiteral("safe timings that differ from the cluster's (the defaults)"),
            QStringLiteral("[timing]\ninterval = 1s\nio_timeout = 2s\nfailover_timeout = 10s\nrenew_limit = "
                           "5s\nstop_grace = 3s\n"),
            QStringLiteral("timing") },
    };
    QStringList refusals;
    for (const Case &wrong : cases) {
        hacmp.overrideTiming(odd, wrong.timing);
        const qint64 bootedAt = monotonicNowMs();
        const Status booted = lab.boot(odd);
        const auto bootLog = [&] { return lab.host(odd).logTail(2000).section(QStringLiteral("==== boot"), -1); };
        // An agent that refuses at once may be gone before boot() sees it run: its log says so.
        if (!booted && !bootLog().contains(wrong.expected))
            return result.fail(booted.error());
        if (!lab.host(odd).waitDown(int(lab.implementation().failoverBudget().count())))
            return result.fail(QStringLiteral("a node with %1 was not refused: it runs").arg(wrong.what));
        const QString log = bootLog();
        if (!log.contains(wrong.expected))
            return result.fail(
                QStringLiteral("the refusal of %1 does not name %2: %3").arg(wrong.what, wrong.expected, log));
        refusals << QStringLiteral("%1: refused after %2 ms").arg(wrong.what).arg(monotonicNowMs() - bootedAt);
    }
    if (!lab.expectSteady(result, *master, Millis(500)))
        return false;
    hacmp.overrideTiming(odd, {});
    if (!lab.expectRejoin(result, odd, *master))
        return result.fail(QStringLiteral("%1 with the cluster's timings did not join quietly").arg(odd));
    result.note(refusals.join(QStringLiteral("; ")) + QStringLiteral("; with the cluster's timings it joined"));
    return true;
}

} // namespace

QList<Scenario> operatorScenarios()
{
    return {
        { QStringLiteral("Maintenance"),
            QStringLiteral("in maintenance nothing is restarted or failed over; exactly one start after it"),
            Scenario::Needs::Anything, maintenance },
        { QStringLiteral("Standby"), QStringLiteral("hacmpctl standby on the master: it hands over"),
            Scenario::Needs::Hacmp, standby },
        { QStringLiteral("Switchover"), QStringLiteral("hacmpctl switchover to a chosen standby"),
            Scenario::Needs::Hacmp, switchover },
        { QStringLiteral("GarbageRecords"), QStringLiteral("garbage, oversized and misnamed files in the directory"),
            Scenario::Needs::HacmpOnDirectory, garbageRecords },
        { QStringLiteral("ConfigMismatch"), QStringLiteral("a node with unsafe or different timings is refused"),
            Scenario::Needs::Hacmp, configMismatch },
    };
}

} // namespace hacmp::lab
