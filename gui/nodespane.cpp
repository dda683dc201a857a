#include "gui/nodespane.h"

#include "gui/nodetablemodel.h"
#include "gui/tableviews.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace hacmp::console {

NodesPane::NodesPane(NodeTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_sorted(new QSortFilterProxyModel(this))
    , m_heading(new QLabel(this))
    , m_bar(new QHBoxLayout)
    , m_view(makeTable(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_bar->addWidget(m_heading);
    m_bar->addStretch(1);
    layout->addLayout(m_bar);

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(NodeTableModel::SortRole);
    m_view->setObjectName(QStringLiteral("nodesView"));
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(NodeTableModel::Node, Qt::AscendingOrder);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_heading->setBuddy(m_view);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &NodesPane::selectionChanged);
    layout->addWidget(m_view);
    retranslate();
}

void NodesPane::addNodeActions(const QList<QAction *> &actions)
{
    QToolButton *last = nullptr;
    for (QAction *action : actions) {
        last = new QToolButton(this);
        last->setDefaultAction(action);
        last->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        m_bar->addWidget(last);
    }
    if (last)
        setTabOrder(last, m_view); // the buttons come before the table, as they are laid out
    m_view->addActions(actions);
}

QString NodesPane::selectedNode() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.front().data(NodeTableModel::NodeNameRole).toString();
}

void NodesPane::selectNode(const QString &node)
{
    for (int row = 0; row < m_sorted->rowCount(); ++row) {
        if (m_sorted->index(row, 0).data(NodeTableModel::NodeNameRole).toString() == node) {
            m_view->selectRow(row);
            return;
        }
    }
}

void NodesPane::retranslate()
{
    m_heading->setText(tr("&Nodes"));
    m_model->retranslate();
}

} // namespace hacmp::console
