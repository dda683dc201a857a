#include "mainwindow.h"

#include "confirmdialog.h"
#include "failovermodel.h"
#include "historycsv.h"
#include "historyfilterproxy.h"
#include "historymodel.h"
#include "maintenancelog.h"
#include "nodetablemodel.h"
#include "statebanner.h"
#include "texts.h"
#include "timelinewidget.h"
#include "translations.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace hacmp::console {

namespace {

constexpr int kMaxRecent = 8;
constexpr int kNoticeMs = 12000;
constexpr int kStatusMs = 500;
const QLatin1String kRecentKey("recentDirectories");
const QLatin1String kLanguageKey("language");

QString noticeStyle(bool error)
{
    return error ? QStringLiteral("QLabel { background: #fee2e2; color: #7f1d1d; border: 1px solid #b91c1c; "
                                  "border-radius: 4px; padding: 6px 10px; }")
                 : QStringLiteral("QLabel { background: #dbeafe; color: #1e3a8a; border: 1px solid #1d4ed8; "
                                  "border-radius: 4px; padding: 6px 10px; }");
}

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QTableView *makeTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    // Fixed row heights: no measuring of 200 000 history rows.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

} // namespace

MainWindow::MainWindow(Translations *translations, Timing timing, MonoClock clock, QWidget *parent)
    : QMainWindow(parent)
    , m_translations(translations)
    , m_timing(timing)
    , m_clock(std::move(clock))
    , m_nodes(new NodeTableModel(m_clock, this))
    , m_history(new HistoryModel(this))
    , m_historyFilter(new HistoryFilterProxy(m_history, this))
    , m_failovers(new FailoverModel(this))
    , m_maintenanceLog(std::make_unique<MaintenanceLog>())
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hacmp-console.svg")));
    buildActions();
    buildMenus();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->setSpacing(8);

    m_banner = new StateBanner(central);
    m_maintenanceButton = new QPushButton(m_banner);
    m_maintenanceButton->setObjectName(QStringLiteral("maintenanceButton"));
    m_maintenanceButton->setIcon(QIcon(QStringLiteral(":/icons/state-maintenance.svg")));
    m_maintenanceButton->setIconSize(QSize(22, 22));
    m_maintenanceButton->setMinimumHeight(40);
    m_maintenanceButton->setStyleSheet(QStringLiteral(
        "QPushButton { background: white; color: #111827; border: 2px solid #111827; border-radius: 5px; "
        "padding: 6px 14px; font-weight: bold; } QPushButton:focus { border-color: #f59e0b; } "
        "QPushButton:disabled { background: #d1d5db; color: #4b5563; border-color: #6b7280; }"));
    connect(m_maintenanceButton, &QPushButton::clicked, this, &MainWindow::askMaintenance);
    m_banner->addTrailingWidget(m_maintenanceButton);
    layout->addWidget(m_banner);

    m_notice = new QLabel(central);
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::RichText);
    m_notice->hide();
    connect(m_notice, &QLabel::linkActivated, m_notice, &QLabel::hide);
    layout->addWidget(m_notice);

    auto *splitter = new QSplitter(Qt::Vertical, central);
    splitter->addWidget(buildNodesPane());
    m_tabs = new QTabWidget(splitter);
    m_tabs->addTab(buildHistoryPane(), QString());
    m_tabs->addTab(buildFailoversPane(), QString());
    m_tabs->addTab(buildTimelinePane(), QString());
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_statusPoll = new QLabel(this);
    m_statusAccess = new QLabel(this);
    m_statusAccess->setObjectName(QStringLiteral("accessStatus"));
    statusBar()->addWidget(m_statusPoll, 1);
    statusBar()->addPermanentWidget(m_statusAccess);
    auto *statusTimer = new QTimer(this);
    connect(statusTimer, &QTimer::timeout, this, &MainWindow::updateStatusBar);
    statusTimer->start(kStatusMs);

    connect(m_history, &HistoryModel::namesChanged, this, &MainWindow::refillFilters);
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_historyFilter, signal, this, &MainWindow::updateHistoryCount);
    connect(m_historyFilter, &QAbstractItemModel::modelReset, this, &MainWindow::updateHistoryCount);
    connect(m_historyFilter, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateHistoryCount);

    retranslate();
    resize(1200, 820);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    m_openAction = new QAction(QIcon(QStringLiteral(":/icons/open.svg")), QString(), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseDirectory);

    m_exportAction = new QAction(QString(), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportHistory);

    m_quitAction = new QAction(QString(), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_maintenanceAction = new QAction(QIcon(QStringLiteral(":/icons/state-maintenance.svg")), QString(), this);
    m_maintenanceAction->setObjectName(QStringLiteral("maintenanceAction"));
    m_maintenanceAction->setCheckable(true);
    m_maintenanceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    // The check mark follows the directory, not the click: the click only asks.
    connect(m_maintenanceAction, &QAction::triggered, this, [this] {
        m_maintenanceAction->setChecked(m_nodes->snapshot().maintenance == Presence::Present);
        askMaintenance();
    });

    m_refreshAction = new QAction(QString(), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        if (m_monitor)
            m_monitor->refresh();
    });

    m_standbyAction = new QAction(QIcon(QStringLiteral(":/icons/standby.svg")), QString(), this);
    m_standbyAction->setObjectName(QStringLiteral("standbyAction"));
    m_standbyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    connect(m_standbyAction, &QAction::triggered, this, &MainWindow::askStandby);

    m_switchoverAction = new QAction(QIcon(QStringLiteral(":/icons/switchover.svg")), QString(), this);
    m_switchoverAction->setObjectName(QStringLiteral("switchoverAction"));
    m_switchoverAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_switchoverAction, &QAction::triggered, this, &MainWindow::askSwitchover);

    m_clearAction = new QAction(QIcon(QStringLiteral(":/icons/clear.svg")), QString(), this);
    m_clearAction->setObjectName(QStringLiteral("clearAction"));
    m_clearAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_clearAction, &QAction::triggered, this, &MainWindow::askClear);

    m_spanGroup = new QActionGroup(this);
    const auto spanAction = [this](int hours, Qt::Key key) {
        auto *action = new QAction(QString(), m_spanGroup);
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | key));
        connect(action, &QAction::triggered, this, [this, hours] { setTimelineSpan(hours); });
        return action;
    };
    m_hourAction = spanAction(1, Qt::Key_1);
    m_dayAction = spanAction(24, Qt::Key_2);
    m_weekAction = spanAction(24 * 7, Qt::Key_3);
    m_dayAction->setChecked(true);

    m_findAction = new QAction(QString(), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentIndex(0);
        m_search->setFocus();
        m_search->selectAll();
    });

    m_aboutAction = new QAction(QString(), this);
    m_aboutAction->setShortcut(QKeySequence::HelpContents);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addAction(m_exportAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_clusterMenu = menuBar()->addMenu(QString());
    m_clusterMenu->addAction(m_maintenanceAction);
    m_clusterMenu->addAction(m_refreshAction);

    m_nodeMenu = menuBar()->addMenu(QString());
    m_nodeMenu->addAction(m_standbyAction);
    m_nodeMenu->addAction(m_switchoverAction);
    m_nodeMenu->addAction(m_clearAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addActions(m_spanGroup->actions());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_findAction);
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    m_systemLanguageAction = new QAction(QString(), m_languageGroup);
    m_systemLanguageAction->setCheckable(true);
    m_systemLanguageAction->setData(QString());
    m_languageMenu->addAction(m_systemLanguageAction);
    m_languageMenu->addSeparator();
    const QString chosen = QSettings().value(kLanguageKey).toString();
    m_systemLanguageAction->setChecked(chosen.isEmpty());
    if (m_translations) {
        for (const QString &code : m_translations->languages()) {
            auto *action = new QAction(Translations::nativeName(code), m_languageGroup);
            action->setCheckable(true);
            action->setData(code);
            action->setChecked(code == chosen);
            m_languageMenu->addAction(action);
        }
    }
    connect(m_languageGroup, &QActionGroup::triggered, this,
        [this](QAction *action) { chooseLanguage(action->data().toString()); });

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
    rebuildRecentMenu();
}

