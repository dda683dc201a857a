#pragma once

#include "shared/base/result.h"

#include <QString>
#include <QStringList>

namespace hacmp {

/// Splits a command written in a configuration file into the program and its arguments, without a shell,
/// so that what runs is exactly what the file says: whitespace separates arguments; single quotes keep
/// everything literally; double quotes keep everything except that a backslash escapes `"` and `\`;
/// outside quotes a backslash escapes the next character. No variables, globbing or redirection.
/// An unterminated quote or a trailing lone backslash is an error.
Result<QStringList> splitCommandLine(const QString &text);

/// Quotes one argument so that splitCommandLine() reads it back unchanged (for messages and `config check`).
QString quoteArgument(const QString &argument);

/// Joins arguments with quoteArgument(); the inverse of splitCommandLine().
QString joinCommandLine(const QStringList &arguments);

} // namespace hacmp
