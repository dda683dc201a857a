#include "shared/protocol/lease.h"

#include <algorithm>

namespace hacmp {

bool Lease::onWriteCompleted(MonoTime issuedAt, MonoTime completedAt, bool chainStart)
{
    if (completedAt > issuedAt + m_timing.ioTimeout)
        return false;
    if (chainStart) {
        m_until = issuedAt + m_timing.renewLimit;
        return true;
    }
    if (completedAt >= m_until || issuedAt >= m_until)
        return false;
    m_until = std::max(m_until, issuedAt + m_timing.renewLimit);
    return true;
}

} // namespace hacmp
