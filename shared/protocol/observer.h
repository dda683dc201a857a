#pragma once

#include "shared/protocol/clusterverdict.h"
#include "shared/protocol/heartbeatrecord.h"
#include "shared/protocol/monotime.h"
#include "shared/protocol/timing.h"
#include "shared/storage/clusterdirectory.h"
#include "shared/storage/slotcache.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <memory>
#include <optional>

namespace hacmp {

/// What one observer knows about one node's record (docs/protocol.md O1-O4), on the observer's own
/// monotonic clock only.
struct NodeView
{
    QByteArray raw; ///< the raw bytes last read: the fingerprint of O1, compared whole
    bool absent = false; ///< the last read found no file
    bool everRead = false; ///< a read of this record has succeeded at least once
    MonoTime changedAt = kNever; ///< t_change: when a read first returned this fingerprint
    MonoTime confirmedAt = kNever; ///< t_ok: issue time of the latest successful read with the same fingerprint
    MonoTime lastIssue = kNever; ///< reads are applied in issue order
    bool unknown = true; ///< the newest bytes could not be understood (or vanished)
    QString problem; ///< why it is unknown, for people
    std::optional<HeartbeatRecord> content; ///< newest understood content of the newest incarnation

    struct Incarnation
    {
        std::uint64_t seq = 0;
        HeartbeatRecord record;
        MonoTime lastRead = kNever;
    };
    QMap<std::uint64_t, Incarnation> incarnations; ///< (O3, O4)
    QMap<QString, MonoTime> hostIds; ///< host_id -> last read showing it in any slot (O4)
    QStringList lastHostIds; ///< the host_ids in the valid slots of the last bytes read
};

/// Turns reads of heartbeat records into liveness and blocking facts without comparing clocks
/// (docs/protocol.md, Observation). It holds no timer and does no I/O: reads are handed to it.
class Observer final
{
public:
    Observer(QString self, Timing timing, std::shared_ptr<SlotCache> cache);

    /// Applies one read of nodes/<node>.hb issued at issuedAt and returned at now (O1, O3).
    /// Failed and timed-out reads change nothing. Returns the decoded record when it is new content.
    void applyRead(const QString &node, const FileRead &read, MonoTime issuedAt, MonoTime now);

    /// O2: a read issued at least F after the content last changed still showed the same bytes.
    bool isDead(const QString &node) const;
    /// O4: may this node hold, or be about to hold, the application?
    bool blocks(const QString &node, MonoTime now) const;
    /// O4: the file showed two different host_id within F (a duplicate node name).
    bool showsTwoHosts(const QString &node, MonoTime now) const;

    const NodeView *view(const QString &node) const;
    /// What this observer knows of node at now, for judgeCluster: a record not yet dead counts as changing
    /// (O2), one dead and offline as offline. The standby flag is not the observer's to know.
    NodeObservation observation(const QString &node, MonoTime now) const;
    /// Nodes other than self that have a view.
    QStringList others() const;

    /// Content that blocks claims by itself (O4): claiming roles, or an application not stopped.
    static bool contentBlocks(const HeartbeatRecord &record);

private:
    void applyDecoded(NodeView &view, const RecordDecode &decoded, MonoTime now);

    QString m_self;
    Timing m_timing;
    std::shared_ptr<SlotCache> m_cache;
    QMap<QString, NodeView> m_views;
};

} // namespace hacmp
