#pragma once

#include "shared/config/agentconfig.h"

#include <QStringList>

namespace hacmp::agent {

/// What a reloaded configuration (SIGHUP) changes, key by key. Keys of [timing] and those that say
/// who and where this node is ([cluster] directory and name, [node] name and state_directory) need a
/// restart of the agent; everything else applies to the running agent.
struct ConfigChanges
{
    QStringList applied; ///< "[section] key" that a running agent takes over
    QStringList needRestart; ///< "[section] key" that only a restart can change

    static ConfigChanges between(const AgentConfig &running, const AgentConfig &loaded);
    bool empty() const { return applied.isEmpty() && needRestart.isEmpty(); }
};

} // namespace hacmp::agent
