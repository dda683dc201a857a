#include "shared/etcd/clusterstore.h"

#include "shared/etcd/etcdclient.h"
#include "shared/etcd/etcdclusterdirectory.h"
#include "shared/storage/clusteridentity.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

namespace hacmp {

namespace {

constexpr qint64 kMaxPasswordBytes = 4096;

Result<QString> readPassword(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return Error(QStringLiteral("[cluster] password_file: %1 is not a regular file; put the etcd user's password "
                                    "in it")
                         .arg(path));
    if (info.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther))
        return Error(QStringLiteral("[cluster] password_file: %1 may be read by others than its owner; run 'chmod 600 "
                                    "%1'")
                         .arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("[cluster] password_file: cannot read %1 (%2)").arg(path, file.errorString()));
    const QByteArray bytes = file.read(kMaxPasswordBytes + 1);
    if (bytes.size() > kMaxPasswordBytes)
        return Error(QStringLiteral("[cluster] password_file: %1 is larger than %2 bytes; it should hold the password "
                                    "only")
                         .arg(path)
                         .arg(kMaxPasswordBytes));
    const QString password = QString::fromUtf8(bytes).trimmed();
    if (password.isEmpty())
        return Error(
            QStringLiteral("[cluster] password_file: %1 is empty; put the etcd user's password in it").arg(path));
    return password;
}

Result<std::unique_ptr<EtcdClusterDirectory>> openEtcdStore(const AgentConfig::Cluster &cluster, Millis ioTimeout)
{
    Result<std::unique_ptr<EtcdClient>> client = makeEtcdClient(cluster.etcd, ioTimeout);
    if (!client)
        return Error(client.error());
    const QString prefix
        = cluster.etcd.prefix.isEmpty() ? EtcdClusterDirectory::defaultPrefix(cluster.name) : cluster.etcd.prefix;
    return EtcdClusterDirectory::open(std::shared_ptr<EtcdClient>(std::move(client).value()), prefix);
}

} // namespace

Result<std::unique_ptr<EtcdClient>> makeEtcdClient(const AgentConfig::Etcd &etcd, Millis deadline)
{
    EtcdClientConfig config;
    config.endpoints = etcd.endpoints;
    config.deadline = deadline;
    config.caFile = etcd.caFile;
    config.certFile = etcd.certFile;
    config.keyFile = etcd.keyFile;
    config.user = etcd.user;
    if (!etcd.passwordFile.isEmpty()) {
        const Result<QString> password = readPassword(etcd.passwordFile);
        if (!password)
            return Error(password.error());
        config.password = *password;
    }
    return EtcdClient::create(config);
}

Result<std::unique_ptr<ClusterDirectory>> openClusterStore(const AgentConfig::Cluster &cluster, Millis ioTimeout)
{
    if (!cluster.usesEtcd()) {
        Result<std::unique_ptr<FsClusterDirectory>> opened = openCluster(cluster.directory, cluster.name);
        if (!opened)
            return Error(opened.error());
        return std::unique_ptr<ClusterDirectory>(std::move(opened).value());
    }
    Result<std::unique_ptr<EtcdClusterDirectory>> opened = openEtcdStore(cluster, ioTimeout);
    if (!opened)
        return Error(opened.error());
    const Result<QString> name = readClusterName(*opened.value());
    if (!name)
        return Error(name.error());
    if (*name != cluster.name)
        return Error(QStringLiteral("%1: the cluster key names cluster \"%2\", but this host is configured for cluster "
                                    "\"%3\": check [cluster] prefix and name")
                         .arg(opened.value()->describe(), *name, cluster.name));
    return std::unique_ptr<ClusterDirectory>(std::move(opened).value());
}

Status initEtcdCluster(const AgentConfig::Cluster &cluster, Millis ioTimeout, QStringList *report)
{
    if (!isValidClusterName(cluster.name))
        return Error(QStringLiteral("\"%1\" is not a valid cluster name: 1 to 63 letters, digits, '.', '_' or '-', "
                                    "starting with a letter or digit")
                         .arg(cluster.name));
    Result<std::unique_ptr<EtcdClusterDirectory>> opened = openEtcdStore(cluster, ioTimeout);
    if (!opened)
        return Error(opened.error());
    EtcdClusterDirectory &store = *opened.value();
    const FileRead existing = store.readFile(clusterFileName(), kMaxClusterFileBytes);
    if (existing.ok()) {
        const Result<QString> name = parseClusterIdentity(existing.bytes, store.describe() + clusterFileName());
        if (!name)
            return Error(name.error());
        if (*name != cluster.name)
            return Error(QStringLiteral("%1 already holds cluster \"%2\", not \"%3\": use another prefix for cluster "
                                        "\"%3\", or the name \"%2\"")
                             .arg(store.describe(), *name, cluster.name));
        if (report)
            report->append(
                QStringLiteral("%1 is already initialised for cluster \"%2\"").arg(store.describe(), cluster.name));
        return {};
    }
    if (existing.outcome != IoOutcome::Absent)
        return Error(QStringLiteral("%1: %2").arg(store.describe(), existing.error));
    const Status written
        = store.replaceWhole(clusterFileName(), encodeClusterIdentity(cluster.name, QDateTime::currentDateTimeUtc()));
    if (!written)
        return written;
    if (report)
        report->append(
            QStringLiteral("created %1%2 for cluster \"%3\"").arg(store.describe(), clusterFileName(), cluster.name));
    return {};
}

} // namespace hacmp