QWidget *MainWindow::buildNodesPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_nodesHeading = new QLabel(pane);
    QFont bold = m_nodesHeading->font();
    bold.setBold(true);
    m_nodesHeading->setFont(bold);
    bar->addWidget(m_nodesHeading);
    bar->addStretch(1);
    const auto button = [pane, bar](QAction *action) {
        auto *tool = new QToolButton(pane);
        tool->setDefaultAction(action);
        tool->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        bar->addWidget(tool);
        return tool;
    };
    m_standbyButton = button(m_standbyAction);
    m_switchoverButton = button(m_switchoverAction);
    m_clearButton = button(m_clearAction);
    layout->addLayout(bar);

    m_nodesSorted = new QSortFilterProxyModel(this);
    m_nodesSorted->setSourceModel(m_nodes);
    m_nodesSorted->setSortRole(NodeTableModel::SortRole);
    m_nodesView = makeTable(pane);
    m_nodesView->setObjectName(QStringLiteral("nodesView"));
    m_nodesView->setModel(m_nodesSorted);
    m_nodesView->setSortingEnabled(true);
    m_nodesView->sortByColumn(NodeTableModel::Node, Qt::AscendingOrder);
    m_nodesView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_nodesView->addActions({ m_standbyAction, m_switchoverAction, m_clearAction });
    m_nodesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_nodesView->horizontalHeader()->setStretchLastSection(false);
    m_nodesHeading->setBuddy(m_nodesView);
    connect(m_nodesView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    layout->addWidget(m_nodesView);
    return pane;
}

