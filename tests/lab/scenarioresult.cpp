#include "tests/lab/scenarioresult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace hacmp::lab {

namespace {

/// A few values in full; many as their median and maximum.
QString figures(QList<qint64> values)
{
    if (values.isEmpty())
        return QStringLiteral("-");
    if (values.size() <= 6) {
        QStringList texts;
        for (const qint64 value : values)
            texts << QString::number(value);
        return texts.join(u',');
    }
    std::sort(values.begin(), values.end());
    return QStringLiteral("median%1,max%2,n%3").arg(values.at(values.size() / 2)).arg(values.last()).arg(values.size());
}

QJsonArray array(const QList<qint64> &values)
{
    QJsonArray json;
    for (const qint64 value : values)
        json.append(value);
    return json;
}

} // namespace

bool ScenarioResult::fail(const QString &why)
{
    if (!detail.startsWith(QLatin1String("FAILED: ")))
        detail = QStringLiteral("FAILED: ") + why + (detail.isEmpty() ? QString() : QStringLiteral("; ") + detail);
    outcome = Outcome::Fail;
    return false;
}

void ScenarioResult::note(const QString &text)
{
    detail = detail.isEmpty() ? text : QString(detail + QStringLiteral("; ") + text);
}

QString ScenarioResult::line() const
{
    const QString verdict = outcome == Outcome::Pass ? QStringLiteral("PASS")
        : outcome == Outcome::Skip                   ? QStringLiteral("SKIP")
                                                     : QStringLiteral("FAIL");
    return QStringLiteral("%1 %2 %3 overlaps=%4 failover_ms=%5 downtime_ms=%6 %7")
        .arg(verdict, implementation, scenario)
        .arg(overlaps)
        .arg(figures(failoverMs), figures(downtimeMs), detail);
}

QByteArray ScenarioResult::toJson() const
{
    QJsonObject json {
        { QStringLiteral("impl"), implementation },
        { QStringLiteral("scenario"), scenario },
        { QStringLiteral("pass"), passed() },
        { QStringLiteral("overlaps"), overlaps },
        { QStringLiteral("failover_ms"), array(failoverMs) },
        { QStringLiteral("downtime_ms"), array(downtimeMs) },
        { QStringLiteral("detail"), detail },
        { QStringLiteral("duration_s"), qRound(durationS * 10) / 10.0 },
    };
    if (outcome == Outcome::Skip)
        json.insert(QStringLiteral("skipped"), true);
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

} // namespace hacmp::lab
