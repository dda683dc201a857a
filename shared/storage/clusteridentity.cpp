#include "shared/storage/clusteridentity.h"

#include "shared/config/nodename.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hacmp {

namespace {

constexpr mode_t kFolderMode = 02775;

/// A JSON string literal (quoted and escaped) for text.
QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QString clusterFileOf(const QString &directory)
{
    if (directory.endsWith(QLatin1Char('/')))
        return directory + clusterFileName();
    return directory + QLatin1Char('/') + clusterFileName();
}

} // namespace

QString clusterFileName()
{
    return QStringLiteral("cluster");
}

QStringList clusterFolders()
{
    return { QStringLiteral("nodes"), QStringLiteral("standby"), QStringLiteral("history"), QStringLiteral("clear"),
        QStringLiteral("app") };
}

bool isValidClusterName(const QString &name)
{
    return isValidNodeName(name);
}

QByteArray encodeClusterIdentity(const QString &clusterName, const QDateTime &created)
{
    QByteArray bytes("{\"format\":");
    bytes.append(QByteArray::number(kClusterFormat));
    bytes.append(",\"cluster\":");
    bytes.append(jsonString(clusterName));
    bytes.append(",\"created\":");
    bytes.append(jsonString(created.toUTC().toString(Qt::ISODateWithMs)));
    bytes.append("}\n");
    return bytes;
}

Result<QString> parseClusterIdentity(const QByteArray &bytes, const QString &fileDescription)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error(QStringLiteral("%1 cannot be parsed (%2): it should hold "
                                    "{\"format\":1,\"cluster\":\"NAME\",\"created\":\"...\"}; restore it from a "
                                    "backup or write it with the cluster's name")
                         .arg(fileDescription,
                             parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                          : QStringLiteral("not a JSON object")));
    const QJsonObject object = document.object();
    const QJsonValue format = object.value(QLatin1String("format"));
    if (!format.isDouble())
        return Error(QStringLiteral("%1 has no \"format\" number: it was not written by hacmpctl init; restore it "
                                    "or write it with the cluster's name")
                         .arg(fileDescription));
    if (format.toDouble() != kClusterFormat)
        return Error(QStringLiteral("%1 has format %2, but this version of hacmp knows only format %3: upgrade hacmp "
                                    "on this host")
                         .arg(fileDescription)
                         .arg(format.toDouble())
                         .arg(kClusterFormat));
    const QString name = object.value(QLatin1String("cluster")).toString();
    if (!isValidClusterName(name))
        return Error(QStringLiteral("%1 names no valid cluster (\"cluster\" is \"%2\"): restore it or write it with "
                                    "the cluster's name")
                         .arg(fileDescription, name));
    return name;
}

Status initClusterDirectory(const QString &path, const QString &clusterName, QStringList *report)
{
    auto note = [report](const QString &line) {
        if (report)
            report->append(line);
    };
    if (!isValidClusterName(clusterName))
        return Error(QStringLiteral("cluster name \"%1\" is not valid: use 1 to 63 letters, digits, '.', '_' or '-', "
                                    "starting with a letter or digit")
                         .arg(clusterName));
    if (path.isEmpty())
        return Error(QStringLiteral("no directory given: name the directory of the shared storage"));
    const QFileInfo info(path);
    const QString absolute = QDir::cleanPath(info.absoluteFilePath());
    if (!info.exists())
        return Error(
            QStringLiteral("%1 does not exist: create it and mount the shared storage there first").arg(absolute));
    if (!info.isDir())
        return Error(QStringLiteral("%1 is not a directory: name the directory where the shared storage is mounted")
                         .arg(absolute));

    Result<std::unique_ptr<FsClusterDirectory>> opened = FsClusterDirectory::open(absolute);
    if (!opened)
        return Error(opened.error());
    FsClusterDirectory &directory = *opened.value();
    const QString identityFile = clusterFileOf(directory.describe());

    const FileRead existing = directory.readFile(clusterFileName(), kMaxClusterFileBytes);
    if (existing.outcome != IoOutcome::Ok && existing.outcome != IoOutcome::Absent)
        return Error(existing.error);
    const bool initialised = existing.outcome == IoOutcome::Ok;
    if (initialised) {
        const Result<QString> name = parseClusterIdentity(existing.bytes, identityFile);
        if (!name)
            return Error(name.error());
        if (name.value() != clusterName)
            return Error(QStringLiteral("%1 is already the directory of cluster \"%2\", not \"%3\": use another "
                                        "directory for cluster \"%3\", or the name \"%2\"")
                             .arg(directory.describe(), name.value(), clusterName));
    }

    // The folders first: a `cluster` file then always stands for a complete layout.
    for (const QString &folder : clusterFolders()) {
        const Result<bool> created = directory.createFolder(folder, kFolderMode);
        if (!created)
            return Error(created.error());
        if (created.value())
            note(QStringLiteral("created %1/%2/").arg(directory.describe(), folder));
    }
    if (initialised) {
        note(QStringLiteral("%1 is already initialised for cluster \"%2\"").arg(directory.describe(), clusterName));
        return {};
    }
    const Status written = directory.replaceWhole(
        clusterFileName(), encodeClusterIdentity(clusterName, QDateTime::currentDateTimeUtc()));
    if (!written)
        return written;
    note(QStringLiteral("created %1 for cluster \"%2\"").arg(identityFile, clusterName));
    return {};
}

Result<QString> readClusterName(ClusterDirectory &directory)
{
    const QString identityFile = clusterFileOf(directory.describe());
    const FileRead read = directory.readFile(clusterFileName(), kMaxClusterFileBytes);
    switch (read.outcome) {
    case IoOutcome::Ok:
        return parseClusterIdentity(read.bytes, identityFile);
    case IoOutcome::Absent:
        return Error(QStringLiteral("%1 is missing: this is not an initialised hacmp directory (is the shared storage "
                                    "mounted at %2? run 'hacmpctl init' once)")
                         .arg(identityFile, directory.describe()));
    case IoOutcome::Failed:
    case IoOutcome::TimedOut:
    case IoOutcome::Busy:
        break;
    }
    return Error(read.error.isEmpty() ? QStringLiteral("%1 cannot be read").arg(identityFile) : read.error);
}

Result<std::unique_ptr<FsClusterDirectory>> openCluster(const QString &path, const QString &expectedCluster)
{
    Result<std::unique_ptr<FsClusterDirectory>> opened = FsClusterDirectory::open(path);
    if (!opened)
        return opened;
    const Result<QString> name = readClusterName(*opened.value());
    if (!name)
        return Error(name.error());
    if (name.value() != expectedCluster)
        return Error(QStringLiteral("%1 names cluster \"%2\", but this host is configured for cluster \"%3\": check "
                                    "the directory and the cluster name in the configuration")
                         .arg(clusterFileOf(opened.value()->describe()), name.value(), expectedCluster));
    return opened;
}

} // namespace hacmp
