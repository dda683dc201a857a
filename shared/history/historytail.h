#pragma once

#include "shared/base/result.h"
#include "shared/history/historyevent.h"
#include "shared/storage/clusterdirectory.h"

#include <QMap>
#include <QSet>

#include <vector>

namespace hacmp {

/// What one HistoryTail::refresh found.
struct HistoryUpdate
{
    QList<HistoryEvent> events; ///< sorted by historyEventLess
    QStringList problems; ///< lines and files skipped, naming them
    /// The tail started over (first refresh, or files changed in a way that cannot be followed, such
    /// as two rotations between refreshes): events is the whole log; replace what you have.
    bool reset = false;
};

/// Reads the history folder incrementally, so the console stays fast with a long log: it remembers
/// per writer how far its file has been consumed (complete lines only) and parses only what was
/// appended since, and follows a rotation by finishing the consumed file under its .1 name.
/// A writer whose files did not change costs two fileSize calls and no read (and, while its current file
/// is absent or empty, a read of the first bytes of its .1 file).
class HistoryTail final
{
public:
    static constexpr qsizetype kDefaultMaxFileBytes = 64 * 1024 * 1024;

    explicit HistoryTail(qsizetype maxFileBytes = kDefaultMaxFileBytes);

    /// New events since the previous refresh. Fails only when the history folder cannot be listed;
    /// a file that cannot be read is a problem, and its events come with a later refresh.
    Result<HistoryUpdate> refresh(ClusterDirectory &directory);

private:
    struct WriterState
    {
        qint64 currentSize = -1; ///< size of the current file at the last read, -1 when absent
        qsizetype consumed = 0; ///< bytes of the current file taken (complete lines)
        qint64 lines = 0; ///< lines of the current file taken
        QByteArray head; ///< the first bytes of the current file, to recognise it after a rotation
        qint64 rotatedSize = -1; ///< size of the .1 file when last looked at, -1 when absent
        QByteArray rotatedHead; ///< the first bytes of the .1 file when last read
        bool seen = false;
    };
    struct Files
    {
        bool current = false;
        bool rotated = false;
    };
    enum class Step { Done, StartOver };

    Result<HistoryUpdate> pass(ClusterDirectory &directory, bool *startOver);
    /// Parses what writer's files hold beyond state into a new entry of parts (one per file read).
    Step refreshWriter(ClusterDirectory &directory, const QString &writer, Files files, WriterState &state,
        HistoryUpdate &update, std::vector<QList<HistoryEvent>> &parts, HistoryTextPool &pool);
    std::optional<QByteArray> readCapped(
        ClusterDirectory &directory, const QString &path, qint64 size, HistoryUpdate &update) const;
    std::optional<QByteArray> readHead(
        ClusterDirectory &directory, const QString &path, qint64 size, HistoryUpdate &update) const;

    QMap<QString, WriterState> m_writers;
    QSet<QString> m_reportedNames;
    qsizetype m_maxFileBytes;
    bool m_started = false;
};

} // namespace hacmp
