#pragma once

#include "gui/clustersnapshot.h"
#include "gui/directorypoll.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace hacmp::console {

/// The nodes of the cluster as a table: role, application, heartbeat age (counting up live on the
/// console's own clock between polls), priority, eligibility, standby, agent version and clock skew.
/// Stale, dead and unknown nodes are marked by words and icons as well as colour.
class NodeTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Node,
        Status,
        Role,
        Epoch,
        Application,
        Age,
        Priority,
        Eligible,
        Standby,
        Version,
        Skew,
        ColumnCount
    };
    /// Sorting uses this role: numbers for numeric columns, text otherwise.
    static constexpr int SortRole = Qt::UserRole + 1;
    /// The node name of a row, whatever the column.
    static constexpr int NodeNameRole = Qt::UserRole + 2;

    explicit NodeTableModel(MonoClock clock, QObject *parent = nullptr);

    void setSnapshot(const ClusterSnapshot &snapshot);
    const ClusterSnapshot &snapshot() const { return m_snapshot; }
    /// Updates the ages and what depends on them (stale) to the clock's current time.
    void tick();
    /// Re-reads every translated text (after a language change).
    void retranslate();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString text(const NodeStatus &node, int column, MonoTime now) const;
    QString toolTip(const NodeStatus &node, int column, MonoTime now) const;
    QVariant sortValue(const NodeStatus &node, int column, MonoTime now) const;
    QVariant background(const NodeStatus &node, MonoTime now) const;

    MonoClock m_clock;
    ClusterSnapshot m_snapshot;
    QTimer m_ticker;
};

} // namespace hacmp::console
