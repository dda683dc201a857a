#include "agent/ctl/clusterstatus.h"

#include "agent/ctl/actionlog.h"
#include "agent/ctl/ctlcommand.h"
#include "shared/config/duration.h"

#include <QMap>

namespace hacmp::ctl {

namespace {

QString noChange(Millis unchangedFor)
{
    return QStringLiteral("no change seen in %1").arg(roundedDuration(unchangedFor));
}

QString describeMaster(const QString &node, quint64 epoch)
{
    return QStringLiteral("%1 (epoch %2)").arg(node).arg(epoch);
}

NodeObservation observationOf(const WatchedNode &node)
{
    NodeObservation observed;
    observed.node = node.node;
    observed.record = node.record;
    observed.problem = node.problem;
    observed.unchangedFor = node.watched;
    observed.twoHosts = node.twoHosts;
    observed.standbyFlag = node.standby.has_value();
    observed.standbyNote = node.standby;
    if (!node.record || node.heartbeat == Heartbeat::NotRead)
        observed.freshness = Freshness::Unreadable;
    else if (node.heartbeat == Heartbeat::Changing)
        observed.freshness = Freshness::Changing;
    else
        observed.freshness = node.record->state == Role::Offline ? Freshness::Offline : Freshness::Stale;
    return observed;
}

/// A finding of the verdict in hacmpctl's words; maintenance gives the note of MaintenanceOn.
QString describe(const Finding &finding, const NoteRead &maintenance)
{
    const QString node = finding.node();
    const QString and_ = QStringLiteral(" and ");
    switch (finding.kind) {
    case Finding::Kind::TwoHosts:
        return QStringLiteral("the record of %1 shows two different host_id values: two agents use the node name %1; "
                              "give each host its own [node] name")
            .arg(node);
    case Finding::Kind::SameHostId:
        return QStringLiteral("nodes %1 report the same host_id %2: one host runs two agents, or machine-id was cloned")
            .arg(finding.nodes.join(and_), finding.text);
    case Finding::Kind::SeveralMasters: {
        QStringList masters;
        for (qsizetype i = 0; i < finding.nodes.size(); ++i)
            masters.append(describeMaster(finding.nodes.at(i), finding.epochs.value(i)));
        return QStringLiteral("two masters: %1").arg(masters.join(and_));
    }
    case Finding::Kind::SeveralRunning:
        return QStringLiteral("application running on %1").arg(finding.nodes.join(and_));
    case Finding::Kind::MaintenanceOn:
        return describeNoteRead(maintenance);
    case Finding::Kind::NoRecords:
        return QStringLiteral("no node has written a record yet: no agent has started");
    case Finding::Kind::MasterNotChanging:
        return QStringLiteral("master %1: %2; it may be dead, frozen or cut off from the storage")
            .arg(describeMaster(node, finding.epochs.value(0)), noChange(finding.unchangedFor));
    case Finding::Kind::Electing:
        return QStringLiteral("%1 is %2 (a change of master is under way)").arg(node, roleName(finding.role));
    case Finding::Kind::NoMaster:
        return QStringLiteral("no node is master");
    case Finding::Kind::MaintenanceUnknown:
        return QStringLiteral("maintenance state unknown: %1").arg(finding.text);
    case Finding::Kind::EndedTerm:
        return QStringLiteral("%1: shows itself master (epoch %2) but has not changed since the watch began: a term "
                              "that has ended")
            .arg(node)
            .arg(finding.epochs.value(0));
    case Finding::Kind::MasterApp:
        return QStringLiteral("application on master %1 is %2").arg(node, appStateName(finding.app));
    case Finding::Kind::MasterInStandby:
        return QStringLiteral("%1: standby flag set (the master hands over)").arg(node);
    case Finding::Kind::Unreadable:
        return QStringLiteral("%1: record unreadable (%2)").arg(node, finding.text);
    case Finding::Kind::Stale:
        return QStringLiteral("%1: stale, %2").arg(node, noChange(finding.unchangedFor));
    case Finding::Kind::Dead:
        return QStringLiteral("%1: dead, %2").arg(node, noChange(finding.unchangedFor));
    case Finding::Kind::Offline:
        return QStringLiteral("%1: offline (agent stopped cleanly)").arg(node);
    case Finding::Kind::Fenced:
        return QStringLiteral("%1: fenced (lost its lease)").arg(node);
    case Finding::Kind::NotEligible:
        return QStringLiteral("%1: not eligible").arg(node);
    case Finding::Kind::StandbyFlag:
        return QStringLiteral("%1: standby flag set").arg(node);
    case Finding::Kind::Outside:
        return QStringLiteral("%1: application running outside the guard (pid %2), started by hand? It is stopped when "
                              "maintenance ends, and the master starts the application under its guard")
            .arg(node, pidList(finding.pids));
    case Finding::Kind::NoStandbyReady:
        return QStringLiteral("no other node is ready to take over");
    }
    return QString();
}

} // namespace

QString roundedDuration(Millis duration)
{
    return formatDuration(Millis((duration.count() + 50) / 100 * 100));
}

WatchedNode watchedNodeOf(const RecordWatch &watch, const QString &node)
{
    WatchedNode status;
    status.node = node;
    status.watched = watch.watched(node);
    status.twoHosts = watch.showsTwoHosts(node);
    const NodeView *view = watch.view(node);
    if (!view || !view->everRead) {
        status.heartbeat = Heartbeat::NotRead;
        status.problem = watch.readError(node);
        return status;
    }
    status.heartbeat = watch.changed(node) ? Heartbeat::Changing : Heartbeat::Stale;
    if (view->absent && !view->unknown) {
        status.heartbeat = Heartbeat::NotRead;
        status.problem = QStringLiteral("the record file vanished");
        return status;
    }
    if (view->unknown || !view->content) {
        status.problem = view->problem;
        return status;
    }
    status.record = view->content;
    if (status.heartbeat == Heartbeat::Changing)
        status.skew = watch.skew(node);
    return status;
}

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

ClusterObservation ClusterStatus::observation() const
{
    ClusterObservation observed;
    for (const WatchedNode &node : nodes)
        observed.nodes.append(observationOf(node));
    observed.maintenance = maintenance;
    return observed;
}

void ClusterStatus::evaluate()
{
    const ClusterVerdict verdict = judgeCluster(observation());
    state = verdict.state;
    endedTerms = verdict.endedTerms;
    reasons.clear();
    for (const Finding &finding : verdict.findings)
        reasons.append(describe(finding, maintenance));
    master.reset();
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        WatchedNode &node = nodes[i];
        node.concerns.clear();
        for (const Finding &finding : verdict.findingsOf(node.node))
            node.concerns.append(describe(finding, maintenance));
        if (verdict.masters.contains(node.node) && (!master || node.record->epoch > nodes.at(*master).record->epoch))
            master = i;
    }
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
