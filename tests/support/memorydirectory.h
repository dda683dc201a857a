#pragma once

#include "shared/storage/clusterdirectory.h"

#include <QMap>
#include <QSet>

namespace hacmp::test {

/// A ClusterDirectory held in memory, for unit tests of code that reads and writes the shared
/// directory. Individual paths can be made to fail, to test how callers treat I/O errors.
class MemoryDirectory final : public ClusterDirectory
{
public:
    FileRead readFile(const QString &relativePath, qsizetype maxBytes) override;
    Status writeAt(const QString &relativePath, qint64 offset, const QByteArray &bytes) override;
    Status replaceWhole(const QString &relativePath, const QByteArray &bytes) override;
    Status remove(const QString &relativePath) override;
    Status append(const QString &relativePath, const QByteArray &bytes) override;
    Status rename(const QString &fromRelativePath, const QString &toRelativePath) override;
    Result<qint64> fileSize(const QString &relativePath) override;
    Result<QStringList> list(const QString &relativeFolder) override;
    QString describe() const override { return QStringLiteral("memory:"); }

    /// Every operation on this path (or below this folder) fails from now on.
    void failPath(const QString &relativePath) { m_failing.insert(relativePath); }
    void healPath(const QString &relativePath) { m_failing.remove(relativePath); }

    QByteArray contents(const QString &relativePath) const { return m_files.value(relativePath); }
    bool exists(const QString &relativePath) const { return m_files.contains(relativePath); }
    void put(const QString &relativePath, const QByteArray &bytes) { m_files.insert(relativePath, bytes); }

private:
    bool failing(const QString &relativePath) const;
    Status failure(const QString &relativePath) const;

    QMap<QString, QByteArray> m_files;
    QSet<QString> m_failing;
};

} // namespace hacmp::test
