#pragma once

#include "shared/base/result.h"
#include "shared/config/agentconfig.h"

#include <QStringList>

namespace hacmp::agent {

/// What the agent checks beyond AgentConfig::load before it runs (or for --check-config): the file
/// that says which commands run as root must be root's alone, and the shared directory must not let
/// every local user forge heartbeats. Each problem is one line that names the file and says what to do.
class ConfigSafety final
{
public:
    /// The configuration file and its folder must not be writable by anyone but root; checked only
    /// when the agent runs as root (runningAsRoot).
    static QStringList checkConfigFile(const QString &path, bool runningAsRoot);
    /// The cluster directory must not be world-writable unless [cluster] allow_world_writable = true.
    /// It stats the directory's path: the caller bounds the call when the storage may hang. Nothing to check
    /// for backend = etcd (no path; etcd's TLS and users guard its keys).
    static QStringList checkClusterDirectory(const AgentConfig &config);
    /// Both checks, bounded by deadline (a hung mount is reported as such).
    static Status check(const AgentConfig &config, bool runningAsRoot, Millis deadline);
};

} // namespace hacmp::agent
