#pragma once

#include "shared/base/result.h"
#include "shared/history/historywriter.h"
#include "shared/storage/clusterdirectory.h"

#include <QString>

#include <memory>
#include <optional>

namespace hacmp::console {

/// An operator's change to the cluster, as the console asks for it.
struct ControlAction
{
    enum class Kind { MaintenanceOn, MaintenanceOff, StandbyOn, StandbyOff, Switchover, ClearFailures };
    Kind kind = Kind::MaintenanceOn;
    QString node; ///< the node of a standby, switchover (the target) or clear
    quint64 epoch = 0; ///< a switchover is addressed to the current master's epoch (docs/protocol.md H1)
    QString reason; ///< why, written to the control file and the history

    bool operator==(const ControlAction &) const = default;
};

/// Carries out ControlActions on a cluster directory as docs/protocol.md describes: the control file through
/// ControlFiles with who (user@host), when and why, then a line in the console's own history file.
/// Blocking: the console runs it on its write lane, one action at a time.
class ControlActionRunner final
{
public:
    /// actor: who acts and writes the history, normally currentActor().
    ControlActionRunner(std::shared_ptr<ClusterDirectory> directory, QString actor);

    Status run(const ControlAction &action);

private:
    Status write(const ControlAction &action, const QString &now);
    /// Continues the seq of this writer's earlier lines, so that its events keep their order.
    void resumeSeq();

    std::shared_ptr<ClusterDirectory> m_directory;
    QString m_actor;
    HistoryWriter m_history;
    bool m_resumed = false;
};

} // namespace hacmp::console
