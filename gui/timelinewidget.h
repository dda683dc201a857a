#pragma once

#include "gui/maintenancelog.h"
#include "shared/history/failoverlog.h"
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

/// Paints which node was master over the last hour, day or week: one row per node with its terms,
/// downtime between terms shaded red and maintenance periods shaded blue, with tooltips.
class TimelineWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineWidget(QWidget *parent = nullptr);

    void setChanges(const QList<MasterChange> &changes);
    void setMaintenance(const QList<MaintenancePeriod> &periods);
    /// What the latest snapshot says: the current master (empty when none) and the nodes to show.
    void setCurrent(const QString &master, quint64 epoch, const QStringList &nodes);
    void setSpan(Millis span);
    Millis span() const { return m_span; }
    /// The wall clock (ms since the epoch) that places "now" at the right edge; a seam for tests.
    void setWallClock(std::function<qint64()> clock);

    const QList<MasterTerm> &terms() const { return m_terms; }
    /// Where the widget paints the moment ms (since the epoch) in node's row (the middle of the plot for
    /// an empty node); also what tooltips look up.
    QPoint positionOf(qint64 ms, const QString &node) const;
    const QList<DowntimeGap> &gaps() const { return m_gaps; }

    /// The terms and the gaps between them that changes (oldest first) describe up to nowMs.
    static QList<MasterTerm> termsOf(
        const QList<MasterChange> &changes, qint64 nowMs, const QString &currentMaster, quint64 currentEpoch);
    static QList<DowntimeGap> gapsOf(const QList<MasterTerm> &terms);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

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
    QString describeAt(const QPoint &position) const;
    void recompute();
    void paintAxis(QPainter &painter, const Layout &layout) const;
    void paintLegend(QPainter &painter, const Layout &layout) const;

    QList<MasterChange> m_changes;
    QList<MaintenancePeriod> m_maintenance;
    QList<MasterTerm> m_terms;
    QList<DowntimeGap> m_gaps;
    QString m_master;
    quint64 m_epoch = 0;
    QStringList m_nodes;
    Millis m_span { 24 * 3600 * 1000 };
    std::function<qint64()> m_wallClock;
    QTimer m_refresh;
};

} // namespace hacmp::console
