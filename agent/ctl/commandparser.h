#pragma once

#include "agent/ctl/ctlcommand.h"
#include "shared/base/result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <optional>

namespace hacmp::ctl {

/// The command line of one hacmpctl command: its options, its --help, and usage errors that name the
/// argument and show the command's usage (exit status 2), the same way for every command.
class CommandParser final
{
public:
    /// usage: the synopsis after "Usage: ", e.g. "hacmpctl [--dir DIR | --config FILE] status [--json]".
    CommandParser(QString command, QString usage, const QString &description);

    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }
    /// Accepts --dir, --config and --io-timeout after the command too.
    void addDirectoryOptions();

    /// Adds --reason TEXT (why; recorded with who and when), read with reason().
    void addReasonOption(const QString &description = QStringLiteral("Why; recorded with who and when."));
    /// The --reason given, trimmed (empty when not given).
    QString reasonText() const;
    /// reasonText(), or "no reason given" when it is empty.
    QString reason() const;
    bool reasonGiven() const;

    /// Parses arguments (the command's name first), with at most maxPositional positional arguments.
    /// nullopt: go on; otherwise the exit status to return, after the help text (--help) or a usage error
    /// (an unknown option, an argument past maxPositional) was printed.
    std::optional<int> parse(const QStringList &arguments, qsizetype maxPositional = 0);
    /// Prints "hacmpctl <command>: <message>" and the usage to standard error; returns ExitUsage.
    int usageError(const QString &message) const;

    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
    QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
    QStringList positionalArguments() const { return m_parser.positionalArguments(); }
    /// An option's value as a positive number of seconds ("1.5", or a duration such as "250ms").
    Result<Millis> seconds(const QCommandLineOption &option) const;
    /// seconds(option) when it is given, otherwise fallback.
    Result<Millis> secondsOr(const QCommandLineOption &option, Millis fallback) const;
    /// The directory options given before the command, overridden by those given after it.
    Result<DirectoryOptions> directoryOptions(const DirectoryOptions &before) const;

    /// The options --dir, --config and --io-timeout, for the global parser too.
    static QList<QCommandLineOption> directoryOptionList();
    /// Reads the directory options of a parser that has directoryOptionList(), over base.
    static Result<DirectoryOptions> readDirectoryOptions(const QCommandLineParser &parser, DirectoryOptions base);
    /// Parses a positive number of seconds for the option named option.
    static Result<Millis> parseSeconds(const QString &text, const QString &option);

private:
    QString m_command;
    QString m_usage;
    QCommandLineParser m_parser;
    bool m_directoryOptions = false;
    std::optional<QCommandLineOption> m_reasonOption;
};

} // namespace hacmp::ctl
