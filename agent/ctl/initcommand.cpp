#include "agent/ctl/initcommand.h"

#include "agent/ctl/commandparser.h"
#include "shared/config/agentconfig.h"
#include "shared/etcd/clusterstore.h"
#include "shared/storage/clusteridentity.h"

#include <QRegularExpression>

namespace hacmp::ctl {

namespace {

/// `hacmpctl init` on an etcd cluster: cluster is [cluster] of a configuration, or made of --etcd and --prefix.
int initEtcd(const AgentConfig::Cluster &cluster, Millis ioTimeout)
{
    QStringList report;
    const Status status = initEtcdCluster(cluster, ioTimeout, &report);
    for (const QString &line : report)
        printLine(line);
    if (!status)
        return printError(QStringLiteral("init: %1").arg(status.error()), ExitFailed);
    return ExitOk;
}

int runInit(const DirectoryOptions &options, const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("init"),
        QStringLiteral("hacmpctl init --dir DIR --cluster NAME | --etcd ENDPOINTS --cluster NAME [--prefix PREFIX] | "
                       "--config FILE"),
        QStringLiteral("Makes DIR the shared directory of cluster NAME: creates the folders nodes/,\n"
                       "standby/, history/, clear/ and app/ and the identity file 'cluster'. Run it once, on one\n"
                       "host, after mounting the shared storage at DIR; running it again with the same\n"
                       "name only adds what is missing.\n"
                       "With --etcd (or --config FILE whose [cluster] backend = etcd, with its TLS files and\n"
                       "user), writes the key 'cluster' under the prefix of an etcd cluster instead; agents\n"
                       "never create it."));
    const QCommandLineOption directoryOption({ QStringLiteral("d"), QStringLiteral("dir") },
        QStringLiteral("The directory of the shared storage; it must exist."), QStringLiteral("DIR"));
    const QCommandLineOption clusterOption({ QStringLiteral("c"), QStringLiteral("cluster") },
        QStringLiteral("The name of the cluster: 1 to 63 letters, digits, '.', '_' or '-', starting with a "
                       "letter or digit."),
        QStringLiteral("NAME"));
    const QCommandLineOption etcdOption(QStringLiteral("etcd"),
        QStringLiteral("The client URLs of the etcd members, separated by commas (plain http, no user; use "
                       "--config for TLS or a user)."),
        QStringLiteral("ENDPOINTS"));
    const QCommandLineOption prefixOption(QStringLiteral("prefix"),
        QStringLiteral("With --etcd: where the cluster's keys start (default /hacmp/NAME/)."),
        QStringLiteral("PREFIX"));
    const QCommandLineOption configOption(QStringLiteral("config"),
        QStringLiteral("An agent configuration file: its [cluster] (directory, or etcd) is initialised."),
        QStringLiteral("FILE"));
    parser.addOption(directoryOption);
    parser.addOption(clusterOption);
    parser.addOption(etcdOption);
    parser.addOption(prefixOption);
    parser.addOption(configOption);
    if (const std::optional<int> done = parser.parse(arguments, 0))
        return *done;
    const QString configPath = parser.isSet(configOption) ? parser.value(configOption) : options.config;
    const QString directory = parser.isSet(directoryOption) ? parser.value(directoryOption) : options.directory;
    const int ways = int(!directory.isEmpty()) + int(parser.isSet(etcdOption)) + int(!configPath.isEmpty());
    if (ways > 1)
        return parser.usageError(QStringLiteral("give one of --dir DIR, --etcd ENDPOINTS or --config FILE"));
    if (parser.isSet(prefixOption) && !parser.isSet(etcdOption))
        return parser.usageError(QStringLiteral("--prefix goes with --etcd ENDPOINTS (a configuration has [cluster] "
                                                "prefix)"));

    if (!configPath.isEmpty()) {
        if (parser.isSet(clusterOption))
            return parser.usageError(
                QStringLiteral("--cluster comes from [cluster] name of %1: leave it out").arg(configPath));
        const Result<AgentConfig> config = AgentConfig::load(configPath);
        if (!config)
            return printError(QStringLiteral("init: %1").arg(config.error()), ExitFailed);
        if (config->cluster.usesEtcd())
            return initEtcd(config->cluster, options.ioTimeout);
        QStringList report;
        const Status status = initClusterDirectory(config->cluster.directory, config->cluster.name, &report);
        for (const QString &line : report)
            printLine(line);
        if (!status)
            return printError(QStringLiteral("init: %1").arg(status.error()), ExitFailed);
        return ExitOk;
    }

    if (!parser.isSet(clusterOption) || (directory.isEmpty() && !parser.isSet(etcdOption)))
        return parser.usageError(
            QStringLiteral("--cluster NAME and one of --dir DIR or --etcd ENDPOINTS are needed (or --config FILE)"));
    const QString cluster = parser.value(clusterOption);
    if (!isValidClusterName(cluster))
        return parser.usageError(QStringLiteral("cluster name \"%1\" is not valid: use 1 to 63 letters, digits, "
                                                "'.', '_' or '-', starting with a letter or digit")
                                     .arg(cluster));

    if (parser.isSet(etcdOption)) {
        AgentConfig::Cluster etcd;
        etcd.backend = AgentConfig::Cluster::Backend::Etcd;
        etcd.name = cluster;
        etcd.etcd.endpoints
            = parser.value(etcdOption).split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
        if (etcd.etcd.endpoints.isEmpty())
            return parser.usageError(QStringLiteral("--etcd needs the client URLs of the etcd members, such as "
                                                    "http://10.0.1.5:2379,http://10.0.2.5:2379"));
        etcd.etcd.prefix = parser.isSet(prefixOption) ? parser.value(prefixOption) : QString();
        return initEtcd(etcd, options.ioTimeout);
    }

    QStringList report;
    const Status status = initClusterDirectory(directory, cluster, &report);
    for (const QString &line : report)
        printLine(line);
    if (!status)
        return printError(QStringLiteral("init: %1").arg(status.error()), ExitFailed);
    return ExitOk;
}

} // namespace

CtlCommand initCommand()
{
    return { QStringLiteral("init"),
        QStringLiteral("Initialise a shared directory or an etcd prefix for a new cluster (once)"), &runInit };
}

} // namespace hacmp::ctl
