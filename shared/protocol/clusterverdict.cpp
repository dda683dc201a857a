#include "shared/protocol/clusterverdict.h"

#include <QMap>

#include <algorithm>

namespace hacmp {

namespace {

Finding finding(Finding::Kind kind, const QString &node)
{
    Finding found { kind, { node }, {}, {}, Millis(0), Freshness::Changing, Role::Standby, AppState::Stopped, {}, {} };
    return found;
}

bool isFresh(const NodeObservation &node)
{
    return node.freshness == Freshness::Changing && node.record.has_value();
}

/// The fresh master records that count: all of them when they were seen changing; of those not seen
/// changing since the observer began, a term that ended before it looked, only the newest when none changed.
QStringList countedMasters(const ClusterObservation &observation)
{
    QList<const NodeObservation *> fresh;
    for (const NodeObservation &node : observation.nodes) {
        if (isFresh(node) && node.record->state == Role::Master)
            fresh.append(&node);
    }
    QList<const NodeObservation *> counted;
    for (const NodeObservation *node : std::as_const(fresh)) {
        if (node->changeSeen)
            counted.append(node);
    }
    if (counted.isEmpty() && !fresh.isEmpty())
        counted.append(*std::max_element(fresh.cbegin(), fresh.cend(),
            [](const NodeObservation *x, const NodeObservation *y) { return x->record->epoch < y->record->epoch; }));
    QStringList names;
    for (const NodeObservation *node : std::as_const(counted))
        names.append(node->node);
    return names;
}

QList<Finding> conflicts(const ClusterObservation &observation, const ClusterVerdict &verdict)
{
    QList<Finding> found;
    QStringList running;
    QMap<QString, QStringList> byHost;
    for (const NodeObservation &node : observation.nodes) {
        if (node.twoHosts)
            found.append(finding(Finding::Kind::TwoHosts, node.node));
        if (!isFresh(node))
            continue;
        const bool endedTerm = node.record->state == Role::Master && !verdict.masters.contains(node.node);
        if (node.record->app.state == AppState::Running && !endedTerm)
            running.append(node.node);
        if (!node.record->hostId.isEmpty())
            byHost[node.record->hostId].append(node.node);
    }
    if (verdict.masters.size() > 1) {
        Finding several { Finding::Kind::SeveralMasters, verdict.masters, {}, {}, Millis(0), Freshness::Changing,
            Role::Standby, AppState::Stopped, {}, {} };
        for (const QString &name : verdict.masters)
            several.epochs.append(observation.node(name)->record->epoch);
        found.append(several);
    }
    if (running.size() > 1) {
        Finding several = finding(Finding::Kind::SeveralRunning, QString());
        several.nodes = running;
        found.append(several);
    }
    for (auto it = byHost.cbegin(); it != byHost.cend(); ++it) {
        if (it->size() > 1) {
            Finding same = finding(Finding::Kind::SameHostId, QString());
            same.nodes = *it;
            same.text = it.key();
            found.append(same);
        }
    }
    return found;
}

QList<Finding> outside(const NodeObservation &node)
{
    if (!node.record || node.record->app.outside.isEmpty())
        return {};
    Finding found = finding(Finding::Kind::Outside, node.node);
    found.pids = node.record->app.outside;
    return { found };
}

/// What the master's own record says that makes the cluster less than OK.
QList<Finding> masterConcerns(const NodeObservation &node)
{
    QList<Finding> found;
    if (node.record->app.state != AppState::Running) {
        Finding app = finding(Finding::Kind::MasterApp, node.node);
        app.app = node.record->app.state;
        found.append(app);
    }
    if (node.standbyFlag)
        found.append(finding(Finding::Kind::MasterInStandby, node.node));
    found += outside(node);
    return found;
}

/// Why a node other than the master is in doubt or is not a good failover target.
QList<Finding> nodeConcerns(const NodeObservation &node, const QStringList &masters)
{
    QList<Finding> found;
    if (node.freshness == Freshness::Unreadable || !node.record) {
        Finding unreadable = finding(Finding::Kind::Unreadable, node.node);
        unreadable.text = node.problem;
        return { unreadable };
    }
    const HeartbeatRecord &record = *node.record;
    if (record.state == Role::Master && node.freshness == Freshness::Changing && !masters.contains(node.node)) {
        Finding ended = finding(Finding::Kind::EndedTerm, node.node);
        ended.epochs = { record.epoch };
        found.append(ended);
    }
    switch (node.freshness) {
    case Freshness::Offline:
        return { finding(Finding::Kind::Offline, node.node) };
    case Freshness::Dead: {
        Finding dead = finding(Finding::Kind::Dead, node.node);
        dead.unchangedFor = node.unchangedFor;
        return { dead }; // what a dead node's record says is the past
    }
    case Freshness::Stale: {
        Finding stale = finding(Finding::Kind::Stale, node.node);
        stale.unchangedFor = node.unchangedFor;
        found.append(stale);
        break;
    }
    case Freshness::Changing:
    case Freshness::Unreadable:
        break;
    }
    if (record.state == Role::Fenced)
        found.append(finding(Finding::Kind::Fenced, node.node));
    if (!record.eligible)
        found.append(finding(Finding::Kind::NotEligible, node.node));
    found += outside(node);
    if (node.standbyFlag) {
        Finding flag = finding(Finding::Kind::StandbyFlag, node.node);
        flag.note = node.standbyNote;
        found.append(flag);
    }
    return found;
}

/// NO MASTER: what the records say about the missing master.
QList<Finding> noMasterReasons(const ClusterObservation &observation)
{
    QList<Finding> found;
    if (observation.nodes.isEmpty())
        return { finding(Finding::Kind::NoRecords, QString()) };
    for (const NodeObservation &node : observation.nodes) {
        if (!node.record)
            continue;
        if (node.record->state == Role::Master && node.freshness != Freshness::Changing) {
            Finding master = finding(Finding::Kind::MasterNotChanging, node.node);
            master.epochs = { node.record->epoch };
            master.freshness = node.freshness;
            master.unchangedFor = node.unchangedFor;
            found.append(master);
        } else if (isFresh(node) && isClaimingRole(node.record->state)) {
            Finding electing = finding(Finding::Kind::Electing, node.node);
            electing.role = node.record->state;
            found.append(electing);
        }
    }
    if (found.isEmpty())
        found.append(finding(Finding::Kind::NoMaster, QString()));
    return found;
}

QString bestStandbyOf(const ClusterObservation &observation, const QStringList &masters)
{
    const NodeObservation *best = nullptr;
    for (const NodeObservation &node : observation.nodes) {
        if (masters.contains(node.node) || switchoverTargetRefusal(&node, node.node))
            continue;
        if (!best || node.record->priority > best->record->priority)
            best = &node;
    }
    return best ? best->node : QString();
}

} // namespace

const NodeObservation *ClusterObservation::node(const QString &name) const
{
    for (const NodeObservation &candidate : nodes) {
        if (candidate.node == name)
            return &candidate;
    }
    return nullptr;
}

std::optional<SwitchoverRefusal> switchoverTargetRefusal(const NodeObservation *target, const QString &node)
{
    SwitchoverRefusal refusal { SwitchoverRefusal::Reason::NotRead, node, {}, {}, Millis(0), Role::Standby };
    const auto refuse = [&](SwitchoverRefusal::Reason reason) {
        refusal.reason = reason;
        return refusal;
    };
    if (!target || (!target->record && target->problem.isEmpty()))
        return refuse(SwitchoverRefusal::Reason::NotRead);
    if (target->freshness == Freshness::Unreadable || !target->record) {
        refusal.text = target->problem;
        return refuse(SwitchoverRefusal::Reason::Unreadable);
    }
    if (target->freshness != Freshness::Changing) {
        refusal.unchangedFor = target->unchangedFor;
        return refuse(SwitchoverRefusal::Reason::NotAlive);
    }
    if (target->record->state != Role::Standby) {
        refusal.role = target->record->state;
        return refuse(SwitchoverRefusal::Reason::NotStandby);
    }
    if (target->standbyFlag)
        return refuse(SwitchoverRefusal::Reason::StandbyFlag);
    if (!target->record->eligible)
        return refuse(SwitchoverRefusal::Reason::NotEligible);
    return std::nullopt;
}

QList<Finding> ClusterVerdict::findingsOf(const QString &node) const
{
    QList<Finding> found;
    for (const Finding &candidate : findings) {
        if (candidate.nodes.size() == 1 && candidate.node() == node)
            found.append(candidate);
    }
    return found;
}

std::optional<SwitchoverRefusal> ClusterVerdict::switchoverRefusal(
    const ClusterObservation &observation, const QString &target) const
{
    SwitchoverRefusal refusal { SwitchoverRefusal::Reason::Maintenance, target, {}, {}, Millis(0), Role::Standby };
    if (maintenance)
        return refusal;
    if (masters.size() > 1) {
        refusal.reason = SwitchoverRefusal::Reason::SeveralMasters;
        refusal.nodes = masters;
        return refusal;
    }
    if (masters.isEmpty()) {
        refusal.reason = SwitchoverRefusal::Reason::NoMaster;
        return refusal;
    }
    if (target.isEmpty()) {
        if (!bestStandby.isEmpty())
            return std::nullopt;
        refusal.reason = SwitchoverRefusal::Reason::NoTarget;
        return refusal;
    }
    if (target == master()) {
        refusal.reason = SwitchoverRefusal::Reason::AlreadyMaster;
        return refusal;
    }
    return switchoverTargetRefusal(observation.node(target), target);
}

ClusterVerdict judgeCluster(const ClusterObservation &observation)
{
    ClusterVerdict verdict;
    verdict.masters = countedMasters(observation);
    for (const QString &name : std::as_const(verdict.masters))
        verdict.masterEpoch = std::max<quint64>(verdict.masterEpoch, observation.node(name)->record->epoch);
    verdict.maintenance = observation.maintenance.presence == Presence::Present;

    for (const NodeObservation &node : observation.nodes) {
        if (node.record && node.record->state == Role::Master && !verdict.masters.contains(node.node)
            && node.record->epoch < verdict.masterEpoch)
            verdict.endedTerms.append(node.node);
    }
    verdict.bestStandby = bestStandbyOf(observation, verdict.masters);

    const QList<Finding> conflict = conflicts(observation, verdict);
    if (!conflict.isEmpty()) {
        verdict.state = ClusterState::Conflict;
        verdict.findings = conflict;
        return verdict;
    }

    QList<Finding> concerns;
    for (const NodeObservation &node : observation.nodes)
        concerns += verdict.masters.contains(node.node) ? masterConcerns(node) : nodeConcerns(node, verdict.masters);
    if (observation.maintenance.presence == Presence::Unknown) {
        Finding unknown = finding(Finding::Kind::MaintenanceUnknown, QString());
        unknown.text = observation.maintenance.problem;
        concerns.append(unknown);
    }

    if (verdict.maintenance) {
        verdict.state = ClusterState::Maintenance;
        Finding on = finding(Finding::Kind::MaintenanceOn, QString());
        on.note = observation.maintenance.note;
        verdict.findings = QList<Finding> { on } + concerns;
        return verdict;
    }
    if (verdict.masters.isEmpty()) {
        verdict.state = ClusterState::NoMaster;
        verdict.findings = noMasterReasons(observation);
        QStringList explained; // a master that stopped changing is one reason, not two
        for (const Finding &reason : std::as_const(verdict.findings)) {
            if (reason.kind == Finding::Kind::MasterNotChanging)
                explained.append(reason.node());
        }
        for (const Finding &concern : std::as_const(concerns)) {
            if (!explained.contains(concern.node()))
                verdict.findings.append(concern);
        }
        return verdict;
    }
    if (verdict.bestStandby.isEmpty())
        concerns.append(finding(Finding::Kind::NoStandbyReady, QString()));
    verdict.findings = concerns;
    verdict.state = concerns.isEmpty() ? ClusterState::Ok : ClusterState::Degraded;
    return verdict;
}

} // namespace hacmp
