#include "gui/tableviews.h"

#include <QHeaderView>
#include <QTableView>

namespace hacmp::console {

QTableView *makeTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

void fitColumn(QTableView *view, int column, const QString &sample)
{
    const QFontMetrics metrics = view->fontMetrics();
    view->setColumnWidth(column, metrics.horizontalAdvance(sample) + 3 * metrics.averageCharWidth());
}

} // namespace hacmp::console
