#pragma once

#include "shared/protocol/monotime.h"

#include <QString>

#include <optional>

namespace hacmp {

/// An estimate of a node's wall-clock skew: its record's wall_time minus this host's wall clock at the
/// same moment.
struct SkewEstimate
{
    Millis estimate { 0 }; ///< the middle of the bounds
    Millis uncertainty { 0 }; ///< half their distance: the skew lies within estimate ± uncertainty
};

/// What an observer learns of one node's wall clock from the records it sees change, for people only:
/// no decision ever compares clocks (docs/protocol.md, Observation). A record first seen by a read was
/// stamped (wall_time) after this observer's previous read of it was issued and before this read returned;
/// each such sighting bounds the skew, and successive bounds are intersected. It assumes that a write
/// lands within moments of its stamp, as it does on a healthy directory: a sighting whose bounds do not
/// overlap the known ones (a clock stepped, or a write was slow) starts the estimate over. hacmpctl's
/// short watch and the console's long one use this one estimate.
class SkewTracker final
{
public:
    /// A read issued at previousIssueWall's successor and returned at returnedWall (this host's wall clock, ms
    /// since the epoch) saw a new record stamped wallTime; previousIssueWall is the issue of the read before,
    /// which did not see it yet. A wall_time that is not a valid ISO 8601 instant teaches nothing.
    void newRecordSeen(const QString &wallTime, qint64 previousIssueWall, qint64 returnedWall);

    std::optional<SkewEstimate> estimate() const;

private:
    qint64 m_low = 0;
    qint64 m_high = 0;
    bool m_known = false;
};

} // namespace hacmp
