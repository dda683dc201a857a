#pragma once

#include "shared/protocol/clusterstate.h"
#include "shared/protocol/heartbeatrecord.h"
#include "shared/protocol/monotime.h"
#include "shared/storage/controlfiles.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hacmp {

/// How an observer saw one node's heartbeat record (docs/protocol.md O1, O2). hacmpctl watches for a
/// moment and knows only Changing, Stale and Unreadable; the console and the agents watch for ever and
/// also know Dead (no change for F) and Offline.
enum class Freshness {
    Changing, ///< seen changing recently: the writer is alive
    Stale, ///< no change seen for a while, not (or not provably) dead
    Dead, ///< O2: no change for F
    Offline, ///< stopped cleanly: an offline record that no longer changes
    Unreadable, ///< never read, or the newest bytes cannot be understood
};

/// What one observer knows of one node: the input of judgeCluster.
struct NodeObservation
{
    QString node;
    Freshness freshness = Freshness::Unreadable;
    std::optional<HeartbeatRecord> record; ///< the newest understood content (kept when later bytes are not)
    QString problem; ///< why Unreadable, for people
    /// False when the record has not changed since the observer began watching: a master record may then
    /// be a term that ended before the observer looked (the console right after it opens).
    bool changeSeen = true;
    Millis unchangedFor { 0 }; ///< Stale or Dead: how long no change was seen
    bool twoHosts = false; ///< O4: the record showed two host_id values (a duplicate node name)
    bool standbyFlag = false; ///< standby/<node> exists
    std::optional<ControlNote> standbyNote; ///< its note, when it could be parsed
};

/// Everything judgeCluster needs: the nodes (in the order to report them) and the maintenance flag.
struct ClusterObservation
{
    QList<NodeObservation> nodes;
    NoteRead maintenance;

    const NodeObservation *node(const QString &name) const;
};

/// One reason why a cluster is not OK, as data: hacmpctl and the console word it each in their language.
struct Finding
{
    enum class Kind {
        // CONFLICT: what the protocol exists to prevent (S1), or a configuration that defeats it.
        TwoHosts, ///< node: two hosts write one node name
        SameHostId, ///< nodes share hostId: one host runs two agents, or a cloned machine-id
        SeveralMasters, ///< nodes (with epochs) are master at once
        SeveralRunning, ///< nodes run the application at once
        // MAINTENANCE
        MaintenanceOn, ///< note: who set it and why (nullopt when the file cannot be parsed)
        // NO MASTER
        NoRecords, ///< no node has written a record yet
        MasterNotChanging, ///< node (epoch) shows itself master but is freshness (Stale or Dead) for unchangedFor
        Electing, ///< node is role (candidate, starting): a change of master is under way
        NoMaster, ///< none of the above explains why no node is master
        // DEGRADED, and the details of the states above
        MaintenanceUnknown, ///< text: why the maintenance flag could not be read
        EndedTerm, ///< node also shows itself master (epoch) but has not changed since the observer began
        MasterApp, ///< node is master and its application is app, not running
        MasterInStandby, ///< node is master with the standby flag: it hands over
        Unreadable, ///< node: text says why its record cannot be read
        Stale, ///< node: no change for unchangedFor
        Dead, ///< node: no change for unchangedFor, which is F or more
        Offline, ///< node: its agent stopped cleanly
        Fenced, ///< node lost its lease and stopped the application
        NotEligible, ///< node may not become master (its restart budget is spent)
        StandbyFlag, ///< node has standby/<node>; note says who set it
        Outside, ///< node runs the application outside its guard (pids), started by hand
        NoStandbyReady, ///< the master has nobody to fail over to
    };

    Kind kind;
    QStringList nodes; ///< the node concerned first; several for the conflicts
    QList<quint64> epochs; ///< SeveralMasters: one per node; MasterNotChanging, EndedTerm: one
    QString text; ///< SameHostId: the host_id; MaintenanceUnknown, Unreadable: the problem
    Millis unchangedFor { 0 };
    Freshness freshness = Freshness::Changing; ///< MasterNotChanging: Stale or Dead
    Role role = Role::Standby; ///< Electing
    AppState app = AppState::Stopped; ///< MasterApp
    QList<std::int64_t> pids; ///< Outside
    std::optional<ControlNote> note; ///< MaintenanceOn, StandbyFlag

    QString node() const { return nodes.value(0); }
};

/// Why a switchover to a node cannot be asked for (docs/protocol.md H1).
struct SwitchoverRefusal
{
    enum class Reason {
        Maintenance, ///< roles are frozen in maintenance
        NoMaster, ///< no single live master to hand over from
        SeveralMasters, ///< nodes: resolve the conflict first
        AlreadyMaster, ///< the target is the master: nothing to do
        NoTarget, ///< no node qualifies as the target
        NotRead, ///< the target has no record
        Unreadable, ///< the target's record cannot be understood (text)
        NotAlive, ///< the target's record does not change (unchangedFor)
        NotStandby, ///< the target is role, not standby
        StandbyFlag, ///< the target has the standby flag
        NotEligible, ///< the target's restart budget is spent
    };
    Reason reason;
    QString node; ///< the target, or the master for AlreadyMaster
    QStringList nodes; ///< SeveralMasters
    QString text;
    Millis unchangedFor { 0 };
    Role role = Role::Standby;
};

/// Why node may not take over from a master as a switchover target, or nullopt when it may: alive,
/// understood, standby, eligible and without the standby flag. The master's election, hacmpctl and the
/// console ask the same question here.
std::optional<SwitchoverRefusal> switchoverTargetRefusal(const NodeObservation *target, const QString &node);

/// The one judgement of a cluster that `hacmpctl status`, `hacmpctl switchover`, the console's banner and
/// node actions, and the agent's own status share. In the order of precedence: a conflict outranks
/// maintenance, maintenance outranks a missing master, a missing master outranks a degraded cluster.
/// The directory's own failures (NOT RESPONDING, UNREACHABLE) are the caller's: it has no observation then.
struct ClusterVerdict
{
    ClusterState state = ClusterState::NoMaster;
    QList<Finding> findings; ///< the reasons in the order to show them: those that decide the state first
    QStringList masters; ///< the live masters that count (more than one is a conflict)
    quint64 masterEpoch = 0; ///< the newest term among them
    /// Nodes whose record still says master of an older term than a live master's: the last record of a
    /// master that died or stopped changing, shown as an old term rather than as a second master.
    QStringList endedTerms;
    QString bestStandby; ///< the node a switchover without a target goes to; empty when none qualifies
    bool maintenance = false;

    /// The single live master, or an empty string.
    QString master() const { return masters.size() == 1 ? masters.front() : QString(); }
    /// The findings about node, in order.
    QList<Finding> findingsOf(const QString &node) const;
    /// Why a switchover to target (empty: to the best standby) cannot be asked for now, or nullopt.
    std::optional<SwitchoverRefusal> switchoverRefusal(
        const ClusterObservation &observation, const QString &target) const;
};

ClusterVerdict judgeCluster(const ClusterObservation &observation);

} // namespace hacmp
