#include "gui/maintenancetoggle.h"

#include "gui/consoleresources.h"
#include "gui/controlrequests.h"
#include "gui/nodetablemodel.h"
#include "gui/texts.h"

#include <QAction>
#include <QIcon>
#include <QPushButton>

namespace hacmp::console {

MaintenanceToggle::MaintenanceToggle(
    const NodeTableModel *nodes, ControlRequests *requests, QWidget *buttonParent, QObject *parent)
    : QObject(parent)
    , m_nodes(nodes)
    , m_requests(requests)
    , m_action(new QAction(QIcon(QStringLiteral(":/icons/state-maintenance.svg")), QString(), this))
    , m_button(new QPushButton(buttonParent))
{
    m_button->setObjectName(QStringLiteral("maintenanceButton"));
    m_button->setIcon(m_action->icon());
    m_button->setIconSize(QSize(22, 22));
    m_button->setMinimumHeight(40);
    m_button->setStyleSheet(consoleStyleSheet());
    connect(m_button, &QPushButton::clicked, this, &MaintenanceToggle::ask);

    m_action->setObjectName(QStringLiteral("maintenanceAction"));
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    // The check mark follows the directory, not the click: the click only asks.
    connect(m_action, &QAction::triggered, this, [this] {
        m_action->setChecked(m_nodes->snapshot().maintenance == Presence::Present);
        ask();
    });
}

void MaintenanceToggle::update(bool writable, const QString &why)
{
    const bool maintenance = m_nodes->snapshot().maintenance == Presence::Present;
    m_action->setText(tr("&Maintenance Mode"));
    m_action->setChecked(maintenance);
    m_action->setEnabled(writable);
    m_button->setEnabled(writable);
    m_button->setText(maintenance ? tr("Turn Maintenance Off…") : tr("Turn Maintenance On…"));
    const QString tip = maintenance
        ? tr("Let the agents start, restart and move the application again (Ctrl+M).")
        : tr("Freeze the cluster: no agent starts, stops, restarts or moves the application while you work on it "
             "(Ctrl+M).");
    m_button->setToolTip(writable ? tip : why);
    m_action->setToolTip(writable ? tip : why);
}

void MaintenanceToggle::ask()
{
    const ClusterSnapshot &snapshot = m_nodes->snapshot();
    const QString cluster = snapshot.clusterName.isEmpty() ? snapshot.directory : snapshot.clusterName;
    if (snapshot.maintenance == Presence::Present) {
        QString setBy;
        if (snapshot.maintenanceNote)
            setBy = tr("It was turned on by %1 at %2: “%3”.\n\n")
                        .arg(snapshot.maintenanceNote->who, localTimeText(snapshot.maintenanceNote->when),
                            snapshot.maintenanceNote->why);
        m_requests->confirm({ OperatorAction::Kind::MaintenanceOff, QString(), 0, QString() },
            tr("Turn maintenance off for cluster %1?").arg(cluster),
            setBy
                + tr("The agents take over again: nodes that are not master stop stray instances, then the master "
                     "starts the application if it is not running."),
            tr("Turn Maintenance Off"), false);
        return;
    }
    m_requests->confirm({ OperatorAction::Kind::MaintenanceOn, QString(), 0, QString() },
        tr("Turn maintenance on for cluster %1?").arg(cluster),
        tr("While the cluster is in maintenance no agent starts, stops, restarts or moves the application, so you "
           "can work on it by hand. Heartbeats and fencing go on. Remember to turn maintenance off afterwards."),
        tr("Turn Maintenance On"), true);
}

} // namespace hacmp::console
