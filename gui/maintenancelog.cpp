#include "gui/maintenancelog.h"

#include <QDateTime>

#include <algorithm>

namespace hacmp::console {

void MaintenanceLog::addEvents(const QList<HistoryEvent> &events, bool reset)
{
    if (reset)
        m_events.clear();
    bool added = false;
    for (const HistoryEvent &event : events) {
        if (event.event == QLatin1String(historyevents::MaintenanceOn)
            || event.event == QLatin1String(historyevents::MaintenanceOff)) {
            m_events.append(event);
            added = true;
        }
    }
    if (added)
        std::stable_sort(m_events.begin(), m_events.end(), historyEventLess);
    if (added || reset)
        derive();
}

void MaintenanceLog::derive()
{
    m_periods.clear();
    for (const HistoryEvent &event : std::as_const(m_events)) {
        const QDateTime time = QDateTime::fromString(event.time, Qt::ISODateWithMs);
        if (!time.isValid())
            continue;
        const bool on = event.event == QLatin1String(historyevents::MaintenanceOn);
        const bool open = !m_periods.isEmpty() && m_periods.back().endMs < 0;
        if (on && !open) {
            m_periods.append({ time.toMSecsSinceEpoch(), -1, event.writer, event.detail });
        } else if (on && open && m_periods.back().why.isEmpty() && !event.detail.isEmpty()) {
            // An agent logged it first; the console or hacmpctl that set it says who and why.
            m_periods.back().who = event.writer;
            m_periods.back().why = event.detail;
        } else if (!on && open) {
            m_periods.back().endMs = time.toMSecsSinceEpoch();
        }
    }
}

} // namespace hacmp::console
