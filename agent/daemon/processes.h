#pragma once

#include <QProcess>
#include <QStringList>

namespace hacmp::agent {

// Helpers for the short-lived commands the agent runs (stop, check, notify, pgrep): they never block
// the event loop, also not when a command hangs.

/// Kills process if it still runs and deletes it once it has ended.
void discardProcess(QProcess *process);

/// Starts command (program and arguments) on process with extra KEY=VALUE entries added to the
/// agent's environment.
void startCommand(QProcess &process, const QStringList &command, const QStringList &environment = {});

} // namespace hacmp::agent
