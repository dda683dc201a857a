#pragma once

#include "shared/base/result.h"
#include "shared/protocol/electionaction.h"

#include <QList>
#include <QString>

#include <optional>

namespace hacmp::agent {

/// How the application of a term ended while no agent was attached, as hacmp-guard recorded it in its end
/// file (guard/guardprotocol.h): the agent died and the guard stopped it at the lease deadline, or it ended
/// by itself.
struct GuardEnd
{
    QString node;
    std::uint64_t epoch = 0;
    qint64 pid = 0;
    QString time; ///< UTC ISO 8601 with milliseconds: when the guard began to stop it, or when it ended
    QString cause; ///< deadline, stopped, exited or signaled
    int status = 0; ///< exit code or signal number
};

/// The guard's end file of this node, <state_directory>/<node>.app-end.json: read once at startup, written
/// to the history, then removed (docs/protocol.md, History).
class GuardEndFile final
{
public:
    GuardEndFile(QString stateDirectory, QString node);

    /// nullopt when the guard left none. An error names the file when it cannot be read or is not what
    /// the guard writes (the caller logs it and removes the file).
    Result<std::optional<GuardEnd>> read() const;
    Status remove() const;
    const QString &path() const { return m_path; }

    /// The history events that end the term, to be written at end.time: app_exit, and guard_kill when
    /// the guard stopped it at the deadline (what an attached agent records, W3).
    static QList<EventAction> events(const GuardEnd &end);

private:
    QString m_node;
    QString m_path;
};

} // namespace hacmp::agent
