#include "tests/lab/labreport/reportchart.h"

#include <QFileInfo>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace hacmp::lab {

namespace {

const QColor kText(0x22, 0x22, 0x22);
const QColor kMuted(0x70, 0x70, 0x70);
const QColor kGrid(0xdd, 0xdd, 0xdd);
const QColor kStripe(0xf3, 0xf5, 0xf8);
const QColor kFailure(0xc6, 0x28, 0x28);

QFont font(int pixels, bool bold = false)
{
    QFont result(QStringLiteral("DejaVu Sans"));
    result.setPixelSize(pixels);
    result.setBold(bold);
    return result;
}

QString implLabel(const QString &impl)
{
    if (impl == QLatin1String("prototype"))
        return QStringLiteral("prototype (the original bash script)");
    if (impl == QLatin1String("hacmp-etcd"))
        return QStringLiteral("hacmp-etcd (three sites, real etcd)");
    return impl;
}

/// The smallest step of 1, 2 or 5 times a power of ten that divides [0, maximum] into at most `parts`.
double niceStep(double maximum, int parts)
{
    const double rough = std::max(maximum, 1e-9) / parts;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    for (const double factor : { 1.0, 2.0, 5.0 }) {
        if (factor * power >= rough)
            return factor * power;
    }
    return 10 * power;
}

QString seconds(double ms, int decimals)
{
    return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', decimals);
}

} // namespace

QColor ReportChart::implColor(qsizetype index)
{
    static const QColor palette[]
        = { QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd) };
    return palette[index % std::size(palette)];
}

ReportChart::ReportChart(const LabResults &results, const QString &source)
    : m_results(results)
    , m_source(source)
    , m_impls(results.impls())
{ }

