#pragma once

#include "shared/history/failoverlog.h"
#include "shared/protocol/heartbeatrecord.h"
#include "shared/protocol/monotime.h"

#include <QString>

namespace hacmp::console {

// Words for people, translated: every widget and model of the console names roles, states, events and
// durations through these, so that a term reads the same everywhere and in every language.

/// "850 ms", "12 s", "4 min 05 s", "3 h 20 min", "2 d 4 h".
QString durationText(Millis duration);
QString roleLabel(Role role);
QString appStateLabel(AppState state);
/// A history event name ("role_change") in words ("role change"); unknown names are shown as they are.
QString eventLabel(const QString &event);
QString masterChangeReasonLabel(MasterChangeReason reason);
/// A UTC ISO 8601 time of the history or a control file in this host's local time, "2024-05-01 14:03:07";
/// text that is not such a time is returned as it is.
QString localTimeText(const QString &isoUtc);

} // namespace hacmp::console
