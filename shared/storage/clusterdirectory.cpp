#include "shared/storage/clusterdirectory.h"

namespace hacmp {

QString ioOutcomeName(IoOutcome outcome)
{
    switch (outcome) {
    case IoOutcome::Ok:
        return QStringLiteral("ok");
    case IoOutcome::Absent:
        return QStringLiteral("absent");
    case IoOutcome::Failed:
        return QStringLiteral("failed");
    case IoOutcome::TimedOut:
        return QStringLiteral("timed out");
    case IoOutcome::Busy:
        return QStringLiteral("busy");
    }
    return QStringLiteral("unknown");
}

QString invalidPathProblem(const QString &relativePath, const QString &where)
{
    bool valid = !relativePath.isEmpty() && !relativePath.contains(QChar(0));
    for (const QString &part : relativePath.split(QLatin1Char('/'))) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            valid = false;
    }
    if (valid)
        return {};
    return QStringLiteral("%1: invalid path \"%2\" inside the cluster: a path must be relative, without \"..\", "
                          "\".\" or empty components")
        .arg(where, relativePath);
}

Status ClusterDirectory::writeClaim(
    const QString &relativePath, qint64 offset, const QByteArray &bytes, std::uint64_t /*epoch*/)
{
    return writeAt(relativePath, offset, bytes);
}

FileRead ClusterDirectory::readPrefix(const QString &relativePath, qsizetype maxBytes)
{
    return readFile(relativePath, maxBytes);
}

} // namespace hacmp
