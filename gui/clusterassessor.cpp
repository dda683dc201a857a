#include "gui/clusterassessor.h"

#include "gui/consolelog.h"
#include "gui/texts.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <algorithm>

namespace hacmp::console {

ClusterAssessor::ClusterAssessor(QString directory, Timing timing)
    : m_timing(timing)
    , m_observer(QString(), timing, std::make_shared<SlotCache>(64))
{
    m_last.directory = std::move(directory);
    m_last.timing = timing;
    m_last.directoryProblem = tr("The console has not read the directory yet.");
    classify(m_last, kNever);
}

const ClusterSnapshot &ClusterAssessor::apply(const PollResult &poll, MonoTime now)
{
    // A directory that fails to list its nodes keeps showing what was read last, like one that hangs.
    if (!poll.listed)
        return notResponding(m_last.onEtcd
                ? tr("The keys under %1nodes/ cannot be read: %2").arg(m_last.directory, poll.listError)
                : tr("The folder nodes/ in %1 cannot be read: %2").arg(m_last.directory, poll.listError),
            Millis(0), now);

    ClusterSnapshot snapshot;
    snapshot.directory = m_last.directory;
    snapshot.onEtcd = m_last.onEtcd;
    snapshot.clusterName = m_last.clusterName;
    snapshot.timing = m_timing;
    snapshot.takenAt = now;
    snapshot.responding = true;

    for (const QString &name : poll.ignoredNames) {
        if (!m_reportedNames.contains(name)) {
            m_reportedNames.insert(name);
            qCWarning(lcConsole, "nodes/%s: not a heartbeat record (<node>.hb with a valid node name); ignored",
                qUtf8Printable(name));
        }
        snapshot.problems.append(tr("nodes/%1 is not a heartbeat record (<node>.hb); ignored").arg(name));
    }
    for (const RecordPoll &record : poll.records) {
        Tracking &tracking = m_tracking[record.node];
        const NodeView *before = m_observer.view(record.node);
        const MonoTime changedBefore = before ? before->changedAt : kNever;
        const bool readBefore = before && before->everRead;
        m_observer.applyRead(record.node, record.read, record.issuedAt, now);
        const NodeView *view = m_observer.view(record.node);
        if (!view || !view->everRead)
            continue;
        if (tracking.firstRead == kNever)
            tracking.firstRead = view->changedAt == kNever ? now : view->changedAt;
        if (readBefore && view->changedAt != changedBefore && view->changedAt != kNever && view->content
            && !view->unknown)
            tracking.skew.newRecordSeen(view->content->wallTime, tracking.previousIssueWall, record.wallReturnedMs);
        if (record.read.outcome == IoOutcome::Ok || record.read.outcome == IoOutcome::Absent)
            tracking.previousIssueWall = record.wallIssuedMs;
    }

    QStringList listed;
    for (const RecordPoll &record : poll.records)
        listed.append(record.node);
    std::sort(listed.begin(), listed.end());
    for (const QString &node : std::as_const(listed)) {
        if (!m_observer.view(node) || !m_observer.view(node)->everRead) {
            NodeStatus unread;
            unread.name = node;
            unread.problem = tr("not read yet");
            snapshot.nodes.append(unread);
            continue;
        }
        NodeStatus status = statusOf(node, m_tracking.value(node));
        status.duplicate = m_observer.showsTwoHosts(node, now);
        if (!status.problem.isEmpty())
            snapshot.problems.append(tr("nodes/%1.hb: %2").arg(node, status.problem));
        snapshot.nodes.append(status);
    }

    const NoteRead maintenance = interpretNote(poll.maintenance, maintenancePath());
    snapshot.maintenance = maintenance.presence;
    snapshot.maintenanceNote = maintenance.note;
    snapshot.maintenanceProblem = maintenance.problem;
    if (!maintenance.problem.isEmpty())
        snapshot.problems.append(maintenance.problem);

    const SwitchoverRead switchover = interpretSwitchover(poll.switchover, switchoverPath());
    snapshot.switchover = switchover.request;
    if (!switchover.problem.isEmpty())
        snapshot.problems.append(switchover.problem);

    if (poll.standby) {
        for (NodeStatus &status : snapshot.nodes) {
            const auto it = poll.standby->constFind(status.name);
            status.standby = it != poll.standby->constEnd();
            if (status.standby)
                status.standbyNote = *it;
        }
    } else {
        snapshot.problems.append(poll.standbyError);
        for (NodeStatus &status : snapshot.nodes) {
            if (const NodeStatus *previous = m_last.node(status.name)) {
                status.standby = previous->standby;
                status.standbyNote = previous->standbyNote;
            }
        }
    }

    snapshot.writeProblem = poll.writeProblem;
    snapshot.writable = poll.writeProblem.isEmpty();
    classify(snapshot, now);
    m_last = std::move(snapshot);
    return m_last;
}

const ClusterSnapshot &ClusterAssessor::notResponding(const QString &why, Millis waited, MonoTime now)
{
    m_last.takenAt = now;
    m_last.responding = false;
    m_last.directoryProblem = why;
    m_last.unansweredFor = waited;
    classify(m_last, now);
    return m_last;
}

NodeStatus ClusterAssessor::statusOf(const QString &node, const Tracking &tracking) const
{
    const NodeView *view = m_observer.view(node);
    NodeStatus status;
    status.name = node;
    status.record = view->content;
    status.unknown = view->unknown || !view->content;
    status.problem = view->unknown ? view->problem : QString();
    if (view->absent && !view->unknown)
        status.problem = tr("the record was removed");
    status.dead = m_observer.isDead(node);
    status.changedAt = view->changedAt;
    status.changeSeen = view->changedAt != kNever && view->changedAt > tracking.firstRead;
    if (const std::optional<SkewEstimate> skew = tracking.skew.estimate()) {
        status.skew = skew->estimate;
        status.skewUncertainty = skew->uncertainty;
    }
    return status;
}

QString ClusterAssessor::describe(const Finding &finding, const ClusterSnapshot &snapshot)
{
    const QString node = finding.node();
    const QString list = finding.nodes.join(QStringLiteral(", "));
    switch (finding.kind) {
    case Finding::Kind::TwoHosts:
        return tr("Node %1 is written by two hosts: two agents use the same node name. Give each host its own [node] "
                  "name in agent.conf.")
            .arg(node);
    case Finding::Kind::SameHostId:
        return tr("Nodes %1 report the same host_id %2: one host runs two agents, or its machine-id was cloned.")
            .arg(list, finding.text);
    case Finding::Kind::SeveralMasters:
        return tr("Several nodes are master at once: %1.").arg(list);
    case Finding::Kind::SeveralRunning:
        return tr("The application runs on several nodes: %1.").arg(list);
    case Finding::Kind::MaintenanceOn:
        return snapshot.maintenanceProblem;
    case Finding::Kind::NoRecords:
        return tr("No agent has written a heartbeat into nodes/ yet.");
    case Finding::Kind::MasterNotChanging:
        if (finding.freshness == Freshness::Dead)
            return tr("The last master %1 is dead; an eligible standby takes over.").arg(node);
        return tr("The heartbeat of master %1 has not changed for %2: it may be frozen or cut off from the storage.")
            .arg(node, durationText(finding.unchangedFor));
    case Finding::Kind::Electing:
        return tr("Taking over: %1.").arg(node);
    case Finding::Kind::NoMaster:
        return tr("No node is master.");
    case Finding::Kind::MaintenanceUnknown:
        return tr("Whether the cluster is in maintenance is unknown: %1").arg(finding.text);
    case Finding::Kind::EndedTerm:
        return tr("Node %1 also shows itself master (epoch %2), but its heartbeat has not changed since the console "
                  "began watching: a term that has ended, unless it changes.")
            .arg(node)
            .arg(finding.epochs.value(0));
    case Finding::Kind::MasterApp:
        return tr("The application on master %1 is %2.").arg(node, appStateLabel(finding.app));
    case Finding::Kind::MasterInStandby:
        return tr("Master %1 is in standby: it hands over to another node.").arg(node);
    case Finding::Kind::Unreadable:
        return tr("The record of node %1 cannot be understood (%2).").arg(node, finding.text);
    case Finding::Kind::Stale:
        return tr("The heartbeat of node %1 is stale: no change for %2.").arg(node, durationText(finding.unchangedFor));
    case Finding::Kind::Dead:
        return tr("Node %1 is dead: its heartbeat has not changed for %2.")
            .arg(node, durationText(finding.unchangedFor));
    case Finding::Kind::Offline:
        return tr("Node %1 is offline (its agent was stopped).").arg(node);
    case Finding::Kind::Fenced:
        return tr("Node %1 is fenced: it lost its lease and stopped the application.").arg(node);
    case Finding::Kind::NotEligible:
        return tr("Node %1 may not become master: its application failed too often or cannot run. Clear its failures "
                  "once the cause is fixed.")
            .arg(node);
    case Finding::Kind::StandbyFlag:
        return tr("Node %1 is in standby on request of %2.")
            .arg(node, finding.note ? finding.note->who : tr("someone"));
    case Finding::Kind::Outside:
        return tr("Node %1 runs the application outside its guard (pid %2), started by hand. It is stopped when "
                  "maintenance ends, and the master starts the application under its guard.")
            .arg(node, pidList(finding.pids));
    case Finding::Kind::NoStandbyReady:
        return tr("No other node is ready to take over.");
    }
    return QString();
}

void ClusterAssessor::classify(ClusterSnapshot &snapshot, MonoTime now)
{
    snapshot.reasons.clear();
    snapshot.masterAppSince.clear();
    if (!snapshot.responding) {
        snapshot.state = ClusterState::NotResponding;
        snapshot.verdict = ClusterVerdict {};
        snapshot.reasons.append(snapshot.directoryProblem);
        if (snapshot.unansweredFor > Millis(0))
            snapshot.reasons.append(
                tr("No answer for %1; the window shows what was last read.").arg(durationText(snapshot.unansweredFor)));
        return;
    }
    snapshot.verdict = judgeCluster(snapshot.observation(now));
    const ClusterVerdict &verdict = snapshot.verdict;
    snapshot.state = verdict.state;
    for (const QString &name : verdict.masters) {
        if (snapshot.node(name)->record->epoch == verdict.masterEpoch)
            snapshot.masterAppSince = snapshot.node(name)->record->app.since;
    }
    for (const Finding &finding : verdict.findings) {
        const QString reason = describe(finding, snapshot);
        if (!reason.isEmpty())
            snapshot.reasons.append(reason);
    }
}

} // namespace hacmp::console
