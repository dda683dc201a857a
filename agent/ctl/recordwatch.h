#pragma once

#include "agent/ctl/ctlsession.h"
#include "shared/protocol/observer.h"
#include "shared/protocol/skewtracker.h"

#include <QMap>
#include <QStringList>

#include <optional>

namespace hacmp::ctl {

/// Watches the heartbeat records of a cluster for a short time, reading every record repeatedly through
/// an Observer on this process's own monotonic clock, so that records that change (a live agent writes
/// every interval) can be told from records that do not, without comparing clocks (docs/protocol.md O1). A
/// short watch cannot prove that a node is dead (O2 needs F); it only says "no change seen".
class RecordWatch final
{
public:
    RecordWatch(CtlSession &session, const Timing &timing);

    /// Lists nodes/ and reads every record once.
    void poll();
    /// Polls every period until duration has passed since the first poll; the last poll is at the end.
    void watch(Millis duration, Millis period);

    /// The nodes whose record files were found, sorted.
    QStringList nodes() const { return m_nodes.keys(); }
    const NodeView *view(const QString &node) const { return m_observer.view(node); }
    /// The record's bytes changed since this watch first read it.
    bool changed(const QString &node) const;
    /// How long this node's record has been watched: from the first read's issue to the last one's.
    Millis watched(const QString &node) const;
    std::optional<SkewEstimate> skew(const QString &node) const;
    /// The record showed two different host_id during the watch (two agents with one node name, O4).
    bool showsTwoHosts(const QString &node) const;
    /// Why the latest read of this node's record failed; empty when it succeeded.
    QString readError(const QString &node) const { return m_nodes.value(node).readError; }
    /// Problems with the listing itself (nodes/ unreadable, names that are not node names).
    const QStringList &problems() const { return m_problems; }

private:
    struct Tracked
    {
        MonoTime firstIssue = kNever;
        MonoTime lastIssue = kNever;
        MonoTime initialChange = kNever; ///< the view's changedAt after the first read
        qint64 lastIssueWall = 0; ///< wall clock (ms since the epoch) at the issue of the latest read
        SkewTracker skew;
        QString readError; ///< why the latest read failed, empty when it succeeded
    };

    CtlSession &m_session;
    Observer m_observer;
    QMap<QString, Tracked> m_nodes;
    QStringList m_problems;
};

} // namespace hacmp::ctl
