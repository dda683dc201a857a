#pragma once

#include "shared/base/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace hacmp {

/// How one file operation on the shared directory ended.
enum class IoOutcome {
    Ok,
    Absent, ///< the file does not exist (a definite answer from the storage)
    Failed, ///< the storage answered with an error
    TimedOut, ///< no answer within the deadline (the call may still be blocked in the kernel)
    Busy, ///< refused without trying: an earlier call on the same lane has not returned yet
};

QString ioOutcomeName(IoOutcome outcome);

/// Why relativePath cannot name a file inside a cluster's store (empty, absolute, a NUL, or a "..", "." or empty
/// component), with where (the store) first; empty when it can. Every implementation checks its paths with it.
QString invalidPathProblem(const QString &relativePath, const QString &where);

/// The result of reading one file: its bytes when Ok, a human message otherwise.
struct FileRead
{
    IoOutcome outcome = IoOutcome::Failed;
    QByteArray bytes;
    QString error;

    bool ok() const { return outcome == IoOutcome::Ok; }
};

/// The shared directory of one cluster (docs/protocol.md, The shared directory), as blocking primitives
/// on paths relative to it. Implementations never follow a path outside the directory. Callers that
/// must not block (the agent's and the console's event loops) run these calls through an IoLane.
class ClusterDirectory
{
public:
    virtual ~ClusterDirectory() = default;

    /// Reads a whole file, at most maxBytes (a larger file is Failed with a message naming it).
    virtual FileRead readFile(const QString &relativePath, qsizetype maxBytes) = 0;
    /// Reads the first maxBytes bytes of a file (all of a smaller one): what a reader can still check of a
    /// file too large to read whole. This default reads it whole, so that a larger file is Failed.
    virtual FileRead readPrefix(const QString &relativePath, qsizetype maxBytes);
    /// Writes bytes at offset in place and syncs them; creates the file when missing.
    virtual Status writeAt(const QString &relativePath, qint64 offset, const QByteArray &bytes) = 0;
    /// Writes R2's claim write of term epoch into a node's record, as writeAt does. A store that can decide
    /// claims atomically refuses, writing nothing, an epoch that is not above every epoch claimed in it before
    /// (etcd: the term key, docs/protocol.md, The etcd backend). This default is writeAt: a shared directory
    /// cannot, and R2 alone keeps epochs unique there.
    virtual Status writeClaim(const QString &relativePath, qint64 offset, const QByteArray &bytes, std::uint64_t epoch);
    /// Replaces a file whole: a temporary file in the same folder, synced, then renamed over it.
    virtual Status replaceWhole(const QString &relativePath, const QByteArray &bytes) = 0;
    /// Removes a file; a file that is already absent is success.
    virtual Status remove(const QString &relativePath) = 0;
    /// Appends bytes to a file (created when missing) and syncs it.
    virtual Status append(const QString &relativePath, const QByteArray &bytes) = 0;
    /// Renames a file inside the directory (used to rotate history files).
    virtual Status rename(const QString &fromRelativePath, const QString &toRelativePath) = 0;
    /// The size of a file in bytes; Absent files give 0.
    virtual Result<qint64> fileSize(const QString &relativePath) = 0;
    /// The names of the entries of a folder of the directory (no "." or ".."), sorted.
    virtual Result<QStringList> list(const QString &relativeFolder) = 0;
    /// A name for messages: the directory's path.
    virtual QString describe() const = 0;
};

} // namespace hacmp
