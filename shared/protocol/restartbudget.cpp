#include "shared/protocol/restartbudget.h"

namespace hacmp {

int RestartBudget::failuresInWindow(MonoTime now) const
{
    int count = 0;
    for (const MonoTime failure : m_failures) {
        if (failure > now - m_window)
            ++count;
    }
    return count;
}

bool RestartBudget::recordFailure(MonoTime now)
{
    m_failures.removeIf([&](MonoTime failure) { return failure <= now - m_window; });
    m_failures.append(now);
    if (failuresInWindow(now) <= m_limit)
        return true;
    m_exhaustedAt = now;
    return false;
}

void RestartBudget::clear()
{
    m_failures.clear();
    m_exhaustedAt = kNever;
}

void RestartBudget::setLimits(int limit, Millis window)
{
    m_limit = limit;
    m_window = window;
}

bool RestartBudget::exhausted(MonoTime now) const
{
    return m_exhaustedAt != kNever && now < m_exhaustedAt + m_window;
}

} // namespace hacmp
