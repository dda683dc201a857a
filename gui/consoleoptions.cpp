#include "gui/consoleoptions.h"

#include "shared/config/agentconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace hacmp::console {

Result<ConsoleOptions> ConsoleOptions::parse(const QStringList &arguments, const QString &defaultConfig)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Desktop console of a hacmp cluster: master, heartbeats, maintenance, history and timeline."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dirOption(QStringLiteral("dir"),
        QCoreApplication::translate("main", "The cluster's shared directory."), QStringLiteral("DIR"));
    const QCommandLineOption configOption(QStringLiteral("config"),
        QCoreApplication::translate(
            "main", "An agent.conf to take the cluster (its directory or etcd) and timing from (default: %1).")
            .arg(defaultConfig),
        QStringLiteral("FILE"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QCoreApplication::translate(
            "main", "Render the window offscreen to a PNG once the first snapshot has arrived, then exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption languageOption(QStringLiteral("language"),
        QCoreApplication::translate("main", "Language of the window: en, sv or de (default: the system's)."),
        QStringLiteral("CODE"));
    const QCommandLineOption tabOption(QStringLiteral("tab"),
        QCoreApplication::translate("main", "The tab shown first: history, failovers or timeline (default: history)."),
        QStringLiteral("NAME"));
    parser.addOptions({ dirOption, configOption, screenshotOption, languageOption, tabOption });
    if (!parser.parse(arguments))
        return Error(QStringLiteral("%1; see --help").arg(parser.errorText()));
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        return Error(QStringLiteral("Unexpected argument '%1'; give the directory with --dir DIR")
                         .arg(parser.positionalArguments().front()));

    ConsoleOptions options;
    options.screenshot = parser.value(screenshotOption);
    options.language = parser.value(languageOption);
    if (parser.isSet(tabOption)) {
        const QStringList tabs { QStringLiteral("history"), QStringLiteral("failovers"), QStringLiteral("timeline") };
        options.tab = int(tabs.indexOf(parser.value(tabOption)));
        if (options.tab < 0)
            return Error(QStringLiteral("--tab %1: give history, failovers or timeline").arg(parser.value(tabOption)));
    }
    const bool configGiven = parser.isSet(configOption);
    const QString configPath = configGiven ? parser.value(configOption) : defaultConfig;
    if (configGiven || QFileInfo::exists(configPath)) {
        const Result<AgentConfig> config = AgentConfig::load(configPath);
        if (config) {
            options.timing = config->timing;
            options.cluster = ClusterSource::configured(config->cluster, configPath);
            options.configUsed = configPath;
        } else if (configGiven) {
            return Error(config.error());
        } else {
            options.warnings.append(config.error());
        }
    }
    if (parser.isSet(dirOption)) {
        options.cluster = ClusterSource::directory(parser.value(dirOption));
        if (options.cluster.directoryPath().isEmpty())
            return Error(QStringLiteral("--dir needs a directory; give the cluster's shared directory"));
    }
    if (parser.isSet(screenshotOption) && options.screenshot.isEmpty())
        return Error(QStringLiteral("--screenshot needs a file name, e.g. --screenshot console.png"));
    return options;
}

} // namespace hacmp::console
