#pragma once

#include "shared/storage/clusterdirectory.h"

#include <QtGlobal>

#include <atomic>
#include <memory>
#include <sys/types.h>

namespace hacmp {

/// The shared directory on a real file system (docs/protocol.md rule (D)). It opens the directory once and
/// does every operation relative to that descriptor (openat, renameat, ...), never through the path
/// again: if the storage is unmounted later, the path may show an empty local folder, but this object
/// keeps talking to the directory it opened (or gets errors), never to a fresh, empty one.
/// Reads bypass the page cache (O_DIRECT) where the file system allows it; writes are synced.
/// Relative paths must stay inside the directory: no "..", ".", empty components or leading "/";
/// the last component is never followed when it is a symbolic link. All calls block: run them
/// through an IoLane where blocking is not allowed. Calls from several threads (lanes) at once are safe.
class FsClusterDirectory final : public ClusterDirectory
{
public:
    /// Opens the directory at path (O_DIRECTORY); an error names the path when it cannot be opened.
    static Result<std::unique_ptr<FsClusterDirectory>> open(const QString &path);
    ~FsClusterDirectory() override;
    Q_DISABLE_COPY_MOVE(FsClusterDirectory)

    FileRead readFile(const QString &relativePath, qsizetype maxBytes) override;
    FileRead readPrefix(const QString &relativePath, qsizetype maxBytes) override;
    Status writeAt(const QString &relativePath, qint64 offset, const QByteArray &bytes) override;
    Status replaceWhole(const QString &relativePath, const QByteArray &bytes) override;
    Status remove(const QString &relativePath) override;
    Status append(const QString &relativePath, const QByteArray &bytes) override;
    Status rename(const QString &fromRelativePath, const QString &toRelativePath) override;
    Result<qint64> fileSize(const QString &relativePath) override;
    /// An empty relativeFolder lists the directory itself.
    Result<QStringList> list(const QString &relativeFolder) override;
    QString describe() const override { return m_path; }

    /// Creates a folder with exactly this mode (for `hacmpctl init`); true when it was created,
    /// false when a folder of that name already existed (its mode is left alone).
    Result<bool> createFolder(const QString &relativePath, mode_t mode);

private:
    FsClusterDirectory(QString path, int fd);

    /// The path as bytes for the *at() calls, or an error naming it when it leaves the directory.
    Result<QByteArray> checkedPath(const QString &relativePath) const;
    /// "<directory>/<relativePath>" for messages.
    QString where(const QString &relativePath) const;
    Error failure(const QString &relativePath, const QString &what, int error) const;
    /// Reads up to maxBytes; a larger file is Failed, or cut to maxBytes when prefix is set.
    FileRead readBounded(const QString &relativePath, qsizetype maxBytes, bool prefix);
    Status syncFolderOf(const QString &relativePath);

    QString m_path;
    int m_fd = -1;
    std::atomic<bool> m_directRefused { false }; ///< the file system refused O_DIRECT once: stop asking
};

} // namespace hacmp
