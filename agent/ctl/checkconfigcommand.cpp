#include "agent/ctl/checkconfigcommand.h"

#include "agent/ctl/commandparser.h"
#include "shared/config/agentconfig.h"
#include "shared/config/commandline.h"
#include "shared/config/duration.h"

namespace hacmp::ctl {

namespace {

int runCheckConfig(const DirectoryOptions &, const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("check-config"), QStringLiteral("hacmpctl check-config FILE"),
        QStringLiteral("Checks an agent configuration file as the agent does when it starts: every section and\n"
                       "key, the timing rules T1 and T2 and, for backend = etcd, io_timeout against\n"
                       "election_timeout. Prints each error (file:line, the key, what is\n"
                       "expected); exit status 0 when the file is valid, 1 when it is not."));
    if (const std::optional<int> done = parser.parse(arguments, 1))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return parser.usageError(QStringLiteral("FILE is missing: name the configuration file to check"));
    const QString path = positional.constFirst();

    // load() reads every key and runs Timing::validate() (T1, T2) on the [timing] it read.
    const Result<AgentConfig> config = AgentConfig::load(path);
    if (!config) {
        const QStringList errors = config.error().split(QLatin1Char('\n'));
        for (const QString &error : errors)
            printLine(error);
        return printError(QStringLiteral("%1: %2 error(s); the agent refuses to start with this configuration")
                              .arg(path)
                              .arg(errors.size()),
            ExitFailed);
    }
    const Timing &timing = config->timing;
    const AgentConfig::Cluster &cluster = config->cluster;
    printLine(QStringLiteral("%1: OK").arg(path));
    printLine(QStringLiteral("  cluster %1 at %2; node %3, priority %4")
                  .arg(cluster.name,
                      cluster.usesEtcd() ? QStringLiteral("etcd %1, prefix %2")
                                               .arg(cluster.etcd.endpoints.join(QLatin1Char(' ')), cluster.etcd.prefix)
                                         : cluster.directory,
                      config->node.name)
                  .arg(config->node.priority));
    if (cluster.usesEtcd())
        printLine(QStringLiteral("  etcd: election_timeout %1, so io_timeout %2 must be at least %3")
                      .arg(formatDuration(cluster.etcd.electionTimeout), formatDuration(timing.ioTimeout),
                          formatDuration(cluster.etcd.electionTimeout + AgentConfig::kEtcdElectionMargin)));
    printLine(QStringLiteral("  timing: interval %1, io_timeout %2, failover_timeout %3, renew_limit %4, stop_grace %5")
                  .arg(formatDuration(timing.interval), formatDuration(timing.ioTimeout),
                      formatDuration(timing.failoverTimeout), formatDuration(timing.renewLimit),
                      formatDuration(timing.stopGrace)));
    printLine(QStringLiteral("  failover within %1 plus the application's start (T3)")
                  .arg(formatDuration(timing.failoverBound())));
    printLine(QStringLiteral("  application: %1").arg(joinCommandLine(config->application.start)));
    return ExitOk;
}

} // namespace

CtlCommand checkConfigCommand()
{
    return { QStringLiteral("check-config"), QStringLiteral("Check an agent configuration file (exit 0 valid, 1 not)"),
        &runCheckConfig };
}

} // namespace hacmp::ctl
