#pragma once

#include "shared/protocol/monotime.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace hacmp::ctl {

/// Exit statuses of hacmpctl, for scripts and monitoring: the operation was done, it failed, the command
/// line was wrong, or the cluster directory could not be reached (missing, not a cluster directory, or not
/// responding). `status` maps its cluster states onto the same numbers (statuscommand.h).
enum ExitStatus : int { ExitOk = 0, ExitFailed = 1, ExitUsage = 2, ExitUnreachable = 3 };

/// The default configuration file, whose [cluster] directory hacmpctl uses without --dir or --config.
inline constexpr char kDefaultConfigPath[] = "/etc/hacmp/agent.conf";

/// Where the cluster directory is and how long any call on it may take: the options --dir, --config and
/// --io-timeout, given before the command or after it.
struct DirectoryOptions
{
    QString directory; ///< --dir
    QString config; ///< --config
    Millis ioTimeout { 5000 }; ///< --io-timeout: the deadline of every call on the directory
};

/// One subcommand of hacmpctl (`hacmpctl init ...`). Each command parses its own options, so that
/// commands can be added one file pair at a time; main.cpp holds the table of commands.
struct CtlCommand
{
    QString name;
    QString summary; ///< one line for `hacmpctl --help`
    /// Runs the command with the directory options given before it and the arguments from its name on
    /// (the name takes the place of argv[0]); returns an ExitStatus.
    std::function<int(const DirectoryOptions &options, const QStringList &arguments)> run;
};

/// Parses the global options (--help, --version, --dir, --config, --io-timeout) of arguments (argv) and
/// runs the command named by the first other argument; an unknown or missing command is a usage error
/// that lists the commands.
int runCommandLine(const QStringList &arguments, const QList<CtlCommand> &commands);

/// Writes a line to standard output.
void printLine(const QString &line);
/// Writes "hacmpctl: <message>" to standard error and returns status.
int printError(const QString &message, ExitStatus status);

} // namespace hacmp::ctl
