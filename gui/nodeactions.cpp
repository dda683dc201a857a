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
{
    connect(m_standby, &QAction::triggered, this, &NodeActions::askStandby);
    connect(m_switchover, &QAction::triggered, this, &NodeActions::askSwitchover);
    connect(m_clear, &QAction::triggered, this, &NodeActions::askClear);
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

} // namespace hacmp::console
