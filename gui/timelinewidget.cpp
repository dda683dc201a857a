#include "gui/timelinewidget.h"

#include "gui/texts.h"

#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace hacmp::console {

namespace {

constexpr int kAxisHeight = 22;
constexpr int kLegendHeight = 24;
constexpr int kMargin = 8;
constexpr int kRefreshMs = 5000;
constexpr int kMarkRadius = 5;
/// One notch of the wheel zooms in or out by this factor.
constexpr double kZoomPerNotch = 0.8;
constexpr qint64 kDayMs = 24 * 3600 * 1000;

const QColor kMaintenanceColor(37, 99, 235);
const QColor kDowntimeColor(220, 38, 38);

/// Distinct colours for the nodes' terms (each bar also carries its row's name, so colour is never alone).
QColor nodeColor(int index)
{
    static const QList<QColor> colors { QColor(0x05, 0x96, 0x69), QColor(0x7c, 0x3a, 0xed), QColor(0xd9, 0x77, 0x06),
        QColor(0x08, 0x91, 0xb2), QColor(0xdb, 0x27, 0x77), QColor(0x4d, 0x7c, 0x0f), QColor(0x1d, 0x4e, 0xd8),
        QColor(0x9a, 0x34, 0x12) };
    return colors[index % colors.size()];
}

qint64 msOf(const QString &iso)
{
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : -1;
}

QString clockText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

/// The events marked on the timeline: what happened to a node's role and agent, and faults (the terms'
/// bars already show the application's starts and stops; maintenance is shaded).
bool isMarked(const HistoryEvent &event)
{
    static const QStringList marked { QLatin1String(historyevents::RoleChange), QLatin1String(historyevents::AppFailed),
        QLatin1String(historyevents::LeaseLapsed), QLatin1String(historyevents::GuardKill),
        QLatin1String(historyevents::NodeDead), QLatin1String(historyevents::StorageLost),
        QLatin1String(historyevents::SwitchoverRequested), QLatin1String(historyevents::SwitchoverDone),
        QLatin1String(historyevents::SwitchoverRefused), QLatin1String(historyevents::DuplicateNode),
        QLatin1String(historyevents::Incident), QLatin1String(historyevents::AgentStart),
        QLatin1String(historyevents::AgentStop) };
    return !event.node.isEmpty() && marked.contains(event.event);
}

/// Events that tell of a fault get the downtime's red.
bool isFault(const HistoryEvent &event)
{
    static const QStringList faults { QLatin1String(historyevents::AppFailed),
        QLatin1String(historyevents::LeaseLapsed), QLatin1String(historyevents::GuardKill),
        QLatin1String(historyevents::NodeDead), QLatin1String(historyevents::StorageLost),
        QLatin1String(historyevents::DuplicateNode), QLatin1String(historyevents::Incident) };
    return faults.contains(event.event);
}

} // namespace

TimelineWidget::TimelineWidget(QWidget *parent)
    : QWidget(parent)
    , m_wallClock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    setMouseTracking(true);
    setAccessibleName(tr("Master timeline"));
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        recompute();
        update();
    });
    m_refresh.start();
}

void TimelineWidget::setChanges(const QList<MasterChange> &changes)
{
    m_changes = changes;
    recompute();
    update();
}

void TimelineWidget::addEvents(const QList<HistoryEvent> &events, bool reset)
{
    if (reset)
        m_marks.clear();
    const auto earlier = [](const EventMark &a, const EventMark &b) { return a.ms < b.ms; };
    for (const HistoryEvent &event : events) {
        if (!isMarked(event))
            continue;
        EventMark mark { msOf(event.time), event };
        if (mark.ms < 0)
            continue;
        if (m_marks.isEmpty() || m_marks.back().ms <= mark.ms)
            m_marks.append(std::move(mark));
        else
            m_marks.insert(std::upper_bound(m_marks.begin(), m_marks.end(), mark, earlier), std::move(mark));
    }
    update();
}

void TimelineWidget::setMaintenance(const QList<MaintenancePeriod> &periods)
{
    m_maintenance = periods;
    update();
}