QWidget *MainWindow::buildHistoryPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    auto *filters = new QHBoxLayout;
    const auto labelled = [pane, filters](QLabel **label, QWidget *field) {
        *label = new QLabel(pane);
        (*label)->setBuddy(field);
        filters->addWidget(*label);
        filters->addWidget(field);
    };
    m_nodeFilter = new QComboBox(pane);
    m_nodeFilter->setObjectName(QStringLiteral("nodeFilter"));
    m_nodeFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    labelled(&m_nodeFilterLabel, m_nodeFilter);
    m_eventFilter = new QComboBox(pane);
    m_eventFilter->setObjectName(QStringLiteral("eventFilter"));
    m_eventFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    labelled(&m_eventFilterLabel, m_eventFilter);
    m_timeFilter = new QComboBox(pane);
    m_timeFilter->setObjectName(QStringLiteral("timeFilter"));
    labelled(&m_timeFilterLabel, m_timeFilter);
    m_fromEdit = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), pane);
    m_toEdit = new QDateTimeEdit(QDateTime::currentDateTime(), pane);
    for (QDateTimeEdit *edit : { m_fromEdit, m_toEdit }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->hide();
        filters->addWidget(edit);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &MainWindow::applyTimeFilter);
    }
    m_search = new QLineEdit(pane);
    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(m_search->fontMetrics().averageCharWidth() * 30);
    labelled(&m_searchLabel, m_search);
    filters->addWidget(m_search, 1);
    m_exportButton = new QPushButton(pane);
    connect(m_exportButton, &QPushButton::clicked, this, &MainWindow::exportHistory);
    filters->addWidget(m_exportButton);
    layout->addLayout(filters);

    connect(m_nodeFilter, &QComboBox::currentIndexChanged, this,
        [this] { m_historyFilter->setNode(m_nodeFilter->currentData().toString()); });
    connect(m_eventFilter, &QComboBox::currentIndexChanged, this,
        [this] { m_historyFilter->setEventName(m_eventFilter->currentData().toString()); });
    connect(m_timeFilter, &QComboBox::currentIndexChanged, this, &MainWindow::applyTimeFilter);
    connect(m_search, &QLineEdit::textChanged, m_historyFilter, &HistoryFilterProxy::setSearchText);

    m_historyView = makeTable(pane);
    m_historyView->setObjectName(QStringLiteral("historyView"));
    m_historyView->setModel(m_historyFilter);
    m_historyView->setSortingEnabled(true);
    m_historyView->sortByColumn(HistoryModel::Time, Qt::DescendingOrder);
    const QFontMetrics metrics = m_historyView->fontMetrics();
    const int padding = 3 * metrics.averageCharWidth();
    m_historyView->setColumnWidth(
        HistoryModel::Time, metrics.horizontalAdvance(QStringLiteral("2024-05-01 12:00:00")) + padding);
    m_historyView->setColumnWidth(
        HistoryModel::Node, metrics.horizontalAdvance(QStringLiteral("node-name-01")) + padding);
    m_historyView->setColumnWidth(HistoryModel::Epoch, metrics.horizontalAdvance(QStringLiteral("Epoch")) + padding);
    m_historyView->setColumnWidth(
        HistoryModel::Writer, metrics.horizontalAdvance(QStringLiteral("operator@host-01")) + padding);
    layout->addWidget(m_historyView, 1);
    m_historyCount = new QLabel(pane);
    m_historyCount->setObjectName(QStringLiteral("historyCount"));
    layout->addWidget(m_historyCount);
    return pane;
}

