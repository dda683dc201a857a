#pragma once

#include <QLoggingCategory>

// The agent's log categories, one per area (docs/architecture.md, Logging): enable or silence them with
// QT_LOGGING_RULES, e.g. "hacmp.agent.io.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcElection)
Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcIo)
Q_DECLARE_LOGGING_CATEGORY(lcAgent)

namespace hacmp::agent {

/// The message pattern for stderr: with syslog priority prefixes (<3> to <7>) when journald reads it
/// (JOURNAL_STREAM is set), otherwise with a local time stamp for people running the agent by hand.
QString logMessagePattern(bool journal);

/// Installs logMessagePattern() for this process's environment.
void installLogFormat();

} // namespace hacmp::agent