void TimelineWidget::setCurrent(const QString &master, quint64 epoch, const QStringList &nodes)
{
    if (master == m_master && epoch == m_epoch && nodes == m_nodes)
        return;
    m_master = master;
    m_epoch = epoch;
    m_nodes = nodes;
    recompute();
    update();
}

void TimelineWidget::setSpan(Millis span)
{
    m_span = span;
    m_view = View::Span;
    update();
    emit viewChanged();
}

void TimelineWidget::showLatest()
{
    m_view = View::Latest;
    update();
    emit viewChanged();
}

void TimelineWidget::setRange(const TimeRange &range)
{
    m_range = range;
    m_view = View::Free;
    update();
    emit viewChanged();
}

TimeRange TimelineWidget::visibleRange() const
{
    const qint64 now = m_wallClock();
    switch (m_view) {
    case View::Latest:
        return latestRange(focusMs(), now);
    case View::Span:
        return { now - m_span.count(), now };
    case View::Free:
        break;
    }
    return m_range;
}

qint64 TimelineWidget::focusMs() const
{
    if (!m_changes.isEmpty()) {
        const MasterChange &last = m_changes.back();
        qint64 focus = msOf(last.time);
        const qint64 stopped = last.appStopped.isEmpty() ? -1 : msOf(last.appStopped);
        if (stopped >= 0 && (focus < 0 || stopped < focus))
            focus = stopped;
        if (focus >= 0)
            return focus;
    }
    return m_marks.isEmpty() ? -1 : m_marks.back().ms;
}

TimeRange TimelineWidget::latestRange(qint64 focusMs, qint64 nowMs)
{
    if (focusMs < 0 || focusMs > nowMs)
        return { nowMs - kDayMs, nowMs };
    // The focus a fifth of the way in, so that what led up to it shows too.
    const qint64 span = std::max(kMinLatestSpanMs, (nowMs - focusMs) * 5 / 4);
    if (span > kMaxLatestSpanMs) {
        const qint64 from = focusMs - kMaxLatestSpanMs / 5;
        return { from, from + kMaxLatestSpanMs };
    }
    return { nowMs - span, nowMs };
}

TimeRange TimelineWidget::zoomedRange(const TimeRange &range, qint64 anchorMs, double factor)
{
    const qint64 span = std::max<qint64>(1, range.span());
    const qint64 zoomed = std::clamp(qint64(std::llround(double(span) * factor)), kMinSpanMs, kMaxSpanMs);
    const double before = double(anchorMs - range.fromMs) / double(span);
    const qint64 from = anchorMs - qint64(std::llround(before * double(zoomed)));
    return { from, from + zoomed };
}

TimeRange TimelineWidget::pannedRange(const TimeRange &range, int dx, int width)
{
    const qint64 shift = qint64(std::llround(double(dx) * double(range.span()) / double(std::max(1, width))));
    return { range.fromMs - shift, range.toMs - shift };
}

void TimelineWidget::setWallClock(std::function<qint64()> clock)
{
    m_wallClock = std::move(clock);
    recompute();
    update();
}

void TimelineWidget::recompute()
{
    m_terms = termsOf(m_changes, m_wallClock(), m_master, m_epoch);
    m_gaps = gapsOf(m_terms);
}

QList<MasterTerm> TimelineWidget::termsOf(
    const QList<MasterChange> &changes, qint64 nowMs, const QString &currentMaster, quint64 currentEpoch)
{
    QList<MasterTerm> terms;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const MasterChange &change = changes[i];
        MasterTerm term;
        term.node = change.node;
        term.epoch = change.epoch;
        term.reason = change.reason;
        term.startMs = msOf(change.appStarted.isEmpty() ? change.time : change.appStarted);
        if (term.startMs < 0)
            continue;
        if (i + 1 < changes.size()) {
            const MasterChange &next = changes[i + 1];
            term.endMs = msOf(next.appStopped.isEmpty() ? next.time : next.appStopped);
            if (term.endMs < 0)
                term.endMs = msOf(next.time);
        } else {
            term.endMs = nowMs;
            term.ongoing = change.node == currentMaster && change.epoch == currentEpoch;
            term.endRecorded = term.ongoing;
        }
        term.endMs = std::max(term.endMs, term.startMs);
        terms.append(term);
    }
    return terms;
}

