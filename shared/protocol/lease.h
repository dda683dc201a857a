#pragma once

#include "shared/protocol/monotime.h"
#include "shared/protocol/timing.h"

namespace hacmp {

/// The lease of a claiming node (docs/protocol.md W2, W4): it lives only as long as the node's own
/// record keeps being written in time, measured from the start of each write on the local clock.
class Lease final
{
public:
    explicit Lease(const Timing &timing)
        : m_timing(timing)
    { }

    /// A write issued at issuedAt completed at completedAt. Returns whether it counts (W2); a
    /// counted write extends the lease to issuedAt + renew_limit. A chain-start write (the first
    /// candidate write) starts a new chain instead of extending one.
    bool onWriteCompleted(MonoTime issuedAt, MonoTime completedAt, bool chainStart);

    bool validAt(MonoTime now) const { return now < m_until; }
    MonoTime until() const { return m_until; }
    void end() { m_until = kNever; }
    /// Continues a chain that an earlier agent of this node holds until `until` (W5): the next write
    /// counts only if it completes before then, like any renewal.
    void resume(MonoTime until) { m_until = until; }

private:
    Timing m_timing;
    MonoTime m_until = kNever;
};

} // namespace hacmp
