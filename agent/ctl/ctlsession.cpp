#include "agent/ctl/ctlsession.h"

#include "shared/config/agentconfig.h"
#include "shared/etcd/clusterstore.h"
#include "shared/storage/clusteridentity.h"
#include "shared/storage/fsclusterdirectory.h"

#include <QDir>

#include <cstdio>
#include <cstdlib>

namespace hacmp::ctl {

namespace {

/// The directory opened and its cluster name, or why not.
struct Opened
{
    std::shared_ptr<ClusterDirectory> directory;
    QString clusterName;
    QString error;
};

} // namespace

CtlSession::CtlSession(DirectoryOptions options)
    : m_options(std::move(options))
{ }

Status CtlSession::open()
{
    QString expectedCluster;
    std::optional<AgentConfig::Cluster> etcd;
    if (!m_options.directory.isEmpty()) {
        m_path = QDir::cleanPath(QDir::current().absoluteFilePath(m_options.directory));
    } else {
        const QString configPath
            = m_options.config.isEmpty() ? QString::fromLatin1(kDefaultConfigPath) : m_options.config;
        const Result<AgentConfig> config = AgentConfig::load(configPath);
        if (!config)
            return Error(QStringLiteral("cannot find the cluster directory through the configuration %1:\n%2\nName "
                                        "the directory with --dir DIR, or fix the configuration")
                             .arg(configPath, config.error()));
        m_timing = config->timing;
        m_timingConfigured = true;
        m_configuredNode = config->node.name;
        expectedCluster = config->cluster.name;
        if (config->cluster.usesEtcd()) {
            etcd = config->cluster;
            m_etcd = true;
            m_path = config->cluster.etcd.endpoints.join(QLatin1Char(','));
        } else {
            m_path = config->cluster.directory;
        }
    }

    const QString path = m_path;
    // openClusterStore bounds each etcd call by the deadline itself: the lane's own deadline is a last resort
    // for a store that does not answer at all.
    const Millis ioTimeout = m_options.ioTimeout;
    const std::optional<Opened> opened = callWithDeadline<Opened>(
        m_lane,
        [path, etcd, ioTimeout] {
            Opened result;
            if (etcd) {
                Result<std::unique_ptr<ClusterDirectory>> store = openClusterStore(*etcd, ioTimeout);
                if (!store)
                    result.error = store.error();
                else
                    result.directory = std::move(store).value();
                result.clusterName = etcd->name;
                return result;
            }
            Result<std::unique_ptr<FsClusterDirectory>> directory = FsClusterDirectory::open(path);
            if (!directory) {
                result.error = directory.error();
                return result;
            }
            result.directory = std::move(directory).value();
            const Result<QString> name = readClusterName(*result.directory);
            if (name)
                result.clusterName = *name;
            else
                result.error = name.error();
            return result;
        },
        etcd ? 2 * ioTimeout + kEtcdOpenSlack : ioTimeout);
    if (!opened)
        notResponding();
    if (!opened->error.isEmpty())
        return Error(opened->error);
    if (!expectedCluster.isEmpty() && opened->clusterName != expectedCluster)
        return Error(QStringLiteral("%1 belongs to cluster \"%2\", but the configuration names cluster \"%3\": check "
                                    "[cluster] directory and name")
                         .arg(m_path, opened->clusterName, expectedCluster));
    m_directory = opened->directory;
    m_clusterName = opened->clusterName;
    m_path = m_directory->describe();
    return {};
}

QString CtlSession::notRespondingMessage() const
{
    return QStringLiteral("%1: %2 not responding (no answer within %3 s)")
        .arg(m_path, m_etcd ? QStringLiteral("etcd") : QStringLiteral("directory"),
            QString::number(double(m_options.ioTimeout.count()) / 1000.0, 'g', 6));
}

void CtlSession::notResponding()
{
    const QString message = notRespondingMessage();
    if (m_notRespondingReport)
        m_notRespondingReport(message);
    printError(message, ExitUnreachable);
    std::fflush(stdout);
    std::fflush(stderr);
    // The lane's thread may be blocked in the kernel for ever; ordinary exit would wait for it.
    std::_Exit(ExitUnreachable);
}

} // namespace hacmp::ctl
