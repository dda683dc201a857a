#pragma once

#include "shared/history/historyevent.h"

#include <QWidget>

class QAction;
class QComboBox;
class QDateTimeEdit;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace hacmp::console {

class HistoryFilterProxy;
class HistoryModel;

/// The history pane: every event of the merged history in a table, with filters by node, event, time and
/// text above it, the count of events shown, and their export as CSV.
class HistoryPane final : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPane(QWidget *parent = nullptr);

    HistoryModel *model() const { return m_history; }
    HistoryFilterProxy *filter() const { return m_filter; }
    QTableView *view() const { return m_view; }
    /// Exports the events shown (Ctrl+E); enabled while there are events.
    QAction *exportAction() const { return m_exportAction; }
    /// Adds a HistoryTail update (sorted events; reset: they replace everything).
    void addEvents(const QList<HistoryEvent> &events, bool reset);
    /// The cluster's name, for the export's file name (empty: none known).
    void setClusterName(const QString &name) { m_clusterName = name; }
    /// Puts the cursor in the search field.
    void focusSearch();
    /// Sets the texts in the language in use (the window calls it on LanguageChange).
    void retranslate();

    enum class Selection { Selected, Filtered, Missing };
    /// Selects event's row in the table and scrolls to it. Filtered: the filters hide it, Missing: the
    /// history does not hold it (the selection stays as it was).
    Selection selectEvent(const HistoryEvent &event);

signals:
    /// The outcome of an export, for the notice bar.
    void notice(const QString &text, bool error);

private:
    QHBoxLayout *buildFilters();
    void refillFilters();
    void applyTimeFilter();
    void updateCount();
    void exportHistory();

    HistoryModel *m_history;
    HistoryFilterProxy *m_filter;
    QAction *m_exportAction;
    QString m_clusterName;
    QComboBox *m_nodeFilter = nullptr;
    QComboBox *m_eventFilter = nullptr;
    QComboBox *m_timeFilter = nullptr;
    QDateTimeEdit *m_fromEdit = nullptr;
    QDateTimeEdit *m_toEdit = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_nodeFilterLabel = nullptr;
    QLabel *m_eventFilterLabel = nullptr;
    QLabel *m_timeFilterLabel = nullptr;
    QLabel *m_searchLabel = nullptr;
    QPushButton *m_exportButton = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_count = nullptr;
};

} // namespace hacmp::console
