#include "gui/clustersource.h"

#include "shared/etcd/clusterstore.h"
#include "shared/etcd/etcdclusterdirectory.h"
#include "shared/storage/clusteridentity.h"
#include "shared/storage/fsclusterdirectory.h"

#include <QStringList>
#include <QUrl>

namespace hacmp::console {

ClusterSource ClusterSource::directory(const QString &path)
{
    ClusterSource source;
    source.m_cluster.directory = path;
    return source;
}

ClusterSource ClusterSource::configured(const AgentConfig::Cluster &cluster, const QString &configPath)
{
    ClusterSource source;
    source.m_cluster = cluster;
    source.m_configPath = configPath;
    return source;
}

QString ClusterSource::describe() const
{
    if (!usesEtcd())
        return m_cluster.directory;
    QStringList hosts;
    for (const QString &endpoint : m_cluster.etcd.endpoints) {
        const QUrl url(endpoint.trimmed());
        hosts.append(url.port() < 0 ? url.host() : QStringLiteral("%1:%2").arg(url.host()).arg(url.port()));
    }
    const QString prefix
        = m_cluster.etcd.prefix.isEmpty() ? EtcdClusterDirectory::defaultPrefix(m_cluster.name) : m_cluster.etcd.prefix;
    return QStringLiteral("etcd://%1%2").arg(hosts.join(QLatin1Char(',')), prefix);
}

Result<ClusterSource::Opened> ClusterSource::open(Millis ioTimeout) const
{
    if (usesEtcd()) {
        Result<std::unique_ptr<ClusterDirectory>> opened = openClusterStore(m_cluster, ioTimeout);
        if (!opened)
            return Error(QStringLiteral("%1: %2").arg(m_configPath, opened.error()));
        return Opened { std::move(opened).value(), m_cluster.name };
    }
    Result<std::unique_ptr<FsClusterDirectory>> opened = FsClusterDirectory::open(m_cluster.directory);
    if (!opened)
        return Error(opened.error());
    const Result<QString> name = readClusterName(*opened.value());
    if (!name)
        return Error(name.error());
    return Opened { std::move(opened).value(), *name };
}

} // namespace hacmp::console
