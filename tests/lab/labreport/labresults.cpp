#include "tests/lab/labreport/labresults.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace hacmp::lab {

namespace {

QList<qint64> milliseconds(const QJsonValue &value)
{
    QList<qint64> values;
    for (const QJsonValue &entry : value.toArray())
        values.append(qint64(entry.toDouble()));
    return values;
}

} // namespace

qint64 ScenarioSummary::median(const QList<qint64> &sorted)
{
    if (sorted.isEmpty())
        return -1;
    const qsizetype middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

Result<LabResults> LabResults::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot read lab results %1 (%2): run hacmp-lab --results %1 first")
                         .arg(path, file.errorString()));
    return parse(file.readAll(), path);
}

Result<LabResults> LabResults::parse(const QByteArray &text, const QString &origin)
{
    LabResults results;
    int number = 0;
    for (const QByteArray &line : text.split('\n')) {
        ++number;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        const QJsonObject object = document.object();
        const auto invalid = [&](const QString &why) {
            return Error(QStringLiteral("%1 line %2: %3; each line must be one scenario run as hacmp-lab --results "
                                        "writes it (rerun tests/lab/report)")
                             .arg(origin)
                             .arg(number)
                             .arg(why));
        };
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return invalid(QStringLiteral("not a JSON object (%1)").arg(parseError.errorString()));
        for (const QLatin1String key : { QLatin1String("impl"), QLatin1String("scenario") }) {
            if (object.value(key).toString().isEmpty())
                return invalid(QStringLiteral("no \"%1\"").arg(key));
        }
        if (!object.value(QLatin1String("pass")).isBool())
            return invalid(QStringLiteral("\"pass\" is not true or false"));
        LabRun run;
        run.impl = object.value(QLatin1String("impl")).toString();
        run.scenario = object.value(QLatin1String("scenario")).toString();
        run.pass = object.value(QLatin1String("pass")).toBool();
        run.skipped = object.value(QLatin1String("skipped")).toBool();
        run.overlaps = object.value(QLatin1String("overlaps")).toInt();
        run.failoverMs = milliseconds(object.value(QLatin1String("failover_ms")));
        run.downtimeMs = milliseconds(object.value(QLatin1String("downtime_ms")));
        run.detail = object.value(QLatin1String("detail")).toString();
        run.durationS = object.value(QLatin1String("duration_s")).toDouble();
        results.m_runs.append(run);
    }
    return results;
}

QStringList LabResults::scenarios() const
{
    QStringList names;
    for (const LabRun &run : m_runs) {
        if (!names.contains(run.scenario))
            names.append(run.scenario);
    }
    const auto rank = [this](const QString &name) {
        const qsizetype index = m_order.indexOf(name);
        return index < 0 ? m_order.size() : index;
    };
    std::stable_sort(
        names.begin(), names.end(), [&rank](const QString &x, const QString &y) { return rank(x) < rank(y); });
    return names;
}

QStringList LabResults::impls() const
{
    QStringList names;
    for (const LabRun &run : m_runs) {
        if (!names.contains(run.impl))
            names.append(run.impl);
    }
    if (const qsizetype hacmp = names.indexOf(QLatin1String("hacmp")); hacmp > 0)
        names.move(hacmp, 0);
    return names;
}

ScenarioSummary LabResults::summary(const QString &impl, const QString &scenario) const
{
    ScenarioSummary summary;
    for (const LabRun &run : m_runs) {
        if (run.impl != impl || run.scenario != scenario)
            continue;
        if (run.skipped) {
            ++summary.skipped;
            continue;
        }
        ++summary.runs;
        summary.passed += run.pass ? 1 : 0;
        summary.overlaps += run.overlaps;
        summary.durationS += run.durationS;
        summary.failoverMs += run.failoverMs;
        summary.downtimeMs += run.downtimeMs;
    }
    std::sort(summary.failoverMs.begin(), summary.failoverMs.end());
    std::sort(summary.downtimeMs.begin(), summary.downtimeMs.end());
    return summary;
}

} // namespace hacmp::lab
