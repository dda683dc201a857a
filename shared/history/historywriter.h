#pragma once

#include "shared/base/result.h"
#include "shared/history/historyevent.h"
#include "shared/storage/clusterdirectory.h"

namespace hacmp {

/// Appends one writer's events to its own history file, history/<writer>.jsonl, and rotates it to
/// <writer>.jsonl.1 at a size limit (docs/protocol.md, History). Each file has this one writer, so
/// appends need no locking. Blocking: the agent calls it from its I/O worker.
class HistoryWriter final
{
public:
    static constexpr qint64 kDefaultRotateBytes = 4 * 1024 * 1024;

    HistoryWriter(ClusterDirectory &directory, QString writer, qint64 rotateBytes = kDefaultRotateBytes);

    /// Sets writer and seq (and time, when empty) and appends the event. Rotates first when the
    /// line would take the file beyond the limit. seq rises on every attempt, also a failed one.
    Status append(HistoryEvent event);

    /// The seq the next append uses (1 unless set), e.g. to continue after the highest seq written before.
    void setNextSeq(quint64 seq) { m_nextSeq = seq; }
    quint64 nextSeq() const { return m_nextSeq; }
    const QString &writer() const { return m_writer; }
    /// Success when the writer name is valid, otherwise the error every append returns.
    Status validity() const;

private:
    Status rotate();

    ClusterDirectory &m_directory;
    QString m_writer;
    QString m_path;
    qint64 m_rotateBytes;
    quint64 m_nextSeq = 1;
    qint64 m_size = -1; ///< the file's size as far as this writer knows; -1 after start or a failure
};

} // namespace hacmp
