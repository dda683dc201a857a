#include "gui/historypane.h"

#include "gui/historycsv.h"
#include "gui/historyfilterproxy.h"
#include "gui/historymodel.h"
#include "gui/tableviews.h"
#include "gui/texts.h"

#include <QAction>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace hacmp::console {

namespace {

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

HistoryPane::HistoryPane(QWidget *parent)
    : QWidget(parent)
    , m_history(new HistoryModel(this))
    , m_filter(new HistoryFilterProxy(m_history, this))
    , m_exportAction(new QAction(this))
{
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &HistoryPane::exportHistory);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buildFilters());

    m_view = makeTable(this);
    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(HistoryModel::Time, Qt::DescendingOrder);
    fitColumn(m_view, HistoryModel::Time, QStringLiteral("2024-05-01 12:00:00"));
    fitColumn(m_view, HistoryModel::Node, QStringLiteral("node-name-01"));
    fitColumn(m_view, HistoryModel::Epoch, QStringLiteral("Epoch"));
    fitColumn(m_view, HistoryModel::Writer, QStringLiteral("operator@host-01"));
    layout->addWidget(m_view, 1);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("historyCount"));
    layout->addWidget(m_count);

    connect(m_history, &HistoryModel::namesChanged, this, &HistoryPane::refillFilters);
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_filter, signal, this, &HistoryPane::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &HistoryPane::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &HistoryPane::updateCount);
    retranslate();
}

QHBoxLayout *HistoryPane::buildFilters()
{
    auto *filters = new QHBoxLayout;
    const auto labelled = [this, filters](QLabel **label, QWidget *field) {
        *label = new QLabel(this);
        (*label)->setBuddy(field);
        filters->addWidget(*label);
        filters->addWidget(field);
    };
    const auto combo = [this](const char *name, bool fit) {
        auto *box = new QComboBox(this);
        box->setObjectName(QLatin1String(name));
        if (fit)
            box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        return box;
    };
    m_nodeFilter = combo("nodeFilter", true);
    labelled(&m_nodeFilterLabel, m_nodeFilter);
    m_eventFilter = combo("eventFilter", true);
    labelled(&m_eventFilterLabel, m_eventFilter);
    m_timeFilter = combo("timeFilter", false);
    labelled(&m_timeFilterLabel, m_timeFilter);
    m_fromEdit = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this);
    m_toEdit = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    for (QDateTimeEdit *edit : { m_fromEdit, m_toEdit }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->hide();
        filters->addWidget(edit);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &HistoryPane::applyTimeFilter);
    }
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(m_search->fontMetrics().averageCharWidth() * 30);
    labelled(&m_searchLabel, m_search);
    filters->addWidget(m_search, 1);
    m_exportButton = new QPushButton(this);
    connect(m_exportButton, &QPushButton::clicked, this, &HistoryPane::exportHistory);
    filters->addWidget(m_exportButton);

    connect(m_nodeFilter, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setNode(m_nodeFilter->currentData().toString()); });
    connect(m_eventFilter, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setEventName(m_eventFilter->currentData().toString()); });
    connect(m_timeFilter, &QComboBox::currentIndexChanged, this, &HistoryPane::applyTimeFilter);
    connect(m_search, &QLineEdit::textChanged, m_filter, &HistoryFilterProxy::setSearchText);
    return filters;
}

void HistoryPane::addEvents(const QList<HistoryEvent> &events, bool reset)
{
    m_history->addEvents(events, reset);
    if (m_timeFilter->currentData().toInt() > 0)
        applyTimeFilter(); // "the last hour" moves on
    updateCount();
}

HistoryPane::Selection HistoryPane::selectEvent(const HistoryEvent &event)
{
    // Newest first: the timeline's events are mostly recent ones.
    for (int row = m_history->rowCount() - 1; row >= 0; --row) {
        if (m_history->eventAt(row) != event)
            continue;
        const QModelIndex shown = m_filter->mapFromSource(m_history->index(row, HistoryModel::Time));
        if (!shown.isValid())
            return Selection::Filtered;
        m_view->setCurrentIndex(shown);
        m_view->scrollTo(shown, QAbstractItemView::PositionAtCenter);
        return Selection::Selected;
    }
    return Selection::Missing;
}