QWidget *MainWindow::buildFailoversPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    m_failoversHint = new QLabel(pane);
    m_failoversHint->setWordWrap(true);
    layout->addWidget(m_failoversHint);
    m_failoversView = makeTable(pane);
    m_failoversView->setObjectName(QStringLiteral("failoversView"));
    m_failoversView->setModel(m_failovers);
    const QFontMetrics metrics = m_failoversView->fontMetrics();
    const int padding = 3 * metrics.averageCharWidth();
    m_failoversView->setColumnWidth(
        FailoverModel::Time, metrics.horizontalAdvance(QStringLiteral("2024-05-01 12:00:00")) + padding);
    m_failoversView->setColumnWidth(
        FailoverModel::Reason, metrics.horizontalAdvance(QStringLiteral("first master")) + padding);
    m_failoversView->setColumnWidth(
        FailoverModel::Downtime, metrics.horizontalAdvance(QStringLiteral("not recorded")) + padding);
    layout->addWidget(m_failoversView, 1);
    return pane;
}

QWidget *MainWindow::buildTimelinePane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    auto *zoom = new QHBoxLayout;
    const auto button = [pane, zoom](QAction *action) {
        auto *tool = new QToolButton(pane);
        tool->setDefaultAction(action);
        zoom->addWidget(tool);
        return tool;
    };
    m_hourButton = button(m_hourAction);
    m_dayButton = button(m_dayAction);
    m_weekButton = button(m_weekAction);
    zoom->addStretch(1);
    layout->addLayout(zoom);
    m_timeline = new TimelineWidget(pane);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    layout->addWidget(m_timeline, 1);
    return pane;
}

void MainWindow::openCluster(const QString &path)
{
    m_monitor = std::make_unique<ClusterMonitor>(path, m_timing, m_clock);
    connect(m_monitor.get(), &ClusterMonitor::snapshotChanged, this, &MainWindow::showSnapshot);
    connect(m_monitor.get(), &ClusterMonitor::historyUpdated, this, &MainWindow::showHistory);
    connect(m_monitor.get(), &ClusterMonitor::actionFinished, this, &MainWindow::actionFinished);
    connect(m_monitor.get(), &ClusterMonitor::actionDelayed, this, &MainWindow::actionDelayed);
    m_snapshotShown = false;
    m_historyShown = false;
    m_firstDataSent = false;
    showHistory({}, true);
    m_historyShown = false;
    m_nodes->setSnapshot(ClusterSnapshot {});
    m_banner->showOpening(path);
    m_monitor->start();
    rememberRecent(path);
    setWindowTitle(tr("%1 — hacmp console").arg(path));
    updateActions();
}

void MainWindow::showSnapshot(const ClusterSnapshot &snapshot)
{
    m_nodes->setSnapshot(snapshot);
    m_banner->setSnapshot(snapshot);
    const MasterChange *term = m_failovers->log().termOf(snapshot.master(), snapshot.masterEpoch);
    m_banner->setMasterSince(term ? term->time : QString());
    QStringList names;
    for (const NodeStatus &node : snapshot.nodes)
        names.append(node.name);
    m_timeline->setCurrent(snapshot.master(), snapshot.masterEpoch, names);
    const QString cluster = snapshot.clusterName.isEmpty() ? snapshot.directory : snapshot.clusterName;
    setWindowTitle(tr("%1: %2 — hacmp console").arg(cluster, clusterStateLabel(snapshot.state)));
    m_snapshotShown = true;
    updateActions();
    updateStatusBar();
    noteFirstData();
}

void MainWindow::showHistory(const QList<HistoryEvent> &events, bool reset)
{
    m_history->addEvents(events, reset);
    m_failovers->addEvents(events, reset);
    m_maintenanceLog->addEvents(events, reset);
    m_timeline->setChanges(m_failovers->log().changes());
    m_timeline->setMaintenance(m_maintenanceLog->periods());
    const ClusterSnapshot &snapshot = m_nodes->snapshot();
    const MasterChange *term = m_failovers->log().termOf(snapshot.master(), snapshot.masterEpoch);
    m_banner->setMasterSince(term ? term->time : QString());
    if (m_timeFilter->currentData().toInt() > 0)
        applyTimeFilter(); // "the last hour" moves on
    m_historyShown = true;
    updateHistoryCount();
    noteFirstData();
}

void MainWindow::noteFirstData()
{
    if (m_firstDataSent || !m_snapshotShown)
        return;
    if (!m_historyShown && m_nodes->snapshot().responding)
        return;
    m_firstDataSent = true;
    emit firstDataShown();
}

