#include "agent/daemon/metricsrenderer.h"

#include <QLocale>

#include <cmath>

namespace hacmp::agent {

namespace {

QByteArray escapeLabelValue(const QString &value)
{
    QByteArray escaped;
    for (const char c : value.toUtf8()) {
        if (c == '\\')
            escaped += "\\\\";
        else if (c == '"')
            escaped += "\\\"";
        else if (c == '\n')
            escaped += "\\n";
        else
            escaped += c;
    }
    return escaped;
}

QByteArray escapeHelp(const QString &help)
{
    QByteArray escaped = help.toUtf8();
    escaped.replace("\\", "\\\\");
    escaped.replace("\n", "\\n");
    return escaped;
}

QByteArray labelText(const MetricsRegistry::Labels &labels, const QByteArray &le = {})
{
    if (labels.isEmpty() && le.isNull())
        return {};
    QByteArray text = "{";
    bool first = true;
    for (const auto &[name, value] : labels) {
        if (!first)
            text += ',';
        first = false;
        text += name.toUtf8() + "=\"" + escapeLabelValue(value) + '"';
    }
    if (!le.isNull())
        text += QByteArray(first ? "" : ",") + "le=\"" + le + '"';
    return text + '}';
}

const char *typeName(MetricsRegistry::Type type)
{
    switch (type) {
    case MetricsRegistry::Type::Gauge:
        return "gauge";
    case MetricsRegistry::Type::Counter:
        return "counter";
    case MetricsRegistry::Type::Histogram:
        return "histogram";
    }
    return "untyped";
}

} // namespace

QByteArray MetricsRenderer::contentType()
{
    return QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
}

QByteArray MetricsRenderer::formatValue(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    if (value == std::trunc(value) && std::fabs(value) < 1e15)
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

QByteArray MetricsRenderer::render(const MetricsRegistry &registry)
{
    QByteArray text;
    for (const MetricsRegistry::Family &family : registry.families()) {
        const QByteArray name = family.name.toUtf8();
        text += "# HELP " + name + ' ' + escapeHelp(family.help) + '\n';
        text += "# TYPE " + name + ' ' + typeName(family.type) + '\n';
        for (const MetricsRegistry::Series &series : family.series) {
            if (family.type != MetricsRegistry::Type::Histogram) {
                text += name + labelText(series.labels) + ' ' + formatValue(series.value) + '\n';
                continue;
            }
            quint64 cumulative = 0;
            for (qsizetype i = 0; i < family.buckets.size(); ++i) {
                cumulative += series.bucketCounts.value(i);
                text += name + "_bucket" + labelText(series.labels, formatValue(family.buckets[i])) + ' '
                    + QByteArray::number(cumulative) + '\n';
            }
            text += name + "_bucket" + labelText(series.labels, "+Inf") + ' ' + QByteArray::number(series.count) + '\n';
            text += name + "_sum" + labelText(series.labels) + ' ' + formatValue(series.sum) + '\n';
            text += name + "_count" + labelText(series.labels) + ' ' + QByteArray::number(series.count) + '\n';
        }
    }
    return text;
}

} // namespace hacmp::agent
