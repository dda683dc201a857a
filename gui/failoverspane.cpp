#include "gui/failoverspane.h"

#include "gui/failovermodel.h"
#include "gui/tableviews.h"

#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace hacmp::console {

FailoversPane::FailoversPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new FailoverModel(this))
    , m_hint(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    QTableView *view = makeTable(this);
    view->setObjectName(QStringLiteral("failoversView"));
    view->setModel(m_model);
    fitColumn(view, FailoverModel::Time, QStringLiteral("2024-05-01 12:00:00"));
    fitColumn(view, FailoverModel::Reason, QStringLiteral("first master"));
    fitColumn(view, FailoverModel::Downtime, QStringLiteral("not recorded"));
    layout->addWidget(view, 1);
    retranslate();
}

void FailoversPane::retranslate()
{
    m_hint->setText(tr("Each change of master, newest first. Downtime runs from the old master's application exit "
                       "to the new master's application start."));
    m_model->retranslate();
}

} // namespace hacmp::console
