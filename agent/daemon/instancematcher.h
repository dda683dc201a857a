#pragma once

#include <QByteArrayView>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <functional>

#include <sys/types.h>

namespace hacmp::agent {

/// One process of this host as /proc shows it.
struct ProcessEntry
{
    pid_t pid = 0;
    QStringList argv;
    QString exe; ///< the resolved executable, without the " (deleted)" of a replaced binary
};

/// The processes of this host (its PID namespace) whose executable wantExe accepts, read from /proc (the
/// command line of the others is not read); processes that end meanwhile are left out.
QList<ProcessEntry> listProcesses(const std::function<bool(QByteArrayView exe)> &wantExe);

/// Which processes are instances of the configured application (docs/protocol.md M-b, and "never two on one
/// host"). By default, a process whose executable (or, for a script, its interpreter with the script as
/// first argument) is the configured start program and, when the start command names a file to run (a script, a jar),
/// whose arguments name that file too; with [application] detect, a process whose command line (the arguments joined by
/// spaces) matches that regular expression, as `pgrep -f` does.
class InstanceMatcher final
{
public:
    InstanceMatcher() = default;
    /// workingDirectory: where a relative file in the start command is looked up.
    static InstanceMatcher forApplication(
        const QStringList &start, const QString &detect, const QString &workingDirectory);

    /// Whether a process with this executable may match (a cheap first filter before its command line is read).
    bool mayMatchExecutable(QByteArrayView exe) const;
    bool matches(const ProcessEntry &process) const;
    /// For logs: what counts as an instance.
    QString describe() const;
    bool active() const { return m_byPattern || !m_program.isEmpty(); }

private:
    bool isProgram(const QString &path) const;

    bool m_byPattern = false; ///< the detect pattern decides alone
    QRegularExpression m_pattern;
    QString m_program; ///< as configured
    QString m_programPath; ///< resolved through PATH and symbolic links
    QString m_interpreterPath; ///< when the program is a script: its interpreter, resolved
    QByteArray m_programFile; ///< m_programPath and m_interpreterPath as the kernel shows them
    QByteArray m_interpreterFile;
    QString m_file; ///< the file the program runs (script, jar), as configured, or empty
    QString m_filePath; ///< the same, absolute
};

} // namespace hacmp::agent
