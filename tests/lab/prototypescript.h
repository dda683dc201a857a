#pragma once

#include "shared/base/result.h"

#include <QString>
#include <QStringList>

namespace hacmp::lab {

/// Where one host's copy of the prototype runs: what its configuration variables are set to.
struct PrototypeSettings
{
    QStringList application; ///< the command line startCmd runs (no spaces, quotes or glob characters)
    QString sharedDirectory; ///< the host's view of the shared directory
    QString hostDirectory; ///< the host's private folder (the application's output goes there)
};

/// The original prototype (the bash script that hacmp replaces), read at run time from the seed document
/// that embeds it, so that the lab runs exactly the published script and the project never carries a copy.
/// adapted() changes only its configuration variables and compresses its time 3x (every `sleep N` literal
/// too), keeping its own ratio loopTime = faileOverTime / 3 at the smallest values its whole-second clock
/// (`date +%s`, `stat -c %Y`) can represent.
class PrototypeScript final
{
public:
    static constexpr int kFailoverSeconds = 3; ///< faileOverTime (10 in the seed)
    static constexpr int kLoopSeconds = 1; ///< loopTime (3 in the seed)
    static constexpr double kTimeScale = 1.0 / 3.0; ///< applied to the script's literal sleeps
    /// The seed's literal sleeps, for the lab's budgets: killInstance waits 30 s (on every loop of a
    /// standby), startInstance waits 5 s before it starts the application.
    static constexpr int kSeedKillWaitSeconds = 30;
    static constexpr int kSeedStartDelaySeconds = 5;

    /// The seed folder beside the repository (`../shared/seed` of the source tree).
    static QString seedDirectory();
    /// The script from the first document in seedDirectory() that embeds it, or why there is none.
    static Result<PrototypeScript> fromSeed(const QString &seedFolder = seedDirectory());
    /// The script embedded in documentText: from the line `#!/bin/bash` to the last line `done` (the end of
    /// its monitoring loop); origin names the document in errors.
    static Result<PrototypeScript> extract(const QString &documentText, const QString &origin);

    const QString &text() const { return m_text; }
    const QString &origin() const { return m_origin; }
    /// The script configured for one host: startCmd, pgrepProgramName, startCmdLogFile, heartBeatDir,
    /// maintenanceFile, faileOverTime and loopTime replaced, literal sleeps scaled by kTimeScale.
    Result<QString> adapted(const PrototypeSettings &settings) const;

    /// The folder of the heartbeat files inside a view of the shared directory.
    static QString heartbeatDirectory(const QString &sharedDirectory);
    /// The prototype's maintenance file inside a view of the shared directory.
    static QString maintenancePath(const QString &sharedDirectory);

private:
    PrototypeScript(QString text, QString origin);

    QString m_text;
    QString m_origin;
};

} // namespace hacmp::lab
