#include "agent/ctl/switchovercommand.h"

#include "agent/ctl/actionlog.h"
#include "agent/ctl/clusterstatus.h"
#include "agent/ctl/commandparser.h"
#include "agent/ctl/ctlsession.h"
#include "agent/ctl/nodeargument.h"
#include "agent/ctl/noderecord.h"
#include "agent/ctl/recordwatch.h"
#include "shared/config/duration.h"
#include "shared/history/historyevent.h"
#include "shared/history/historyreader.h"
#include "shared/protocol/recordcodec.h"
#include "shared/storage/controlfiles.h"

#include <thread>

namespace hacmp::ctl {

namespace {

constexpr Millis kWaitPeriod { 100 };
constexpr Millis kDefaultTimeout { 60000 };

/// One look at the old master's and the target's records and at the request.
struct Sighting
{
    std::optional<HeartbeatRecord> master;
    std::optional<HeartbeatRecord> target;
    SwitchoverRead request;
};

QString describe(const QString &node, const std::optional<HeartbeatRecord> &record)
{
    if (!record)
        return QStringLiteral("%1 unreadable").arg(node);
    return QStringLiteral("%1 is %2 (epoch %3), application %4")
        .arg(node, roleName(record->state))
        .arg(record->epoch)
        .arg(appStateName(record->app.state));
}

/// Where the switchover starts from: the live master and the target, or why there is none.
struct Plan
{
    QString master;
    HeartbeatRecord masterRecord;
    QString target;
    QString error;
    bool nothingToDo = false;
};

/// A refusal of the verdict in hacmpctl's words.
QString describeRefusal(const SwitchoverRefusal &refusal)
{
    const QString &node = refusal.node;
    switch (refusal.reason) {
    case SwitchoverRefusal::Reason::Maintenance:
        return QStringLiteral("the cluster is in maintenance: agents do not act on a switchover; end it first with "
                              "'hacmpctl maintenance off'");
    case SwitchoverRefusal::Reason::NoMaster:
        return QStringLiteral("no live master (no master record changed while watching): nothing to hand over; see "
                              "'hacmpctl status'");
    case SwitchoverRefusal::Reason::SeveralMasters:
        return QStringLiteral("two live masters (%1): resolve the conflict first; see 'hacmpctl status'")
            .arg(refusal.nodes.join(QStringLiteral(", ")));
    case SwitchoverRefusal::Reason::NoTarget:
        return QStringLiteral("no live, eligible standby without the standby flag to switch over to; see 'hacmpctl "
                              "status'");
    case SwitchoverRefusal::Reason::AlreadyMaster:
        return QStringLiteral("%1 is already master").arg(node);
    case SwitchoverRefusal::Reason::NotRead:
        return QStringLiteral("cannot switch over to %1: %1 has no readable record").arg(node);
    case SwitchoverRefusal::Reason::Unreadable:
        return QStringLiteral("cannot switch over to %1: the record of %1 cannot be understood (%2)")
            .arg(node, refusal.text);
    case SwitchoverRefusal::Reason::NotAlive:
        return QStringLiteral("cannot switch over to %1: %1 shows no change in %2: its agent may be down")
            .arg(node, roundedDuration(refusal.unchangedFor));
    case SwitchoverRefusal::Reason::NotStandby:
        return QStringLiteral("cannot switch over to %1: %1 is %2, not standby").arg(node, roleName(refusal.role));
    case SwitchoverRefusal::Reason::StandbyFlag:
        return QStringLiteral("cannot switch over to %1: %1 has the standby flag set (clear it with 'hacmpctl standby "
                              "%1 off')")
            .arg(node);
    case SwitchoverRefusal::Reason::NotEligible:
        return QStringLiteral("cannot switch over to %1: %1 is not eligible (after repeated application failures: fix "
                              "them, then 'hacmpctl clear %1')")
            .arg(node);
    }
    return QString();
}

/// The master and the target of the verdict on what the watch saw (the best standby when wanted is empty).
Plan plan(const RecordWatch &watch, const QMap<QString, ControlNote> &standby, const NoteRead &maintenance,
    const QString &wanted)
{
    ClusterStatus seen;
    for (const QString &node : watch.nodes()) {
        WatchedNode status = watchedNodeOf(watch, node);
        if (standby.contains(node))
            status.standby = standby.value(node);
        seen.nodes.append(status);
    }
    seen.maintenance = maintenance;
    const ClusterObservation observation = seen.observation();
    const ClusterVerdict verdict = judgeCluster(observation);
    Plan result;
    result.master = verdict.master();
    if (!result.master.isEmpty())
        result.masterRecord = *observation.node(result.master)->record;
    if (const std::optional<SwitchoverRefusal> refusal = verdict.switchoverRefusal(observation, wanted)) {
        result.nothingToDo = refusal->reason == SwitchoverRefusal::Reason::AlreadyMaster;
        result.error = describeRefusal(*refusal);
        return result;
    }
    result.target = wanted.isEmpty() ? verdict.bestStandby : wanted;
    return result;
}

/// The reason the master gave in the history for refusing, when it wrote one.
QString refusalReason(CtlSession &session, const QString &master, const QString &since)
{
    const Result<HistoryRead> history = session.call<Result<HistoryRead>>([since](ClusterDirectory &directory) {
        return HistoryReader().readAll(directory, HistoryFilter { since, QString() });
    });
    if (!history)
        return QString();
    for (const HistoryEvent &event : history->events) {
        if (event.writer == master && event.event == QLatin1String(historyevents::SwitchoverRefused))
            return event.detail;
    }
    return QString();
}

/// Waits until the target runs the application as master, the master refuses, or the timeout passes (then
/// withdraws the request if it is still there).
int awaitNewMaster(
    CtlSession &session, ActionLog &log, const SwitchoverRequest &request, const Plan &chosen, Millis timeout)
{
    const quint64 epoch = request.epoch;
    const bool wasRunning = chosen.masterRecord.app.state == AppState::Running;
    const Timing &timing = session.timing();
    const Millis refusalGrace = 2 * timing.interval + timing.ioTimeout;
    const MonoTime start = monotonicNow();
    std::optional<MonoTime> oldLeft;
    std::optional<MonoTime> requestGone;
    const QString master = chosen.master;
    const QString target = chosen.target;
    Sighting last;
    for (;;) {
        last = session.call<Sighting>([master, target](ClusterDirectory &directory) {
            return Sighting { readNodeRecord(directory, master), readNodeRecord(directory, target),
                ControlFiles(directory).switchover() };
        });
        const MonoTime now = monotonicNow();
        if (!oldLeft && last.master
            && (last.master->state != Role::Master || last.master->epoch != epoch
                || last.master->app.state != AppState::Running))
            oldLeft = now;
        if (last.target && last.target->state == Role::Master && last.target->epoch > epoch
            && last.target->app.state == AppState::Running) {
            printLine(QStringLiteral("switchover done: %1 is master (epoch %2) with the application running (pid %3), "
                                     "%4 after the request")
                          .arg(target)
                          .arg(last.target->epoch)
                          .arg(last.target->app.pid)
                          .arg(roundedDuration(now - start)));
            if (wasRunning && oldLeft)
                printLine(QStringLiteral("downtime: %1 as observed from this host (the application left 'running' "
                                         "on %2 until it was 'running' on %3; read every %4)")
                              .arg(roundedDuration(now - *oldLeft), master, target, formatDuration(kWaitPeriod)));
            else
                printLine(QStringLiteral("downtime: not measured (the application was not running on %1 when the "
                                         "switchover was requested)")
                              .arg(master));
            return ExitOk;
        }
        if (last.request.presence == Presence::Absent && !requestGone)
            requestGone = now;
        if (requestGone && !oldLeft && now - *requestGone >= refusalGrace) {
            const QString why = refusalReason(session, master, log.when());
            return printError(QStringLiteral("%1 refused the switchover: %2")
                                  .arg(master,
                                      why.isEmpty() ? QStringLiteral("it removed the request and stays master; see "
                                                                     "'hacmpctl history --node %1'")
                                                          .arg(master)
                                                    : why),
                ExitFailed);
        }
        if (now - start >= timeout)
            break;
        std::this_thread::sleep_for(std::min(kWaitPeriod, start + timeout - now));
    }

    QString withdrawn;
    if (last.request.request == request) {
        const Status removed = session.call<Status>(
            [](ClusterDirectory &directory) { return ControlFiles(directory).clearSwitchover(); });
        if (removed) {
            log.record(QLatin1String(historyevents::SwitchoverRefused), target,
                QStringLiteral("withdrawn by %1: no new master within %2").arg(log.actor(), formatDuration(timeout)),
                epoch);
            withdrawn = QStringLiteral("; the request was withdrawn");
        } else {
            withdrawn = QStringLiteral("; withdrawing the request failed: %1").arg(removed.error());
        }
    }
    return printError(
        QStringLiteral("switchover not finished within %1: %2; %3%4")
            .arg(formatDuration(timeout), describe(master, last.master), describe(target, last.target), withdrawn),
        ExitFailed);
}

/// Checks, chooses the target, writes the request and waits for the outcome.
int requestAndAwait(CtlSession &session, const QString &wanted, Millis timeout, const QString &reason)
{
    const NoteRead maintenance
        = session.call<NoteRead>([](ClusterDirectory &directory) { return ControlFiles(directory).maintenance(); });
    if (maintenance.presence != Presence::Absent)
        return printError(QStringLiteral("the cluster is in maintenance (%1): agents do not act on a switchover; end "
                                         "it first with 'hacmpctl maintenance off'")
                              .arg(describeNoteRead(maintenance)),
            ExitFailed);

    RecordWatch watch(session, session.timing());
    watch.watch(session.timing().interval * 3 / 2, Millis(250));
    const Result<QMap<QString, ControlNote>> standby = session.call<Result<QMap<QString, ControlNote>>>(
        [](ClusterDirectory &directory) { return ControlFiles(directory).standbyNodes(); });
    if (!standby)
        return printError(standby.error(), ExitFailed);
    const Plan chosen = plan(watch, *standby, maintenance, wanted);
    if (chosen.nothingToDo) {
        printLine(QStringLiteral("%1 is already master (epoch %2); nothing to do")
                      .arg(wanted)
                      .arg(chosen.masterRecord.epoch));
        return ExitOk;
    }
    if (!chosen.error.isEmpty())
        return printError(chosen.error, ExitFailed);
    const quint64 epoch = chosen.masterRecord.epoch;

    const SwitchoverRead pending = session.call<SwitchoverRead>(
        [](ClusterDirectory &directory) { return ControlFiles(directory).switchover(); });
    if (pending.request && pending.request->epoch == epoch)
        return printError(QStringLiteral("a switchover to %1 is already pending (by %2 at %3); wait for it, or see "
                                         "'hacmpctl status'")
                              .arg(pending.request->target, pending.request->who, pending.request->when),
            ExitFailed);

    ActionLog log(session);
    const SwitchoverRequest request { chosen.target, epoch, log.actor(), log.when() };
    const Result<ControlNote> written = log.change({ OperatorAction::Kind::Switchover, chosen.target, epoch, reason },
        QStringLiteral("from %1 (epoch %2) to %3: %4").arg(chosen.master).arg(epoch).arg(chosen.target, reason));
    if (!written)
        return printError(written.error(), ExitFailed);
    printLine(QStringLiteral("switchover requested: %1 (epoch %2) -> %3; waiting up to %4")
                  .arg(chosen.master)
                  .arg(epoch)
                  .arg(chosen.target, formatDuration(timeout)));

    return awaitNewMaster(session, log, request, chosen, timeout);
}

int runSwitchover(const DirectoryOptions &before, const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("switchover"),
        QStringLiteral("hacmpctl [--dir DIR | --config FILE] switchover [NODE] [--timeout SECONDS] [--reason TEXT]"),
        QStringLiteral("Moves the application from the master to NODE, or to the best live, eligible standby:\n"
                       "writes a request to the current master's term, then waits until NODE is master with\n"
                       "the application running, and prints the downtime this host observed. On timeout the\n"
                       "request is withdrawn and the exit status is 1."));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
        QStringLiteral("How long to wait for the new master (default 60 seconds)."), QStringLiteral("SECONDS"));
    parser.addOption(timeoutOption);
    parser.addReasonOption();
    parser.addDirectoryOptions();
    if (const std::optional<int> done = parser.parse(arguments, 1))
        return *done;
    const QStringList positional = parser.positionalArguments();
    const QString wanted = positional.value(0);
    if (!wanted.isEmpty()) {
        if (const std::optional<int> bad = checkNodeArgument(parser, wanted))
            return *bad;
    }
    const Result<Millis> timeout = parser.secondsOr(timeoutOption, kDefaultTimeout);
    if (!timeout)
        return parser.usageError(timeout.error());
    const Result<DirectoryOptions> options = parser.directoryOptions(before);
    if (!options)
        return parser.usageError(options.error());
    const QString reason = parser.reason();

    CtlSession session(*options);
    if (const Status opened = session.open(); !opened)
        return printError(opened.error(), ExitUnreachable);
    return requestAndAwait(session, wanted, *timeout, reason);
}

} // namespace

CtlCommand switchoverCommand()
{
    return { QStringLiteral("switchover"),
        QStringLiteral("Move the application to NODE (or the best standby) and wait for it"), &runSwitchover };
}

} // namespace hacmp::ctl