QList<DowntimeGap> TimelineWidget::gapsOf(const QList<MasterTerm> &terms)
{
    QList<DowntimeGap> gaps;
    for (qsizetype i = 1; i < terms.size(); ++i) {
        if (terms[i].startMs > terms[i - 1].endMs)
            gaps.append({ terms[i - 1].endMs, terms[i].startMs });
    }
    return gaps;
}

QSize TimelineWidget::sizeHint() const
{
    return { 800, 200 };
}

QSize TimelineWidget::minimumSizeHint() const
{
    return { 300, 110 };
}

QStringList TimelineWidget::rows() const
{
    QStringList names = m_nodes;
    for (const MasterTerm &term : m_terms) {
        if (!names.contains(term.node))
            names.append(term.node);
    }
    names.sort();
    return names;
}

TimelineWidget::Layout TimelineWidget::layout() const
{
    Layout result;
    int labelWidth = fontMetrics().horizontalAdvance(QStringLiteral("master-00"));
    for (const QString &name : rows())
        labelWidth = std::max(labelWidth, fontMetrics().horizontalAdvance(name));
    const int left = kMargin + labelWidth + kMargin;
    const int available = std::max(1, height() - 2 * kMargin - kAxisHeight - kLegendHeight);
    const int count = std::max(1, int(rows().size()));
    result.rowHeight = std::clamp(available / count, 14, 40);
    result.plot = QRect(left, kMargin, std::max(1, width() - left - 2 * kMargin), result.rowHeight * count);
    const TimeRange range = visibleRange();
    result.fromMs = range.fromMs;
    result.toMs = range.toMs;
    return result;
}

int TimelineWidget::xOf(const Layout &layout, qint64 ms) const
{
    const double fraction = double(ms - layout.fromMs) / double(std::max<qint64>(1, layout.toMs - layout.fromMs));
    return layout.plot.left() + int(std::clamp(fraction, 0.0, 1.0) * layout.plot.width());
}

qint64 TimelineWidget::msAt(const Layout &layout, int x) const
{
    return layout.fromMs
        + qint64(std::llround(
            double(x - layout.plot.left()) / std::max(1, layout.plot.width()) * double(layout.toMs - layout.fromMs)));
}

qsizetype TimelineWidget::markAt(const QPoint &position) const
{
    const Layout area = layout();
    if (!area.plot.adjusted(-kMarkRadius, 0, kMarkRadius, 0).contains(position) || m_marks.isEmpty())
        return -1;
    const QStringList names = rows();
    const int row = (position.y() - area.plot.top()) / std::max(1, area.rowHeight);
    if (row < 0 || row >= names.size())
        return -1;
    const auto earlier = [](const EventMark &mark, qint64 ms) { return mark.ms < ms; };
    const auto first
        = std::lower_bound(m_marks.cbegin(), m_marks.cend(), msAt(area, position.x() - kMarkRadius - 1), earlier);
    qsizetype best = -1;
    int bestDistance = kMarkRadius + 1;
    for (auto it = first; it != m_marks.cend() && it->ms <= msAt(area, position.x() + kMarkRadius + 1); ++it) {
        if (it->event.node != names[row])
            continue;
        const int distance = std::abs(xOf(area, it->ms) - position.x());
        if (distance <= bestDistance) { // the latest of marks drawn on top of each other
            best = it - m_marks.cbegin();
            bestDistance = distance;
        }
    }
    return best;
}

