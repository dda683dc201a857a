#include "agent/ctl/historycommand.h"

#include "agent/ctl/commandparser.h"
#include "agent/ctl/ctlsession.h"
#include "agent/ctl/masterchangeformat.h"
#include "agent/ctl/nodeargument.h"
#include "agent/ctl/texttable.h"
#include "shared/config/duration.h"
#include "shared/history/failoverlog.h"
#include "shared/history/historyreader.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

namespace hacmp::ctl {

namespace {

/// --since as the UTC text the history sorts by: a time (a zone-less one is local), a date (local
/// midnight), or an age before now (30m, 2h, 7d).
Result<QString> parseSince(const QString &text, const QDateTime &now)
{
    static const QRegularExpression days(QStringLiteral("^\\s*([0-9]{1,5})\\s*d\\s*$"));
    if (const QRegularExpressionMatch match = days.match(text); match.hasMatch())
        return now.addDays(-match.captured(1).toLongLong()).toUTC().toString(Qt::ISODateWithMs);
    if (const Result<Millis> age = parseDuration(text); age)
        return now.addMSecs(-age->count()).toUTC().toString(Qt::ISODateWithMs);
    QString iso = text.trimmed();
    if (iso.size() > 10 && iso.at(10) == QLatin1Char(' '))
        iso[10] = QLatin1Char('T');
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(iso, Qt::ISODate);
        if (date.isValid())
            time = date.startOfDay();
    }
    if (!time.isValid())
        return Error(QStringLiteral("--since \"%1\" is neither a time (2024-05-01T12:00:00Z, 2024-05-01 14:00 local, "
                                    "2024-05-01) nor an age (90s, 30m, 2h, 7d)")
                         .arg(text));
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString shortDowntime(const MasterChange &change)
{
    if (change.previousNode.isEmpty())
        return QStringLiteral("-");
    if (!change.downtime)
        return change.appStarted.isEmpty() ? QStringLiteral("not started") : QStringLiteral("unknown");
    const qint64 millis = change.downtime->count();
    return millis < 0 ? QStringLiteral("-") + formatDuration(Millis(-millis)) : formatDuration(*change.downtime);
}

QJsonObject eventJson(const HistoryEvent &event)
{
    return QJsonObject {
        { QStringLiteral("time"), event.time },
        { QStringLiteral("writer"), event.writer },
        { QStringLiteral("seq"), qint64(event.seq) },
        { QStringLiteral("epoch"), qint64(event.epoch) },
        { QStringLiteral("event"), event.event },
        { QStringLiteral("node"), event.node },
        { QStringLiteral("detail"), event.detail },
    };
}

void printJson(const QJsonArray &array)
{
    QTextStream(stdout) << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
}

void printTable(const TextTable &table, const QString &empty)
{
    if (table.isEmpty()) {
        printLine(empty);
        return;
    }
    for (const QString &line : table.render(TerminalStyle::forStdout()))
        printLine(line);
}

void showEvents(const QList<HistoryEvent> &events, bool json)
{
    if (json) {
        QJsonArray array;
        for (const HistoryEvent &event : events)
            array.append(eventJson(event));
        printJson(array);
        return;
    }
    TextTable table({ QStringLiteral("TIME"), QStringLiteral("WRITER"), QStringLiteral("EPOCH"),
        QStringLiteral("EVENT"), QStringLiteral("NODE"), QStringLiteral("DETAIL") });
    for (const HistoryEvent &event : events) {
        const bool alarming = event.event == QLatin1String(historyevents::Incident)
            || event.event == QLatin1String(historyevents::GuardKill)
            || event.event == QLatin1String(historyevents::DuplicateNode)
            || event.event == QLatin1String(historyevents::AppFailed);
        table.addRow(
            { { event.time }, { event.writer }, { event.epoch ? QString::number(event.epoch) : QStringLiteral("-") },
                { event.event, alarming ? Tone::Bad : Tone::Plain },
                { event.node.isEmpty() ? QStringLiteral("-") : event.node }, { event.detail } });
    }
    printTable(table, QStringLiteral("no events"));
}

void showFailovers(const QList<MasterChange> &changes, bool json)
{
    if (json) {
        QJsonArray array;
        for (const MasterChange &change : changes)
            array.append(masterChangeJson(change));
        printJson(array);
        return;
    }
    TextTable table({ QStringLiteral("TIME"), QStringLiteral("FROM"), QStringLiteral("TO"), QStringLiteral("EPOCH"),
        QStringLiteral("REASON"), QStringLiteral("DOWNTIME"), QStringLiteral("DETAIL") });
    for (const MasterChange &change : changes) {
        const Tone tone = change.reason == MasterChangeReason::Failover || change.reason == MasterChangeReason::Conflict
            ? Tone::Warning
            : Tone::Plain;
        table.addRow({ { change.time }, { change.previousNode.isEmpty() ? QStringLiteral("-") : change.previousNode },
            { change.node }, { QString::number(change.epoch) }, { masterChangeReasonName(change.reason), tone },
            { shortDowntime(change) }, { change.detail } });
    }
    printTable(table, QStringLiteral("no change of master in the history"));
    if (!table.isEmpty())
        printLine(QStringLiteral("downtime: from the old master's application exit to the new master's start, by the "
                                 "clocks of two hosts (an estimate)."));
}

int runHistory(const DirectoryOptions &before, const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("history"),
        QStringLiteral("hacmpctl [--dir DIR | --config FILE] history [--since TIME] [--node NODE] [--json] "
                       "[--failovers]"),
        QStringLiteral("Shows the history of the cluster: the events of every agent and operator, merged in\n"
                       "time order (UTC). --failovers shows each change of master instead, with its reason\n"
                       "(initial, switchover, handover, failover, conflict) and the downtime."));
    const QCommandLineOption sinceOption(QStringLiteral("since"),
        QStringLiteral("Only from TIME on: a time (2024-05-01T12:00:00Z; without a zone: local), a date, or an age "
                       "such as 30m, 2h or 7d."),
        QStringLiteral("TIME"));
    const QCommandLineOption nodeOption(QStringLiteral("node"),
        QStringLiteral("Only events about NODE (with --failovers: changes from or to NODE)."), QStringLiteral("NODE"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print a JSON array."));
    const QCommandLineOption failoversOption(
        QStringLiteral("failovers"), QStringLiteral("List the changes of master with reason and downtime."));
    parser.addOption(sinceOption);
    parser.addOption(nodeOption);
    parser.addOption(jsonOption);
    parser.addOption(failoversOption);
    parser.addDirectoryOptions();
    if (const std::optional<int> done = parser.parse(arguments, 0))
        return *done;
    HistoryFilter filter;
    if (parser.isSet(sinceOption)) {
        const Result<QString> since = parseSince(parser.value(sinceOption), QDateTime::currentDateTime());
        if (!since)
            return parser.usageError(since.error());
        filter.since = *since;
    }
    if (parser.isSet(nodeOption)) {
        filter.node = parser.value(nodeOption);
        if (const std::optional<int> bad = checkNodeArgument(parser, filter.node))
            return *bad;
    }
    const Result<DirectoryOptions> options = parser.directoryOptions(before);
    if (!options)
        return parser.usageError(options.error());
    const bool json = parser.isSet(jsonOption);
    const bool failovers = parser.isSet(failoversOption);

    CtlSession session(*options);
    if (const Status opened = session.open(); !opened)
        return printError(opened.error(), ExitUnreachable);
    // The failover derivation needs the events before --since too.
    const HistoryFilter readFilter = failovers ? HistoryFilter {} : filter;
    const Result<HistoryRead> history = session.call<Result<HistoryRead>>(
        [readFilter](ClusterDirectory &directory) { return HistoryReader().readAll(directory, readFilter); });
    if (!history)
        return printError(history.error(), ExitFailed);
    for (const QString &problem : history->problems)
        QTextStream(stderr) << QStringLiteral("hacmpctl: warning: ") << problem << Qt::endl;

    if (!failovers) {
        showEvents(history->events, json);
        return ExitOk;
    }
    FailoverLog log;
    log.add(history->events);
    QList<MasterChange> changes;
    for (const MasterChange &change : log.changes()) {
        if ((filter.since.isEmpty() || change.time >= filter.since)
            && (filter.node.isEmpty() || change.node == filter.node || change.previousNode == filter.node))
            changes.append(change);
    }
    showFailovers(changes, json);
    return ExitOk;
}

} // namespace

CtlCommand historyCommand()
{
    return { QStringLiteral("history"),
        QStringLiteral("Show the merged history, or the changes of master (--failovers)"), &runHistory };
}

} // namespace hacmp::ctl
