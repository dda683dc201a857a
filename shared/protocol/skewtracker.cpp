#include "shared/protocol/skewtracker.h"

#include <QDateTime>

#include <algorithm>

namespace hacmp {

void SkewTracker::newRecordSeen(const QString &wallTime, qint64 previousIssueWall, qint64 returnedWall)
{
    const QDateTime written = QDateTime::fromString(wallTime, Qt::ISODateWithMs);
    if (!written.isValid() || previousIssueWall <= 0 || returnedWall < previousIssueWall)
        return;
    const qint64 stamped = written.toMSecsSinceEpoch();
    const qint64 low = stamped - returnedWall;
    const qint64 high = stamped - previousIssueWall;
    if (m_known && low <= m_high && high >= m_low) {
        m_low = std::max(m_low, low);
        m_high = std::min(m_high, high);
    } else {
        m_low = low;
        m_high = high;
        m_known = true;
    }
}

std::optional<SkewEstimate> SkewTracker::estimate() const
{
    if (!m_known)
        return std::nullopt;
    return SkewEstimate { Millis((m_low + m_high) / 2), Millis((m_high - m_low + 1) / 2) };
}

} // namespace hacmp
