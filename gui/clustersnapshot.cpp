#include "gui/clustersnapshot.h"

#include <QCoreApplication>

namespace hacmp::console {

std::optional<Millis> NodeStatus::age(MonoTime now) const
{
    if (changedAt == kNever)
        return std::nullopt;
    return std::max(Millis(0), now - changedAt);
}

Liveness NodeStatus::liveness(MonoTime now, const Timing &timing) const
{
    if (dead)
        return record && !unknown && record->state == Role::Offline ? Liveness::Offline : Liveness::Dead;
    if (unknown || !record)
        return Liveness::Unknown;
    // An agent writes every interval, a write may take io_timeout, and the console reads every interval.
    const std::optional<Millis> sinceChange = age(now);
    if (sinceChange && *sinceChange > timing.settle())
        return Liveness::Stale;
    return Liveness::Alive;
}

namespace {

Freshness freshnessOf(Liveness liveness)
{
    switch (liveness) {
    case Liveness::Alive:
        return Freshness::Changing;
    case Liveness::Stale:
        return Freshness::Stale;
    case Liveness::Dead:
        return Freshness::Dead;
    case Liveness::Offline:
        return Freshness::Offline;
    case Liveness::Unknown:
        return Freshness::Unreadable;
    }
    return Freshness::Unreadable;
}

} // namespace

ClusterObservation ClusterSnapshot::observation(MonoTime now) const
{
    ClusterObservation observed;
    for (const NodeStatus &status : nodes) {
        NodeObservation node;
        node.node = status.name;
        node.freshness = freshnessOf(status.liveness(now, timing));
        if (status.record && !status.unknown)
            node.record = status.record;
        node.problem = status.problem;
        node.changeSeen = status.changeSeen;
        node.unchangedFor = status.age(now).value_or(Millis(0));
        node.twoHosts = status.duplicate;
        node.standbyFlag = status.standby;
        node.standbyNote = status.standbyNote;
        observed.nodes.append(node);
    }
    observed.maintenance = { maintenance, maintenanceNote, maintenanceProblem };
    return observed;
}

const NodeStatus *ClusterSnapshot::node(const QString &name) const
{
    for (const NodeStatus &status : nodes) {
        if (status.name == name)
            return &status;
    }
    return nullptr;
}

QString clusterStateLabel(ClusterState state, bool onEtcd)
{
    switch (state) {
    case ClusterState::Ok:
        return QCoreApplication::translate("ClusterState", "OK");
    case ClusterState::Degraded:
        return QCoreApplication::translate("ClusterState", "DEGRADED");
    case ClusterState::NoMaster:
        return QCoreApplication::translate("ClusterState", "NO MASTER");
    case ClusterState::Maintenance:
        return QCoreApplication::translate("ClusterState", "MAINTENANCE");
    case ClusterState::Conflict:
        return QCoreApplication::translate("ClusterState", "CONFLICT");
    case ClusterState::NotResponding:
        return onEtcd ? QCoreApplication::translate("ClusterState", "ETCD NOT RESPONDING")
                      : QCoreApplication::translate("ClusterState", "DIRECTORY NOT RESPONDING");
    case ClusterState::Unreachable:
        return onEtcd ? QCoreApplication::translate("ClusterState", "ETCD UNREACHABLE")
                      : QCoreApplication::translate("ClusterState", "DIRECTORY UNREACHABLE");
    }
    return QString();
}

QString clusterStateIcon(ClusterState state)
{
    switch (state) {
    case ClusterState::Ok:
        return QStringLiteral(":/icons/state-ok.svg");
    case ClusterState::Degraded:
        return QStringLiteral(":/icons/state-degraded.svg");
    case ClusterState::NoMaster:
        return QStringLiteral(":/icons/state-nomaster.svg");
    case ClusterState::Maintenance:
        return QStringLiteral(":/icons/state-maintenance.svg");
    case ClusterState::Conflict:
        return QStringLiteral(":/icons/state-conflict.svg");
    case ClusterState::NotResponding:
    case ClusterState::Unreachable:
        return QStringLiteral(":/icons/state-notresponding.svg");
    }
    return QString();
}

QString livenessLabel(Liveness liveness)
{
    switch (liveness) {
    case Liveness::Alive:
        return QCoreApplication::translate("Liveness", "alive");
    case Liveness::Stale:
        return QCoreApplication::translate("Liveness", "stale");
    case Liveness::Dead:
        return QCoreApplication::translate("Liveness", "dead");
    case Liveness::Offline:
        return QCoreApplication::translate("Liveness", "offline");
    case Liveness::Unknown:
        return QCoreApplication::translate("Liveness", "unknown");
    }
    return QString();
}

QString livenessIcon(Liveness liveness)
{
    switch (liveness) {
    case Liveness::Alive:
        return QStringLiteral(":/icons/node-alive.svg");
    case Liveness::Stale:
        return QStringLiteral(":/icons/node-stale.svg");
    case Liveness::Dead:
        return QStringLiteral(":/icons/node-dead.svg");
    case Liveness::Offline:
        return QStringLiteral(":/icons/node-offline.svg");
    case Liveness::Unknown:
        return QStringLiteral(":/icons/node-unknown.svg");
    }
    return QString();
}

} // namespace hacmp::console
