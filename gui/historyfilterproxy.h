#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

namespace hacmp::console {

class HistoryModel;

/// Filters the history by node, event name, time range and a text search, and sorts it (newest first by
/// default). Reads the events of its HistoryModel directly, so that filtering 200 000 rows stays fast.
class HistoryFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit HistoryFilterProxy(HistoryModel *history, QObject *parent = nullptr);

    /// Empty: every node. Events about no node in particular (maintenance) are kept only without a node filter.
    void setNode(const QString &node);
    /// An event name of historyevents ("role_change"); empty: every event.
    void setEventName(const QString &event);
    /// UTC ISO 8601 bounds, inclusive; an empty bound is open.
    void setTimeRange(const QString &from, const QString &to);
    /// Case-insensitive text to find in the node, event, details or writer.
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void refilter();

    HistoryModel *m_history;
    QString m_node;
    QString m_event;
    QString m_from;
    QString m_to;
    QString m_search;
    QSet<QString> m_labelMatches; ///< event names whose words contain m_search
};

} // namespace hacmp::console
