#pragma once

#include "gui/maintenancelog.h"
#include "shared/history/failoverlog.h"
#include "shared/history/historyevent.h"
#include "shared/protocol/monotime.h"

#include <QTimer>
#include <QWidget>

#include <functional>

namespace hacmp::console {

/// One master term on the timeline, in ms since the epoch (UTC).
struct MasterTerm
{
    QString node;
    quint64 epoch = 0;
    qint64 startMs = 0;
    qint64 endMs = 0;
    bool ongoing = false; ///< the current master still holds it
    bool endRecorded = true; ///< false: the history does not show when it ended (drawn up to now, faded)
    MasterChangeReason reason = MasterChangeReason::Initial;

    bool operator==(const MasterTerm &) const = default;
};

/// A time without a master's application running, between two terms.
struct DowntimeGap
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    bool operator==(const DowntimeGap &) const = default;
};

/// The wall-clock time the timeline shows, in ms since the epoch (UTC).
struct TimeRange
{
    qint64 fromMs = 0;
    qint64 toMs = 0;

    qint64 span() const { return toMs - fromMs; }
    bool operator==(const TimeRange &) const = default;
};

/// A history event marked in its node's row; a click on it selects it in the history.
struct EventMark
{
    qint64 ms = 0;
    HistoryEvent event;
};

/// Paints which node was master when: one row per node with its terms and marks for its events, downtime
/// between terms shaded red and maintenance periods shaded blue, with tooltips. It opens on the latest
/// events; the wheel zooms around the cursor, a drag moves in time, a double-click goes back to the latest
/// events, and a click on an event mark asks for that event in the history (eventClicked).
class TimelineWidget final : public QWidget
{
    Q_OBJECT

public:
    /// What decides the range shown: the latest events (from a little before the latest change of master to
    /// now), the last span up to now (last hour, day, week), or a range the operator zoomed or dragged to.
    enum class View { Latest, Span, Free };

    /// The narrowest and widest ranges a zoom reaches; the narrowest range the latest events open on.
    static constexpr qint64 kMinSpanMs = 60 * 1000;
    static constexpr qint64 kMaxSpanMs = 90LL * 24 * 3600 * 1000;
    static constexpr qint64 kMinLatestSpanMs = 15 * 60 * 1000;
    static constexpr qint64 kMaxLatestSpanMs = 30LL * 24 * 3600 * 1000;

    explicit TimelineWidget(QWidget *parent = nullptr);

    void setChanges(const QList<MasterChange> &changes);
    void setMaintenance(const QList<MaintenancePeriod> &periods);
    /// Adds a HistoryTail update (reset: it replaces everything); the events about a node are marked.
    void addEvents(const QList<HistoryEvent> &events, bool reset);
    /// What the latest snapshot says: the current master (empty when none) and the nodes to show.
    void setCurrent(const QString &master, quint64 epoch, const QStringList &nodes);
    /// Shows the last span up to now (View::Span).
    void setSpan(Millis span);
    /// The span of View::Span.
    Millis span() const { return m_span; }
    /// Shows the latest events (View::Latest, the view it opens on).
    void showLatest();
    /// Shows range, as a zoom or drag would (View::Free).
    void setRange(const TimeRange &range);
    View view() const { return m_view; }
    /// The range shown now.
    TimeRange visibleRange() const;
    /// The wall clock (ms since the epoch) that places "now" at the right edge; a seam for tests.
    void setWallClock(std::function<qint64()> clock);
    const QList<EventMark> &marks() const { return m_marks; }

    const QList<MasterTerm> &terms() const { return m_terms; }
    /// Where the widget paints the moment ms (since the epoch) in node's row (the middle of the plot for
    /// an empty node); also what tooltips look up.
    QPoint positionOf(qint64 ms, const QString &node) const;
    const QList<DowntimeGap> &gaps() const { return m_gaps; }

    /// The terms and the gaps between them that changes (oldest first) describe up to nowMs.
    static QList<MasterTerm> termsOf(
        const QList<MasterChange> &changes, qint64 nowMs, const QString &currentMaster, quint64 currentEpoch);
    static QList<DowntimeGap> gapsOf(const QList<MasterTerm> &terms);
    /// The range of the latest events: from a little before focusMs (the latest change of master, or the
    /// latest event; negative: none) to nowMs, at least kMinLatestSpanMs wide. A focus older than
    /// kMaxLatestSpanMs gives a range of that width that starts a little before it; no focus, the last day.
    static TimeRange latestRange(qint64 focusMs, qint64 nowMs);
    /// range zoomed by factor (below 1: in) with anchorMs where it was, its span kept within kMinSpanMs and
    /// kMaxSpanMs.
    static TimeRange zoomedRange(const TimeRange &range, qint64 anchorMs, double factor);
    /// range dragged by dx pixels to the right on a plot width pixels wide (earlier times come into view).
    static TimeRange pannedRange(const TimeRange &range, int dx, int width);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// An event mark was clicked.
    void eventClicked(const HistoryEvent &event);
    /// The view or the range it shows was changed by a call, the wheel or a drag.
    void viewChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    struct Layout
    {
        QRect plot;
        int rowHeight = 0;
        qint64 fromMs = 0;
        qint64 toMs = 0;
    };
    Layout layout() const;
    QStringList rows() const;
    int xOf(const Layout &layout, qint64 ms) const;
    qint64 msAt(const Layout &layout, int x) const;
    /// The index in m_marks of the mark at position, or -1.
    qsizetype markAt(const QPoint &position) const;
    qint64 focusMs() const;
    QString describeAt(const QPoint &position) const;
    void recompute();
    void paintAxis(QPainter &painter, const Layout &layout) const;
    void paintLegend(QPainter &painter, const Layout &layout) const;
    void paintMarks(QPainter &painter, const Layout &layout, const QStringList &names) const;

    QList<MasterChange> m_changes;
    QList<MaintenancePeriod> m_maintenance;
    QList<MasterTerm> m_terms;
    QList<DowntimeGap> m_gaps;
    QList<EventMark> m_marks; ///< sorted by ms
    QString m_master;
    quint64 m_epoch = 0;
    QStringList m_nodes;
    View m_view = View::Latest;
    Millis m_span { 24 * 3600 * 1000 };
    TimeRange m_range; ///< View::Free
    QPoint m_pressPosition;
    TimeRange m_pressRange;
    bool m_pressed = false;
    bool m_dragging = false;
    std::function<qint64()> m_wallClock;
    QTimer m_refresh;
};

} // namespace hacmp::console
