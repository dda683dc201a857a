#include "gui/directorypoll.h"

#include "shared/config/nodename.h"
#include "shared/history/historyevent.h"
#include "shared/protocol/recordcodec.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace hacmp::console {

namespace {

const QLatin1String kRecordSuffix(".hb");

QString nodesFolder()
{
    return QStringLiteral("nodes");
}

} // namespace

QString recordPath(const QString &node)
{
    return nodesFolder() + QLatin1Char('/') + node + kRecordSuffix;
}

PollResult pollDirectory(ClusterDirectory &directory, const MonoClock &clock, const QString &writableCheckPath)
{
    PollResult result;
    const Result<QStringList> names = directory.list(nodesFolder());
    result.listed = names.ok();
    if (!names) {
        result.listError = names.error();
    } else {
        for (const QString &name : *names) {
            const QString node = name.chopped(name.endsWith(kRecordSuffix) ? kRecordSuffix.size() : 0);
            if (!name.endsWith(kRecordSuffix) || !isValidNodeName(node)) {
                result.ignoredNames.append(name);
                continue;
            }
            RecordPoll poll;
            poll.node = node;
            poll.wallIssuedMs = QDateTime::currentMSecsSinceEpoch();
            poll.issuedAt = clock();
            poll.read = directory.readFile(recordPath(node), kRecordFileSize);
            poll.wallReturnedMs = QDateTime::currentMSecsSinceEpoch();
            result.records.append(poll);
        }
    }
    result.maintenance = directory.readFile(maintenancePath(), kControlFileReadLimit);
    result.switchover = directory.readFile(switchoverPath(), kControlFileReadLimit);
    ControlFiles control(directory);
    Result<QMap<QString, ControlNote>> standby = control.standbyNodes();
    if (standby)
        result.standby = std::move(standby).value();
    else
        result.standbyError = standby.error();
    if (!writableCheckPath.isEmpty())
        result.writeProblem = writeProblemFor(writableCheckPath);
    return result;
}

QString writeProblemFor(const QString &path)
{
    // The files the console writes: maintenance and switchover at the top, standby/, clear/, app/, history/.
    const QStringList places { QString(), standbyFolder(), clearFolder(), appRequestFolder(), historyFolder() };
    for (const QString &place : places) {
        const QString full = place.isEmpty() ? path : path + QLatin1Char('/') + place;
        if (::access(QFile::encodeName(full).constData(), W_OK) != 0) {
            const int error = errno;
            if (error == ENOENT)
                return QCoreApplication::translate("DirectoryPoll",
                    "%1 does not exist. Run 'hacmpctl init' on the cluster directory again to create the missing "
                    "folders.")
                    .arg(full);
            const QString reason = QString::fromLocal8Bit(std::strerror(error));
            return QCoreApplication::translate("DirectoryPoll",
                "You cannot write %1 (%2). Ask an administrator to add you to the group that owns the cluster "
                "directory (normally hacmp), then log in again.")
                .arg(full, reason);
        }
    }
    return QString();
}

} // namespace hacmp::console
