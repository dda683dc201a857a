#include "gui/historymodel.h"

#include "gui/texts.h"

#include <algorithm>

namespace hacmp::console {

namespace {

/// Up to this many late events are inserted one by one; more are merged with one reset of the views.
constexpr qsizetype kMaxLateInserts = 64;

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString HistoryModel::intern(const QString &text)
{
    if (text.isEmpty())
        return QString();
    const auto it = m_strings.constFind(text);
    if (it != m_strings.constEnd())
        return *it;
    m_strings.insert(text);
    return text;
}

bool HistoryModel::learnNames(const HistoryEvent &event)
{
    bool learned = false;
    if (!event.node.isEmpty() && !m_nodes.contains(event.node)) {
        m_nodes.insert(event.node);
        learned = true;
    }
    if (!m_eventNames.contains(event.event)) {
        m_eventNames.insert(event.event);
        learned = true;
    }
    return learned;
}

void HistoryModel::addEvents(const QList<HistoryEvent> &events, bool reset)
{
    QList<HistoryEvent> added;
    added.reserve(events.size());
    bool learned = false;
    if (reset) {
        m_strings.clear();
        learned = !m_nodes.isEmpty() || !m_eventNames.isEmpty();
        m_nodes.clear();
        m_eventNames.clear();
    }
    for (const HistoryEvent &event : events) {
        HistoryEvent shared = event;
        shared.writer = intern(event.writer);
        shared.node = intern(event.node);
        shared.event = intern(event.event);
        learned = learnNames(shared) || learned;
        added.append(std::move(shared));
    }

    if (reset) {
        beginResetModel();
        m_events = std::move(added);
        endResetModel();
    } else if (!added.isEmpty()) {
        if (m_events.isEmpty() || !historyEventLess(added.front(), m_events.back())) {
            const int first = int(m_events.size());
            beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
            m_events.append(std::move(added));
            endInsertRows();
        } else if (added.size() <= kMaxLateInserts) {
            // A few events of a writer arrived late and belong among older ones (clocks of hosts differ):
            // insert each at its place, so the views keep their rows, selection and scroll position.
            for (HistoryEvent &event : added) {
                const auto at = std::upper_bound(m_events.begin(), m_events.end(), event, historyEventLess);
                const int row = int(at - m_events.begin());
                beginInsertRows(QModelIndex(), row, row);
                m_events.insert(row, std::move(event));
                endInsertRows();
            }
        } else {
            beginResetModel();
            const qsizetype middle = m_events.size();
            m_events.append(std::move(added));
            std::inplace_merge(m_events.begin(), m_events.begin() + middle, m_events.end(), historyEventLess);
            endResetModel();
        }
    }
    if (learned)
        emit namesChanged();
}

QStringList HistoryModel::nodes() const
{
    QStringList names(m_nodes.cbegin(), m_nodes.cend());
    names.sort();
    return names;
}

QStringList HistoryModel::eventNames() const
{
    QStringList names(m_eventNames.cbegin(), m_eventNames.cend());
    names.sort();
    return names;
}

void HistoryModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_events.isEmpty())
        emit dataChanged(index(0, Event), index(rowCount() - 1, Event));
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const HistoryEvent &event = m_events[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return localTimeText(event.time);
        case Node:
            return event.node;
        case Event:
            return eventLabel(event.event);
        case Epoch:
            return event.epoch == 0 ? QString() : QString::number(event.epoch);
        case Detail:
            return event.detail;
        case Writer:
            return event.writer;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time:
            return tr("%1 UTC").arg(event.time);
        case Event:
            return event.event;
        case Detail:
            return event.detail;
        case Writer:
            return tr("Written by %1 (its event number %2)").arg(event.writer).arg(event.seq);
        default:
            return {};
        }
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Node:
        return tr("Node");
    case Event:
        return tr("Event");
    case Epoch:
        return tr("Epoch");
    case Detail:
        return tr("Details");
    case Writer:
        return tr("Written by");
    default:
        return {};
    }
}

} // namespace hacmp::console
