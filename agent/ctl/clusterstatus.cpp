#include "agent/ctl/clusterstatus.h"

#include "agent/ctl/actionlog.h"
#include "agent/ctl/ctlcommand.h"
#include "shared/config/duration.h"

#include <QMap>

namespace hacmp::ctl {

namespace {

QString rounded(Millis duration)
{
    return formatDuration(Millis((duration.count() + 50) / 100 * 100));
}

QString noChange(const NodeStatus &node)
{
    return QStringLiteral("no change seen in %1").arg(rounded(node.watched));
}

QString describeMaster(const NodeStatus &node)
{
    return QStringLiteral("%1 (epoch %2)").arg(node.node).arg(node.record->epoch);
}

/// CONFLICT: the situations the protocol exists to prevent (S1), or a misconfiguration that defeats it.
QStringList conflicts(const QList<NodeStatus> &nodes)
{
    QStringList found;
    QStringList masters;
    QStringList running;
    QMap<QString, QStringList> byHost;
    for (const NodeStatus &node : nodes) {
        if (node.twoHosts)
            found << QStringLiteral("the record of %1 shows two different host_id values: two agents use the node "
                                    "name %1; give each host its own [node] name")
                         .arg(node.node);
        if (node.heartbeat != Heartbeat::Changing || !node.record)
            continue;
        if (node.record->state == Role::Master)
            masters << describeMaster(node);
        if (node.record->app.state == AppState::Running)
            running << node.node;
        if (!node.record->hostId.isEmpty())
            byHost[node.record->hostId] << node.node;
    }
    if (masters.size() > 1)
        found << QStringLiteral("two masters: %1").arg(masters.join(QStringLiteral(" and ")));
    if (running.size() > 1)
        found << QStringLiteral("application running on %1").arg(running.join(QStringLiteral(" and ")));
    for (auto it = byHost.cbegin(); it != byHost.cend(); ++it) {
        if (it->size() > 1)
            found << QStringLiteral("nodes %1 report the same host_id %2: one host runs two agents, or machine-id "
                                    "was cloned")
                         .arg(it->join(QStringLiteral(" and ")), it.key());
    }
    return found;
}

/// An instance that node's agent found running outside its guard (started by hand): never OK.
QStringList outsideInstances(const NodeStatus &node)
{
    if (!node.record || node.record->app.outside.isEmpty())
        return {};
    return { QStringLiteral("%1: application running outside the guard (pid %2), started by hand? It is stopped when "
                            "maintenance ends, and the master starts the application under its guard")
                 .arg(node.node, pidList(node.record->app.outside)) };
}

/// Why a node other than the master is not a good failover target, or why the node is in doubt.
QStringList concernsOf(const NodeStatus &node)
{
    QStringList concerns;
    if (node.heartbeat == Heartbeat::NotRead || !node.record) {
        concerns << QStringLiteral("%1: record unreadable (%2)").arg(node.node, node.problem);
        return concerns;
    }
    const HeartbeatRecord &record = *node.record;
    if (node.heartbeat == Heartbeat::Stale) {
        if (record.state == Role::Offline)
            concerns << QStringLiteral("%1: offline (agent stopped cleanly)").arg(node.node);
        else
            concerns << QStringLiteral("%1: stale, %2").arg(node.node, noChange(node));
    }
    if (record.state == Role::Fenced)
        concerns << QStringLiteral("%1: fenced (lost its lease)").arg(node.node);
    if (!record.eligible)
        concerns << QStringLiteral("%1: not eligible").arg(node.node);
    concerns += outsideInstances(node);
    if (node.standby)
        concerns << QStringLiteral("%1: standby flag set").arg(node.node);
    return concerns;
}

} // namespace

int exitStatusOf(ClusterState state)
{
    switch (state) {
    case ClusterState::Ok:
    case ClusterState::Maintenance:
        return ExitOk;
    case ClusterState::Degraded:
        return ExitFailed;
    case ClusterState::NoMaster:
    case ClusterState::Conflict:
        return 2;
    case ClusterState::NotResponding:
    case ClusterState::Unreachable:
        return ExitUnreachable;
    }
    return ExitUnreachable;
}

QString heartbeatName(Heartbeat heartbeat)
{
    switch (heartbeat) {
    case Heartbeat::Changing:
        return QStringLiteral("changing");
    case Heartbeat::Stale:
        return QStringLiteral("stale");
    case Heartbeat::NotRead:
        return QStringLiteral("unreadable");
    }
    return QStringLiteral("unreadable");
}

void ClusterStatus::evaluate()
{
    reasons.clear();
    master.reset();
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const NodeStatus &node = nodes.at(i);
        if (node.heartbeat == Heartbeat::Changing && node.record && node.record->state == Role::Master
            && (!master || node.record->epoch > nodes.at(*master).record->epoch))
            master = i;
    }

    const QStringList conflict = conflicts(nodes);
    if (!conflict.isEmpty()) {
        state = ClusterState::Conflict;
        reasons = conflict;
        return;
    }

    QStringList degraded;
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        NodeStatus &node = nodes[i];
        node.concerns = concernsOf(node);
        if (master && i == *master) {
            node.concerns.clear();
            if (node.record->app.state != AppState::Running)
                node.concerns << QStringLiteral("application on master %1 is %2")
                                     .arg(node.node, appStateName(node.record->app.state));
            if (node.standby)
                node.concerns << QStringLiteral("%1: standby flag set (the master hands over)").arg(node.node);
            node.concerns += outsideInstances(node);
        }
        degraded += node.concerns;
    }
    if (maintenance.presence == Presence::Unknown)
        degraded << QStringLiteral("maintenance state unknown: %1").arg(maintenance.problem);

    if (maintenance.presence == Presence::Present) {
        state = ClusterState::Maintenance;
        reasons << describeNoteRead(maintenance);
        for (const NodeStatus &node : std::as_const(nodes))
            reasons += outsideInstances(node);
        return;
    }
    if (!master) {
        state = ClusterState::NoMaster;
        for (const NodeStatus &node : std::as_const(nodes)) {
            if (node.record && node.record->state == Role::Master)
                reasons << QStringLiteral("master %1: %2; it may be dead, frozen or cut off from the storage")
                               .arg(describeMaster(node), noChange(node));
            else if (node.heartbeat == Heartbeat::Changing && node.record && isClaimingRole(node.record->state))
                reasons << QStringLiteral("%1 is %2 (a change of master is under way)")
                               .arg(node.node, roleName(node.record->state));
        }
        if (nodes.isEmpty())
            reasons << QStringLiteral("no node has written a record yet: no agent has started");
        else if (reasons.isEmpty())
            reasons << QStringLiteral("no node is master");
        return;
    }
    if (!degraded.isEmpty()) {
        state = ClusterState::Degraded;
        reasons = degraded;
        return;
    }
    state = ClusterState::Ok;
}

ClusterStatus ClusterStatus::failure(ClusterState state, const QString &directory, const QString &why)
{
    ClusterStatus status;
    status.state = state;
    status.directory = directory;
    status.reasons << why;
    const QString notRead = QStringLiteral("not read: the directory failed");
    status.maintenance.problem = notRead;
    status.switchover.problem = notRead;
    return status;
}

} // namespace hacmp::ctl