QPoint TimelineWidget::positionOf(qint64 ms, const QString &node) const
{
    const Layout area = layout();
    const qsizetype row = rows().indexOf(node);
    const int y = row < 0 ? area.plot.center().y() : area.plot.top() + int(row) * area.rowHeight + area.rowHeight / 2;
    return { xOf(area, ms), y };
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    const Layout area = layout();
    const QStringList names = rows();

    // Rows and their names.
    for (int row = 0; row < names.size(); ++row) {
        const QRect band(area.plot.left(), area.plot.top() + row * area.rowHeight, area.plot.width(), area.rowHeight);
        if (row % 2 == 1)
            painter.fillRect(band, palette().alternateBase());
        painter.setPen(palette().text().color());
        painter.drawText(QRect(kMargin, band.top(), area.plot.left() - 2 * kMargin, band.height()),
            Qt::AlignRight | Qt::AlignVCenter, names[row]);
    }

    // Maintenance periods and downtime, across all rows.
    for (const MaintenancePeriod &period : m_maintenance) {
        const qint64 end = period.endMs < 0 ? area.toMs : period.endMs;
        if (end < area.fromMs || period.startMs > area.toMs)
            continue;
        const QRect shade(QPoint(xOf(area, period.startMs), area.plot.top()),
            QPoint(std::max(xOf(area, end), xOf(area, period.startMs) + 2), area.plot.bottom()));
        painter.fillRect(
            shade, QColor(kMaintenanceColor.red(), kMaintenanceColor.green(), kMaintenanceColor.blue(), 35));
        painter.fillRect(shade, QBrush(kMaintenanceColor.lighter(130), Qt::FDiagPattern));
    }
    for (const DowntimeGap &gap : m_gaps) {
        if (gap.endMs < area.fromMs || gap.startMs > area.toMs)
            continue;
        const QRect shade(QPoint(xOf(area, gap.startMs), area.plot.top()),
            QPoint(std::max(xOf(area, gap.endMs), xOf(area, gap.startMs) + 2), area.plot.bottom()));
        painter.fillRect(shade, QColor(kDowntimeColor.red(), kDowntimeColor.green(), kDowntimeColor.blue(), 90));
        painter.fillRect(shade, QBrush(kDowntimeColor, Qt::BDiagPattern));
    }

    // The terms in their nodes' rows.
    for (const MasterTerm &term : m_terms) {
        if (term.endMs < area.fromMs || term.startMs > area.toMs)
            continue;
        const int row = int(names.indexOf(term.node));
        const int x0 = xOf(area, term.startMs);
        const int x1 = std::max(xOf(area, term.endMs), x0 + 2);
        const QRect bar(x0, area.plot.top() + row * area.rowHeight + 3, x1 - x0, area.rowHeight - 6);
        QColor color = nodeColor(row);
        if (!term.endRecorded)
            color.setAlpha(90);
        painter.setPen(term.endRecorded ? QPen(color.darker(130)) : QPen(color.darker(130), 1, Qt::DashLine));
        painter.setBrush(color);
        painter.drawRoundedRect(bar, 3, 3);
        const QString label = tr("epoch %1").arg(term.epoch);
        if (fontMetrics().horizontalAdvance(label) + 8 < bar.width()) {
            painter.setPen(term.endRecorded ? Qt::white : palette().text().color());
            painter.drawText(bar, Qt::AlignCenter, label);
        }
    }

    paintMarks(painter, area, names);

    // Now.
    const qint64 now = m_wallClock();
    if (now >= area.fromMs && now <= area.toMs) {
        const int x = std::min(xOf(area, now), area.plot.right());
        painter.setPen(QPen(palette().text().color(), 1, Qt::DotLine));
        painter.drawLine(x, area.plot.top(), x, area.plot.bottom());
    }
    painter.setPen(palette().mid().color());
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(area.plot);

    if (m_terms.isEmpty()) {
        painter.setPen(palette().text().color());
        painter.drawText(area.plot, Qt::AlignCenter | Qt::TextWordWrap,
            tr("The history shows no master yet. Terms appear here as agents write their history."));
    }
    paintAxis(painter, area);
    paintLegend(painter, area);
}

