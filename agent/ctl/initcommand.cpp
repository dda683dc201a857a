#include "initcommand.h"

#include "clusteridentity.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace hacmp::ctl {

namespace {

int runInit(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Makes DIR the shared directory of cluster NAME: creates the folders nodes/,\n"
                       "standby/ and history/ and the identity file 'cluster'. Run it once, on one host,\n"
                       "after mounting the shared storage at DIR; running it again with the same name\n"
                       "only adds what is missing."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption directoryOption({ QStringLiteral("d"), QStringLiteral("dir") },
        QStringLiteral("The directory of the shared storage; it must exist."), QStringLiteral("DIR"));
    const QCommandLineOption clusterOption({ QStringLiteral("c"), QStringLiteral("cluster") },
        QStringLiteral("The name of the cluster: 1 to 63 letters, digits, '.', '_' or '-', starting with a "
                       "letter or digit."),
        QStringLiteral("NAME"));
    parser.addOption(directoryOption);
    parser.addOption(clusterOption);

    const QString seeHelp = QStringLiteral("run 'hacmpctl init --help'");
    if (!parser.parse(arguments))
        return printError(QStringLiteral("init: %1; %2").arg(parser.errorText(), seeHelp), ExitUsage);
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(
            0, text.indexOf(QLatin1Char('\n')), QStringLiteral("Usage: hacmpctl init --dir DIR --cluster NAME"));
        QTextStream(stdout) << text;
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return printError(QStringLiteral("init: unexpected argument \"%1\"; %2")
                              .arg(parser.positionalArguments().constFirst(), seeHelp),
            ExitUsage);
    if (!parser.isSet(directoryOption) || !parser.isSet(clusterOption))
        return printError(
            QStringLiteral("init: both --dir DIR and --cluster NAME are needed; %1").arg(seeHelp), ExitUsage);
    const QString directory = parser.value(directoryOption);
    const QString cluster = parser.value(clusterOption);
    if (!isValidClusterName(cluster))
        return printError(QStringLiteral("init: cluster name \"%1\" is not valid: use 1 to 63 letters, digits, "
                                         "'.', '_' or '-', starting with a letter or digit")
                              .arg(cluster),
            ExitUsage);

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
