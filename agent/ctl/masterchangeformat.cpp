#include "agent/ctl/masterchangeformat.h"

#include "shared/config/duration.h"

#include <QJsonValue>

namespace hacmp::ctl {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString describeDowntime(const MasterChange &change)
{
    if (change.previousNode.isEmpty())
        return QString();
    if (change.downtime) {
        const qint64 millis = change.downtime->count();
        const QString amount
            = millis < 0 ? QStringLiteral("-") + formatDuration(Millis(-millis)) : formatDuration(*change.downtime);
        return QStringLiteral("downtime %1 (from history times of two hosts: an estimate)").arg(amount);
    }
    if (change.appStarted.isEmpty())
        return QStringLiteral("application not started yet on %1").arg(change.node);
    return QStringLiteral("downtime unknown (no application exit recorded by %1 yet: its next agent records when "
                          "its guard stopped it)")
        .arg(change.previousNode);
}

QString describeMasterChange(const MasterChange &change)
{
    QString text = change.previousNode.isEmpty()
        ? QStringLiteral("-> %1 (epoch %2)").arg(change.node).arg(change.epoch)
        : QStringLiteral("%1 -> %2 (epoch %3)").arg(change.previousNode, change.node).arg(change.epoch);
    text += QStringLiteral(", %1: %2").arg(masterChangeReasonName(change.reason), change.detail);
    const QString downtime = describeDowntime(change);
    if (!downtime.isEmpty())
        text += QStringLiteral("; ") + downtime;
    return text;
}

QJsonObject masterChangeJson(const MasterChange &change)
{
    return QJsonObject {
        { QStringLiteral("time"), change.time },
        { QStringLiteral("node"), change.node },
        { QStringLiteral("epoch"), qint64(change.epoch) },
        { QStringLiteral("previous_node"), textOrNull(change.previousNode) },
        { QStringLiteral("previous_epoch"),
            change.previousNode.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(qint64(change.previousEpoch)) },
        { QStringLiteral("reason"), masterChangeReasonName(change.reason) },
        { QStringLiteral("detail"), change.detail },
        { QStringLiteral("app_stopped"), textOrNull(change.appStopped) },
        { QStringLiteral("app_started"), textOrNull(change.appStarted) },
        { QStringLiteral("downtime_ms"),
            change.downtime ? QJsonValue(qint64(change.downtime->count())) : QJsonValue(QJsonValue::Null) },
    };
}

} // namespace hacmp::ctl
