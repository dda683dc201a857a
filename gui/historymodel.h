#pragma once

#include "shared/history/historyevent.h"

#include <QAbstractTableModel>
#include <QSet>

namespace hacmp::console {

/// The merged history of all writers as a table, oldest first, fed by HistoryTail refreshes (only
/// new events each time). Built for long logs: 200 000 events load and append without a reset of the
/// views unless the tail starts over or an event arrives out of order.
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Node, Event, Epoch, Writer, Detail, ColumnCount };

    explicit HistoryModel(QObject *parent = nullptr);

    /// Adds sorted events (a HistoryTail update); reset: they replace everything.
    void addEvents(const QList<HistoryEvent> &events, bool reset);
    /// The event in row; rows are in historyEventLess order.
    const HistoryEvent &eventAt(int row) const { return m_events[row]; }
    /// The node names and event names seen so far, sorted (for the filters).
    QStringList nodes() const;
    QStringList eventNames() const;
    void retranslate();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// New node or event names appeared (the filters offer them).
    void namesChanged();

private:
    /// The distinct texts of one field (writers, nodes or event names), and the texts last looked up by
    /// their storage, which spares most lookups: a refresh's events share their repeated texts.
    struct Strings
    {
        struct Recent
        {
            QString source;
            QString shared;
        };
        QSet<QString> set;
        Recent recent[256]; ///< by a hash of the storage's address

        void clear();
    };

    /// Shares one copy of a repeated text among all events that have it; learned: it is new to strings.
    static QString intern(Strings &strings, const QString &text, bool *learned);

    QList<HistoryEvent> m_events;
    Strings m_writers;
    Strings m_nodes; ///< the node names seen
    Strings m_eventNames; ///< the event names seen
};

} // namespace hacmp::console
