#pragma once

#include "tests/lab/labreport/labresults.h"

#include <QImage>
#include <QSize>

class QPainter;
class QRect;

namespace hacmp::lab {

/// The failover lab's results as one picture for operators: the failover latency of each implementation
/// per scenario (every failover a dot, its spread and median) above the overlaps per scenario side by
/// side. Needs a QGuiApplication (fonts); runs on the offscreen platform.
class ReportChart final
{
public:
    /// The chart's size in pixels, whatever the number of scenarios.
    static QSize size() { return { 1600, 1100 }; }
    /// The colour of the implementation at index in LabResults::impls().
    static QColor implColor(qsizetype index);

    /// source names where the results came from, in the subtitle.
    ReportChart(const LabResults &results, const QString &source);

    QImage render() const;
    /// Renders and writes a PNG; the error names the file.
    Status save(const QString &path) const;

private:
    void drawHeader(QPainter &painter) const;
    void drawLatency(QPainter &painter, const QRect &area) const;
    void drawOverlaps(QPainter &painter, const QRect &area) const;

    const LabResults &m_results;
    QString m_source;
    QStringList m_impls;
};

} // namespace hacmp::lab