QString MainWindow::selectedNode() const
{
    const QModelIndexList rows = m_nodesView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.front().data(NodeTableModel::NodeNameRole).toString();
}

void MainWindow::selectNode(const QString &node)
{
    for (int row = 0; row < m_nodesSorted->rowCount(); ++row) {
        const QModelIndex index = m_nodesSorted->index(row, 0);
        if (index.data(NodeTableModel::NodeNameRole).toString() == node) {
            m_nodesView->selectRow(row);
            return;
        }
    }
}

void MainWindow::updateActions()
{
    const ClusterSnapshot &snapshot = m_nodes->snapshot();
    const bool open = m_monitor && m_snapshotShown;
    const bool writable = open && snapshot.responding && snapshot.writable;
    QString why;
    if (!m_monitor)
        why = tr("No cluster is open.");
    else if (!open || !snapshot.responding)
        why = tr("The directory is not responding; changes cannot be written now.");
    else if (!snapshot.writable)
        why = snapshot.writeProblem;

    const bool maintenance = snapshot.maintenance == Presence::Present;
    m_maintenanceAction->setChecked(maintenance);
    m_maintenanceAction->setEnabled(writable);
    m_maintenanceButton->setEnabled(writable);
    m_maintenanceButton->setText(maintenance ? tr("Turn Maintenance Off…") : tr("Turn Maintenance On…"));
    const QString maintenanceTip = maintenance
        ? tr("Let the agents start, restart and move the application again (Ctrl+M).")
        : tr("Freeze the cluster: no agent starts, stops, restarts or moves the application while you work on it "
             "(Ctrl+M).");
    m_maintenanceButton->setToolTip(writable ? maintenanceTip : why);
    m_maintenanceAction->setToolTip(writable ? maintenanceTip : why);
    m_statusAccess->setText(
        open && snapshot.responding && !snapshot.writable ? tr("Read only: changes are disabled") : QString());
    m_statusAccess->setToolTip(snapshot.writeProblem);

    const QString node = selectedNode();
    const NodeStatus *status = snapshot.node(node);
    const QString nodeWhy = !writable ? why : !status ? tr("Select a node in the table first.") : QString();
    m_standbyAction->setText(status && status->standby
            ? tr("Take %1 Out of Standby…").arg(node)
            : (status ? tr("Put %1 in Standby…").arg(node) : tr("Standby…")));
    m_standbyAction->setEnabled(nodeWhy.isEmpty());
    m_standbyAction->setToolTip(nodeWhy.isEmpty() ? tr("A node in standby never becomes master; a master in standby "
                                                       "hands over to another node.")
                                                  : nodeWhy);

    QString switchWhy = nodeWhy;
    if (switchWhy.isEmpty()) {
        if (snapshot.maintenance == Presence::Present)
            switchWhy = tr("Roles are frozen while the cluster is in maintenance; turn maintenance off first.");
        else if (snapshot.master().isEmpty() || snapshot.masterEpoch == 0)
            switchWhy = tr("There is no single master to hand over from.");
        else if (snapshot.master() == node)
            switchWhy = tr("%1 is already master.").arg(node);
        else if (status->liveness(m_clock(), snapshot.timing) != Liveness::Alive)
            switchWhy = tr("%1 is not alive.").arg(node);
        else if (status->standby || !status->record || !status->record->eligible)
            switchWhy = tr("%1 may not become master (standby, or not eligible).").arg(node);
    }
    m_switchoverAction->setText(status ? tr("Switch Over to %1…").arg(node) : tr("Switch Over…"));
    m_switchoverAction->setEnabled(switchWhy.isEmpty());
    m_switchoverAction->setToolTip(switchWhy.isEmpty()
            ? tr("Ask master %1 to hand the application over to %2.").arg(snapshot.master(), node)
            : switchWhy);

    m_clearAction->setText(status ? tr("Clear Failures of %1…").arg(node) : tr("Clear Failures…"));
    m_clearAction->setEnabled(nodeWhy.isEmpty());
    m_clearAction->setToolTip(nodeWhy.isEmpty() ? tr("Reset the node's restart budget so that it may become master "
                                                     "again, once the cause of the failures is fixed.")
                                                : nodeWhy);
    m_exportAction->setEnabled(m_history->rowCount() > 0);
    m_exportButton->setEnabled(m_history->rowCount() > 0);
}

