#pragma once

#include "shared/protocol/monotime.h"

#include <QString>

namespace hacmp {

/// Who acts and when, for the who/when fields of control files and for history writer names:
/// the console and hacmpctl write history as "user@host" (docs/protocol.md, History).

/// "user@host" of this process: the effective user (or $USER) and the first label of the host name,
/// reduced to the characters a history writer name allows, so it is always a valid writer name.
QString currentActor();

/// The current UTC time as ISO 8601 with milliseconds and 'Z', e.g. "2024-05-01T12:00:00.123Z".
QString utcNowIso();
/// The same for the time offset from now (a deadline, told to people).
QString utcIsoIn(Millis offset);

/// A history writer name: a node name (nodename.h), or "user@host" where both parts are node names, at most 128
/// characters. Such a name never forms a path.
bool isValidWriterName(const QString &name);

} // namespace hacmp
