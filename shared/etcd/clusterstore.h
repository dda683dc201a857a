#pragma once

#include "shared/base/result.h"
#include "shared/config/agentconfig.h"
#include "shared/protocol/monotime.h"
#include "shared/storage/clusterdirectory.h"

#include <QStringList>

#include <memory>

namespace hacmp {

class EtcdClient;

// The cluster's store as [cluster] of agent.conf names it: the shared directory or an etcd cluster
// (docs/architecture.md, Seams for storage backends). Every program opens it here, so that the choice of
// backend is made in one place.

/// The store of a configured cluster, opened and checked (docs/protocol.md D): its `cluster` entry names the
/// configured cluster. ioTimeout bounds each etcd call (every endpoint tried included); the directory's calls
/// are bounded by the caller's IoLane. Blocking: run it off an event loop.
Result<std::unique_ptr<ClusterDirectory>> openClusterStore(const AgentConfig::Cluster &cluster, Millis ioTimeout);

/// The etcd client of [cluster] backend = etcd: the password read from password_file, which must be a
/// regular file that neither group nor others may read (an error names the key and the file).
Result<std::unique_ptr<EtcdClient>> makeEtcdClient(const AgentConfig::Etcd &etcd, Millis deadline);

/// `hacmpctl init` on an etcd cluster: writes the cluster key under the prefix unless it names this cluster
/// already (an error when it names another). The etcd store has no folders to make. When report is given, it
/// receives one line per thing done, for people.
Status initEtcdCluster(const AgentConfig::Cluster &cluster, Millis ioTimeout, QStringList *report = nullptr);

} // namespace hacmp
