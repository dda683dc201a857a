// Scenarios of an operator's work on the master's host during maintenance (docs/protocol.md M1): its agent is
// restarted (systemctl restart) or stopped (systemctl stop) while the application runs, or the application is
// stopped and started again by hand. The agent's service stops on a host that stays up (LabHost::stopDaemon).

#include "shared/history/historyevent.h"
#include "tests/lab/hacmpimplementation.h"
#include "tests/lab/labcluster.h"
#include "tests/lab/scenario.h"
#include "tests/lab/scenarioresult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <csignal>

namespace hacmp::lab {

using test::Instance;
using test::monotonicNowMs;

namespace {

const HacmpImplementation *hacmpOrNull(LabCluster &lab)
{
    return dynamic_cast<const HacmpImplementation *>(&lab.implementation());
}

/// instance as the ledger shows it now (its last line, whether it stopped).
Instance reread(LabCluster &lab, const Instance &instance)
{
    for (const Instance &x : lab.ledger().instances) {
        if (x.pid == instance.pid && x.node == instance.node)
            return x;
    }
    return instance;
}

/// Boots three hosts and turns maintenance on; the master's instance, once every host had time to see it.
std::optional<Instance> startInMaintenance(LabCluster &lab, ScenarioResult &result)
{
    lab.addHosts(threeHosts());
    const std::optional<Instance> master = lab.start(threeHosts());
    if (!master) {
        result.fail(lab.error());
        return std::nullopt;
    }
    const Status on = lab.implementation().setMaintenance(lab.sharedSource(), true);
    if (!on) {
        result.fail(on.error());
        return std::nullopt;
    }
    if (!lab.expectSteady(result, *master, Millis(1500))) {
        result.note(QStringLiteral("entering maintenance moved the application"));
        return std::nullopt;
    }
    return master;
}

/// The detail of the last event called event that node wrote to hacmp's history (hacmpctl history, for
/// either store), or nullopt.
std::optional<QString> lastEvent(
    LabCluster &lab, const HacmpImplementation &hacmp, const QString &node, const QString &event)
{
    const Result<QString> history = hacmp.ctl(
        lab.sharedSource(), { QStringLiteral("history"), QStringLiteral("--node"), node, QStringLiteral("--json") });
    if (!history)
        return std::nullopt;
    std::optional<QString> detail;
    for (const QJsonValue &value : QJsonDocument::fromJson(history->toUtf8()).array()) {
        const QJsonObject entry = value.toObject();
        if (entry.value(QLatin1String("event")).toString() == event
            && entry.value(QLatin1String("writer")).toString() == node)
            detail = entry.value(QLatin1String("detail")).toString();
    }
    return detail;
}

bool maintenanceAgentRestart(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    const std::optional<Instance> master = startInMaintenance(lab, result);
    if (!master)
        return false;
    LabHost &host = lab.host(master->node);
    // systemctl restart: the stop signal, the exit awaited, then at once a new start.
    const qint64 signalledAt = monotonicNowMs();
    if (!lab.stopDaemon(master->node))
        return result.fail(QStringLiteral("the agent of %1 did not exit within %2 ms of its stop signal")
                               .arg(master->node)
                               .arg(lab.implementation().stopTimeout().count()));
    const qint64 exitedAt = monotonicNowMs();
    const Status restarted = host.startDaemon();
    if (!restarted)
        return result.fail(restarted.error());
    // Well past the lease deadline the stopped agent left: the restarted one took the application back.
    LabCluster::hold(lab.implementation().failoverBudget());
    const Instance kept = reread(lab, *master);
    if (kept.stopped || kept.last < monotonicNowMs() - 400)
        return result.fail(QStringLiteral("pid %1 on %2 %3 %4 ms after the stop signal of its agent's restart in "
                                          "maintenance")
                               .arg(master->pid)
                               .arg(master->node)
                               .arg(kept.stopped ? QStringLiteral("was stopped") : QStringLiteral("ended"))
                               .arg(kept.last - signalledAt));
    if (!lab.expectSteady(result, *master, Millis(0))) {
        result.note(QStringLiteral("after the restart of %1's agent in maintenance").arg(master->node));
        return false;
    }
    if (!host.daemonRunning())
        return result.fail(QStringLiteral("the restarted agent of %1 exited").arg(master->node));
    const Status off = lab.implementation().setMaintenance(lab.sharedSource(), false);
    if (!off)
        return result.fail(off.error());
    if (!lab.expectSteady(result, *master, lab.implementation().joinTime() + Millis(1000))) {
        result.note(
            QStringLiteral("after maintenance ended (%1's agent was restarted in maintenance)").arg(master->node));
        return false;
    }
    if (!host.daemonRunning())
        return result.fail(QStringLiteral("the restarted agent of %1 exited after maintenance").arg(master->node));
    result.note(QStringLiteral("in maintenance the agent of master %1 stopped %2 ms after its stop signal and started "
                               "again at once; pid %3 ran on untouched, in maintenance and after it")
                    .arg(master->node)
                    .arg(exitedAt - signalledAt)
                    .arg(master->pid));
    return true;
}

bool maintenanceAgentStop(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    const std::optional<Instance> master = startInMaintenance(lab, result);
    if (!master)
        return false;
    const qint64 signalledAt = monotonicNowMs();
    if (!lab.stopDaemon(master->node))
        return result.fail(QStringLiteral("the agent of %1 did not exit within %2 ms of its stop signal")
                               .arg(master->node)
                               .arg(lab.implementation().stopTimeout().count()));
    // hacmp leaves the application to its guard, which ends it at the lease deadline; the prototype's stop
    // (systemd's control group) ends it at once. Nothing starts it again in maintenance.
    LabCluster::hold(lab.implementation().failoverBudget());
    const Instance ended = reread(lab, *master);
    if (ended.last >= monotonicNowMs() - 400 && !ended.stopped)
        return result.fail(QStringLiteral("pid %1 on %2 still runs %3 ms after its agent stopped in maintenance")
                               .arg(master->pid)
                               .arg(master->node)
                               .arg(monotonicNowMs() - signalledAt));
    if (!lab.nothingStartedSince(signalledAt))
        return result.fail(QStringLiteral("the application was started during maintenance"));
    const qint64 ranOn = ended.last - signalledAt;
    QString how = QStringLiteral("it ended %1 ms after the stop signal").arg(ranOn);
    if (const HacmpImplementation *hacmp = hacmpOrNull(lab)) {
        // The deadline is renew_limit after the start of the last write that counted, at most an interval
        // (and a write) before the signal: the guard's SIGTERM, a STOP line, then.
        const Timing &timing = hacmp->timing();
        const qint64 earliest = (timing.renewLimit - timing.interval).count() - 200;
        const qint64 latest = timing.renewLimit.count() + 300;
        if (!ended.stopped || ranOn < earliest || ranOn > latest)
            return result.fail(QStringLiteral("pid %1 on %2 ended %3 ms after its agent's stop signal%4: not by its "
                                              "guard at the lease deadline (expected %5 to %6 ms, renew_limit %7 ms)")
                                   .arg(master->pid)
                                   .arg(master->node)
                                   .arg(ranOn)
                                   .arg(ended.stopped ? QString() : QStringLiteral(" without a STOP line"))
                                   .arg(earliest)
                                   .arg(latest)
                                   .arg(timing.renewLimit.count()));
        const std::optional<QString> left
            = lastEvent(lab, *hacmp, master->node, QLatin1String(historyevents::AppLeftRunning));
        if (!left)
            return result.fail(QStringLiteral("%1's history has no %2 event")
                                   .arg(master->node, QLatin1String(historyevents::AppLeftRunning)));
        static const QRegularExpression announced(QStringLiteral("\\((\\d+) ms\\)"));
        const QRegularExpressionMatch match = announced.match(*left);
        how = QStringLiteral("its guard stopped it %1 ms after the stop signal (the agent announced %2 ms)")
                  .arg(ranOn)
                  .arg(match.hasMatch() ? match.captured(1) : QStringLiteral("?"));
    }
    const qint64 offAt = monotonicNowMs();
    const Status off = lab.implementation().setMaintenance(lab.sharedSource(), false);
    if (!off)
        return result.fail(off.error());
    const std::optional<Instance> next
        = lab.waitForStart(offAt, lab.implementation().failoverBudget() + lab.implementation().joinTime());
    if (!next)
        return result.fail(QStringLiteral("the application did not start after maintenance ended"));
    if (next->node == master->node)
        return result.fail(QStringLiteral("the application started on %1, whose agent is stopped").arg(master->node));
    result.failoverMs << next->start - offAt;
    if (!lab.expectSteady(result, *next, lab.implementation().joinTime())) {
        result.note(QStringLiteral("after maintenance ended (%1's agent stopped in maintenance)").arg(master->node));
        return false;
    }
    result.note(QStringLiteral("in maintenance the agent of master %1 stopped: %2; nothing started it during "
                               "maintenance; maintenance off: %3 started it once, %4 ms later")
                    .arg(master->node, how, next->node)
                    .arg(next->start - offAt));
    return true;
}

bool maintenanceHandStart(LabCluster &lab, ScenarioResult &result, const ScenarioOptions &)
{
    const std::optional<Instance> master = startInMaintenance(lab, result);
    if (!master)
        return false;
    // The operator stops the application (kill PID) and starts it again with the configured command line.
    const qint64 stoppedAt = monotonicNowMs();
    if (!lab.killApplication(*master, SIGTERM))
        return result.fail(
            QStringLiteral("cannot stop the application (pid %1) on %2").arg(master->pid).arg(master->node));
    if (!LabCluster::waitUntil([&] { return lab.ledger().running().isEmpty(); }, Millis(2000)))
        return result.fail(QStringLiteral("the application on %1 did not stop on SIGTERM").arg(master->node));
    LabCluster::hold(Millis(1000));
    if (!lab.nothingStartedSince(stoppedAt))
        return result.fail(QStringLiteral("the application stopped by hand was started again during maintenance"));
    LabHost &host = lab.host(master->node);
    const qint64 handAt = monotonicNowMs();
    const Status ran = host.runByHand(host.application());
    if (!ran)
        return result.fail(ran.error());
    const std::optional<Instance> hand = lab.waitForStart(handAt, Millis(5000));
    if (!hand)
        return result.fail(QStringLiteral("the application started by hand on %1 did not run").arg(master->node));
    // Left alone in maintenance: it runs on and nothing else starts.
    if (!lab.expectSteady(result, *hand, lab.implementation().failoverBudget())) {
        result.note(QStringLiteral("in maintenance, with an instance started by hand on %1").arg(master->node));
        return false;
    }
    const qint64 offAt = monotonicNowMs();
    const Status off = lab.implementation().setMaintenance(lab.sharedSource(), false);
    if (!off)
        return result.fail(off.error());
    // hacmp stops the instance outside its guard and the master starts one under it; another implementation
    // may keep the instance it finds.
    const std::optional<Instance> next
        = lab.waitForStart(offAt, lab.implementation().failoverBudget() + lab.implementation().joinTime());
    if (next)
        LabCluster::recordRecovery(result, offAt, *next, lab.ledger());
    if (hacmpOrNull(lab)) {
        if (!next)
            return result.fail(QStringLiteral("the instance started by hand (pid %1 on %2) still ran outside the guard "
                                              "%3 ms after maintenance ended")
                                   .arg(hand->pid)
                                   .arg(hand->node)
                                   .arg(monotonicNowMs() - offAt));
        if (next->epoch == 0)
            return result.fail(QStringLiteral("pid %1 on %2, started after maintenance, has no epoch: the agent did "
                                              "not start it")
                                   .arg(next->pid)
                                   .arg(next->node));
    }
    const Instance last = next ? *next : *hand;
    if (!lab.expectSteady(result, last, lab.implementation().joinTime() + Millis(1000))) {
        result.note(QStringLiteral("after maintenance ended, with an instance started by hand on %1").arg(hand->node));
        return false;
    }
    const Instance handEnded = reread(lab, *hand);
    result.note(next ? QStringLiteral("in maintenance the application was stopped and started by hand on master %1 "
                                      "(pid %2) and left alone; maintenance off: it was %3 %4 ms later, and %5 "
                                      "started it (epoch %6) %7 ms after maintenance ended")
                           .arg(master->node)
                           .arg(hand->pid)
                           .arg(handEnded.stopped ? QStringLiteral("stopped") : QStringLiteral("killed"))
                           .arg(handEnded.last - offAt)
                           .arg(next->node)
                           .arg(next->epoch)
                           .arg(next->start - offAt)
                     : QStringLiteral("in maintenance the application was stopped and started by hand on master %1 "
                                      "(pid %2) and left alone; maintenance off: it runs on, alone")
                           .arg(master->node)
                           .arg(hand->pid));
    return true;
}

} // namespace

QList<Scenario> maintenanceScenarios()
{
    return {
        { QStringLiteral("MaintenanceAgentRestart"),
            QStringLiteral("in maintenance the master's agent is restarted: the application runs on, untouched"),
            Scenario::Needs::Anything, maintenanceAgentRestart },
        { QStringLiteral("MaintenanceAgentStop"),
            QStringLiteral("in maintenance the master's agent stops: the application ends at the guard's deadline"),
            Scenario::Needs::Anything, maintenanceAgentStop },
        { QStringLiteral("MaintenanceHandStart"),
            QStringLiteral("in maintenance the application is stopped and started by hand on the master: never two"),
            Scenario::Needs::Anything, maintenanceHandStart },
    };
}

} // namespace hacmp::lab
