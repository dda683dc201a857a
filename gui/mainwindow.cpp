#include "gui/mainwindow.h"

#include "gui/endpointspane.h"
#include "gui/failovermodel.h"
#include "gui/languagemenu.h"
#include "gui/nodespane.h"
#include "gui/nodetablemodel.h"
#include "gui/recentmenu.h"
#include "gui/statebanner.h"
#include "gui/texts.h"
#include "gui/timelinewidget.h"

#include <QAction>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace hacmp::console {

namespace {

constexpr int kStatusMs = 500;

} // namespace

MainWindow::MainWindow(Translations *translations, Timing timing, MonoClock clock, QWidget *parent)
    : QMainWindow(parent)
    , m_translations(translations)
    , m_timing(timing)
    , m_clock(std::move(clock))
    , m_nodes(new NodeTableModel(m_clock, this))
    , m_requests(new ControlRequests(this, m_timing.ioTimeout))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hacmp-console.svg")));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->setSpacing(8);

    m_banner = new StateBanner(central);
    m_maintenance = new MaintenanceToggle(m_nodes, m_requests, m_banner, this);
    m_banner->addTrailingWidget(m_maintenance->button());
    layout->addWidget(m_banner);
    m_notice = new NoticeBar(central);
    layout->addWidget(m_notice);
    m_endpoints = new EndpointsPane(central);
    m_endpoints->hide();
    layout->addWidget(m_endpoints);

    auto *splitter = new QSplitter(Qt::Vertical, central);
    m_nodesPane = new NodesPane(m_nodes, splitter);
    m_nodeActions = new NodeActions(m_nodes, m_requests, m_clock, this);
    m_nodesPane->addNodeActions(m_nodeActions->actions());
    splitter->addWidget(m_nodesPane);
    m_tabs = new QTabWidget(splitter);
    m_historyPane = new HistoryPane(this);
    m_failoversPane = new FailoversPane(this);
    m_timelinePane = new TimelinePane(this);
    for (QWidget *pane : std::initializer_list<QWidget *> { m_historyPane, m_failoversPane, m_timelinePane })
        m_tabs->addTab(pane, QString());
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_statusPoll = new QLabel(this);
    m_statusAccess = new QLabel(this);
    m_statusAccess->setObjectName(QStringLiteral("accessStatus"));
    m_statusStore = new QLabel(this);
    m_statusStore->setObjectName(QStringLiteral("storeStatus"));
    m_statusStore->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_statusPoll, 1);
    statusBar()->addPermanentWidget(m_statusAccess);
    statusBar()->addPermanentWidget(m_statusStore);
    auto *statusTimer = new QTimer(this);
    connect(statusTimer, &QTimer::timeout, this, &MainWindow::updateStatusBar);
    statusTimer->start(kStatusMs);

    connect(m_requests, &ControlRequests::notice, m_notice, &NoticeBar::showNotice);
    connect(m_historyPane, &HistoryPane::notice, m_notice, &NoticeBar::showNotice);
    connect(m_nodesPane, &NodesPane::selectionChanged, this, &MainWindow::updateActions);
    connect(m_timelinePane, &TimelinePane::spanChosen, this, [this] { m_tabs->setCurrentWidget(m_timelinePane); });
    connect(m_timelinePane, &TimelinePane::eventChosen, this, &MainWindow::showEventInHistory);

    buildActions();
    buildMenus();
    retranslate();
    resize(1200, 820);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    m_openAction = new QAction(QIcon(QStringLiteral(":/icons/open.svg")), QString(), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseDirectory);

    m_quitAction = new QAction(QString(), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_refreshAction = new QAction(QString(), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        if (m_monitor)
            m_monitor->refresh();
    });

    m_findAction = new QAction(QString(), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_historyPane);
        m_historyPane->focusSearch();
    });

    m_aboutAction = new QAction(QString(), this);
    m_aboutAction->setShortcut(QKeySequence::HelpContents);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = new RecentMenu(m_fileMenu);
    connect(m_recentMenu, &RecentMenu::chosen, this, qOverload<const QString &>(&MainWindow::openCluster));
    m_fileMenu->addMenu(m_recentMenu);
    m_fileMenu->addAction(m_historyPane->exportAction());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_clusterMenu = menuBar()->addMenu(QString());
    m_clusterMenu->addAction(m_maintenance->action());
    m_clusterMenu->addAction(m_refreshAction);

    m_nodeMenu = menuBar()->addMenu(QString());
    m_nodeMenu->addActions(m_nodeActions->actions());

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addActions(m_timelinePane->spanActions());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_findAction);
    m_languageMenu = new LanguageMenu(m_translations, m_viewMenu);
    m_viewMenu->addMenu(m_languageMenu);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::openCluster(const ClusterSource &source)
{
    m_monitor = std::make_unique<ClusterMonitor>(source, m_timing, m_clock);
    connect(m_monitor.get(), &ClusterMonitor::snapshotChanged, this, &MainWindow::showSnapshot);
    connect(m_monitor.get(), &ClusterMonitor::historyUpdated, this, &MainWindow::showHistory);
    connect(m_monitor.get(), &ClusterMonitor::endpointsChecked, m_endpoints, &EndpointsPane::setHealth);
    m_requests->setMonitor(m_monitor.get());
    m_snapshotShown = false;
    m_historyShown = false;
    m_firstDataSent = false;
    showHistory({}, true);
    m_historyShown = false;
    m_nodes->setSnapshot(ClusterSnapshot {});
    m_historyPane->setClusterName(QString());
    m_banner->showOpening(source.describe(), source.usesEtcd());
    m_endpoints->setEndpoints(source.usesEtcd() ? source.cluster().etcd.endpoints : QStringList());
    m_endpoints->setVisible(source.usesEtcd());
    m_monitor->start();
    if (!source.usesEtcd())
        m_recentMenu->remember(source.directoryPath());
    setWindowTitle(tr("%1 — hacmp console").arg(source.describe()));
    updateActions();
    updateStatusBar();
}

