#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace hacmp::agent {

/// The values of the agent's Prometheus metrics (docs/architecture.md, Monitoring): families of gauges,
/// counters and histograms, each with its series by label values. Plain data on the event loop's thread:
/// updating a value and reading them all for a scrape are cheap, and nothing here does I/O or waits.
class MetricsRegistry final
{
public:
    enum class Type { Gauge, Counter, Histogram };
    using Labels = QList<std::pair<QString, QString>>;

    struct Series
    {
        Labels labels;
        double value = 0; ///< a gauge's or counter's value
        QList<quint64> bucketCounts; ///< a histogram's counts per upper bound (not cumulative)
        double sum = 0;
        quint64 count = 0;
    };
    struct Family
    {
        QString name;
        QString help;
        Type type = Type::Gauge;
        QList<double> buckets; ///< a histogram's upper bounds, ascending (+Inf implied)
        QList<Series> series;
    };

    /// Declares a family; its series appear as they are set (a family without series is still listed).
    void define(const QString &name, Type type, const QString &help, QList<double> buckets = {});
    /// A gauge's value.
    void set(const QString &name, const Labels &labels, double value);
    /// Adds to a counter (creating the series at 0 first).
    void add(const QString &name, const Labels &labels, double amount = 1);
    /// One observation of a histogram.
    void observe(const QString &name, const Labels &labels, double value);
    /// Removes every series of a family (gauges whose label values come and go, such as peers).
    void clear(const QString &name);

    const QList<Family> &families() const { return m_families; }
    /// The value of one gauge or counter series, or nullptr (tests).
    const Series *find(const QString &name, const Labels &labels = {}) const;

private:
    Family *family(const QString &name);
    Series &series(Family &family, const Labels &labels);

    QList<Family> m_families;
};

} // namespace hacmp::agent
