#include "gui/nodeactions.h"

#include "gui/controlrequests.h"
#include "gui/nodetablemodel.h"
#include "gui/texts.h"

#include <QAction>
#include <QIcon>

namespace hacmp::console {

namespace {

QAction *makeAction(const char *icon, const char *name, QKeySequence shortcut, QObject *parent)
{
    auto *action = new QAction(QIcon(QLatin1String(icon)), QString(), parent);
    action->setObjectName(QLatin1String(name));
    action->setShortcut(shortcut);
    return action;
}

} // namespace

NodeActions::NodeActions(const NodeTableModel *nodes, ControlRequests *requests, MonoClock clock, QObject *parent)
    : QObject(parent)
    , m_nodes(nodes)
    , m_requests(requests)
    , m_clock(std::move(clock))
    , m_standby(makeAction(":/icons/standby.svg", "standbyAction", QKeySequence(Qt::CTRL | Qt::Key_B), this))
    , m_switchover(makeAction(
          ":/icons/switchover.svg", "switchoverAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this))
    , m_clear(makeAction(":/icons/clear.svg", "clearAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this))
    , m_app(makeAction(":/icons/app.svg", "appAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), this))
{
    connect(m_standby, &QAction::triggered, this, &NodeActions::askStandby);
    connect(m_switchover, &QAction::triggered, this, &NodeActions::askSwitchover);
    connect(m_clear, &QAction::triggered, this, &NodeActions::askClear);
    connect(m_app, &QAction::triggered, this, &NodeActions::askApp);
}

QString NodeActions::refusalText(const SwitchoverRefusal &refusal)
{
    const QString &node = refusal.node;
    switch (refusal.reason) {
    case SwitchoverRefusal::Reason::Maintenance:
        return tr("Roles are frozen while the cluster is in maintenance; turn maintenance off first.");
    case SwitchoverRefusal::Reason::NoMaster:
    case SwitchoverRefusal::Reason::SeveralMasters:
        return tr("There is no single master to hand over from.");
    case SwitchoverRefusal::Reason::AlreadyMaster:
        return tr("%1 is already master.").arg(node);
    case SwitchoverRefusal::Reason::NoTarget:
    case SwitchoverRefusal::Reason::NotRead:
    case SwitchoverRefusal::Reason::Unreadable:
    case SwitchoverRefusal::Reason::NotAlive:
        return tr("%1 is not alive.").arg(node);
    case SwitchoverRefusal::Reason::NotStandby:
        return tr("%1 is %2, not standby.").arg(node, roleLabel(refusal.role));
    case SwitchoverRefusal::Reason::StandbyFlag:
    case SwitchoverRefusal::Reason::NotEligible:
        return tr("%1 may not become master (standby, or not eligible).").arg(node);
    }
    return QString();
}

void NodeActions::update(const QString &node, const QString &blocked)
{
    m_node = node;
    const ClusterSnapshot &snapshot = m_nodes->snapshot();
    const NodeStatus *status = snapshot.node(node);
    const QString nodeWhy = !blocked.isEmpty() ? blocked
        : !status                              ? tr("Select a node in the table first.")
                                               : QString();
    m_standby->setText(status && status->standby ? tr("Take %1 Out of Standby…").arg(node)
                                                 : (status ? tr("Put %1 in Standby…").arg(node) : tr("Standby…")));
    m_standby->setEnabled(nodeWhy.isEmpty());
    m_standby->setToolTip(nodeWhy.isEmpty()
            ? tr("A node in standby never becomes master; a master in standby hands over to another node.")
            : nodeWhy);

    QString switchWhy = nodeWhy;
    if (switchWhy.isEmpty()) {
        if (const std::optional<SwitchoverRefusal> refusal
            = snapshot.verdict.switchoverRefusal(snapshot.observation(m_clock()), node))
            switchWhy = refusalText(*refusal);
    }
    m_switchover->setText(status ? tr("Switch Over to %1…").arg(node) : tr("Switch Over…"));
    m_switchover->setEnabled(switchWhy.isEmpty());
    m_switchover->setToolTip(switchWhy.isEmpty()
            ? tr("Ask master %1 to hand the application over to %2.").arg(snapshot.master(), node)
            : switchWhy);

    m_clear->setText(status ? tr("Clear Failures of %1…").arg(node) : tr("Clear Failures…"));
    m_clear->setEnabled(nodeWhy.isEmpty());
    m_clear->setToolTip(nodeWhy.isEmpty() ? tr("Reset the node's restart budget so that it may become master again, "
                                               "once the cause of the failures is fixed.")
                                          : nodeWhy);
    updateApp(nodeWhy);
}

bool NodeActions::appRuns(const QString &node) const
{
    const NodeStatus *status = m_nodes->snapshot().node(node);
    return status && status->record && status->record->app.state != AppState::Stopped;
}

void NodeActions::updateApp(const QString &nodeWhy)
{
    const ClusterSnapshot &snapshot = m_nodes->snapshot();
    const bool runs = appRuns(m_node);
    QString why = nodeWhy;
    if (why.isEmpty() && snapshot.maintenance != Presence::Present)
        why = tr("Only in maintenance: outside it the agents alone start and stop the application.");
    else if (why.isEmpty() && !runs && snapshot.master() != m_node)
        why = snapshot.master().isEmpty()
            ? tr("No node is master: in maintenance none becomes master, so none may start the application.")
            : tr("Only the master starts the application by hand: %1 is master.").arg(snapshot.master());
    m_app->setText(m_node.isEmpty() ? tr("Application by Hand…")
            : runs                  ? tr("Stop the Application on %1…").arg(m_node)
                                    : tr("Start the Application on %1…").arg(m_node));
    m_app->setEnabled(why.isEmpty());
    m_app->setToolTip(why.isEmpty()
            ? (runs ? tr("Ask the agent of %1 to stop the application; the master starts it again when maintenance "
                         "ends.")
                          .arg(m_node)
                    : tr("Ask the agent of %1 to start the application under its guard, with the epoch of its term.")
                          .arg(m_node))
            : why);
}

void NodeActions::askStandby()
{
    const QString node = m_node;
    const NodeStatus *status = m_nodes->snapshot().node(node);
    if (!status)
        return;
    if (status->standby) {
        m_requests->confirm({ OperatorAction::Kind::StandbyOff, node, 0, QString() },
            tr("Take node %1 out of standby?").arg(node),
            tr("%1 may become master again when the cluster needs one.").arg(node), tr("Take Out of Standby"), false);
        return;
    }
    const bool master = m_nodes->snapshot().master() == node;
    m_requests->confirm({ OperatorAction::Kind::StandbyOn, node, 0, QString() },
        tr("Put node %1 in standby?").arg(node),
        master ? tr("%1 is master now: it stops the application and hands over to another node, then never becomes "
                    "master until standby is taken off.")
                     .arg(node)
               : tr("%1 will not become master until standby is taken off.").arg(node),
        tr("Put in Standby"), true);
}

void NodeActions::askSwitchover()
{
    const QString node = m_node;
    const ClusterSnapshot &snapshot = m_nodes->snapshot();
    if (!snapshot.node(node) || snapshot.master().isEmpty())
        return;
    m_requests->confirm({ OperatorAction::Kind::Switchover, node, snapshot.masterEpoch(), QString() },
        tr("Switch over to node %1?").arg(node),
        tr("The master %1 (epoch %2) stops the application and hands over to %3, which starts it at once. Expect a "
           "short downtime: the application's stop and start and about two intervals.")
            .arg(snapshot.master())
            .arg(snapshot.masterEpoch())
            .arg(node),
        tr("Switch Over"), true);
}

void NodeActions::askClear()
{
    const QString node = m_node;
    if (!m_nodes->snapshot().node(node))
        return;
    m_requests->confirm({ OperatorAction::Kind::ClearFailures, node, 0, QString() },
        tr("Clear the failures of node %1?").arg(node),
        tr("The agent of %1 resets its restart budget and may become master again. Do this once the cause of the "
           "failures is fixed.")
            .arg(node),
        tr("Clear Failures"), false);
}

void NodeActions::askApp()
{
    const QString node = m_node;
    if (!m_nodes->snapshot().node(node))
        return;
    if (appRuns(node)) {
        m_requests->confirm({ OperatorAction::Kind::StopApp, node, 0, QString() },
            tr("Stop the application on node %1?").arg(node),
            tr("The agent of %1 stops the application, and any instance started by hand on that host. It stays "
               "stopped until maintenance ends; then the master starts it once.")
                .arg(node),
            tr("Stop the Application"), true);
        return;
    }
    m_requests->confirm({ OperatorAction::Kind::RunApp, node, 0, QString() },
        tr("Start the application on node %1?").arg(node),
        tr("The agent of %1 starts the application under its guard, fenced like any instance. It refuses while "
           "another node's record does not show the application stopped.")
            .arg(node),
        tr("Start the Application"), false);
}

} // namespace hacmp::console