QString MainWindow::storeText() const
{
    return m_statusStore->text();
}

void MainWindow::showSnapshot(const ClusterSnapshot &snapshot)
{
    m_nodes->setSnapshot(snapshot);
    m_banner->setSnapshot(snapshot);
    showMasterSince();
    QStringList names;
    for (const NodeStatus &node : snapshot.nodes)
        names.append(node.name);
    timeline()->setCurrent(snapshot.master(), snapshot.masterEpoch(), names);
    m_historyPane->setClusterName(snapshot.clusterName);
    const QString cluster = snapshot.clusterName.isEmpty() ? snapshot.directory : snapshot.clusterName;
    setWindowTitle(tr("%1: %2 — hacmp console").arg(cluster, clusterStateLabel(snapshot.state, snapshot.onEtcd)));
    m_snapshotShown = true;
    updateActions();
    updateStatusBar();
    noteFirstData();
}

void MainWindow::showHistory(const QList<HistoryEvent> &events, bool reset)
{
    m_historyPane->addEvents(events, reset);
    failoverModel()->addEvents(events, reset);
    m_timelinePane->addEvents(events, reset, failoverModel()->log().changes());
    showMasterSince();
    m_historyShown = true;
    noteFirstData();
}

void MainWindow::showMasterSince()
{
    const MasterChange *term
        = failoverModel()->log().termOf(m_nodes->snapshot().master(), m_nodes->snapshot().masterEpoch());
    m_banner->setMasterSince(term ? term->time : QString());
}

