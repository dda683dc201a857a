#include "tests/support/hungmount.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

#include <csignal>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <unistd.h>

namespace hacmp::test {

namespace {

constexpr int kWaitMs = 5000;
const QString kFuseConnections = QStringLiteral("/sys/fs/fuse/connections");
constexpr auto kFuseControlMagic = 0x65735543; // FUSE_CTL_SUPER_MAGIC

QString bindfsPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("bindfs"));
}

/// Mounts the FUSE control file system when it is not there (abort() needs it).
bool fuseControlAvailable()
{
    const QByteArray path = QFile::encodeName(kFuseConnections);
    struct statfs info
    { };
    if (::statfs(path.constData(), &info) == 0 && info.f_type == kFuseControlMagic)
        return true;
    return ::mount("fusectl", path.constData(), "fusectl", 0, nullptr) == 0;
}

} // namespace

HungMount::HungMount(const QString &source, const QString &mountPoint)
    : m_source(source)
    , m_mountPoint(mountPoint)
{
    if (m_source.isEmpty() || m_mountPoint.isEmpty())
        m_temp.emplace();
    if (m_source.isEmpty())
        m_source = m_temp->path() + QStringLiteral("/source");
    if (m_mountPoint.isEmpty())
        m_mountPoint = m_temp->path() + QStringLiteral("/mnt");
    QDir().mkpath(m_source);
    QDir().mkpath(m_mountPoint);
}

HungMount::~HungMount()
{
    unmount();
}

QString HungMount::skipReason()
{
    if (bindfsPath().isEmpty())
        return QStringLiteral("bindfs is not installed (apt-get install bindfs)");
    if (!QFileInfo::exists(QStringLiteral("/dev/fuse")))
        return QStringLiteral("/dev/fuse does not exist: FUSE is not available");
    if (::geteuid() != 0)
        return QStringLiteral("mounting bindfs needs root here");
    return QString();
}

QString HungMount::abortSkipReason()
{
    if (!fuseControlAvailable())
        return QStringLiteral("the FUSE control file system is not mounted and cannot be (mount -t fusectl none %1)")
            .arg(kFuseConnections);
    return QString();
}

int HungMount::connection() const
{
    QFile mounts(QStringLiteral("/proc/self/mountinfo"));
    if (!mounts.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray point = QFile::encodeName(m_mountPoint);
    // "36 35 0:42 / /mount/point rw,... - fuse source rw,..."; the last matching line is the visible mount
    int found = -1;
    for (const QByteArray &line : mounts.readAll().split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() > 4 && fields.at(4) == point)
            found = fields.at(2).mid(fields.at(2).indexOf(':') + 1).toInt();
    }
    return found;
}

Status HungMount::mount()
{
    if (m_server.state() == QProcess::Running && !m_aborted && connection() >= 0)
        return Status::success();
    unmount();
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.setStandardOutputFile(QProcess::nullDevice());
    m_server.start(bindfsPath(), { QStringLiteral("-f"), m_source, m_mountPoint });
    if (!m_server.waitForStarted(kWaitMs))
        return Error(QStringLiteral("bindfs did not start for %1: %2").arg(m_mountPoint, m_server.errorString()));
    QElapsedTimer waited;
    waited.start();
    while (connection() < 0 && m_server.state() == QProcess::Running && waited.elapsed() < kWaitMs)
        QThread::msleep(10);
    if (connection() < 0)
        return Error(
            QStringLiteral("bindfs could not mount %1 on %2 (no FUSE permission here?)").arg(m_source, m_mountPoint));
    m_aborted = false;
    return Status::success();
}

Status HungMount::stop()
{
    if (m_server.state() != QProcess::Running || ::kill(pid_t(m_server.processId()), SIGSTOP) != 0)
        return Error(QStringLiteral("the bindfs process of %1 is not running").arg(m_mountPoint));
    m_stopped = true;
    // SIGSTOP lands asynchronously: a server thread still running could take the next request and then stop
    // holding it, which makes the caller's wait uninterruptible (even SIGKILL waits). Wait until all stopped.
    QElapsedTimer waited;
    waited.start();
    while (!allThreadsStopped() && waited.elapsed() < kWaitMs)
        QThread::msleep(1);
    return allThreadsStopped() ? Status::success()
                               : Status(Error(QStringLiteral("bindfs of %1 did not stop").arg(m_mountPoint)));
}

bool HungMount::allThreadsStopped() const
{
    const QString tasks = QStringLiteral("/proc/%1/task").arg(m_server.processId());
    const QStringList threads = QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &thread : threads) {
        QFile stat(tasks + QLatin1Char('/') + thread + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue; // the thread ended
        const QByteArray line = stat.readAll();
        const qsizetype state = line.lastIndexOf(')') + 2; // "pid (comm) S ..."
        if (state >= line.size() || (line.at(state) != 'T' && line.at(state) != 't'))
            return false;
    }
    return !threads.isEmpty();
}

Status HungMount::resume()
{
    if (m_server.state() != QProcess::Running || ::kill(pid_t(m_server.processId()), SIGCONT) != 0)
        return Error(QStringLiteral("the bindfs process of %1 is not running").arg(m_mountPoint));
    m_stopped = false;
    return Status::success();
}

Status HungMount::abort()
{
    const int number = connection();
    if (number < 0)
        return Error(QStringLiteral("%1 is not mounted").arg(m_mountPoint));
    QFile control(QStringLiteral("%1/%2/abort").arg(kFuseConnections).arg(number));
    if (!control.open(QIODevice::WriteOnly) || control.write("1") != 1)
        return Error(QStringLiteral("cannot abort the FUSE connection of %1 through %2: %3")
                         .arg(m_mountPoint, control.fileName(), control.errorString()));
    m_aborted = true;
    return Status::success();
}

void HungMount::unmount()
{
    if (m_stopped)
        resume();
    if (connection() >= 0) {
        // A lazy unmount never waits on the server; copies in other mount namespaces go with them.
        ::umount2(QFile::encodeName(m_mountPoint).constData(), MNT_DETACH);
    }
    endServer();
}

void HungMount::endServer()
{
    // The mount is detached already, but a mount namespace made while it existed (a lab host's, or an
    // unshare --mount of another test) holds a copy that keeps the server serving: end it instead of waiting.
    if (m_server.state() == QProcess::NotRunning)
        return;
    m_server.kill();
    m_server.waitForFinished(kWaitMs);
}

} // namespace hacmp::test
