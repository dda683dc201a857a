#pragma once

#include "gui/clustersnapshot.h"
#include "gui/directorypoll.h"
#include "shared/protocol/observer.h"
#include "shared/protocol/skewtracker.h"

#include <QCoreApplication>
#include <QMap>
#include <QSet>

namespace hacmp::console {

/// Turns polls of the shared directory into ClusterSnapshots: liveness through hacmp's Observer on the
/// console's own monotonic clock (never by comparing clocks), control files through interpretNote, and
/// the cluster state with the reasons an operator needs. Pure: no I/O, no timer, the time is passed in.
class ClusterAssessor final
{
    Q_DECLARE_TR_FUNCTIONS(ClusterAssessor)

public:
    ClusterAssessor(QString directory, Timing timing);

    void setClusterName(const QString &name) { m_last.clusterName = name; }
    /// The store is an etcd cluster (ClusterSnapshot::onEtcd): texts speak of etcd, not of a directory.
    void setOnEtcd(bool onEtcd) { m_last.onEtcd = onEtcd; }
    /// Applies a poll that returned at now (console clock) and returns the snapshot it gives.
    const ClusterSnapshot &apply(const PollResult &poll, MonoTime now);
    /// The directory has not answered a poll for waited: the last known nodes, state DIRECTORY NOT RESPONDING.
    const ClusterSnapshot &notResponding(const QString &why, Millis waited, MonoTime now);
    const ClusterSnapshot &last() const { return m_last; }

    /// Decides the state and its reasons from the rest of the snapshot (used by apply and notResponding).
    static void classify(ClusterSnapshot &snapshot, MonoTime now);

    /// A finding of the verdict in the console's words, translated.
    static QString describe(const Finding &finding, const ClusterSnapshot &snapshot);

private:
    struct Tracking
    {
        MonoTime firstRead = kNever;
        qint64 previousIssueWall = 0;
        SkewTracker skew;
    };

    NodeStatus statusOf(const QString &node, const Tracking &tracking) const;

    Timing m_timing;
    Observer m_observer;
    QMap<QString, Tracking> m_tracking;
    QSet<QString> m_reportedNames;
    ClusterSnapshot m_last;
};

} // namespace hacmp::console
