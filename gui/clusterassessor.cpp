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
        return notResponding(
            tr("The folder nodes/ in %1 cannot be read: %2").arg(m_last.directory, poll.listError), Millis(0), now);

    ClusterSnapshot snapshot;
    snapshot.directory = m_last.directory;
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
        if (readBefore && view->changedAt != changedBefore && view->changedAt != kNever)
            learnSkew(record, tracking);
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
    if (tracking.skew.known) {
        status.skew = Millis((tracking.skew.low + tracking.skew.high) / 2);
        status.skewUncertainty = Millis((tracking.skew.high - tracking.skew.low) / 2);
    }
    return status;
}

void ClusterAssessor::learnSkew(const RecordPoll &poll, Tracking &tracking) const
{
    const NodeView *view = m_observer.view(poll.node);
    if (!view->content || view->unknown || tracking.previousIssueWall == 0)
        return;
    const QDateTime written = QDateTime::fromString(view->content->wallTime, Qt::ISODateWithMs);
    if (!written.isValid())
        return;
    // The node stamped wall_time just before a write that landed after our previous read was issued (less
    // the time a write may take) and before this read returned.
    const qint64 stamped = written.toMSecsSinceEpoch();
    const qint64 low = stamped - poll.wallReturnedMs;
    const qint64 high = stamped - (tracking.previousIssueWall - m_timing.ioTimeout.count());
    SkewBounds &skew = tracking.skew;
    if (skew.known && low <= skew.high && high >= skew.low) {
        skew.low = std::max(skew.low, low);
        skew.high = std::min(skew.high, high);
    } else {
        skew = { low, high, true }; // first estimate, or a clock jumped: start over
    }
}

void ClusterAssessor::setAsideUnconfirmedMasters(ClusterSnapshot &snapshot, QStringList &running, QStringList &issues)
{
    if (snapshot.masters.size() < 2)
        return;
    // Opened after a failover, the console finds the old master's last record next to the new one. Until a
    // master's heartbeat is seen changing it may be a term that has ended, so it makes no conflict: the
    // masters seen changing count, or else the newest term.
    QStringList confirmed;
    for (const QString &name : std::as_const(snapshot.masters)) {
        if (snapshot.node(name)->changeSeen)
            confirmed.append(name);
    }
    if (confirmed.isEmpty()) {
        const auto newest = std::max_element(
            snapshot.masters.cbegin(), snapshot.masters.cend(), [&](const QString &x, const QString &y) {
                return snapshot.node(x)->record->epoch < snapshot.node(y)->record->epoch;
            });
        confirmed.append(*newest);
    }
    for (const QString &name : std::as_const(snapshot.masters)) {
        if (confirmed.contains(name))
            continue;
        running.removeAll(name);
        issues.append(tr("Node %1 also shows itself master (epoch %2), but its heartbeat has not changed since "
                         "the console began watching: a term that has ended, unless it changes.")
                          .arg(name)
                          .arg(snapshot.node(name)->record->epoch));
    }
    snapshot.masters = confirmed;
    snapshot.masterEpoch = 0;
    for (const QString &name : std::as_const(confirmed)) {
        const HeartbeatRecord &record = *snapshot.node(name)->record;
        if (record.epoch >= snapshot.masterEpoch) {
            snapshot.masterEpoch = record.epoch;
            snapshot.masterAppSince = record.app.since;
        }
    }
}