void MainWindow::updateStatusBar()
{
    if (!m_monitor) {
        m_statusPoll->setText(tr("No cluster open."));
        return;
    }
    const ClusterSnapshot &snapshot = m_nodes->snapshot();
    QString read;
    if (!m_snapshotShown)
        read = tr("Reading %1…").arg(m_monitor->path());
    else if (snapshot.responding)
        read = tr("Read %1 ago").arg(durationText(std::max(Millis(0), m_clock() - snapshot.takenAt)));
    else
        read = tr("Waiting for the directory");
    m_statusPoll->setText(tr("%1 · reads every %2 · a node is dead after %3 without a heartbeat change")
                              .arg(read, durationText(m_timing.interval), durationText(m_timing.failoverTimeout)));
}

void MainWindow::updateHistoryCount()
{
    m_historyCount->setText(tr("Showing %1 of %2 events").arg(m_historyFilter->rowCount()).arg(m_history->rowCount()));
    m_exportAction->setEnabled(m_history->rowCount() > 0);
    m_exportButton->setEnabled(m_history->rowCount() > 0);
}

void MainWindow::refillFilters()
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
    m_historyFilter->setNode(m_nodeFilter->currentData().toString());
    m_historyFilter->setEventName(m_eventFilter->currentData().toString());
}

void MainWindow::applyTimeFilter()
{
    const int hours = m_timeFilter->currentData().toInt();
    const bool custom = hours < 0;
    m_fromEdit->setVisible(custom);
    m_toEdit->setVisible(custom);
    if (custom)
        m_historyFilter->setTimeRange(isoUtc(m_fromEdit->dateTime()), isoUtc(m_toEdit->dateTime()));
    else if (hours > 0)
        m_historyFilter->setTimeRange(
            isoUtc(QDateTime::currentDateTimeUtc().addSecs(-3600 * qint64(hours))), QString());
    else
        m_historyFilter->setTimeRange(QString(), QString());
}

void MainWindow::askMaintenance()
{
    if (!m_monitor)
        return;
    const ClusterSnapshot &snapshot = m_nodes->snapshot();
    const QString cluster = snapshot.clusterName.isEmpty() ? snapshot.directory : snapshot.clusterName;
    if (snapshot.maintenance == Presence::Present) {
        QString setBy;
        if (snapshot.maintenanceNote)
            setBy = tr("It was turned on by %1 at %2: “%3”.\n\n")
                        .arg(snapshot.maintenanceNote->who, localTimeText(snapshot.maintenanceNote->when),
                            snapshot.maintenanceNote->why);
        confirm({ ControlAction::Kind::MaintenanceOff, QString(), 0, QString() },
            tr("Turn maintenance off for cluster %1?").arg(cluster),
            setBy
                + tr("The agents take over again: nodes that are not master stop stray instances, then the master "
                     "starts the application if it is not running."),
            tr("Turn Maintenance Off"), false);
        return;
    }
    confirm({ ControlAction::Kind::MaintenanceOn, QString(), 0, QString() },
        tr("Turn maintenance on for cluster %1?").arg(cluster),
        tr("While the cluster is in maintenance no agent starts, stops, restarts or moves the application, so you "
           "can work on it by hand. Heartbeats and fencing go on. Remember to turn maintenance off afterwards."),
        tr("Turn Maintenance On"), true);
}

void MainWindow::askStandby()
{
    const QString node = selectedNode();
    const NodeStatus *status = m_nodes->snapshot().node(node);
    if (!status)
        return;
    if (status->standby) {
        confirm({ ControlAction::Kind::StandbyOff, node, 0, QString() }, tr("Take node %1 out of standby?").arg(node),
            tr("%1 may become master again when the cluster needs one.").arg(node), tr("Take Out of Standby"), false);
        return;
    }
    const bool master = m_nodes->snapshot().master() == node;
    confirm({ ControlAction::Kind::StandbyOn, node, 0, QString() }, tr("Put node %1 in standby?").arg(node),
        master ? tr("%1 is master now: it stops the application and hands over to another node, then never becomes "
                    "master until standby is taken off.")
                     .arg(node)
               : tr("%1 will not become master until standby is taken off.").arg(node),
        tr("Put in Standby"), true);
}

void MainWindow::askSwitchover()
{
    const QString node = selectedNode();
    const ClusterSnapshot &snapshot = m_nodes->snapshot();
    if (!snapshot.node(node) || snapshot.master().isEmpty())
        return;
    confirm({ ControlAction::Kind::Switchover, node, snapshot.masterEpoch, QString() },
        tr("Switch over to node %1?").arg(node),
        tr("The master %1 (epoch %2) stops the application and hands over to %3, which starts it at once. Expect a "
           "short downtime: the application's stop and start and about two intervals.")
            .arg(snapshot.master())
            .arg(snapshot.masterEpoch)
            .arg(node),
        tr("Switch Over"), true);
}

