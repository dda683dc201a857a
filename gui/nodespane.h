#pragma once

#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace hacmp::console {

class NodeTableModel;

/// The nodes pane: a heading with buttons for the node actions, and the table of nodes, sortable, whose
/// selected row is the node those actions act on.
class NodesPane final : public QWidget
{
    Q_OBJECT

public:
    /// model: the nodes of the cluster's snapshot, which the window keeps.
    explicit NodesPane(NodeTableModel *model, QWidget *parent = nullptr);

    /// Shows actions as buttons beside the heading and in the table's context menu.
    void addNodeActions(const QList<QAction *> &actions);
    /// The node of the selected row, or empty.
    QString selectedNode() const;
    void selectNode(const QString &node);
    /// Sets the texts in the language in use (the window calls it on LanguageChange).
    void retranslate();

signals:
    void selectionChanged();

private:
    NodeTableModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QLabel *m_heading;
    QHBoxLayout *m_bar;
    QTableView *m_view;
};

} // namespace hacmp::console
