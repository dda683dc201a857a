#include "agent/ctl/appcommand.h"

#include "agent/ctl/actionlog.h"
#include "agent/ctl/commandparser.h"
#include "agent/ctl/ctlsession.h"
#include "agent/ctl/nodeargument.h"
#include "agent/ctl/noderecord.h"
#include "shared/history/historyevent.h"
#include "shared/history/historytail.h"
#include "shared/storage/controlfiles.h"

#include <memory>
#include <thread>

namespace hacmp::ctl {

namespace {

constexpr Millis kPollPeriod { 200 };
constexpr Millis kDefaultWait { 30000 };

/// The agent's answer to this run's request, as its history says it.
struct Answer
{
    bool refused = false;
    QString detail;
};

std::optional<Answer> findAnswer(const QList<HistoryEvent> &events, const QString &node, const QString &marker)
{
    for (const HistoryEvent &event : events) {
        if (event.writer != node || !event.detail.contains(marker))
            continue;
        if (event.event == QLatin1String(historyevents::AppRequestDone))
            return Answer { false, event.detail };
        if (event.event == QLatin1String(historyevents::AppRequestRefused))
            return Answer { true, event.detail };
    }
    return std::nullopt;
}

/// Whether the node's record shows what the request asked for.
bool recordShowsDone(const std::optional<HeartbeatRecord> &record, bool run)
{
    if (!record)
        return false;
    return run ? record->app.state == AppState::Running && record->app.pid != 0
               : record->app.state == AppState::Stopped;
}

int runAppRequest(AppRequest::Action action, const DirectoryOptions &before, const QStringList &arguments)
{
    const bool run = action == AppRequest::Action::Run;
    const QString name = run ? QStringLiteral("run") : QStringLiteral("stop-app");
    CommandParser parser(name,
        QStringLiteral("hacmpctl [--dir DIR | --config FILE] %1 [NODE] [--reason TEXT] [--wait SECONDS]").arg(name),
        run ? QStringLiteral(
            "In maintenance, asks the agent of NODE (this host's node by default) to start the application\n"
            "by hand under its guard, with the epoch of its term: it is fenced like any instance and stays\n"
            "when maintenance ends. Refused outside maintenance, on a node that is not master, and while an\n"
            "instance may run elsewhere or outside the guard. Waits until the application runs.")
            : QStringLiteral(
                "In maintenance, asks the agent of NODE (this host's node by default) to stop the application:\n"
                "the instance its guard holds and any started by hand on that host. The master starts it again\n"
                "when maintenance ends. Refused outside maintenance. Waits until the application is stopped."));
    const QCommandLineOption waitOption(QStringLiteral("wait"),
        QStringLiteral("How long to wait for the agent and the application (default 30)."), QStringLiteral("SECONDS"));
    parser.addReasonOption();
    parser.addOption(waitOption);
    parser.addDirectoryOptions();
    if (const std::optional<int> done = parser.parse(arguments, 1))
        return *done;
    const QStringList positional = parser.positionalArguments();
    const Result<Millis> waitGiven = parser.secondsOr(waitOption, kDefaultWait);
    if (!waitGiven)
        return parser.usageError(waitGiven.error());
    const Millis wait = *waitGiven;
    const Result<DirectoryOptions> options = parser.directoryOptions(before);
    if (!options)
        return parser.usageError(options.error());
    const QString reason = parser.reason();

    CtlSession session(*options);
    if (const Status opened = session.open(); !opened)
        return printError(opened.error(), ExitUnreachable);
    const QString node = positional.isEmpty() ? session.configuredNode() : positional.at(0);
    if (node.isEmpty())
        return parser.usageError(
            QStringLiteral("NODE is missing: with --dir no configuration names this host's node; name the node"));
    if (const std::optional<int> bad = checkNodeArgument(parser, node))
        return *bad;
    if (!warnUnlessNodeKnown(session, node))
        return printError(QStringLiteral("%1 has no record: no agent of that name has run in %2; nothing was asked")
                              .arg(node, session.path()),
            ExitFailed);

    const NoteRead maintenance
        = session.call<NoteRead>([](ClusterDirectory &directory) { return ControlFiles(directory).maintenance(); });
    if (maintenance.presence == Presence::Absent)
        return printError(QStringLiteral("the cluster is not in maintenance; outside it the agents alone start and "
                                         "stop the application. Turn maintenance on first ('hacmpctl maintenance on "
                                         "--reason TEXT'), or move the application with 'hacmpctl switchover'"),
            ExitFailed);
    if (maintenance.presence == Presence::Unknown)
        return printError(maintenance.problem, ExitFailed);

    const auto readRecord = [&session, node] {
        return session.call<std::optional<HeartbeatRecord>>(
            [node](ClusterDirectory &directory) { return readNodeRecord(directory, node); });
    };
    const std::optional<HeartbeatRecord> earlier = readRecord();

    ActionLog log(session);
    const Result<ControlNote> note
        = log.change({ run ? OperatorAction::Kind::RunApp : OperatorAction::Kind::StopApp, node, 0, reason });
    if (!note)
        return printError(QStringLiteral("%1 (a directory made by an older 'hacmpctl init' lacks %2/: run 'hacmpctl "
                                         "init --dir %3 --cluster %4' to add it)")
                              .arg(note.error(), appRequestFolder(), session.path(), session.clusterName()),
            ExitFailed);
    printLine(QStringLiteral("asked %1's agent to %2 the application by hand (by %3: %4)")
                  .arg(node, run ? QStringLiteral("start") : QStringLiteral("stop"), note->who, note->why));

    // The agent answers in its history within a scan; its record shows the outcome with a later write.
    const Timing &timing = session.timing();
    const Millis answerWithin = 3 * timing.interval + 2 * timing.ioTimeout;
    const QString marker = QStringLiteral("request of %1 by %2").arg(note->when, note->who);
    const auto tail = std::make_shared<HistoryTail>();
    const MonoTime start = monotonicNow();
    std::optional<Answer> answer;
    while (!answer) {
        std::this_thread::sleep_for(kPollPeriod);
        const Result<HistoryUpdate> update = session.call<Result<HistoryUpdate>>(
            [tail](ClusterDirectory &directory) { return tail->refresh(directory); });
        if (update)
            answer = findAnswer(update->events, node, marker);
        if (!answer && monotonicNow() - start > std::min(answerWithin, wait)) {
            session.call<Status>(
                [node](ClusterDirectory &directory) { return ControlFiles(directory).withdrawAppRequest(node); });
            const std::optional<HeartbeatRecord> latest = readRecord();
            const bool still = earlier && latest && earlier->seq == latest->seq;
            return printError(QStringLiteral("%1's agent has not answered within %2 s: %3. The request was withdrawn.")
                                  .arg(node, QString::number(double((monotonicNow() - start).count()) / 1000.0, 'f', 1),
                                      still ? QStringLiteral("its record has not changed meanwhile, so the agent is "
                                                             "not running (see 'hacmpctl status')")
                                            : QStringLiteral("is its storage slow? See 'hacmpctl status'")),
                ExitFailed);
        }
    }
    if (answer->refused)
        return printError(QStringLiteral("%1's agent refused: %2").arg(node, answer->detail), ExitFailed);
    printLine(QStringLiteral("%1: %2").arg(node, answer->detail));

    while (true) {
        const std::optional<HeartbeatRecord> record = readRecord();
        if (recordShowsDone(record, run)) {
            if (run)
                printLine(QStringLiteral("the application runs on %1 (pid %2, epoch %3) under its guard")
                              .arg(node)
                              .arg(record->app.pid)
                              .arg(record->epoch));
            else
                printLine(QStringLiteral("the application is stopped on %1; the master starts it when maintenance "
                                         "ends")
                              .arg(node));
            return ExitOk;
        }
        if (monotonicNow() - start > wait)
            return printError(
                QStringLiteral("%1's record does not show the application %2 after %3 s; see 'hacmpctl status' and "
                               "'hacmpctl history --node %1'")
                    .arg(node, run ? QStringLiteral("running") : QStringLiteral("stopped"))
                    .arg(wait.count() / 1000),
                ExitFailed);
        std::this_thread::sleep_for(kPollPeriod);
    }
}

} // namespace

CtlCommand runCommand()
{
    return { QStringLiteral("run"), QStringLiteral("In maintenance, start the application by hand under its guard"),
        [](const DirectoryOptions &options, const QStringList &arguments) {
            return runAppRequest(AppRequest::Action::Run, options, arguments);
        } };
}

CtlCommand stopAppCommand()
{
    return { QStringLiteral("stop-app"), QStringLiteral("In maintenance, stop the application on a node by hand"),
        [](const DirectoryOptions &options, const QStringList &arguments) {
            return runAppRequest(AppRequest::Action::Stop, options, arguments);
        } };
}

} // namespace hacmp::ctl
