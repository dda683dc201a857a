#include "gui/nodetablemodel.h"

#include "gui/texts.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QIcon>

namespace hacmp::console {

namespace {

constexpr int kTickMs = 250;

QString yesNo(bool value)
{
    return value ? NodeTableModel::tr("yes") : NodeTableModel::tr("no");
}

} // namespace

NodeTableModel::NodeTableModel(MonoClock clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(std::move(clock))
{
    m_ticker.setInterval(kTickMs);
    connect(&m_ticker, &QTimer::timeout, this, &NodeTableModel::tick);
    m_ticker.start();
}

void NodeTableModel::setSnapshot(const ClusterSnapshot &snapshot)
{
    bool sameNodes = snapshot.nodes.size() == m_snapshot.nodes.size();
    for (qsizetype i = 0; sameNodes && i < snapshot.nodes.size(); ++i)
        sameNodes = snapshot.nodes[i].name == m_snapshot.nodes[i].name;
    if (!sameNodes) {
        beginResetModel();
        m_snapshot = snapshot;
        endResetModel();
        return;
    }
    m_snapshot = snapshot;
    if (!m_snapshot.nodes.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void NodeTableModel::tick()
{
    // Ages count up, and a row's liveness (its words, icon and background) follows them.
    if (!m_snapshot.nodes.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void NodeTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_snapshot.nodes.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int NodeTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_snapshot.nodes.size());
}

int NodeTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NodeTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_snapshot.nodes.size())
        return {};
    const NodeStatus &node = m_snapshot.nodes[index.row()];
    const MonoTime now = m_clock();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return text(node, column, now);
    case Qt::ToolTipRole:
        return toolTip(node, column, now);
    case SortRole:
        return sortValue(node, column, now);
    case NodeNameRole:
        return node.name;
    case Qt::DecorationRole:
        if (column == Status)
            return QIcon(livenessIcon(node.liveness(now, m_snapshot.timing)));
        if (column == Role && node.record && !node.unknown && node.record->state == hacmp::Role::Master)
            return QIcon(QStringLiteral(":/icons/role-master.svg"));
        return {};
    case Qt::BackgroundRole:
        return background(node, now);
    case Qt::ForegroundRole:
        return background(node, now).isValid() ? QVariant(QBrush(QColor(0x1f, 0x29, 0x37))) : QVariant();
    case Qt::FontRole:
        if (node.record && !node.unknown && node.record->state == hacmp::Role::Master && !node.dead
            && !m_snapshot.verdict.endedTerms.contains(node.name)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == Age || column == Priority || column == Epoch || column == Skew)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QString NodeTableModel::text(const NodeStatus &node, int column, MonoTime now) const
{
    const Liveness liveness = node.liveness(now, m_snapshot.timing);
    if (column == Node)
        return node.name;
    if (column == Status)
        return node.duplicate ? tr("%1, duplicate name!").arg(livenessLabel(liveness)) : livenessLabel(liveness);
    if (column == Age) {
        const std::optional<Millis> age = node.age(now);
        if (!age)
            return QStringLiteral("—");
        return node.changeSeen ? durationText(*age) : tr("≥ %1").arg(durationText(*age));
    }
    if (column == Standby)
        return node.standby ? tr("on") : QString();
    if (!node.record)
        return column == Role ? tr("unknown") : QString();
    const HeartbeatRecord &record = *node.record;
    switch (column) {
    case Role:
        if (m_snapshot.verdict.endedTerms.contains(node.name))
            return tr("old master (epoch %1)").arg(record.epoch);
        if (record.handover)
            return tr("%1, handing over to %2").arg(roleLabel(record.state), record.handover->to);
        return roleLabel(record.state);
    case Epoch:
        return record.epoch == 0 ? QString() : QString::number(record.epoch);
    case Application:
        if (record.app.pid > 0 && record.app.state != AppState::Stopped)
            return tr("%1 (pid %2)").arg(appStateLabel(record.app.state)).arg(record.app.pid);
        return appStateLabel(record.app.state);
    case Priority:
        return QString::number(record.priority);
    case Eligible:
        return yesNo(record.eligible);
    case Version:
        return record.version;
    case Skew:
        if (!node.skew)
            return QStringLiteral("—");
        return tr("%1%2 ± %3")
            .arg(node.skew->count() >= 0 ? QStringLiteral("+") : QString(), durationText(*node.skew),
                durationText(node.skewUncertainty));
    default:
        return QString();
    }
}

QString NodeTableModel::toolTip(const NodeStatus &node, int column, MonoTime now) const
{
    const Liveness liveness = node.liveness(now, m_snapshot.timing);
    switch (column) {
    case Status:
        switch (liveness) {
        case Liveness::Alive:
            return tr("The heartbeat record keeps changing: the agent is running.");
        case Liveness::Stale:
            return tr("The heartbeat has not changed for longer than a write should take (%1). The node is "
                      "counted dead after %2 without a change.")
                .arg(durationText(m_snapshot.timing.settle()), durationText(m_snapshot.timing.failoverTimeout));
        case Liveness::Dead:
            return tr("The heartbeat has not changed for the failover timeout (%1): the agent or its host is down, "
                      "or it cannot write the directory.")
                .arg(durationText(m_snapshot.timing.failoverTimeout));
        case Liveness::Offline:
            return tr("The agent stopped cleanly and wrote an offline record.");
        case Liveness::Unknown:
            return node.problem.isEmpty() ? tr("The record has not been read yet.")
                                          : tr("The record cannot be understood: %1").arg(node.problem);
        }
        return QString();
    case Age:
        if (!node.changeSeen)
            return tr("Time since the console last saw this record change, on this computer's own clock. The "
                      "console has not seen it change since it started, so the record may be older.");
        return tr("Time since the console last saw this record change, on this computer's own clock (no clocks are "
                  "compared).");
    case Standby:
        if (node.standby && node.standbyNote)
            return tr("Standby set by %1 at %2: %3")
                .arg(node.standbyNote->who, localTimeText(node.standbyNote->when), node.standbyNote->why);
        return tr("A node in standby never becomes master.");
    case Skew:
        return tr("The node's wall clock minus this computer's, estimated from the wall_time in its heartbeats. "
                  "Only for people: hacmp never compares clocks.");
    case Eligible:
        return tr("Whether the node may become master: not in standby, its application has not failed too often, "
                  "and it can run the application.");
    case Application:
        if (node.record && !node.record->app.since.isEmpty())
            return tr("Since %1").arg(localTimeText(node.record->app.since));
        return QString();
    default:
        return QString();
    }
}

QVariant NodeTableModel::sortValue(const NodeStatus &node, int column, MonoTime now) const
{
    switch (column) {
    case Status:
        return int(node.liveness(now, m_snapshot.timing));
    case Age:
        return qlonglong(node.age(now).value_or(Millis(std::numeric_limits<qint64>::max())).count());
    case Epoch:
        return node.record ? qulonglong(node.record->epoch) : qulonglong(0);
    case Priority:
        return node.record ? node.record->priority : 0;
    case Skew:
        return node.skew ? qlonglong(node.skew->count()) : qlonglong(0);
    default:
        return text(node, column, now);
    }
}

QVariant NodeTableModel::background(const NodeStatus &node, MonoTime now) const
{
    if (node.duplicate)
        return QBrush(QColor(0xfe, 0xca, 0xca));
    switch (node.liveness(now, m_snapshot.timing)) {
    case Liveness::Alive:
        return {};
    case Liveness::Stale:
        return QBrush(QColor(0xfe, 0xf3, 0xc7));
    case Liveness::Dead:
    case Liveness::Unknown:
        return QBrush(QColor(0xfe, 0xe2, 0xe2));
    case Liveness::Offline:
        return QBrush(QColor(0xe5, 0xe7, 0xeb));
    }
    return {};
}

QVariant NodeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Node:
            return tr("Node");
        case Status:
            return tr("Heartbeat");
        case Role:
            return tr("Role");
        case Epoch:
            return tr("Epoch");
        case Application:
            return tr("Application");
        case Age:
            return tr("Age");
        case Priority:
            return tr("Priority");
        case Eligible:
            return tr("Eligible");
        case Standby:
            return tr("Standby");
        case Version:
            return tr("Agent version");
        case Skew:
            return tr("Clock skew");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && section == Epoch)
        return tr("The master term this node holds or claims; a higher epoch is a later term.");
    return {};
}

} // namespace hacmp::console
