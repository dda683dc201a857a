#include "agent/ctl/statusformat.h"

#include "agent/ctl/actionlog.h"
#include "agent/ctl/masterchangeformat.h"
#include "agent/ctl/texttable.h"
#include "shared/config/duration.h"

#include <QJsonArray>
#include <QJsonValue>

#include <cstdlib>

namespace hacmp::ctl {

namespace {

Tone toneOf(ClusterState state)
{
    switch (state) {
    case ClusterState::Ok:
        return Tone::Good;
    case ClusterState::Degraded:
    case ClusterState::Maintenance:
        return Tone::Warning;
    case ClusterState::NoMaster:
    case ClusterState::Conflict:
    case ClusterState::NotResponding:
    case ClusterState::Unreachable:
        return Tone::Bad;
    }
    return Tone::Bad;
}

QString seconds(Millis duration)
{
    return QString::number(double(duration.count()) / 1000.0, 'f', 2);
}

QString skewText(const WatchedNode &node)
{
    if (!node.skew)
        return QStringLiteral("?");
    const qint64 estimate = node.skew->estimate.count();
    return QStringLiteral("%1%2s ±%3s")
        .arg(estimate < 0 ? QStringLiteral("-") : QStringLiteral("+"), seconds(Millis(std::abs(estimate))),
            seconds(node.skew->uncertainty));
}

/// The first line's explanation when the cluster is OK: who runs the application and who could take over.
QString okSummary(const ClusterStatus &status)
{
    const WatchedNode &master = status.nodes.at(*status.master);
    QStringList ready;
    for (const WatchedNode &node : status.nodes) {
        if (node.record && node.record->state == Role::Standby && node.record->eligible)
            ready << node.node;
    }
    return QStringLiteral("%1 is master (epoch %2), application running; %3")
        .arg(master.node)
        .arg(master.record->epoch)
        .arg(ready.isEmpty() ? QStringLiteral("no standby")
                             : QStringLiteral("standby ready: %1").arg(ready.join(QStringLiteral(", "))));
}

QString masterLine(const ClusterStatus &status)
{
    if (!status.master)
        return QStringLiteral("master: none");
    const WatchedNode &master = status.nodes.at(*status.master);
    const HeartbeatRecord &record = *master.record;
    QString line = QStringLiteral("master: %1, epoch %2").arg(master.node).arg(record.epoch);
    if (const MasterChange *term = status.failovers.termOf(master.node, record.epoch))
        line += QStringLiteral(", since %1 (%2)").arg(term->time, masterChangeReasonName(term->reason));
    else
        line += status.historyRead ? QStringLiteral(", since: not in the history")
                                   : QStringLiteral(", since: unknown (history unreadable)");
    line += QStringLiteral("; application %1").arg(appStateName(record.app.state));
    if (record.app.pid > 0)
        line += QStringLiteral(", pid %1").arg(record.app.pid);
    if (!record.app.since.isEmpty())
        line += QStringLiteral(", since %1").arg(record.app.since);
    return line;
}

TextTable nodeTable(const ClusterStatus &status)
{
    TextTable table({ QStringLiteral("NODE"), QStringLiteral("ROLE"), QStringLiteral("HEARTBEAT"),
        QStringLiteral("APP"), QStringLiteral("PID"), QStringLiteral("PRIORITY"), QStringLiteral("ELIGIBLE"),
        QStringLiteral("STANDBY-FLAG"), QStringLiteral("VERSION"), QStringLiteral("SKEW(estimate)") });
    const QString unknown = QStringLiteral("?");
    for (const WatchedNode &node : status.nodes) {
        QString heartbeat = heartbeatName(node.heartbeat);
        Tone heartbeatTone = Tone::Good;
        if (node.heartbeat == Heartbeat::Stale) {
            heartbeat = QStringLiteral("stale >=%1").arg(roundedDuration(node.watched));
            heartbeatTone = Tone::Warning;
        } else if (node.heartbeat == Heartbeat::NotRead) {
            heartbeatTone = Tone::Bad;
        }
        const QString standby = node.standby ? QStringLiteral("on") : QStringLiteral("off");
        const Tone standbyTone = node.standby ? Tone::Warning : Tone::Plain;
        if (!node.record) {
            table.addRow({ { node.node }, { unknown, Tone::Bad }, { heartbeat, heartbeatTone }, { unknown },
                { unknown }, { unknown }, { unknown }, { standby, standbyTone }, { unknown }, { unknown } });
            continue;
        }
        const HeartbeatRecord &record = *node.record;
        const bool endedTerm = status.endedTerms.contains(node.node);
        Tone roleTone = Tone::Plain;
        if (endedTerm)
            roleTone = Tone::Warning;
        else if (record.state == Role::Master)
            roleTone = status.state == ClusterState::Conflict ? Tone::Bad : Tone::Good;
        else if (record.state == Role::Fenced)
            roleTone = Tone::Bad;
        Tone appTone = Tone::Plain;
        if (record.app.state == AppState::Running && !endedTerm)
            appTone = Tone::Good;
        else if (record.app.state == AppState::Failed)
            appTone = Tone::Bad;
        const QString role = endedTerm ? QStringLiteral("old master") : roleName(record.state);
        table.addRow({ { node.node }, { role, roleTone }, { heartbeat, heartbeatTone },
            { appStateName(record.app.state), appTone },
            { record.app.pid > 0 ? QString::number(record.app.pid) : QStringLiteral("-") },
            { QString::number(record.priority) },
            { record.eligible ? QStringLiteral("yes") : QStringLiteral("no"),
                record.eligible ? Tone::Plain : Tone::Warning },
            { standby, standbyTone }, { record.version.isEmpty() ? unknown : record.version }, { skewText(node) } });
    }
    return table;
}

/// standby/<node>: who, when, why (all null when the file cannot be parsed).
QJsonValue standbyNoteJson(const std::optional<ControlNote> &note)
{
    if (!note)
        return QJsonValue::Null;
    return QJsonObject {
        { QStringLiteral("who"), textOrNull(note->who) },
        { QStringLiteral("when"), textOrNull(note->when) },
        { QStringLiteral("why"), textOrNull(note->why) },
        { QStringLiteral("problem"),
            note->who.isEmpty() && note->when.isEmpty() && note->why.isEmpty()
                ? QJsonValue(QStringLiteral("the file cannot be parsed; it counts as set"))
                : QJsonValue(QJsonValue::Null) },
    };
}

QJsonValue maintenanceJson(const NoteRead &maintenance)
{
    if (maintenance.presence == Presence::Absent)
        return QJsonValue::Null;
    const std::optional<ControlNote> &note = maintenance.note;
    return QJsonObject {
        { QStringLiteral("presence"), presenceName(maintenance.presence) },
        { QStringLiteral("who"), note ? textOrNull(note->who) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("when"), note ? textOrNull(note->when) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("why"), note ? textOrNull(note->why) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("problem"), textOrNull(maintenance.problem) },
    };
}

QJsonObject nodeJson(const WatchedNode &node)
{
    const std::optional<HeartbeatRecord> &record = node.record;
    // Every field of the record is null when the record cannot be understood.
    const auto field = [&record](auto get) -> QJsonValue {
        return record ? QJsonValue(get(*record)) : QJsonValue(QJsonValue::Null);
    };
    QJsonObject object {
        { QStringLiteral("node"), node.node },
        { QStringLiteral("heartbeat"), heartbeatName(node.heartbeat) },
        { QStringLiteral("watched_ms"), qint64(node.watched.count()) },
        { QStringLiteral("role"), field([](const HeartbeatRecord &r) { return roleName(r.state); }) },
        { QStringLiteral("epoch"), field([](const HeartbeatRecord &r) { return qint64(r.epoch); }) },
        { QStringLiteral("app_state"), field([](const HeartbeatRecord &r) { return appStateName(r.app.state); }) },
        { QStringLiteral("app_pid"), field([](const HeartbeatRecord &r) { return qint64(r.app.pid); }) },
        { QStringLiteral("app_since"), field([](const HeartbeatRecord &r) { return r.app.since; }) },
        { QStringLiteral("priority"), field([](const HeartbeatRecord &r) { return r.priority; }) },
        { QStringLiteral("eligible"), field([](const HeartbeatRecord &r) { return r.eligible; }) },
        { QStringLiteral("maint"), field([](const HeartbeatRecord &r) { return r.maint; }) },
        { QStringLiteral("version"), field([](const HeartbeatRecord &r) { return r.version; }) },
        { QStringLiteral("host_id"), field([](const HeartbeatRecord &r) { return r.hostId; }) },
        { QStringLiteral("wall_time"), field([](const HeartbeatRecord &r) { return r.wallTime; }) },
        { QStringLiteral("standby_flag"), node.standby.has_value() },
        { QStringLiteral("standby_note"), standbyNoteJson(node.standby) },
        { QStringLiteral("skew_estimate_ms"),
            node.skew ? QJsonValue(qint64(node.skew->estimate.count())) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("skew_uncertainty_ms"),
            node.skew ? QJsonValue(qint64(node.skew->uncertainty.count())) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("problem"), textOrNull(node.problem) },
        { QStringLiteral("concerns"), QJsonArray::fromStringList(node.concerns) },
    };
    return object;
}

QJsonValue masterJson(const ClusterStatus &status)
{
    if (!status.master)
        return QJsonValue::Null;
    const WatchedNode &master = status.nodes.at(*status.master);
    const MasterChange *term = status.failovers.termOf(master.node, master.record->epoch);
    return QJsonObject {
        { QStringLiteral("node"), master.node },
        { QStringLiteral("epoch"), qint64(master.record->epoch) },
        { QStringLiteral("since"), term ? QJsonValue(term->time) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("app_state"), appStateName(master.record->app.state) },
        { QStringLiteral("app_pid"), qint64(master.record->app.pid) },
    };
}

QJsonValue switchoverJson(const SwitchoverRead &switchover)
{
    if (switchover.presence == Presence::Absent)
        return QJsonValue::Null;
    const std::optional<SwitchoverRequest> &request = switchover.request;
    return QJsonObject {
        { QStringLiteral("target"), request ? QJsonValue(request->target) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("epoch"), request ? QJsonValue(qint64(request->epoch)) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("who"), request ? textOrNull(request->who) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("when"), request ? textOrNull(request->when) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("problem"), textOrNull(switchover.problem) },
    };
}

} // namespace

QStringList statusText(const ClusterStatus &status, const TerminalStyle &style)
{
    QString first = style.paint(clusterStateName(status.state), toneOf(status.state));
    if (!status.reasons.isEmpty())
        first += QStringLiteral(": ") + status.reasons.join(QStringLiteral("; "));
    else if (status.state == ClusterState::Ok)
        first += QStringLiteral(": ") + okSummary(status);
    QStringList lines { first };
    if (status.state == ClusterState::NotResponding || status.state == ClusterState::Unreachable)
        return lines;

    lines << QStringLiteral("cluster %1 at %2: %3 node(s) watched for %4 at %5")
                 .arg(status.cluster, status.directory)
                 .arg(status.nodes.size())
                 .arg(roundedDuration(status.watch), status.checkedAt);
    lines << masterLine(status);
    if (!status.nodes.isEmpty()) {
        lines << QString();
        lines << nodeTable(status).render(style);
        lines << QString();
    }
    if (status.maintenance.presence == Presence::Present) {
        lines << QStringLiteral("maintenance: ON %1").arg(describeNoteRead(status.maintenance));
    } else if (status.maintenance.presence == Presence::Unknown) {
        lines << QStringLiteral("maintenance: unknown (%1)").arg(status.maintenance.problem);
    } else {
        lines << QStringLiteral("maintenance: off");
    }
    if (status.switchover.presence != Presence::Absent) {
        const std::optional<SwitchoverRequest> &request = status.switchover.request;
        lines << (request ? QStringLiteral("switchover: requested to %1 (addressed to epoch %2) by %3 at %4")
                                .arg(request->target)
                                .arg(request->epoch)
                                .arg(request->who, request->when)
                          : QStringLiteral("switchover: %1").arg(status.switchover.problem));
    }
    if (const MasterChange *last = status.failovers.lastFailover())
        lines << QStringLiteral("last failover: %1 %2").arg(last->time, describeMasterChange(*last));
    else
        lines << (status.historyRead ? QStringLiteral("last failover: none in the history")
                                     : QStringLiteral("last failover: unknown (history unreadable)"));
    for (const QString &problem : status.problems)
        lines << QStringLiteral("note: ") + problem;
    lines << QStringLiteral("heartbeat: 'stale' = no change seen while watching (%1; the interval is %2%3); a short "
                            "watch cannot prove that a node is dead.")
                 .arg(roundedDuration(status.watch), formatDuration(status.interval),
                     status.intervalConfigured ? QString() : QStringLiteral(" by default, give --config"));
    lines << QStringLiteral("skew: a record's wall_time minus this host's clock when it was written, an estimate.");
    return lines;
}

QJsonObject statusJson(const ClusterStatus &status)
{
    QJsonArray nodes;
    for (const WatchedNode &node : status.nodes)
        nodes.append(nodeJson(node));
    const MasterChange *last = status.failovers.lastFailover();
    return QJsonObject {
        { QStringLiteral("schema_version"), kStatusSchemaVersion },
        { QStringLiteral("state"), clusterStateName(status.state) },
        { QStringLiteral("exit_code"), exitStatusOf(status.state) },
        { QStringLiteral("reasons"), QJsonArray::fromStringList(status.reasons) },
        { QStringLiteral("cluster"), textOrNull(status.cluster) },
        { QStringLiteral("directory"), status.directory },
        { QStringLiteral("checked_at"), textOrNull(status.checkedAt) },
        { QStringLiteral("watch_ms"), qint64(status.watch.count()) },
        { QStringLiteral("interval_ms"), qint64(status.interval.count()) },
        { QStringLiteral("interval_configured"), status.intervalConfigured },
        { QStringLiteral("maintenance"), maintenanceJson(status.maintenance) },
        { QStringLiteral("switchover"), switchoverJson(status.switchover) },
        { QStringLiteral("master"), masterJson(status) },
        { QStringLiteral("nodes"), nodes },
        { QStringLiteral("history_available"), status.historyRead },
        { QStringLiteral("last_failover"), last ? QJsonValue(masterChangeJson(*last)) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("problems"), QJsonArray::fromStringList(status.problems) },
    };
}

} // namespace hacmp::ctl
