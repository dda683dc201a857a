#include "gui/historymodel.h"

#include "gui/texts.h"

#include <algorithm>
#include <iterator>

namespace hacmp::console {

namespace {

/// Up to this many late events are inserted one by one; more are merged with one reset of the views.
constexpr qsizetype kMaxLateInserts = 64;

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void HistoryModel::Strings::clear()
{
    set.clear();
    for (Recent &entry : recent)
        entry = Recent {};
}

QString HistoryModel::intern(Strings &strings, const QString &text, bool *learned)
{
    if (text.isEmpty())
        return QString();
    // The same storage (held by source, so never reused for another text) holds the same text.
    const quint64 address = quintptr(text.constData());
    Strings::Recent &recent = strings.recent[(address * 0x9e3779b97f4a7c15ULL) >> 56];
    if (recent.source.constData() == text.constData() && recent.source.size() == text.size())
        return recent.shared;
    auto it = strings.set.constFind(text);
    if (it == strings.set.constEnd()) {
        it = strings.set.insert(text);
        *learned = true;
    }
    recent = { text, *it };
    return *it;
}

void HistoryModel::addEvents(const QList<HistoryEvent> &events, bool reset)
{
    QList<HistoryEvent> added;
    added.reserve(events.size());
    bool learned = false;
    if (reset) {
        learned = !m_nodes.set.isEmpty() || !m_eventNames.set.isEmpty();
        m_writers.clear();
        m_nodes.clear();
        m_eventNames.clear();
    }
    bool ignored = false;
    for (const HistoryEvent &event : events) {
        HistoryEvent shared { event.time, intern(m_writers, event.writer, &ignored), event.seq, event.epoch,
            intern(m_eventNames, event.event, &learned), intern(m_nodes, event.node, &learned), event.detail };
        if (shared.event.isEmpty() && !m_eventNames.set.contains(QString())) {
            m_eventNames.set.insert(QString()); // an event without a name is offered as one too
            learned = true;
        }
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
    QStringList names(m_nodes.set.cbegin(), m_nodes.set.cend());
    names.sort();
    return names;
}

QStringList HistoryModel::eventNames() const
{
    QStringList names(m_eventNames.set.cbegin(), m_eventNames.set.cend());
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