void MainWindow::askClear()
{
    const QString node = selectedNode();
    if (!m_nodes->snapshot().node(node))
        return;
    confirm({ ControlAction::Kind::ClearFailures, node, 0, QString() }, tr("Clear the failures of node %1?").arg(node),
        tr("The agent of %1 resets its restart budget and may become master again. Do this once the cause of the "
           "failures is fixed.")
            .arg(node),
        tr("Clear Failures"), false);
}

void MainWindow::confirm(const ControlAction &action, const QString &heading, const QString &message,
    const QString &button, bool reasonRequired)
{
    if (m_dialog)
        m_dialog->close();
    auto *dialog = new ConfirmDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setHeading(heading);
    dialog->setMessage(message);
    dialog->setConfirmText(button);
    dialog->setReasonMode(true, reasonRequired);
    connect(dialog, &QDialog::accepted, this, [this, dialog, action] {
        ControlAction confirmed = action;
        confirmed.reason = dialog->reason();
        if (!m_monitor || !m_monitor->submit(confirmed))
            showNotice(tr("An earlier change has not finished yet: the directory may not be responding. Try again "
                          "in a moment."),
                true);
    });
    m_dialog = dialog;
    dialog->open();
}

void MainWindow::actionFinished(const ControlAction &action, const QString &error, bool late)
{
    if (!error.isEmpty()) {
        showNotice(late ? tr("The delayed change failed: %1").arg(error) : error, true);
        return;
    }
    QString done;
    switch (action.kind) {
    case ControlAction::Kind::MaintenanceOn:
        done = tr("Maintenance is on. The agents see it within an interval.");
        break;
    case ControlAction::Kind::MaintenanceOff:
        done = tr("Maintenance is off. The agents resume within an interval.");
        break;
    case ControlAction::Kind::StandbyOn:
        done = tr("Node %1 is in standby.").arg(action.node);
        break;
    case ControlAction::Kind::StandbyOff:
        done = tr("Node %1 is out of standby.").arg(action.node);
        break;
    case ControlAction::Kind::Switchover:
        done = tr("Switchover to %1 requested; the master acts on it within an interval.").arg(action.node);
        break;
    case ControlAction::Kind::ClearFailures:
        done = tr("Clearing the failures of %1 requested; its agent acts on it within an interval.").arg(action.node);
        break;
    }
    showNotice(late ? tr("The delayed change was made after all: %1").arg(done) : done, false);
}

void MainWindow::actionDelayed(const ControlAction &)
{
    showNotice(tr("The directory has not answered within %1. The change may still be made when it answers; "
                  "check the banner before trying again.")
                   .arg(durationText(m_timing.ioTimeout)),
        true);
}

void MainWindow::showNotice(const QString &text, bool error)
{
    m_notice->setStyleSheet(noticeStyle(error));
    m_notice->setText(
        text.toHtmlEscaped() + QStringLiteral(" &nbsp; <a href=\"dismiss\">") + tr("Dismiss") + QStringLiteral("</a>"));
    m_notice->setProperty("plainText", text);
    m_notice->show();
    if (!error) {
        QTimer::singleShot(kNoticeMs, m_notice, [notice = QPointer<QLabel>(m_notice), text] {
            if (notice && notice->property("plainText").toString() == text)
                notice->hide();
        });
    }
}

ConfirmDialog *MainWindow::openDialog() const
{
    return m_dialog;
}

QString MainWindow::noticeText() const
{
    return m_notice->isHidden() ? QString() : m_notice->property("plainText").toString();
}

void MainWindow::chooseDirectory()
{
    // Start in the folder above the open cluster: the cluster's own mount may be the one that hangs.
    const QString start = m_monitor ? QFileInfo(m_monitor->path()).path() : QString();
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open Cluster Directory"), start);
    if (!path.isEmpty())
        openCluster(path);
}

