#pragma once

#include "agent/ctl/clusterstatus.h"
#include "agent/ctl/terminalstyle.h"

#include <QJsonObject>
#include <QStringList>

namespace hacmp::ctl {

// The two faces of `hacmpctl status`: lines for a person at a terminal (the first line is the state and
// why, for monitoring too) and one JSON object for programs, whose schema is agent/ctl/status.schema.json.

QStringList statusText(const ClusterStatus &status, const TerminalStyle &style);
QJsonObject statusJson(const ClusterStatus &status);

/// The version of the JSON output ("schema_version"); raise it with any incompatible change of the schema.
inline constexpr int kStatusSchemaVersion = 1;

} // namespace hacmp::ctl
