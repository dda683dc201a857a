#include "agent/ctl/ctlsession.h"

#include "shared/config/agentconfig.h"
#include "shared/storage/clusteridentity.h"

#include <QDir>

#include <cstdio>
#include <cstdlib>

namespace hacmp::ctl {

namespace {

/// The directory opened and its cluster name, or why not.
struct Opened
{
    std::shared_ptr<FsClusterDirectory> directory;
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
        if (const QString unsupported = config->unsupportedBackend(QStringLiteral("hacmpctl")); !unsupported.isEmpty())
            return Error(unsupported);
        m_path = config->cluster.directory;
        m_timing = config->timing;
        m_timingConfigured = true;
        m_configuredNode = config->node.name;
        expectedCluster = config->cluster.name;
    }

    const QString path = m_path;
    const std::optional<Opened> opened = callWithDeadline<Opened>(
        m_lane,
        [path] {
            Opened result;
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
        m_options.ioTimeout);
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
    return {};
}

QString CtlSession::notRespondingMessage() const
{
    return QStringLiteral("%1: directory not responding (no answer within %2 s)")
        .arg(m_path, QString::number(double(m_options.ioTimeout.count()) / 1000.0, 'g', 6));
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
