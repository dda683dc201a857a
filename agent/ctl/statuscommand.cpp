#include "agent/ctl/statuscommand.h"

#include "agent/ctl/commandparser.h"
#include "agent/ctl/ctlsession.h"
#include "agent/ctl/recordwatch.h"
#include "agent/ctl/statusformat.h"
#include "shared/history/actor.h"
#include "shared/history/historyreader.h"

#include <QJsonDocument>
#include <QTextStream>

namespace hacmp::ctl {

namespace {

/// How often the records are read during the watch.
constexpr Millis kPollPeriod { 250 };

/// The control files and the history, read in one call.
struct ClusterFiles
{
    NoteRead maintenance;
    SwitchoverRead switchover;
    QMap<QString, ControlNote> standby;
    QString standbyError;
    std::optional<HistoryRead> history;
    QString historyError;
};

ClusterFiles readClusterFiles(ClusterDirectory &directory)
{
    ClusterFiles files;
    ControlFiles control(directory);
    files.maintenance = control.maintenance();
    files.switchover = control.switchover();
    const Result<QMap<QString, ControlNote>> standby = control.standbyNodes();
    if (standby)
        files.standby = *standby;
    else
        files.standbyError = standby.error();
    Result<HistoryRead> history = HistoryReader().readAll(directory);
    if (history)
        files.history = std::move(history).value();
    else
        files.historyError = history.error();
    return files;
}

void print(const ClusterStatus &status, bool json)
{
    QTextStream out(stdout);
    if (json) {
        out << QString::fromUtf8(QJsonDocument(statusJson(status)).toJson(QJsonDocument::Indented));
        out.flush();
        return;
    }
    for (const QString &line : statusText(status, TerminalStyle::forStdout()))
        out << line << Qt::endl;
}

int runStatus(const DirectoryOptions &before, const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("status"),
        QStringLiteral("hacmpctl [--dir DIR | --config FILE] status [--watch SECONDS] [--json]"),
        QStringLiteral("Shows the state of the cluster: the first line is OK, DEGRADED, NO MASTER, MAINTENANCE,\n"
                       "CONFLICT or DIRECTORY NOT RESPONDING/UNREACHABLE and why; then the master and a table\n"
                       "of the nodes. The records are watched for a moment (1.5 x the interval) to tell\n"
                       "live agents (their record changes) from stale ones.\n"
                       "Exit status: 0 OK or MAINTENANCE, 1 DEGRADED, 2 NO MASTER or CONFLICT,\n"
                       "3 directory unreachable, not a cluster directory, or not responding."));
    const QCommandLineOption watchOption(QStringLiteral("watch"),
        QStringLiteral("How long to watch the records (default 1.5 x the cluster's interval)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"), QStringLiteral("Print one JSON object (schema: status.schema.json, see hacmpctl(1))."));
    parser.addOption(watchOption);
    parser.addOption(jsonOption);
    parser.addDirectoryOptions();
    if (const std::optional<int> done = parser.parse(arguments, 0))
        return *done;
    const Result<DirectoryOptions> options = parser.directoryOptions(before);
    if (!options)
        return parser.usageError(options.error());
    std::optional<Millis> watchFor;
    if (parser.isSet(watchOption)) {
        const Result<Millis> watch = parser.seconds(watchOption);
        if (!watch)
            return parser.usageError(watch.error());
        watchFor = *watch;
    }
    const bool json = parser.isSet(jsonOption);

    CtlSession session(*options);
    session.setNotRespondingReport([json, &session](const QString &message) {
        print(ClusterStatus::failure(ClusterState::NotResponding, session.path(), message), json);
    });
    if (const Status opened = session.open(); !opened) {
        print(ClusterStatus::failure(ClusterState::Unreachable,
                  session.path().isEmpty() ? options->directory : session.path(), opened.error()),
            json);
        return ExitUnreachable;
    }

    ClusterStatus status;
    status.cluster = session.clusterName();
    status.directory = session.path();
    status.interval = session.timing().interval;
    status.intervalConfigured = session.timingConfigured();
    status.watch = watchFor.value_or(session.timing().interval * 3 / 2);

    RecordWatch watch(session, session.timing());
    watch.watch(status.watch, kPollPeriod);
    status.checkedAt = utcNowIso();
    status.problems = watch.problems();
    const QStringList nodes = watch.nodes();
    for (const QString &node : nodes)
        status.nodes.append(watchedNodeOf(watch, node));

    const ClusterFiles files = session.call<ClusterFiles>(&readClusterFiles);
    status.maintenance = files.maintenance;
    status.switchover = files.switchover;
    if (!files.standbyError.isEmpty())
        status.problems << files.standbyError;
    for (auto it = files.standby.cbegin(); it != files.standby.cend(); ++it) {
        const qsizetype index = nodes.indexOf(it.key());
        if (index >= 0)
            status.nodes[index].standby = *it;
        else
            status.problems << QStringLiteral("standby/%1 names no node with a record (a typo? remove it with "
                                              "'hacmpctl standby %1 off')")
                                   .arg(it.key());
    }
    if (files.history) {
        status.historyRead = true;
        status.failovers.add(files.history->events);
        if (!files.history->problems.isEmpty())
            status.problems << QStringLiteral("%1 problem(s) reading the history, such as: %2")
                                   .arg(files.history->problems.size())
                                   .arg(files.history->problems.constFirst());
    } else {
        status.problems << files.historyError;
    }
    status.evaluate();
    print(status, json);
    return exitStatusOf(status.state);
}

} // namespace

CtlCommand statusCommand()
{
    return { QStringLiteral("status"), QStringLiteral("Show the cluster's state, master and nodes (exit 0-3)"),
        &runStatus };
}

} // namespace hacmp::ctl