void ClusterAssessor::classify(ClusterSnapshot &snapshot, MonoTime now)
{
    snapshot.reasons.clear();
    snapshot.masters.clear();
    snapshot.masterEpoch = 0;
    snapshot.masterAppSince.clear();
    if (!snapshot.responding) {
        snapshot.state = ClusterState::NotResponding;
        snapshot.reasons.append(snapshot.directoryProblem);
        if (snapshot.unansweredFor > Millis(0))
            snapshot.reasons.append(
                tr("No answer for %1; the window shows what was last read.").arg(durationText(snapshot.unansweredFor)));
        return;
    }

    const Timing &timing = snapshot.timing;
    QStringList running;
    QStringList deadMasters;
    QStringList candidates;
    QStringList conflicts;
    QStringList issues;
    QMap<QString, QStringList> byHost;
    int standbysReady = 0;
    for (const NodeStatus &node : std::as_const(snapshot.nodes)) {
        const Liveness liveness = node.liveness(now, timing);
        if (node.duplicate)
            conflicts.append(tr("Node %1 is written by two hosts: two agents use the same node name. Give each "
                                "host its own [node] name in agent.conf.")
                                 .arg(node.name));
        if (!node.record || node.unknown) {
            if (liveness != Liveness::Dead)
                issues.append(tr("The record of node %1 cannot be understood (%2).").arg(node.name, node.problem));
            continue;
        }
        const HeartbeatRecord &record = *node.record;
        const bool alive = liveness == Liveness::Alive || liveness == Liveness::Stale;
        if (record.state == Role::Master) {
            if (alive) {
                snapshot.masters.append(node.name);
                snapshot.masterEpoch = std::max<quint64>(snapshot.masterEpoch, record.epoch);
                snapshot.masterAppSince = record.app.since;
            } else {
                deadMasters.append(node.name);
            }
        }
        if (alive && record.app.state == AppState::Running)
            running.append(node.name);
        if (alive && !record.hostId.isEmpty())
            byHost[record.hostId].append(node.name);
        if (alive && record.state == Role::Candidate)
            candidates.append(node.name);

        const std::optional<Millis> age = node.age(now);
        const QString ageText = age ? durationText(*age) : QString();
        if (liveness == Liveness::Dead)
            issues.append(tr("Node %1 is dead: its heartbeat has not changed for %2.").arg(node.name, ageText));
        else if (liveness == Liveness::Offline)
            issues.append(tr("Node %1 is offline (its agent was stopped).").arg(node.name));
        else if (liveness == Liveness::Stale)
            issues.append(tr("The heartbeat of node %1 is stale: no change for %2.").arg(node.name, ageText));
        if (!alive)
            continue;
        if (record.state == Role::Fenced)
            issues.append(tr("Node %1 is fenced: it lost its lease and stopped the application.").arg(node.name));
        if (!record.app.outside.isEmpty())
            issues.append(tr("Node %1 runs the application outside its guard (pid %2), started by hand. It is stopped "
                             "when maintenance ends, and the master starts the application under its guard.")
                              .arg(node.name, pidList(record.app.outside)));
        if (node.standby)
            issues.append(tr("Node %1 is in standby on request of %2.")
                              .arg(node.name, node.standbyNote ? node.standbyNote->who : tr("someone")));
        else if (!record.eligible)
            issues.append(tr("Node %1 may not become master: its application failed too often or cannot run. "
                             "Clear its failures once the cause is fixed.")
                              .arg(node.name));
        if (record.state == Role::Standby && record.eligible && !node.standby && liveness == Liveness::Alive)
            ++standbysReady;
    }

    setAsideUnconfirmedMasters(snapshot, running, issues);
    if (snapshot.masters.size() > 1)
        conflicts.append(tr("Several nodes are master at once: %1.").arg(snapshot.masters.join(QStringLiteral(", "))));
    if (running.size() > 1)
        conflicts.append(tr("The application runs on several nodes: %1.").arg(running.join(QStringLiteral(", "))));
    for (auto it = byHost.cbegin(); it != byHost.cend(); ++it) {
        if (it->size() > 1)
            conflicts.append(tr("Nodes %1 report the same host_id %2: one host runs two agents, or its machine-id "
                                "was cloned.")
                                 .arg(it->join(QStringLiteral(", ")), it.key()));
    }

    if (!conflicts.isEmpty()) {
        snapshot.state = ClusterState::Conflict;
        snapshot.reasons = conflicts;
        return;
    }
    if (snapshot.maintenance == Presence::Present) {
        snapshot.state = ClusterState::Maintenance;
        if (!snapshot.maintenanceProblem.isEmpty())
            snapshot.reasons.append(snapshot.maintenanceProblem);
        snapshot.reasons.append(issues);
        return;
    }
    if (snapshot.masters.isEmpty()) {
        snapshot.state = ClusterState::NoMaster;
        if (snapshot.nodes.isEmpty())
            snapshot.reasons.append(tr("No agent has written a heartbeat into nodes/ yet."));
        for (const QString &node : std::as_const(deadMasters))
            snapshot.reasons.append(tr("The last master %1 is dead; an eligible standby takes over.").arg(node));
        if (!candidates.isEmpty())
            snapshot.reasons.append(tr("Taking over: %1.").arg(candidates.join(QStringLiteral(", "))));
        snapshot.reasons.append(issues);
        return;
    }
    const NodeStatus *master = snapshot.node(snapshot.masters.front());
    if (master->record->app.state != AppState::Running)
        issues.prepend(
            tr("The application on master %1 is %2.").arg(master->name, appStateLabel(master->record->app.state)));
    if (standbysReady == 0 && snapshot.nodes.size() > 0)
        issues.append(tr("No other node is ready to take over."));
    snapshot.reasons = issues;
    snapshot.state = issues.isEmpty() ? ClusterState::Ok : ClusterState::Degraded;
}

} // namespace hacmp::console
