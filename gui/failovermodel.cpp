#include "gui/failovermodel.h"

#include "gui/texts.h"

#include <QBrush>
#include <QColor>

namespace hacmp::console {

FailoverModel::FailoverModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void FailoverModel::addEvents(const QList<HistoryEvent> &events, bool reset)
{
    if (!reset && events.isEmpty())
        return;
    if (reset)
        m_log.clear();
    m_log.add(events);
    // Most refreshes bring no change of master: the views keep their selection then.
    if (m_log.changes() == m_rows)
        return;
    beginResetModel();
    m_rows = m_log.changes();
    endResetModel();
}

const MasterChange &FailoverModel::change(int row) const
{
    return m_rows[m_rows.size() - 1 - row];
}

void FailoverModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int FailoverModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FailoverModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FailoverModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const MasterChange &entry = change(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return localTimeText(entry.time);
        case From:
            return entry.previousNode.isEmpty() ? QStringLiteral("—") : entry.previousNode;
        case To:
            return entry.node;
        case Epoch:
            return QString::number(entry.epoch);
        case Reason:
            return masterChangeReasonLabel(entry.reason);
        case Downtime:
            if (entry.reason == MasterChangeReason::Initial)
                return QString();
            return entry.downtime ? durationText(*entry.downtime) : tr("not recorded");
        case Detail:
            return entry.detail;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Downtime)
        return tr("From the old master's application exit to the new master's application start, as their history "
                  "lines say. Taken from two hosts' wall clocks: off by their skew.");
    if (role == Qt::ToolTipRole && index.column() == Time)
        return tr("%1 UTC").arg(entry.time);
    if (role == Qt::BackgroundRole && index.column() == Reason
        && (entry.reason == MasterChangeReason::Failover || entry.reason == MasterChangeReason::Conflict))
        return QBrush(QColor(0xfe, 0xe2, 0xe2));
    return {};
}

QVariant FailoverModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case From:
        return tr("From");
    case To:
        return tr("To");
    case Epoch:
        return tr("Epoch");
    case Reason:
        return tr("Reason");
    case Downtime:
        return tr("Downtime");
    case Detail:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace hacmp::console