QImage ReportChart::render() const
{
    QImage image(size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    drawHeader(painter);
    drawLatency(painter, QRect(40, 150, size().width() - 80, 470));
    drawOverlaps(painter, QRect(40, 720, size().width() - 80, 360));
    return image;
}

Status ReportChart::save(const QString &path) const
{
    if (!render().save(path, "PNG"))
        return Error(
            QStringLiteral("cannot write the lab chart %1: check that its folder exists and is writable").arg(path));
    return Status::success();
}

void ReportChart::drawHeader(QPainter &painter) const
{
    QStringList labels;
    for (const QString &impl : m_impls)
        labels.append(impl == QLatin1String("prototype") ? QStringLiteral("the original prototype") : impl);
    painter.setPen(kText);
    painter.setFont(font(30, true));
    painter.drawText(40, 50, QStringLiteral("Failover lab: ") + labels.join(QStringLiteral(" vs ")));
    painter.setPen(kMuted);
    painter.setFont(font(16));
    painter.drawText(40, 80,
        QStringLiteral("%1 scenario runs from %2; every figure from the applications' own ledgers")
            .arg(m_results.runs().size())
            .arg(QFileInfo(m_source).fileName()));

    painter.setFont(font(17));
    int x = size().width() - 40;
    for (qsizetype i = m_impls.size() - 1; i >= 0; --i) {
        const QString label = implLabel(m_impls[i]);
        const int width = painter.fontMetrics().horizontalAdvance(label);
        x -= width;
        painter.setPen(kText);
        painter.drawText(x, 56, label);
        x -= 30;
        painter.fillRect(QRect(x, 40, 22, 22), implColor(i));
        x -= 36;
    }
}

void ReportChart::drawLatency(QPainter &painter, const QRect &area) const
{
    painter.setPen(kText);
    painter.setFont(font(20, true));
    painter.drawText(area.left(), area.top() - 22,
        QStringLiteral("Failover latency: from the fault to the application running again"));
    painter.setPen(kMuted);
    painter.setFont(font(14));
    painter.drawText(area.left(), area.top() - 4,
        QStringLiteral("each dot one failover; box: the middle half; thick bar: the median, printed on the right"));

    QStringList scenarios;
    double maximum = 0;
    for (const QString &scenario : m_results.scenarios()) {
        for (const QString &impl : m_impls) {
            const ScenarioSummary summary = m_results.summary(impl, scenario);
            if (!summary.failoverMs.isEmpty()) {
                maximum = std::max(maximum, double(summary.failoverMs.last()));
                if (!scenarios.contains(scenario))
                    scenarios.append(scenario);
            }
        }
    }
    const QRect plot = area.adjusted(230, 10, -110, -34);
    if (scenarios.isEmpty()) {
        painter.setFont(font(18));
        painter.drawText(plot, Qt::AlignCenter, QStringLiteral("no failover measured"));
        return;
    }
    const double step = niceStep(maximum, 10);
    const double axisMaximum = std::max(step, std::ceil(maximum / step) * step);
    const auto xOf = [&](double ms) { return plot.left() + ms / axisMaximum * plot.width(); };
    const double band = double(plot.height()) / scenarios.size();
    const double lane = band / (m_impls.size() + 1);

    for (qsizetype row = 0; row < scenarios.size(); ++row) {
        const QRectF stripe(area.left(), plot.top() + row * band, area.width(), band);
        if (row % 2 == 0)
            painter.fillRect(stripe, kStripe);
        painter.setPen(kText);
        painter.setFont(font(16));
        painter.drawText(
            QRectF(area.left() + 6, stripe.top(), 214, band), Qt::AlignRight | Qt::AlignVCenter, scenarios[row]);
    }
    painter.setFont(font(14));
    for (double ms = 0; ms <= axisMaximum + 0.5; ms += step) {
        const double x = xOf(ms);
        painter.setPen(QPen(kGrid, 1));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        painter.setPen(kMuted);
        painter.drawText(QRectF(x - 40, plot.bottom() + 6, 80, 22), Qt::AlignHCenter | Qt::AlignTop,
            seconds(ms, step < 1000 ? 1 : 0));
    }

    for (qsizetype row = 0; row < scenarios.size(); ++row) {
        for (qsizetype i = 0; i < m_impls.size(); ++i) {
            const ScenarioSummary summary = m_results.summary(m_impls[i], scenarios[row]);
            const double y = plot.top() + row * band + lane * (i + 1);
            const QColor color = implColor(i);
            painter.setFont(font(13));
            if (summary.failoverMs.isEmpty()) {
                const bool failed = summary.passed < summary.runs;
                painter.setPen(failed ? kFailure : kMuted);
                painter.drawText(QPointF(plot.left() + 6, y + 5),
                    failed                    ? QStringLiteral("never ran again: failed")
                        : summary.runs > 0    ? QStringLiteral("no failover")
                        : summary.skipped > 0 ? QStringLiteral("skipped")
                                              : QStringLiteral("not run"));
                continue;
            }
            const QList<qint64> &values = summary.failoverMs;
            const double half = std::min(lane * 0.42, 12.0);
            const double low = xOf(values[(values.size() - 1) / 4]);
            const double high = xOf(values[(3 * (values.size() - 1)) / 4]);
            painter.setPen(QPen(color, 2));
            painter.drawLine(QPointF(xOf(values.first()), y), QPointF(xOf(values.last()), y));
            QColor fill = color;
            fill.setAlpha(55);
            painter.setBrush(fill);
            painter.drawRect(QRectF(low, y - half, std::max(high - low, 2.0), 2 * half));
            painter.setBrush(Qt::NoBrush);
            QColor dot = color.darker(120);
            dot.setAlpha(170);
            painter.setPen(Qt::NoPen);
            painter.setBrush(dot);
            for (qsizetype k = 0; k < values.size(); ++k) {
                const double golden = double(k) * 0.6180339887;
                const double jitter = (golden - std::floor(golden) - 0.5) * 1.4 * half;
                painter.drawEllipse(QPointF(xOf(values[k]), y + jitter), 3.5, 3.5);
            }
            painter.setBrush(Qt::NoBrush);
            const double median = double(ScenarioSummary::median(values));
            painter.setPen(QPen(color.darker(160), 4));
            painter.drawLine(QPointF(xOf(median), y - half - 2), QPointF(xOf(median), y + half + 2));
            painter.setPen(color.darker(140));
            painter.setFont(font(14, true));
            painter.drawText(QPointF(std::max(xOf(values.last()), xOf(median) + 4) + 8, y + 5), seconds(median, 1));
        }
    }
    painter.setPen(QPen(kMuted, 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
}

void ReportChart::drawOverlaps(QPainter &painter, const QRect &area) const
{
    painter.setPen(kText);
    painter.setFont(font(20, true));
    painter.drawText(
        area.left(), area.top() - 22, QStringLiteral("Overlaps: a second instance started while one ran (must be 0)"));
    painter.setPen(kMuted);
    painter.setFont(font(14));
    painter.drawText(area.left(), area.top() - 4,
        QStringLiteral(
            "per scenario, summed over its runs, counting instances that only the application's own lock stopped; "
            "a red cross marks a failed scenario; n/a: not run, skip: skipped"));

    const QStringList scenarios = m_results.scenarios();
    const QRect plot = area.adjusted(60, 30, -10, -120);
    int maximum = 1;
    for (const QString &scenario : scenarios) {
        for (const QString &impl : m_impls)
            maximum = std::max(maximum, m_results.summary(impl, scenario).overlaps);
    }
    const int step = std::max(1, int(niceStep(maximum, 5)));
    const int axisMaximum = (maximum + step - 1) / step * step;
    const auto yOf = [&](double overlaps) { return plot.bottom() - overlaps / axisMaximum * plot.height(); };
    painter.setFont(font(14));
    for (int value = 0; value <= axisMaximum; value += step) {
        painter.setPen(QPen(kGrid, 1));
        painter.drawLine(QPointF(plot.left(), yOf(value)), QPointF(plot.right(), yOf(value)));
        painter.setPen(kMuted);
        painter.drawText(
            QRectF(area.left(), yOf(value) - 10, 50, 20), Qt::AlignRight | Qt::AlignVCenter, QString::number(value));
    }
    if (scenarios.isEmpty())
        return;

    const double group = double(plot.width()) / scenarios.size();
    const double bar = std::min(30.0, group * 0.8 / m_impls.size());
    for (qsizetype column = 0; column < scenarios.size(); ++column) {
        const double center = plot.left() + (column + 0.5) * group;
        for (qsizetype i = 0; i < m_impls.size(); ++i) {
            const ScenarioSummary summary = m_results.summary(m_impls[i], scenarios[column]);
            const double left = center - bar * m_impls.size() / 2 + i * bar;
            const QRectF label(left - 6, 0, bar + 12, 18);
            painter.setFont(font(13, summary.overlaps > 0));
            if (summary.runs == 0) {
                painter.setPen(kMuted);
                painter.drawText(label.translated(0, plot.bottom() - 20), Qt::AlignCenter,
                    summary.skipped > 0 ? QStringLiteral("skip") : QStringLiteral("n/a"));
                continue;
            }
            const double top = yOf(summary.overlaps);
            painter.fillRect(QRectF(left + 1, top, bar - 2, std::max(plot.bottom() - top, 2.0)), implColor(i));
            painter.setPen(kText);
            painter.drawText(label.translated(0, top - 20), Qt::AlignCenter, QString::number(summary.overlaps));
            if (summary.passed < summary.runs) {
                painter.setPen(QPen(kFailure, 2.5));
                const QPointF mark(left + bar / 2, top - 30);
                painter.drawLine(mark + QPointF(-5, -5), mark + QPointF(5, 5));
                painter.drawLine(mark + QPointF(-5, 5), mark + QPointF(5, -5));
            }
        }
        painter.save();
        painter.translate(center + 6, plot.bottom() + 10);
        painter.rotate(-40);
        painter.setPen(kText);
        painter.setFont(font(15));
        painter.drawText(QRectF(-300, -10, 300, 20), Qt::AlignRight | Qt::AlignVCenter, scenarios[column]);
        painter.restore();
    }
    painter.setPen(QPen(kMuted, 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
}

} // namespace hacmp::lab
