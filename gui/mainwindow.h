#pragma once

#include "clustermonitor.h"
#include "directorypoll.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QActionGroup;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QToolButton;

namespace hacmp::console {

class ConfirmDialog;
class FailoverModel;
class HistoryFilterProxy;
class HistoryModel;
class MaintenanceLog;
class NodeTableModel;
class StateBanner;
class TimelineWidget;
class Translations;

/// The console's window: the state banner with the maintenance button, the nodes table with the node
/// actions, and tabs for the history (filters, CSV export), the failovers and the master timeline. It
/// shows what its ClusterMonitor publishes and asks it to carry out the operator's confirmed actions;
/// it never touches the directory itself.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    /// translations may be null (no language menu); timing is used for every cluster opened.
    MainWindow(Translations *translations, Timing timing, MonoClock clock, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Watches the cluster directory at path (instead of the one before) and remembers it as recent.
    void openCluster(const QString &path);

    ClusterMonitor *monitor() const { return m_monitor.get(); }
    StateBanner *banner() const { return m_banner; }
    NodeTableModel *nodeModel() const { return m_nodes; }
    HistoryModel *historyModel() const { return m_history; }
    HistoryFilterProxy *historyFilter() const { return m_historyFilter; }
    FailoverModel *failoverModel() const { return m_failovers; }
    TimelineWidget *timeline() const { return m_timeline; }
    QAction *maintenanceAction() const { return m_maintenanceAction; }
    QPushButton *maintenanceButton() const { return m_maintenanceButton; }
    QAction *standbyAction() const { return m_standbyAction; }
    QAction *switchoverAction() const { return m_switchoverAction; }
    QAction *clearAction() const { return m_clearAction; }
    /// The confirmation dialog that is open now, or null.
    ConfirmDialog *openDialog() const;
    /// Selects a node's row in the table (the node actions act on it).
    void selectNode(const QString &node);
    /// The text shown in the notice bar (results and errors of actions).
    QString noticeText() const;

signals:
    /// The first snapshot and the first history have been shown (or the directory did not answer).
    void firstDataShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    QWidget *buildNodesPane();
    QWidget *buildHistoryPane();
    QWidget *buildFailoversPane();
    QWidget *buildTimelinePane();
    void retranslate();

    void showSnapshot(const ClusterSnapshot &snapshot);
    void showHistory(const QList<HistoryEvent> &events, bool reset);
    void updateActions();
    void updateHistoryCount();
    void updateStatusBar();
    void refillFilters();
    void applyTimeFilter();
    void noteFirstData();

    QString selectedNode() const;
    void askMaintenance();
    void askStandby();
    void askSwitchover();
    void askClear();
    void confirm(const ControlAction &action, const QString &heading, const QString &message, const QString &button,
        bool reasonRequired);
    void actionFinished(const ControlAction &action, const QString &error, bool late);
    void actionDelayed(const ControlAction &action);
    void showNotice(const QString &text, bool error);

    void chooseDirectory();
    void rememberRecent(const QString &path);
    void rebuildRecentMenu();
    void exportHistory();
    void chooseLanguage(const QString &code);
    void setTimelineSpan(int hours);
    void showAbout();

    Translations *m_translations;
    Timing m_timing;
    MonoClock m_clock;
    std::unique_ptr<ClusterMonitor> m_monitor;
    bool m_snapshotShown = false;
    bool m_historyShown = false;
    bool m_firstDataSent = false;

    StateBanner *m_banner = nullptr;
    QLabel *m_notice = nullptr;
    QPushButton *m_maintenanceButton = nullptr;
    NodeTableModel *m_nodes = nullptr;
    QSortFilterProxyModel *m_nodesSorted = nullptr;
    QTableView *m_nodesView = nullptr;
    QLabel *m_nodesHeading = nullptr;
    QToolButton *m_standbyButton = nullptr;
    QToolButton *m_switchoverButton = nullptr;
    QToolButton *m_clearButton = nullptr;
    HistoryModel *m_history = nullptr;
    HistoryFilterProxy *m_historyFilter = nullptr;
    QTableView *m_historyView = nullptr;
    QComboBox *m_nodeFilter = nullptr;
    QComboBox *m_eventFilter = nullptr;
    QComboBox *m_timeFilter = nullptr;
    QDateTimeEdit *m_fromEdit = nullptr;
    QDateTimeEdit *m_toEdit = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_historyCount = nullptr;
    QLabel *m_nodeFilterLabel = nullptr;
    QLabel *m_eventFilterLabel = nullptr;
    QLabel *m_timeFilterLabel = nullptr;
    QLabel *m_searchLabel = nullptr;
    QPushButton *m_exportButton = nullptr;
    FailoverModel *m_failovers = nullptr;
    QTableView *m_failoversView = nullptr;
    QLabel *m_failoversHint = nullptr;
    std::unique_ptr<MaintenanceLog> m_maintenanceLog;
    TimelineWidget *m_timeline = nullptr;
    QToolButton *m_hourButton = nullptr;
    QToolButton *m_dayButton = nullptr;
    QToolButton *m_weekButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_statusPoll = nullptr;
    QLabel *m_statusAccess = nullptr;
    QPointer<ConfirmDialog> m_dialog;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_clusterMenu = nullptr;
    QMenu *m_nodeMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_maintenanceAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_standbyAction = nullptr;
    QAction *m_switchoverAction = nullptr;
    QAction *m_clearAction = nullptr;
    QAction *m_hourAction = nullptr;
    QAction *m_dayAction = nullptr;
    QAction *m_weekAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_systemLanguageAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QActionGroup *m_spanGroup = nullptr;
};

} // namespace hacmp::console
