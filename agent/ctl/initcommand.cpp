#include "agent/ctl/initcommand.h"

#include "agent/ctl/commandparser.h"
#include "shared/storage/clusteridentity.h"

namespace hacmp::ctl {

namespace {

int runInit(const DirectoryOptions &options, const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("init"), QStringLiteral("hacmpctl init --dir DIR --cluster NAME"),
        QStringLiteral("Makes DIR the shared directory of cluster NAME: creates the folders nodes/,\n"
                       "standby/, history/, clear/ and app/ and the identity file 'cluster'. Run it once, on one\n"
                       "host, after mounting the shared storage at DIR; running it again with the same\n"
                       "name only adds what is missing."));
    const QCommandLineOption directoryOption({ QStringLiteral("d"), QStringLiteral("dir") },
        QStringLiteral("The directory of the shared storage; it must exist."), QStringLiteral("DIR"));
    const QCommandLineOption clusterOption({ QStringLiteral("c"), QStringLiteral("cluster") },
        QStringLiteral("The name of the cluster: 1 to 63 letters, digits, '.', '_' or '-', starting with a "
                       "letter or digit."),
        QStringLiteral("NAME"));
    parser.addOption(directoryOption);
    parser.addOption(clusterOption);
    if (const std::optional<int> done = parser.parse(arguments))
        return *done;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(
            QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()));
    const QString directory = parser.isSet(directoryOption) ? parser.value(directoryOption) : options.directory;
    if (directory.isEmpty() || !parser.isSet(clusterOption))
        return parser.usageError(QStringLiteral("both --dir DIR and --cluster NAME are needed"));
    const QString cluster = parser.value(clusterOption);
    if (!isValidClusterName(cluster))
        return parser.usageError(QStringLiteral("cluster name \"%1\" is not valid: use 1 to 63 letters, digits, "
                                                "'.', '_' or '-', starting with a letter or digit")
                                     .arg(cluster));

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
    return { QStringLiteral("init"), QStringLiteral("Initialise a shared directory for a new cluster (once)"),
        &runInit };
}

} // namespace hacmp::ctl
