#pragma once

#include "shared/protocol/monotime.h"
#include "shared/storage/clusterdirectory.h"
#include "shared/storage/controlfiles.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace hacmp::console {

/// The console's monotonic clock (a seam: tests pass a fake one). Called on the I/O worker and on the
/// UI thread, so an implementation must be thread-safe.

/// One read of nodes/<node>.hb: the bytes, and when it was issued and returned on both clocks.
struct RecordPoll
{
    QString node;
    FileRead read;
    MonoTime issuedAt = kNever;
    qint64 wallIssuedMs = 0; ///< this host's wall clock, for the skew estimate only
    qint64 wallReturnedMs = 0;
};

/// What one poll of the shared directory read, on the I/O worker; ClusterAssessor turns it into a snapshot.
struct PollResult
{
    bool listed = false; ///< nodes/ could be listed
    QString listError;
    QStringList ignoredNames; ///< entries of nodes/ that are not <node>.hb
    QList<RecordPoll> records;
    FileRead maintenance;
    FileRead switchover;
    std::optional<QMap<QString, ControlNote>> standby; ///< nullopt when standby/ could not be read
    QString standbyError;
    QString writeProblem; ///< empty when this user may write the control files and the history
};

/// Reads every record, maintenance, switchover and the standby files, one call after another, with the
/// issue time of each record read on clock (docs/protocol.md O1). Blocking: run it on an IoLane.
/// writableCheckPath is the directory's path for the permission check (empty: skip the check).
PollResult pollDirectory(ClusterDirectory &directory, const MonoClock &clock, const QString &writableCheckPath);

/// Why this user cannot write the control files or the history under path, or an empty string.
/// Blocking (access(2) on the path).
QString writeProblemFor(const QString &path);

/// The record file of a node, "nodes/<node>.hb".
QString recordPath(const QString &node);

} // namespace hacmp::console
