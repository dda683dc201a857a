#pragma once

#include "shared/history/historyevent.h"

#include <QList>
#include <QString>

namespace hacmp::console {

/// One period of maintenance found in the history, in ms since the epoch (UTC).
struct MaintenancePeriod
{
    qint64 startMs = 0;
    qint64 endMs = -1; ///< -1: still on at the end of the history
    QString who; ///< the writer that turned it on
    QString why;

    bool operator==(const MaintenancePeriod &) const = default;
};

/// Finds the maintenance periods in the merged history for the timeline: from the first maintenance_on
/// (the console or hacmpctl that set it, or an agent that saw it) to the next maintenance_off. Several
/// writers log the same change, so repeated events inside a period are ignored.
class MaintenanceLog final
{
public:
    /// Adds events in any order; reset: they replace everything.
    void addEvents(const QList<HistoryEvent> &events, bool reset);
    const QList<MaintenancePeriod> &periods() const { return m_periods; }

private:
    void derive();

    QList<HistoryEvent> m_events; ///< maintenance_on and maintenance_off only, sorted
    QList<MaintenancePeriod> m_periods;
};

} // namespace hacmp::console
