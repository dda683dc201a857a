#pragma once

#include "shared/protocol/monotime.h"

#include <QList>

namespace hacmp {

/// Local restarts of a failed application: at most `limit` within `window`; then the node stands
/// down as not eligible until the window has passed since the last failure, or until cleared
/// (docs/protocol.md, Local failures of the application).
class RestartBudget final
{
public:
    RestartBudget(int limit, Millis window)
        : m_limit(limit)
        , m_window(window)
    { }

    /// Records a failure at now; returns whether a local restart is still allowed.
    bool recordFailure(MonoTime now);
    /// True while the budget is used up (the node is not eligible).
    bool exhausted(MonoTime now) const;
    void clear();
    /// New limits (a reloaded configuration); the failures recorded so far stay.
    void setLimits(int limit, Millis window);
    int failuresInWindow(MonoTime now) const;

private:
    int m_limit;
    Millis m_window;
    QList<MonoTime> m_failures;
    MonoTime m_exhaustedAt = kNever;
};

} // namespace hacmp
