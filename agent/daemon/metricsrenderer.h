#pragma once

#include "agent/daemon/metricsregistry.h"

#include <QByteArray>

namespace hacmp::agent {

/// Writes a MetricsRegistry in Prometheus' text exposition format (version 0.0.4): HELP and TYPE per
/// family, label values escaped, a histogram's buckets cumulative with +Inf, _sum and _count.
class MetricsRenderer final
{
public:
    /// The Content-Type of what render() returns.
    static QByteArray contentType();
    static QByteArray render(const MetricsRegistry &registry);
    /// A sample value as the format writes it (integers without a fraction, +Inf, NaN).
    static QByteArray formatValue(double value);
};

} // namespace hacmp::agent