void HistoryPane::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void HistoryPane::updateCount()
{
    m_count->setText(tr("Showing %1 of %2 events").arg(m_filter->rowCount()).arg(m_history->rowCount()));
    m_exportAction->setEnabled(m_history->rowCount() > 0);
    m_exportButton->setEnabled(m_history->rowCount() > 0);
}

void HistoryPane::refillFilters()
{
    const auto refill = [](QComboBox *box, const QString &all, const QStringList &values, auto label) {
        const QString current = box->currentData().toString();
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItem(all, QString());
        for (const QString &value : values)
            box->addItem(label(value), value);
        const int index = box->findData(current);
        box->setCurrentIndex(index < 0 ? 0 : index);
    };
    refill(m_nodeFilter, tr("All nodes"), m_history->nodes(), [](const QString &value) { return value; });
    refill(m_eventFilter, tr("All events"), m_history->eventNames(),
        [](const QString &value) { return eventLabel(value); });
    m_filter->setNode(m_nodeFilter->currentData().toString());
    m_filter->setEventName(m_eventFilter->currentData().toString());
}

void HistoryPane::applyTimeFilter()
{
    const int hours = m_timeFilter->currentData().toInt();
    const bool custom = hours < 0;
    m_fromEdit->setVisible(custom);
    m_toEdit->setVisible(custom);
    if (custom)
        m_filter->setTimeRange(isoUtc(m_fromEdit->dateTime()), isoUtc(m_toEdit->dateTime()));
    else if (hours > 0)
        m_filter->setTimeRange(isoUtc(QDateTime::currentDateTimeUtc().addSecs(-3600 * qint64(hours))), QString());
    else
        m_filter->setTimeRange(QString(), QString());
}

void HistoryPane::exportHistory()
{
    const QString cluster = m_clusterName.isEmpty() ? QStringLiteral("cluster") : m_clusterName;
    const QString suggested
        = QStringLiteral("hacmp-history-%1-%2.csv").arg(cluster, QDate::currentDate().toString(Qt::ISODate));
    const QString file = QFileDialog::getSaveFileName(this, tr("Export History"), suggested, tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return;
    QList<int> rows;
    rows.reserve(m_filter->rowCount());
    for (int row = 0; row < m_filter->rowCount(); ++row)
        rows.append(m_filter->mapToSource(m_filter->index(row, 0)).row());
    std::sort(rows.begin(), rows.end());
    QList<HistoryEvent> events;
    events.reserve(rows.size());
    for (int row : std::as_const(rows))
        events.append(m_history->eventAt(row));
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(historyCsv(events)) < 0 || !out.commit()) {
        emit notice(tr("Could not write %1: %2. Choose another file.").arg(file, out.errorString()), true);
        return;
    }
    emit notice(tr("Exported %n events to %1.", nullptr, int(events.size())).arg(file), false);
}

void HistoryPane::retranslate()
{
    m_exportAction->setText(tr("&Export History as CSV…"));
    m_nodeFilterLabel->setText(tr("N&ode:"));
    m_eventFilterLabel->setText(tr("&Event:"));
    m_timeFilterLabel->setText(tr("T&ime:"));
    m_searchLabel->setText(tr("&Search:"));
    m_search->setPlaceholderText(tr("details, nodes, events, writers (Ctrl+F)"));
    m_exportButton->setText(tr("Export CSV…"));
    m_exportButton->setToolTip(tr("Save the events shown, with the filters applied, as a CSV file (Ctrl+E)."));
    {
        const int current = m_timeFilter->currentIndex();
        const QSignalBlocker blocker(m_timeFilter);
        m_timeFilter->clear();
        m_timeFilter->addItem(tr("Any time"), 0);
        m_timeFilter->addItem(tr("Last hour"), 1);
        m_timeFilter->addItem(tr("Last 24 hours"), 24);
        m_timeFilter->addItem(tr("Last 7 days"), 24 * 7);
        m_timeFilter->addItem(tr("Between…"), -1);
        m_timeFilter->setCurrentIndex(std::max(0, current));
    }
    refillFilters();
    // The event column fits the longest event name in this language.
    int eventWidth = 0;
    for (const QString &name : historyEventNames())
        eventWidth = std::max(eventWidth, m_view->fontMetrics().horizontalAdvance(eventLabel(name)));
    m_view->setColumnWidth(HistoryModel::Event, eventWidth + 3 * m_view->fontMetrics().averageCharWidth());
    m_history->retranslate();
    updateCount();
}

} // namespace hacmp::console
