#pragma once

#include "agent/ctl/recordwatch.h"
#include "shared/history/failoverlog.h"
#include "shared/protocol/clusterverdict.h"
#include "shared/protocol/heartbeatrecord.h"
#include "shared/storage/controlfiles.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace hacmp::ctl {

/// A duration rounded to a tenth of a second for people ("2.5 s").
QString roundedDuration(Millis duration);

/// The exit status for monitoring: 0 OK or MAINTENANCE, 1 DEGRADED, 2 NO MASTER or CONFLICT, 3 the directory.
int exitStatusOf(ClusterState state);

/// What the watch saw of a node's heartbeat record.
enum class Heartbeat {
    Changing, ///< the bytes changed during the watch: the writer is alive
    Stale, ///< no change seen during the watch (not proof of death: docs/protocol.md O2 needs F)
    NotRead, ///< no read of the record succeeded
};

QString heartbeatName(Heartbeat heartbeat);

/// One node as `hacmpctl status` shows it.
struct WatchedNode
{
    QString node;
    Heartbeat heartbeat = Heartbeat::NotRead;
    Millis watched { 0 }; ///< how long the record was watched (a stale record did not change in this time)
    std::optional<HeartbeatRecord> record; ///< the newest content, when it could be understood
    QString problem; ///< why the record cannot be read or understood
    std::optional<ControlNote> standby; ///< standby/<node> exists (the note is empty when it is unparsable)
    std::optional<SkewEstimate> skew;
    bool twoHosts = false; ///< the record showed two host_id values during the watch
    QStringList concerns; ///< why this node makes the cluster less than OK, for people
};

/// What the watch saw of node: its record, whether it changed, and why it could not be read.
WatchedNode watchedNodeOf(const RecordWatch &watch, const QString &node);

/// Everything `hacmpctl status` found and what it concludes. collect → evaluate() → print.
struct ClusterStatus
{
    QString cluster;
    QString directory;
    QString checkedAt; ///< UTC ISO 8601 at the end of the watch
    Millis watch { 0 };
    Millis interval { 0 };
    bool intervalConfigured = false;
    QList<WatchedNode> nodes;
    NoteRead maintenance;
    SwitchoverRead switchover;
    bool historyRead = false; ///< false when the history folder could not be listed
    FailoverLog failovers;
    QStringList problems; ///< things found along the way that are not about one node

    // Conclusions, filled by evaluate().
    ClusterState state = ClusterState::Ok;
    QStringList reasons; ///< why the state is not OK (also set for MAINTENANCE)
    std::optional<qsizetype> master; ///< index in nodes of the live master (of the newest term when several)
    QStringList endedTerms; ///< nodes whose record is the master record of a term that has ended

    /// What was collected, as the input of judgeCluster.
    ClusterObservation observation() const;
    /// Decides state, reasons, master and the concerns of each node from what was collected (judgeCluster).
    void evaluate();
    /// The state when the directory itself fails: only state and reasons mean something.
    static ClusterStatus failure(ClusterState state, const QString &directory, const QString &why);
};

} // namespace hacmp::ctl
