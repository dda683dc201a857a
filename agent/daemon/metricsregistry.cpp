#include "agent/daemon/metricsregistry.h"

#include <algorithm>

namespace hacmp::agent {

void MetricsRegistry::define(const QString &name, Type type, const QString &help, QList<double> buckets)
{
    Q_ASSERT(!family(name));
    std::sort(buckets.begin(), buckets.end());
    m_families.append(Family { name, help, type, std::move(buckets), {} });
}

void MetricsRegistry::set(const QString &name, const Labels &labels, double value)
{
    Family *target = family(name);
    Q_ASSERT(target && target->type == Type::Gauge);
    if (target)
        series(*target, labels).value = value;
}

void MetricsRegistry::add(const QString &name, const Labels &labels, double amount)
{
    Family *target = family(name);
    Q_ASSERT(target && target->type == Type::Counter);
    if (target)
        series(*target, labels).value += amount;
}

void MetricsRegistry::observe(const QString &name, const Labels &labels, double value)
{
    Family *target = family(name);
    Q_ASSERT(target && target->type == Type::Histogram);
    if (!target)
        return;
    Series &entry = series(*target, labels);
    const auto bound = std::lower_bound(target->buckets.cbegin(), target->buckets.cend(), value);
    if (bound != target->buckets.cend())
        ++entry.bucketCounts[bound - target->buckets.cbegin()];
    entry.sum += value;
    ++entry.count;
}

void MetricsRegistry::clear(const QString &name)
{
    if (Family *target = family(name))
        target->series.clear();
}

const MetricsRegistry::Series *MetricsRegistry::find(const QString &name, const Labels &labels) const
{
    for (const Family &candidate : m_families) {
        if (candidate.name != name)
            continue;
        for (const Series &entry : candidate.series) {
            if (entry.labels == labels)
                return &entry;
        }
    }
    return nullptr;
}

MetricsRegistry::Family *MetricsRegistry::family(const QString &name)
{
    for (Family &candidate : m_families) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

MetricsRegistry::Series &MetricsRegistry::series(Family &target, const Labels &labels)
{
    for (Series &entry : target.series) {
        if (entry.labels == labels)
            return entry;
    }
    Series created;
    created.labels = labels;
    created.bucketCounts.fill(0, target.buckets.size());
    target.series.append(created);
    return target.series.last();
}

} // namespace hacmp::agent
