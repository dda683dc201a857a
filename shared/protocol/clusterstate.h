#pragma once

#include <QString>

namespace hacmp {

/// The one-word verdict on a cluster that `hacmpctl status` prints and the console's banner shows, so that
/// an operator reads the same words in both. In the order of precedence: a conflict outranks maintenance,
/// maintenance outranks a missing master, a missing master outranks a degraded cluster; the directory's
/// own failures outrank them all.
enum class ClusterState { Ok, Degraded, NoMaster, Maintenance, Conflict, NotResponding, Unreachable };

/// "OK", "DEGRADED", "NO MASTER", "MAINTENANCE", "CONFLICT", "DIRECTORY NOT RESPONDING", "DIRECTORY UNREACHABLE".
QString clusterStateName(ClusterState state);

} // namespace hacmp
