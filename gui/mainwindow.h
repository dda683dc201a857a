#pragma once

#include "gui/clustermonitor.h"
#include "gui/clustersource.h"
#include "gui/controlrequests.h"
#include "gui/directorypoll.h"
#include "gui/failoverspane.h"
#include "gui/historypane.h"
#include "gui/maintenancetoggle.h"
#include "gui/nodeactions.h"
#include "gui/noticebar.h"
#include "gui/timelinepane.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QPushButton;
class QTabWidget;

namespace hacmp::console {

class ConfirmDialog;
class EndpointsPane;
class FailoverModel;
class HistoryFilterProxy;
class HistoryModel;
class LanguageMenu;
class NodesPane;
class NodeTableModel;
class RecentMenu;
class StateBanner;
class TimelineWidget;
class Translations;

/// The console's window: the state banner with the maintenance button, the notice bar, the nodes pane with
/// the node actions, and tabs for the history, failovers and timeline panes; the menus and the status bar.
/// It passes on what its ClusterMonitor publishes and asks it to carry out the operator's confirmed
/// actions; it never touches the directory itself.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    /// translations may be null (no language menu); timing is used for every cluster opened.
    MainWindow(Translations *translations, Timing timing, MonoClock clock, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Watches the cluster in source (instead of the one before); a directory is remembered as recent.
    void openCluster(const ClusterSource &source);
    void openCluster(const QString &directory) { openCluster(ClusterSource::directory(directory)); }

    ClusterMonitor *monitor() const { return m_monitor.get(); }
    StateBanner *banner() const { return m_banner; }
    /// The etcd endpoints and their health (hidden for a directory).
    EndpointsPane *endpointsPane() const { return m_endpoints; }
    /// The store named in the status bar: the directory's path or etcd://endpoints/prefix.
    QString storeText() const;
    NodeTableModel *nodeModel() const { return m_nodes; }
    HistoryModel *historyModel() const { return m_historyPane->model(); }
    HistoryFilterProxy *historyFilter() const { return m_historyPane->filter(); }
    FailoverModel *failoverModel() const { return m_failoversPane->model(); }
    TimelineWidget *timeline() const { return m_timelinePane->timeline(); }
    HistoryPane *historyPane() const { return m_historyPane; }
    /// Shows the history, failovers (1) or timeline (2) tab.
    void showTab(int index) { m_tabs->setCurrentIndex(index); }
    QAction *maintenanceAction() const { return m_maintenance->action(); }
    QPushButton *maintenanceButton() const { return m_maintenance->button(); }
    QAction *standbyAction() const { return m_nodeActions->standbyAction(); }
    QAction *switchoverAction() const { return m_nodeActions->switchoverAction(); }
    QAction *clearAction() const { return m_nodeActions->clearAction(); }
    QAction *appAction() const { return m_nodeActions->appAction(); }
    /// The confirmation dialog that is open now, or null.
    ConfirmDialog *openDialog() const { return m_requests->openDialog(); }
    /// Selects a node's row in the table (the node actions act on it).
    void selectNode(const QString &node);
    /// The text shown in the notice bar (results and errors of actions).
    QString noticeText() const { return m_notice->noticeText(); }

signals:
    /// The first snapshot and the first history have been shown (or the directory did not answer).
    void firstDataShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void retranslate();

    void showSnapshot(const ClusterSnapshot &snapshot);
    void showHistory(const QList<HistoryEvent> &events, bool reset);
    void showMasterSince();
    void showEventInHistory(const HistoryEvent &event);
    void updateActions();
    void updateStatusBar();
    void noteFirstData();
    void chooseDirectory();
    void showAbout();

    Translations *m_translations;
    Timing m_timing;
    MonoClock m_clock;
    std::unique_ptr<ClusterMonitor> m_monitor;
    bool m_snapshotShown = false;
    bool m_historyShown = false;
    bool m_firstDataSent = false;

    NodeTableModel *m_nodes;
    ControlRequests *m_requests;
    StateBanner *m_banner = nullptr;
    MaintenanceToggle *m_maintenance = nullptr;
    NoticeBar *m_notice = nullptr;
    EndpointsPane *m_endpoints = nullptr;
    NodesPane *m_nodesPane = nullptr;
    NodeActions *m_nodeActions = nullptr;
    HistoryPane *m_historyPane = nullptr;
    FailoversPane *m_failoversPane = nullptr;
    TimelinePane *m_timelinePane = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_statusPoll = nullptr;
    QLabel *m_statusAccess = nullptr;
    QLabel *m_statusStore = nullptr;

    QMenu *m_fileMenu = nullptr;
    RecentMenu *m_recentMenu = nullptr;
    QMenu *m_clusterMenu = nullptr;
    QMenu *m_nodeMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    LanguageMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_aboutAction = nullptr;
};

} // namespace hacmp::console