void TimelineWidget::paintMarks(QPainter &painter, const Layout &area, const QStringList &names) const
{
    const auto earlier = [](const EventMark &mark, qint64 ms) { return mark.ms < ms; };
    auto it = std::lower_bound(m_marks.cbegin(), m_marks.cend(), area.fromMs, earlier);
    int lastX = -1000;
    int lastRow = -1;
    for (; it != m_marks.cend() && it->ms <= area.toMs; ++it) {
        const int row = int(names.indexOf(it->event.node));
        if (row < 0)
            continue;
        const int x = xOf(area, it->ms);
        if (x == lastX && row == lastRow && !isFault(it->event))
            continue; // one mark per pixel and row is enough
        lastX = x;
        lastRow = row;
        const int y = area.plot.top() + row * area.rowHeight + area.rowHeight / 2;
        const int r = std::min(kMarkRadius, area.rowHeight / 2 - 1);
        const QPolygon diamond({ QPoint(x, y - r), QPoint(x + r, y), QPoint(x, y + r), QPoint(x - r, y) });
        painter.setPen(QPen(palette().base().color(), 1));
        painter.setBrush(isFault(it->event) ? kDowntimeColor : palette().text().color());
        painter.drawPolygon(diamond);
    }
    painter.setBrush(Qt::NoBrush);
}

void TimelineWidget::paintAxis(QPainter &painter, const Layout &area) const
{
    // The smallest round step that leaves room for the labels.
    static constexpr qint64 kSteps[] = { 10 * 1000, 15 * 1000, 30 * 1000, 60 * 1000, 2 * 60 * 1000, 5 * 60 * 1000,
        10 * 60 * 1000, 15 * 60 * 1000, 30 * 60 * 1000, 3600 * 1000, 2 * 3600 * 1000, 3 * 3600 * 1000, 6 * 3600 * 1000,
        12 * 3600 * 1000, kDayMs, 2 * kDayMs, 7 * kDayMs, 14 * kDayMs, 28 * kDayMs };
    const qint64 wanted = (area.toMs - area.fromMs)
        / std::max(1, area.plot.width() / (fontMetrics().horizontalAdvance(QStringLiteral("00:00:00")) + 16));
    qint64 step = kSteps[std::size(kSteps) - 1];
    for (const qint64 candidate : kSteps) {
        if (candidate >= wanted) {
            step = candidate;
            break;
        }
    }
    QString format = QStringLiteral("HH:mm");
    if (step >= kDayMs)
        format = QStringLiteral("ddd d MMM");
    else if (step < 60 * 1000)
        format = QStringLiteral("HH:mm:ss");
    // Ticks at round local times.
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(area.fromMs).toLocalTime();
    const qint64 localOffset = qint64(from.offsetFromUtc()) * 1000;
    qint64 tick = ((area.fromMs + localOffset) / step + 1) * step - localOffset;
    painter.setPen(palette().text().color());
    const int y = area.plot.bottom() + 1;
    int lastLabelEnd = -1;
    for (; tick <= area.toMs; tick += step) {
        const int x = xOf(area, tick);
        painter.drawLine(x, y, x, y + 4);
        const QString label = QLocale().toString(QDateTime::fromMSecsSinceEpoch(tick).toLocalTime(), format);
        const int width = fontMetrics().horizontalAdvance(label);
        if (x - width / 2 > lastLabelEnd + 6 && x + width / 2 < this->width()) {
            painter.drawText(QRect(x - width / 2, y + 4, width, kAxisHeight - 4), Qt::AlignCenter, label);
            lastLabelEnd = x + width / 2;
        }
    }
}

void TimelineWidget::paintLegend(QPainter &painter, const Layout &area) const
{
    int x = area.plot.left();
    const int y = area.plot.bottom() + kAxisHeight + 4;
    const int box = fontMetrics().height() - 4;
    const auto item = [&](const QBrush &fill, const QBrush &pattern, const QString &text) {
        const QRect swatch(x, y + 2, box * 2, box);
        painter.fillRect(swatch, fill);
        painter.fillRect(swatch, pattern);
        painter.setPen(palette().mid().color());
        painter.drawRect(swatch);
        painter.setPen(palette().text().color());
        const int width = fontMetrics().horizontalAdvance(text);
        painter.drawText(QRect(swatch.right() + 6, y, width + 2, box + 4), Qt::AlignVCenter, text);
        x = swatch.right() + 6 + width + 18;
    };
    item(nodeColor(0), Qt::NoBrush, tr("master (one row per node)"));
    item(QColor(kDowntimeColor.red(), kDowntimeColor.green(), kDowntimeColor.blue(), 90),
        QBrush(kDowntimeColor, Qt::BDiagPattern), tr("no application running (downtime)"));
    item(QColor(kMaintenanceColor.red(), kMaintenanceColor.green(), kMaintenanceColor.blue(), 35),
        QBrush(kMaintenanceColor.lighter(130), Qt::FDiagPattern), tr("maintenance"));
}

