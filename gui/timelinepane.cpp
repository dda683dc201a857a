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
    // None is checked while the timeline shows a range the operator zoomed or dragged to.
    group->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    const auto addSpan = [this, group, zoom](int hours, Qt::Key key) {
        auto *action = new QAction(QString(), group);
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | key));
        connect(action, &QAction::triggered, this, [this, hours] {
            if (hours == 0)
                m_timeline->showLatest();
            else
                m_timeline->setSpan(Millis(qint64(hours) * 3600 * 1000));
            emit spanChosen();
        });
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        zoom->addWidget(button);
        m_buttons.append(button);
        return action;
    };
    m_latestAction = addSpan(0, Qt::Key_0);
    m_hourAction = addSpan(1, Qt::Key_1);
    m_dayAction = addSpan(24, Qt::Key_2);
    m_weekAction = addSpan(24 * 7, Qt::Key_3);
    m_latestAction->setChecked(true);
    zoom->addStretch(1);
    layout->addLayout(zoom);
    m_timeline = new TimelineWidget(this);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    layout->addWidget(m_timeline, 1);
    connect(m_timeline, &TimelineWidget::viewChanged, this, &TimelinePane::showView);
    connect(m_timeline, &TimelineWidget::eventClicked, this, &TimelinePane::eventChosen);
    retranslate();
}

void TimelinePane::showView()
{
    const qint64 span = m_timeline->span().count();
    const TimelineWidget::View view = m_timeline->view();
    m_latestAction->setChecked(view == TimelineWidget::View::Latest);
    m_hourAction->setChecked(view == TimelineWidget::View::Span && span == 3600 * 1000);
    m_dayAction->setChecked(view == TimelineWidget::View::Span && span == 24 * 3600 * 1000);
    m_weekAction->setChecked(view == TimelineWidget::View::Span && span == 7 * 24 * 3600 * 1000);
}

void TimelinePane::addEvents(const QList<HistoryEvent> &events, bool reset, const QList<MasterChange> &changes)
{
    m_maintenanceLog.addEvents(events, reset);
    m_timeline->setChanges(changes);
    m_timeline->addEvents(events, reset);
    m_timeline->setMaintenance(m_maintenanceLog.periods());
}

void TimelinePane::retranslate()
{
    m_latestAction->setText(tr("Timeline: Latest &Events"));
    m_latestAction->setToolTip(tr("Show the latest events, from a little before the last change of master to now "
                                  "(Ctrl+0, or a double-click on the timeline). The wheel zooms, a drag moves in "
                                  "time, a click on an event selects it in the history."));
    m_hourAction->setText(tr("Timeline: Last &Hour"));
    m_dayAction->setText(tr("Timeline: Last &Day"));
    m_weekAction->setText(tr("Timeline: Last &Week"));
    m_buttons[0]->setText(tr("Latest events"));
    m_buttons[1]->setText(tr("Last hour"));
    m_buttons[2]->setText(tr("Last day"));
    m_buttons[3]->setText(tr("Last week"));
    m_timeline->update();
}

} // namespace hacmp::console
