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

FileRead ClusterDirectory::readPrefix(const QString &relativePath, qsizetype maxBytes)
{
    return readFile(relativePath, maxBytes);
}

} // namespace hacmp
