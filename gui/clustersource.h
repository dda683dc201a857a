#pragma once

#include "shared/base/result.h"
#include "shared/config/agentconfig.h"
#include "shared/protocol/monotime.h"
#include "shared/storage/clusterdirectory.h"

#include <QString>

#include <memory>

namespace hacmp::console {

/// Which store the console watches: a cluster directory by its path (--dir, File › Open, the recent list),
/// or the store that [cluster] of an agent.conf names (--config), a directory or an etcd cluster
/// (docs/architecture.md, Seams for storage backends). It only says where; ClusterMonitor opens it on its
/// poll lane.
class ClusterSource final
{
public:
    ClusterSource() = default;
    static ClusterSource directory(const QString &path);
    /// [cluster] of the agent.conf at configPath.
    static ClusterSource configured(const AgentConfig::Cluster &cluster, const QString &configPath);

    bool isEmpty() const { return m_cluster.directory.isEmpty() && !usesEtcd(); }
    bool usesEtcd() const { return m_cluster.usesEtcd(); }
    /// For people: the directory's path, or etcd://host:port,host:port/prefix as EtcdClusterDirectory says it.
    QString describe() const;
    /// The directory's path; empty for etcd.
    QString directoryPath() const { return usesEtcd() ? QString() : m_cluster.directory; }
    /// The agent.conf it came from; empty for --dir and File › Open.
    const QString &configPath() const { return m_configPath; }
    const AgentConfig::Cluster &cluster() const { return m_cluster; }

    struct Opened
    {
        std::unique_ptr<ClusterDirectory> store;
        QString clusterName;
    };
    /// Opens the store and reads its cluster name (docs/protocol.md D); for etcd through openClusterStore,
    /// which also checks that the name is the configured one. ioTimeout bounds each etcd call. Blocking: run
    /// it on an IoLane.
    Result<Opened> open(Millis ioTimeout) const;

private:
    AgentConfig::Cluster m_cluster;
    QString m_configPath;
};

} // namespace hacmp::console
