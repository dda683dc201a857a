#pragma once

#include "shared/protocol/clusterverdict.h"
#include "shared/protocol/heartbeatrecord.h"
#include "shared/protocol/monotime.h"
#include "shared/protocol/timing.h"
#include "shared/storage/controlfiles.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hacmp::console {

/// How fresh one node's heartbeat is, as this console observed it (docs/protocol.md O1, O2).
enum class Liveness {
    Alive, ///< the record changed recently
    Stale, ///< no change for longer than a write may take, but not dead yet
    Dead, ///< O2: unchanged for F
    Offline, ///< stopped cleanly (an offline record that no longer changes)
    Unknown, ///< the record cannot be understood, vanished, or was never read
};

/// One node as the console sees it: the newest understood record and what the console's own
/// monotonic clock says about its freshness.
struct NodeStatus
{
    QString name;
    std::optional<HeartbeatRecord> record; ///< newest understood content of the newest incarnation
    bool unknown = true; ///< the newest bytes could not be understood
    QString problem; ///< why unknown, for people
    bool dead = false; ///< O2, as the Observer decides
    bool duplicate = false; ///< O4: two host_id within F (a duplicate node name)
    MonoTime changedAt
        = kNever; ///< console clock: when the content was last seen changing; kNever: offline at first look
    bool changeSeen = false; ///< false: unchanged since the console's first read, so the age is a lower bound
    bool standby = false; ///< a standby/<node> file exists
    std::optional<ControlNote> standbyNote;
    std::optional<Millis> skew; ///< estimated wall clock of the node minus this host's
    Millis skewUncertainty { 0 }; ///< the estimate is within ± this

    /// Time since the content last changed, on the console's clock; nullopt when never seen changing
    /// because it was a clean stop at the first look.
    std::optional<Millis> age(MonoTime now) const;
    Liveness liveness(MonoTime now, const Timing &timing) const;
};

/// Everything the console shows about a cluster at one moment: made by ClusterAssessor on the UI
/// thread from what the I/O worker read, so widgets never touch the directory.
struct ClusterSnapshot
{
    QString directory; ///< the store: the directory's path, or etcd://endpoints/prefix
    bool onEtcd = false; ///< the store is an etcd cluster
    QString clusterName;
    Timing timing;
    MonoTime takenAt = kNever;

    bool responding = false; ///< the latest poll answered within io_timeout
    QString directoryProblem; ///< why the directory is not responding or could not be listed
    Millis unansweredFor { 0 }; ///< how long the outstanding poll has been waiting

    ClusterState state = ClusterState::NotResponding;
    QStringList reasons; ///< why the state is not OK, one line each, for people

    QList<NodeStatus> nodes; ///< sorted by name
    ClusterVerdict verdict; ///< the judgement of judgeCluster on observation(takenAt); empty when not responding
    QString masterAppSince; ///< UTC ISO 8601 from the master's record, for people

    Presence maintenance = Presence::Unknown;
    std::optional<ControlNote> maintenanceNote;
    QString maintenanceProblem;
    std::optional<SwitchoverRequest> switchover;

    bool writable = false; ///< this user may write the directory's control files and history
    QString writeProblem; ///< why not, naming the path and what to do

    QStringList problems; ///< files skipped or unreadable, naming them

    const NodeStatus *node(const QString &name) const;
    /// What the console saw at now, as the input of judgeCluster.
    ClusterObservation observation(MonoTime now) const;
    /// The single alive master, or an empty string.
    QString master() const { return verdict.master(); }
    /// The live masters of the verdict (more than one is a conflict) and the newest term among them.
    const QStringList &masters() const { return verdict.masters; }
    quint64 masterEpoch() const { return verdict.masterEpoch; }
};

/// The translated name of a state for the banner; onEtcd: the store that does not answer is etcd, not a
/// directory.
QString clusterStateLabel(ClusterState state, bool onEtcd = false);
/// The resource path of a state's icon.
QString clusterStateIcon(ClusterState state);

/// The translated name of a liveness ("alive", "stale", ...).
QString livenessLabel(Liveness liveness);
QString livenessIcon(Liveness liveness);

} // namespace hacmp::console
