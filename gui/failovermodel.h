#pragma once

#include "shared/history/failoverlog.h"

#include <QAbstractTableModel>

namespace hacmp::console {

/// Every change of master, newest first, with its reason and downtime, as hacmp's FailoverLog derives
/// them from the merged history (the same derivation as `hacmpctl history --failovers`).
class FailoverModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, From, To, Epoch, Reason, Downtime, Detail, ColumnCount };

    explicit FailoverModel(QObject *parent = nullptr);

    /// Feeds a HistoryTail update (sorted events; reset: they replace everything).
    void addEvents(const QList<HistoryEvent> &events, bool reset);
    const FailoverLog &log() const { return m_log; }
    /// The change shown in row (newest first).
    const MasterChange &change(int row) const;
    void retranslate();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    FailoverLog m_log;
    QList<MasterChange> m_rows; ///< what the views show: the log's changes when they last differed
};

} // namespace hacmp::console
