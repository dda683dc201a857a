#pragma once

#include "shared/history/historyevent.h"
#include "shared/protocol/monotime.h"

#include <QList>
#include <QString>

#include <optional>

namespace hacmp {

/// Why the master changed, as far as the history tells (docs/protocol.md, History: role changes with the
/// reason). Handover: a planned stand-down that named a successor (clean stop, standby requested).
enum class MasterChangeReason { Initial, Switchover, Handover, Failover, Conflict };

QString masterChangeReasonName(MasterChangeReason reason);

/// One change of master: the term of node at epoch began at time (its claim counted).
struct MasterChange
{
    QString time; ///< the new master's role_change "master of epoch E" (UTC ISO 8601)
    QString node; ///< the new master
    quint64 epoch = 0;
    QString previousNode; ///< the master before, empty for the first one in the history
    quint64 previousEpoch = 0;
    MasterChangeReason reason = MasterChangeReason::Initial;
    QString detail; ///< what the events say about the change, for people
    QString appStopped; ///< the previous master's last app_exit of its term; empty when none was recorded
    QString appStarted; ///< the new master's first app_start of its term; empty when none (yet)
    /// appStarted - appStopped when both are known. Taken from the wall clocks of two hosts: an estimate,
    /// off by their skew (it can even come out negative).
    std::optional<Millis> downtime;

    bool operator==(const MasterChange &) const = default;
};

/// Derives the changes of master, with their reason and the downtime between the old master's
/// application exit and the new master's application start, from the merged history of all writers.
/// Pure (no I/O, no clock): hacmpctl feeds it the whole history once, the console feeds it what each
/// HistoryTail refresh returns.
class FailoverLog final
{
public:
    /// Adds events in any order (a reset of a HistoryTail: clear() first); only the kinds the
    /// derivation needs are kept.
    void add(const QList<HistoryEvent> &events);
    void clear();

    /// All changes of master, oldest first.
    const QList<MasterChange> &changes() const { return m_changes; }
    /// The change that began the term of node at epoch, or nullptr when the history does not show it.
    const MasterChange *termOf(const QString &node, quint64 epoch) const;
    /// The newest change that is not the initial one, or nullptr.
    const MasterChange *lastFailover() const;

    /// The derivation itself, over events sorted by historyEventLess.
    static QList<MasterChange> derive(const QList<HistoryEvent> &sortedEvents);

private:
    QList<HistoryEvent> m_events; ///< the relevant events, sorted
    QList<MasterChange> m_changes;
};

} // namespace hacmp
