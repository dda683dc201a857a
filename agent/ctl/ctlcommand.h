#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace hacmp::ctl {

/// Exit statuses of hacmpctl, for scripts: the operation was done, it failed, or the command line was wrong.
enum ExitStatus : int { ExitOk = 0, ExitFailed = 1, ExitUsage = 2 };

/// One subcommand of hacmpctl (`hacmpctl init ...`). Each command parses its own options, so that
/// commands can be added one file pair at a time; main.cpp holds the table of commands.
struct CtlCommand
{
    QString name;
    QString summary; ///< one line for `hacmpctl --help`
    /// Runs the command with the arguments from its name on (the name takes the place of argv[0]);
    /// returns an ExitStatus.
    std::function<int(const QStringList &arguments)> run;
};

/// Parses the global options (--help, --version) of arguments (argv) and runs the command named by
/// the first other argument; an unknown or missing command is a usage error that lists the commands.
int runCommandLine(const QStringList &arguments, const QList<CtlCommand> &commands);

/// Writes a line to standard output.
void printLine(const QString &line);
/// Writes "hacmpctl: <message>" to standard error and returns status.
int printError(const QString &message, ExitStatus status);

} // namespace hacmp::ctl
