#pragma once

#include "shared/base/result.h"
#include "shared/protocol/heartbeatrecord.h"

#include <QMap>
#include <QString>

namespace hacmp {
class ClusterDirectory;
}

namespace hacmp::test {

/// Writes heartbeat records into any ClusterDirectory (a directory or etcd) the way agents do: each node's
/// record in alternating slots with rising seq. For tests of the readers (the console, hacmpctl status).
class RecordWriter final
{
public:
    explicit RecordWriter(ClusterDirectory &directory)
        : m_directory(directory)
    { }
    Q_DISABLE_COPY_MOVE(RecordWriter)

    /// The record node writes next; change its fields, then write(). New nodes start as an eligible
    /// standby with priority 100 on host "host-<node>".
    HeartbeatRecord &record(const QString &node);
    /// Writes node's record as its agent would: seq + 1, the other slot, wall_time now (or kept when
    /// keepWallTime). Every call changes the bytes, so readers see the node alive.
    Status write(const QString &node, bool keepWallTime = false);

private:
    ClusterDirectory &m_directory;
    QMap<QString, HeartbeatRecord> m_records;
    QMap<QString, int> m_lastSlot;
};

} // namespace hacmp::test
