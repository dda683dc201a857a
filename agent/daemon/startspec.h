#pragma once

#include "shared/config/agentconfig.h"

#include <QByteArray>

namespace hacmp::agent {

/// The JSON spec of the guard's START line (guard/guardprotocol.h): how the guard starts the
/// application of [application], with HACMP_EPOCH, HACMP_NODE and HACMP_CLUSTER_DIR in its
/// environment (docs/protocol.md S2) and [timing] stop_grace for its stop.
QByteArray encodeStartSpec(const AgentConfig &config, std::uint64_t epoch);

/// The environment the agent gives the stop and check commands: [application] environment plus the
/// same HACMP_* variables, as KEY=VALUE entries.
QStringList applicationEnvironment(const AgentConfig &config, std::uint64_t epoch);

} // namespace hacmp::agent