void MainWindow::showEventInHistory(const HistoryEvent &event)
{
    // An event the filters hide is named in the status bar; the operator's filters are left as they are.
    constexpr int kMessageMs = 15000;
    const QString node = event.node;
    const QString label = eventLabel(event.event);
    const QString time = localTimeText(event.time);
    switch (m_historyPane->selectEvent(event)) {
    case HistoryPane::Selection::Selected:
        statusBar()->clearMessage();
        m_tabs->setCurrentWidget(m_historyPane);
        break;
    case HistoryPane::Selection::Filtered:
        statusBar()->showMessage(tr("The history's filters hide this event (%1, %2, %3): choose all nodes, all "
                                    "events, any time and no search to see it.")
                                     .arg(node, label, time),
            kMessageMs);
        break;
    case HistoryPane::Selection::Missing:
        statusBar()->showMessage(
            tr("The history does not hold this event (%1, %2, %3) any more.").arg(node, label, time), kMessageMs);
        break;
    }
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

void MainWindow::selectNode(const QString &node)
{
    m_nodesPane->selectNode(node);
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
        why = m_monitor->source().usesEtcd() ? tr("The etcd cluster is not responding; changes cannot be written now.")
                                             : tr("The directory is not responding; changes cannot be written now.");
    else if (!snapshot.writable)
        why = snapshot.writeProblem;
    m_maintenance->update(writable, why);
    m_statusAccess->setText(
        open && snapshot.responding && !snapshot.writable ? tr("Read only: changes are disabled") : QString());
    m_statusAccess->setToolTip(snapshot.writeProblem);
    m_nodeActions->update(m_nodesPane->selectedNode(), writable ? QString() : why);
}

void MainWindow::updateStatusBar()
{
    if (!m_monitor) {
        m_statusPoll->setText(tr("No cluster open."));
        m_statusStore->clear();
        return;
    }
    const ClusterSource &source = m_monitor->source();
    m_statusStore->setText(tr("Store: %1").arg(source.describe()));
    m_statusStore->setToolTip(
        source.configPath().isEmpty() ? QString() : tr("From [cluster] of %1").arg(source.configPath()));
    QString read;
    if (!m_snapshotShown)
        read = tr("Reading %1…").arg(source.describe());
    else if (m_nodes->snapshot().responding)
        read = tr("Read %1 ago").arg(durationText(std::max(Millis(0), m_clock() - m_nodes->snapshot().takenAt)));
    else if (source.usesEtcd())
        read = tr("Waiting for etcd");
    else
        read = tr("Waiting for the directory");
    m_statusPoll->setText(tr("%1 · reads every %2 · a node is dead after %3 without a heartbeat change")
                              .arg(read, durationText(m_timing.interval), durationText(m_timing.failoverTimeout)));
}

void MainWindow::chooseDirectory()
{
    // Start in the folder above the open cluster: the cluster's own mount may be the one that hangs.
    const QString open = m_monitor ? m_monitor->source().directoryPath() : QString();
    const QString start = open.isEmpty() ? QString() : QFileInfo(open).path();
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open Cluster Directory"), start);
    if (!path.isEmpty())
        openCluster(path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About hacmp console"),
        tr("<p><b>hacmp console</b> %1</p><p>Watches a hacmp cluster through its shared directory or its etcd "
           "cluster: which node is master, how fresh every heartbeat is, maintenance, and what happened when.</p>"
           "<p>Heartbeat ages are measured on this computer's own clock; clocks of different hosts are never "
           "compared.</p>")
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
    m_quitAction->setText(tr("&Quit"));
    m_refreshAction->setText(tr("&Refresh Now"));
    m_findAction->setText(tr("&Find in History"));
    m_aboutAction->setText(tr("&About hacmp console"));
    m_languageMenu->systemLanguageAction()->setText(tr("&System Language"));
    m_tabs->setTabText(m_tabs->indexOf(m_historyPane), tr("&History"));
    m_tabs->setTabText(m_tabs->indexOf(m_failoversPane), tr("&Failovers"));
    m_tabs->setTabText(m_tabs->indexOf(m_timelinePane), tr("&Timeline"));
    if (m_monitor)
        setWindowTitle(tr("%1 — hacmp console").arg(m_monitor->source().describe()));
    else
        setWindowTitle(tr("hacmp console"));
    m_banner->retranslate();
    m_endpoints->retranslate();
    m_nodesPane->retranslate();
    m_historyPane->retranslate();
    m_failoversPane->retranslate();
    m_timelinePane->retranslate();
    updateActions();
    updateStatusBar();
}

} // namespace hacmp::console
