#pragma once

#include "shared/history/failoverlog.h"

#include <QJsonObject>
#include <QString>

namespace hacmp::ctl {

// How hacmpctl shows a change of master (status: last failover; history --failovers), in words and in JSON.

/// "b -> a (epoch 8), failover: no stand-down recorded by b; downtime 3.2s (history clocks)".
QString describeMasterChange(const MasterChange &change);
/// The downtime in words: a duration, "application not started yet" or why it is unknown.
QString describeDowntime(const MasterChange &change);
/// A JSON string, or null for an empty text (status.schema.json's optional texts).
QJsonValue textOrNull(const QString &text);
/// The JSON object of status.schema.json's "masterChange".
QJsonObject masterChangeJson(const MasterChange &change);

} // namespace hacmp::ctl
