#include "agent/ctl/ctlcommand.h"

#include "agent/ctl/commandparser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace hacmp::ctl {

namespace {

QString commandNames(const QList<CtlCommand> &commands)
{
    QStringList names;
    for (const CtlCommand &command : commands)
        names.append(command.name);
    return names.join(QStringLiteral(", "));
}

QString description(const QList<CtlCommand> &commands)
{
    qsizetype width = 0;
    for (const CtlCommand &command : commands)
        width = qMax(width, command.name.size());
    QString text = QStringLiteral("Manages a hacmp cluster through its shared directory.\n\nCommands:\n");
    for (const CtlCommand &command : commands)
        text += QStringLiteral("  %1  %2\n").arg(command.name.leftJustified(width), command.summary);
    text += QStringLiteral("\nRun 'hacmpctl <command> --help' for the options of a command.");
    return text;
}

} // namespace

void printLine(const QString &line)
{
    QTextStream(stdout) << line << Qt::endl;
}

int printError(const QString &message, ExitStatus status)
{
    QTextStream(stderr) << QCoreApplication::applicationName() << QStringLiteral(": ") << message << Qt::endl;
    return status;
}

int runCommandLine(const QStringList &arguments, const QList<CtlCommand> &commands)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description(commands));
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addOptions(CommandParser::directoryOptionList());
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("One of: %1.").arg(commandNames(commands)),
        QStringLiteral("<command> [options]"));

    const QString seeHelp = QStringLiteral("run 'hacmpctl --help' for the commands");
    if (!parser.parse(arguments))
        return printError(QStringLiteral("%1; %2").arg(parser.errorText(), seeHelp), ExitUsage);
    if (parser.isSet(version)) {
        printLine(
            QStringLiteral("%1 %2").arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    const Result<DirectoryOptions> options = CommandParser::readDirectoryOptions(parser, DirectoryOptions {});
    if (!options)
        return printError(QStringLiteral("%1; %2").arg(options.error(), seeHelp), ExitUsage);
    QStringList rest = parser.positionalArguments();
    if (rest.isEmpty()) {
        if (parser.isSet(help)) {
            QString text = parser.helpText();
            text.replace(0, text.indexOf(QLatin1Char('\n')),
                QStringLiteral("Usage: %1 [--dir DIR | --config FILE] [--io-timeout SECONDS] <command> [options]")
                    .arg(QCoreApplication::applicationName()));
            QTextStream(stdout) << text;
            return ExitOk;
        }
        return printError(
            QStringLiteral("no command given; the commands are: %1 (%2)").arg(commandNames(commands), seeHelp),
            ExitUsage);
    }
    for (const CtlCommand &command : commands) {
        if (command.name != rest.constFirst())
            continue;
        if (parser.isSet(help))
            rest.append(QStringLiteral("--help"));
        return command.run(*options, rest);
    }
    return printError(QStringLiteral("unknown command \"%1\"; the commands are: %2 (%3)")
                          .arg(rest.constFirst(), commandNames(commands), seeHelp),
        ExitUsage);
}

} // namespace hacmp::ctl
