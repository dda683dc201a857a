#include "agent/daemon/configsafety.h"

#include "shared/storage/iolane.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstring>
#include <sys/stat.h>

namespace hacmp::agent {

namespace {

QString modeText(mode_t mode)
{
    return QStringLiteral("0%1").arg(mode & 07777, 0, 8);
}

/// Problems that let someone other than root change path (a file, or the folder holding one).
QStringList writableByOthers(const QString &path, const QString &what)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return {
            QStringLiteral("%1 %2 cannot be checked: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(errno)))
        };
    QStringList problems;
    if (info.st_uid != 0)
        problems << QStringLiteral("%1 %2 is owned by uid %3, not root: anyone who owns it decides what the agent "
                                   "runs as root; make it root's (chown root:root %2)")
                        .arg(what, path)
                        .arg(info.st_uid);
    if ((info.st_mode & S_IWOTH) || ((info.st_mode & S_IWGRP) && info.st_gid != 0))
        problems << QStringLiteral("%1 %2 is writable by users other than root (mode %3, group %4): "
                                   "make it writable by root only (chmod go-w %2)")
                        .arg(what, path, modeText(info.st_mode))
                        .arg(info.st_gid);
    return problems;
}

} // namespace

QStringList ConfigSafety::checkConfigFile(const QString &path, bool runningAsRoot)
{
    if (!runningAsRoot)
        return {};
    const QFileInfo info(path);
    return writableByOthers(info.absoluteFilePath(), QStringLiteral("The configuration file"))
        + writableByOthers(info.absolutePath(), QStringLiteral("The folder of the configuration file"));
}

QStringList ConfigSafety::checkClusterDirectory(const AgentConfig &config)
{
    if (config.cluster.usesEtcd())
        return {}; // no path to check: etcd's own authentication (TLS client certificates, users) guards the keys
    const QString &path = config.cluster.directory;
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return { QStringLiteral("%1: [cluster] directory %2 cannot be checked: %3; is the shared storage mounted?")
                     .arg(config.path, path, QString::fromLocal8Bit(std::strerror(errno))) };
    if (!(info.st_mode & S_IWOTH) || config.cluster.allowWorldWritable)
        return {};
    return { QStringLiteral("%1: [cluster] directory %2 is world-writable (mode %3): any local user could forge "
                            "heartbeats and control files; remove the write permission for others (chmod o-w %2) "
                            "or, if that is really intended, set [cluster] allow_world_writable = true")
                 .arg(config.path, path, modeText(info.st_mode)) };
}

Status ConfigSafety::check(const AgentConfig &config, bool runningAsRoot, Millis deadline)
{
    QStringList problems = checkConfigFile(config.path, runningAsRoot);
    if (config.cluster.usesEtcd())
        return problems.isEmpty() ? Status {} : Status(Error(problems.join(QLatin1Char('\n'))));
    IoLane lane;
    const std::optional<QStringList> directory = callWithDeadline<QStringList>(
        lane, [config] { return checkClusterDirectory(config); }, deadline);
    if (directory)
        problems += *directory;
    else
        problems << QStringLiteral("%1: [cluster] directory %2 did not answer within %3 ms: is the shared storage "
                                   "reachable?")
                        .arg(config.path, config.cluster.directory)
                        .arg(deadline.count());
    if (problems.isEmpty())
        return {};
    return Error(problems.join(QLatin1Char('\n')));
}

} // namespace hacmp::agent
