#pragma once

#include "shared/protocol/heartbeatrecord.h"
#include "shared/storage/clusterdirectory.h"

#include <optional>

namespace hacmp::ctl {

/// The newest valid record of node (nodes/<node>.hb), read once; nothing when it cannot be read or decoded.
std::optional<HeartbeatRecord> readNodeRecord(ClusterDirectory &directory, const QString &node);

} // namespace hacmp::ctl
