#include "shared/protocol/clusterstate.h"

namespace hacmp {

QString clusterStateName(ClusterState state)
{
    switch (state) {
    case ClusterState::Ok:
        return QStringLiteral("OK");
    case ClusterState::Degraded:
        return QStringLiteral("DEGRADED");
    case ClusterState::NoMaster:
        return QStringLiteral("NO MASTER");
    case ClusterState::Maintenance:
        return QStringLiteral("MAINTENANCE");
    case ClusterState::Conflict:
        return QStringLiteral("CONFLICT");
    case ClusterState::NotResponding:
        return QStringLiteral("DIRECTORY NOT RESPONDING");
    case ClusterState::Unreachable:
        return QStringLiteral("DIRECTORY UNREACHABLE");
    }
    return QStringLiteral("UNKNOWN");
}

} // namespace hacmp
