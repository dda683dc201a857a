#pragma once

#include "shared/base/result.h"
#include "shared/history/historywriter.h"
#include "shared/storage/clusterdirectory.h"

#include <QString>

#include <memory>
#include <optional>

namespace hacmp {

/// An operator's change to the cluster, as hacmpctl and the console ask for it (docs/protocol.md, Control
/// files and History).
struct OperatorAction
{
    enum class Kind {
        MaintenanceOn,
        MaintenanceOff,
        StandbyOn,
        StandbyOff,
        Switchover,
        ClearFailures,
        RunApp,
        StopApp
    };
    Kind kind = Kind::MaintenanceOn;
    QString node; ///< the node of a standby, switchover (the target), clear, run or stop
    quint64 epoch = 0; ///< a switchover is addressed to the current master's epoch (docs/protocol.md H1)
    QString reason; ///< why, written to the control file and the history

    bool operator==(const OperatorAction &) const = default;
};

/// The history event of an action: maintenance_on, standby_off, switchover_requested...
QString historyEventOf(OperatorAction::Kind kind);

/// Carries out OperatorActions as one writer (user@host): the control file with who, when and why, then a
/// line in the writer's own history file. Lines continue the seq of the writer's earlier lines, the highest
/// of its current and its rotated file, so that its events keep their order across runs. Blocking: callers
/// run it off their event loop (hacmpctl through its session's lane, the console on its write lane).
class OperatorLog final
{
public:
    OperatorLog(ClusterDirectory &directory, QString actor);

    const QString &actor() const { return m_actor; }

    /// Writes the control file of action, with the note {actor, when, reason}.
    Status change(const OperatorAction &action, const QString &when);
    /// Appends event (writer and seq set here). An error says that the line is missing, naming the file.
    Status record(HistoryEvent event);
    /// change, then the history line of action with detail (empty: the reason). A failed change records
    /// nothing; a change whose line could not be written returns that error.
    Status apply(const OperatorAction &action, const QString &when, const QString &detail = {});

private:
    /// The highest seq of this writer's lines, or nullopt when a file could not be read (tried again later).
    std::optional<quint64> highestSeq() const;

    ClusterDirectory &m_directory;
    QString m_actor;
    HistoryWriter m_history;
    bool m_resumed = false;
};

} // namespace hacmp
