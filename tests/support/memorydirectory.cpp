#include "tests/support/memorydirectory.h"

namespace hacmp::test {

bool MemoryDirectory::failing(const QString &relativePath) const
{
    for (const QString &prefix : m_failing) {
        if (relativePath == prefix || relativePath.startsWith(prefix + QLatin1Char('/')))
            return true;
    }
    return false;
}

Status MemoryDirectory::failure(const QString &relativePath) const
{
    return Error(QStringLiteral("memory:%1: injected I/O error").arg(relativePath));
}

FileRead MemoryDirectory::readFile(const QString &relativePath, qsizetype maxBytes)
{
    if (failing(relativePath))
        return { IoOutcome::Failed, {}, failure(relativePath).error() };
    const auto it = m_files.constFind(relativePath);
    if (it == m_files.constEnd())
        return { IoOutcome::Absent, {}, {} };
    if (it->size() > maxBytes)
        return { IoOutcome::Failed, {},
            QStringLiteral("memory:%1: larger than %2 bytes").arg(relativePath).arg(maxBytes) };
    return { IoOutcome::Ok, *it, {} };
}

Status MemoryDirectory::writeAt(const QString &relativePath, qint64 offset, const QByteArray &bytes)
{
    if (failing(relativePath))
        return failure(relativePath);
    QByteArray &file = m_files[relativePath];
    if (file.size() < offset + bytes.size())
        file.resize(offset + bytes.size(), '\0');
    file.replace(offset, bytes.size(), bytes);
    return {};
}

Status MemoryDirectory::replaceWhole(const QString &relativePath, const QByteArray &bytes)
{
    if (failing(relativePath))
        return failure(relativePath);
    m_files.insert(relativePath, bytes);
    return {};
}

Status MemoryDirectory::remove(const QString &relativePath)
{
    if (failing(relativePath))
        return failure(relativePath);
    m_files.remove(relativePath);
    return {};
}

Status MemoryDirectory::append(const QString &relativePath, const QByteArray &bytes)
{
    if (failing(relativePath))
        return failure(relativePath);
    m_files[relativePath].append(bytes);
    return {};
}

Status MemoryDirectory::rename(const QString &fromRelativePath, const QString &toRelativePath)
{
    if (failing(fromRelativePath))
        return failure(fromRelativePath);
    if (failing(toRelativePath))
        return failure(toRelativePath);
    if (!m_files.contains(fromRelativePath))
        return Error(QStringLiteral("memory:%1: no such file").arg(fromRelativePath));
    m_files.insert(toRelativePath, m_files.take(fromRelativePath));
    return {};
}

Result<qint64> MemoryDirectory::fileSize(const QString &relativePath)
{
    if (failing(relativePath))
        return Error(failure(relativePath).error());
    return qint64(m_files.value(relativePath).size());
}

Result<QStringList> MemoryDirectory::list(const QString &relativeFolder)
{
    if (failing(relativeFolder))
        return Error(failure(relativeFolder).error());
    const QString prefix = relativeFolder + QLatin1Char('/');
    QStringList names;
    for (auto it = m_files.constBegin(); it != m_files.constEnd(); ++it) {
        if (!it.key().startsWith(prefix))
            continue;
        const QString rest = it.key().mid(prefix.size());
        const QString name = rest.section(QLatin1Char('/'), 0, 0);
        if (!names.contains(name))
            names.append(name);
    }
    names.sort();
    return names;
}

} // namespace hacmp::test