void MainWindow::rememberRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    settings.setValue(kRecentKey, QStringList(recent.mid(0, kMaxRecent)));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        QAction *action = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(path));
        connect(action, &QAction::triggered, this, [this, path] { openCluster(path); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::exportHistory()
{
    const QString cluster
        = m_nodes->snapshot().clusterName.isEmpty() ? QStringLiteral("cluster") : m_nodes->snapshot().clusterName;
    const QString suggested
        = QStringLiteral("hacmp-history-%1-%2.csv").arg(cluster, QDate::currentDate().toString(Qt::ISODate));
    const QString file = QFileDialog::getSaveFileName(this, tr("Export History"), suggested, tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return;
    QList<int> rows;
    rows.reserve(m_historyFilter->rowCount());
    for (int row = 0; row < m_historyFilter->rowCount(); ++row)
        rows.append(m_historyFilter->mapToSource(m_historyFilter->index(row, 0)).row());
    std::sort(rows.begin(), rows.end());
    QList<HistoryEvent> events;
    events.reserve(rows.size());
    for (int row : std::as_const(rows))
        events.append(m_history->event(row));
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(historyCsv(events)) < 0 || !out.commit()) {
        showNotice(tr("Could not write %1: %2. Choose another file.").arg(file, out.errorString()), true);
        return;
    }
    showNotice(tr("Exported %n events to %1.", nullptr, int(events.size())).arg(file), false);
}

void MainWindow::chooseLanguage(const QString &code)
{
    QSettings().setValue(kLanguageKey, code);
    if (m_translations)
        m_translations->use(code);
}

void MainWindow::setTimelineSpan(int hours)
{
    m_timeline->setSpan(Millis(qint64(hours) * 3600 * 1000));
    m_tabs->setCurrentIndex(2);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About hacmp console"),
        tr("<p><b>hacmp console</b> %1</p><p>Watches a hacmp cluster through its shared directory: which node is "
           "master, how fresh every heartbeat is, maintenance, and what happened when.</p><p>Heartbeat ages are "
           "measured on this computer's own clock; clocks of different hosts are never compared.</p>")
            .arg(QStringLiteral(HACMP_VERSION)));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_clusterMenu->setTitle(tr("&Cluster"));
    m_nodeMenu->setTitle(tr("&Node"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_openAction->setText(tr("&Open Cluster Directory…"));
    m_openAction->setToolTip(tr("Open the shared directory of a cluster (Ctrl+O)."));
    m_exportAction->setText(tr("&Export History as CSV…"));
    m_quitAction->setText(tr("&Quit"));
    m_maintenanceAction->setText(tr("&Maintenance Mode"));
    m_refreshAction->setText(tr("&Refresh Now"));
    m_hourAction->setText(tr("Timeline: Last &Hour"));
    m_dayAction->setText(tr("Timeline: Last &Day"));
    m_weekAction->setText(tr("Timeline: Last &Week"));
    m_findAction->setText(tr("&Find in History"));
    m_aboutAction->setText(tr("&About hacmp console"));
    m_systemLanguageAction->setText(tr("&System Language"));
    m_hourButton->setText(tr("Last hour"));
    m_dayButton->setText(tr("Last day"));
    m_weekButton->setText(tr("Last week"));
    m_nodesHeading->setText(tr("&Nodes"));
    m_tabs->setTabText(0, tr("&History"));
    m_tabs->setTabText(1, tr("&Failovers"));
    m_tabs->setTabText(2, tr("&Timeline"));
    m_nodeFilterLabel->setText(tr("N&ode:"));
    m_eventFilterLabel->setText(tr("&Event:"));
    m_timeFilterLabel->setText(tr("T&ime:"));
    m_searchLabel->setText(tr("&Search:"));
    m_search->setPlaceholderText(tr("details, nodes, events, writers (Ctrl+F)"));
    m_exportButton->setText(tr("Export CSV…"));
    m_exportButton->setToolTip(tr("Save the events shown, with the filters applied, as a CSV file (Ctrl+E)."));
    m_failoversHint->setText(tr("Each change of master, newest first. Downtime runs from the old master's "
                                "application exit to the new master's application start."));
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
        eventWidth = std::max(eventWidth, m_historyView->fontMetrics().horizontalAdvance(eventLabel(name)));
    m_historyView->setColumnWidth(
        HistoryModel::Event, eventWidth + 3 * m_historyView->fontMetrics().averageCharWidth());
    m_nodes->retranslate();
    m_history->retranslate();
    m_failovers->retranslate();
    m_timeline->update();
    if (m_monitor)
        setWindowTitle(tr("%1 — hacmp console").arg(m_monitor->path()));
    else
        setWindowTitle(tr("hacmp console"));
    m_banner->retranslate();
    updateActions();
    updateStatusBar();
    updateHistoryCount();
}

} // namespace hacmp::console
