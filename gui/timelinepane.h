#pragma once

#include "gui/maintenancelog.h"
#include "shared/history/failoverlog.h"
#include "shared/history/historyevent.h"

#include <QWidget>

class QAction;
class QToolButton;

namespace hacmp::console {

class TimelineWidget;

/// The timeline pane: which node was master when, with the maintenance periods and the nodes' events; it
/// opens on the latest events, and buttons and View menu actions go back to them or choose the last hour,
/// day or week.
class TimelinePane final : public QWidget
{
    Q_OBJECT

public:
    explicit TimelinePane(QWidget *parent = nullptr);

    TimelineWidget *timeline() const { return m_timeline; }
    /// The span actions (latest events, last hour, day, week; Ctrl+0 to Ctrl+3), for the View menu.
    QList<QAction *> spanActions() const { return { m_latestAction, m_hourAction, m_dayAction, m_weekAction }; }
    /// Adds a HistoryTail update (reset: it replaces everything); changes: the changes of master derived
    /// from the whole history.
    void addEvents(const QList<HistoryEvent> &events, bool reset, const QList<MasterChange> &changes);
    /// Sets the texts in the language in use (the window calls it on LanguageChange).
    void retranslate();

signals:
    /// A span was chosen: the pane wants to be seen.
    void spanChosen();
    /// An event mark was clicked: the window selects it in the history.
    void eventChosen(const HistoryEvent &event);

private:
    void showView();

    MaintenanceLog m_maintenanceLog;
    QList<QToolButton *> m_buttons;
    QAction *m_latestAction;
    QAction *m_hourAction;
    QAction *m_dayAction;
    QAction *m_weekAction;
    TimelineWidget *m_timeline;
};

} // namespace hacmp::console