QString TimelineWidget::describeAt(const QPoint &position) const
{
    const Layout area = layout();
    if (!area.plot.contains(position))
        return QString();
    const QStringList names = rows();
    const int row = (position.y() - area.plot.top()) / std::max(1, area.rowHeight);
    const qint64 ms = area.fromMs
        + qint64(double(position.x() - area.plot.left()) / std::max(1, area.plot.width()) * (area.toMs - area.fromMs));
    QStringList lines;
    const qsizetype mark = markAt(position);
    if (mark >= 0) {
        const HistoryEvent &event = m_marks[mark].event;
        lines.append(tr("%1: %2, %3").arg(event.node, eventLabel(event.event), clockText(m_marks[mark].ms)));
        if (!event.detail.isEmpty())
            lines.append(event.detail);
        lines.append(tr("Click to select this event in the history."));
        return lines.join(QLatin1Char('\n'));
    }
    for (const MasterTerm &term : m_terms) {
        if (row < names.size() && term.node == names[row] && ms >= term.startMs && ms <= term.endMs) {
            lines.append(tr("%1 master, epoch %2 (%3)")
                             .arg(term.node)
                             .arg(term.epoch)
                             .arg(masterChangeReasonLabel(term.reason)));
            lines.append(tr("from %1").arg(clockText(term.startMs)));
            if (term.ongoing)
                lines.append(tr("still master"));
            else if (term.endRecorded)
                lines.append(
                    tr("until %1 (%2)").arg(clockText(term.endMs), durationText(Millis(term.endMs - term.startMs))));
            else
                lines.append(tr("the history does not show when this term ended"));
        }
    }
    for (const DowntimeGap &gap : m_gaps) {
        if (ms >= gap.startMs && ms <= gap.endMs)
            lines.append(tr("No application running for %1, from %2")
                             .arg(durationText(Millis(gap.endMs - gap.startMs)), clockText(gap.startMs)));
    }
    for (const MaintenancePeriod &period : m_maintenance) {
        const qint64 end = period.endMs < 0 ? area.toMs : period.endMs;
        if (ms >= period.startMs && ms <= end)
            lines.append(
                tr("Maintenance from %1, set by %2: %3").arg(clockText(period.startMs), period.who, period.why));
    }
    lines.append(tr("Wheel: zoom. Drag: move in time. Double-click: back to the latest events."));
    return lines.join(QLatin1Char('\n'));
}

bool TimelineWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = describeAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void TimelineWidget::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    const Layout area = layout();
    const qint64 anchor = msAt(area, int(event->position().x()));
    setRange(zoomedRange({ area.fromMs, area.toMs }, anchor, std::pow(kZoomPerNotch, delta / 120.0)));
    event->accept();
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPosition = event->position().toPoint();
    m_pressRange = visibleRange();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed || !(event->buttons() & Qt::LeftButton))
        return;
    const QPoint moved = event->position().toPoint() - m_pressPosition;
    if (!m_dragging && moved.manhattanLength() < QApplication::startDragDistance())
        return;
    if (!m_dragging)
        setCursor(Qt::ClosedHandCursor);
    m_dragging = true;
    setRange(pannedRange(m_pressRange, moved.x(), layout().plot.width()));
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        unsetCursor();
        return;
    }
    const qsizetype mark = markAt(event->position().toPoint());
    if (mark >= 0)
        emit eventClicked(m_marks[mark].event);
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && markAt(event->position().toPoint()) < 0)
        showLatest();
    else
        QWidget::mouseDoubleClickEvent(event);
}

} // namespace hacmp::console
