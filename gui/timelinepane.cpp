#include "gui/timelinepane.h"

#include "gui/timelinewidget.h"

#include <QAction>
#include <QActionGroup>
#include <QHBoxLayout>
#include <QToolButton>
#include <QVBoxLayout>

namespace hacmp::console {

TimelinePane::TimelinePane(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *zoom = new QHBoxLayout;
    auto *group = new QActionGroup(this);
    const auto addSpan = [this, group, zoom](int hours, Qt::Key key) {
        auto *action = new QAction(QString(), group);
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | key));
        connect(action, &QAction::triggered, this, [this, hours] {
            m_timeline->setSpan(Millis(qint64(hours) * 3600 * 1000));
            emit spanChosen();
        });
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        zoom->addWidget(button);
        m_buttons.append(button);
        return action;
    };
    m_hourAction = addSpan(1, Qt::Key_1);
    m_dayAction = addSpan(24, Qt::Key_2);
    m_weekAction = addSpan(24 * 7, Qt::Key_3);
    m_dayAction->setChecked(true);
    zoom->addStretch(1);
    layout->addLayout(zoom);
    m_timeline = new TimelineWidget(this);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    layout->addWidget(m_timeline, 1);
    retranslate();
}

void TimelinePane::addEvents(const QList<HistoryEvent> &events, bool reset, const QList<MasterChange> &changes)
{
    m_maintenanceLog.addEvents(events, reset);
    m_timeline->setChanges(changes);
    m_timeline->setMaintenance(m_maintenanceLog.periods());
}

void TimelinePane::retranslate()
{
    m_hourAction->setText(tr("Timeline: Last &Hour"));
    m_dayAction->setText(tr("Timeline: Last &Day"));
    m_weekAction->setText(tr("Timeline: Last &Week"));
    m_buttons[0]->setText(tr("Last hour"));
    m_buttons[1]->setText(tr("Last day"));
    m_buttons[2]->setText(tr("Last week"));
    m_timeline->update();
}

} // namespace hacmp::console
