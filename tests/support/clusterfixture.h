#pragma once

#include "shared/base/result.h"
#include "shared/history/historyevent.h"
#include "shared/protocol/heartbeatrecord.h"
#include "shared/storage/controlfiles.h"
#include "shared/storage/fsclusterdirectory.h"
#include "tests/support/recordwriter.h"

#include <QMap>
#include <QTemporaryDir>

#include <memory>

namespace hacmp::test {

/// A real cluster directory, made by `hacmpctl init`'s code and written with hacmp_core the way agents
/// and operators write it: heartbeat records in alternating slots with rising seq, control files, and
/// history lines per writer. For tests of the readers (the console, hacmpctl status) against real files.
class ClusterFixture final
{
public:
    /// In a new temporary folder, or in path (an existing folder, e.g. a mount's source) when given.
    explicit ClusterFixture(const QString &clusterName = QStringLiteral("demo"), const QString &path = {});
    Q_DISABLE_COPY_MOVE(ClusterFixture)

    /// Empty when the directory was made; otherwise why not.
    const QString &error() const { return m_error; }
    QString path() const { return m_path; }
    FsClusterDirectory &directory() { return *m_directory; }

    /// The record node writes next; change its fields, then writeRecord() (RecordWriter).
    HeartbeatRecord &record(const QString &node) { return m_records->record(node); }
    /// Writes node's record as its agent would (RecordWriter::write).
    Status writeRecord(const QString &node, bool keepWallTime = false) { return m_records->write(node, keepWallTime); }

    Status setMaintenance(const QString &who, const QString &why);
    Status setStandby(const QString &node, const QString &who, const QString &why);
    /// Appends events to writer's history file in one write, as lines of HistoryWriter would be: writer and
    /// seq are set here, an empty time becomes now. One write, so that long histories are quick to make.
    Status appendHistory(const QString &writer, QList<HistoryEvent> events);

private:
    std::unique_ptr<QTemporaryDir> m_temp;
    QString m_path;
    QString m_error;
    std::unique_ptr<FsClusterDirectory> m_directory;
    std::unique_ptr<RecordWriter> m_records;
    QMap<QString, quint64> m_historySeq;
};

} // namespace hacmp::test
