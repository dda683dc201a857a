#include "tests/support/hungmount.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace hacmp::test {

namespace {

constexpr int kMountWaitMs = 5000;

QString bindfsPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("bindfs"));
}

} // namespace

HungMount::HungMount()
    : m_source(m_temp.path() + QStringLiteral("/source"))
{
    QDir().mkpath(m_source);
    QDir().mkpath(mountPoint());
}

HungMount::HungMount(const QString &source)
    : m_source(source)
{
    QDir().mkpath(mountPoint());
}

HungMount::~HungMount()
{
    if (m_stopped)
        resume();
    unmount();
    // A mount namespace made while the mount existed (unshare --mount, by another test) holds a copy of it,
    // which keeps the server serving after the unmount here: ask it to end instead of waiting for that.
    if (m_server.state() != QProcess::NotRunning)
        m_server.terminate();
    if (m_server.state() != QProcess::NotRunning && !m_server.waitForFinished(kMountWaitMs))
        m_server.kill();
    m_server.waitForFinished(kMountWaitMs);
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

QString HungMount::mountPoint() const
{
    return m_temp.path() + QStringLiteral("/mnt");
}

bool HungMount::isMounted() const
{
    QFile mounts(QStringLiteral("/proc/self/mountinfo"));
    if (!mounts.open(QIODevice::ReadOnly))
        return false;
    const QByteArray needle = ' ' + QFile::encodeName(mountPoint()) + ' ';
    return mounts.readAll().contains(needle);
}

bool HungMount::mount()
{
    m_server.setProcessChannelMode(QProcess::ForwardedChannels);
    m_server.start(bindfsPath(), { QStringLiteral("-f"), source(), mountPoint() });
    if (!m_server.waitForStarted(kMountWaitMs)) {
        m_error = QStringLiteral("bindfs did not start: %1").arg(m_server.errorString());
        return false;
    }
    QElapsedTimer waited;
    waited.start();
    while (!isMounted() && m_server.state() != QProcess::NotRunning && waited.elapsed() < kMountWaitMs)
        QThread::msleep(10);
    if (!isMounted()) {
        m_error = QStringLiteral("bindfs could not mount %1 (no FUSE permission in this container?)").arg(mountPoint());
        return false;
    }
    return true;
}

bool HungMount::stop()
{
    if (m_server.state() != QProcess::Running || ::kill(pid_t(m_server.processId()), SIGSTOP) != 0)
        return false;
    m_stopped = true;
    // SIGSTOP lands asynchronously: a server thread still running could take the next request and then stop
    // holding it, which makes the caller's wait uninterruptible (even SIGKILL waits). Wait until all stopped.
    QElapsedTimer waited;
    waited.start();
    while (!allThreadsStopped() && waited.elapsed() < kMountWaitMs)
        QThread::msleep(1);
    return allThreadsStopped();
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

bool HungMount::resume()
{
    if (m_server.state() != QProcess::Running || ::kill(pid_t(m_server.processId()), SIGCONT) != 0)
        return false;
    m_stopped = false;
    return true;
}

void HungMount::unmount()
{
    if (!isMounted())
        return;
    QString fusermount = QStandardPaths::findExecutable(QStringLiteral("fusermount3"));
    if (fusermount.isEmpty())
        fusermount = QStandardPaths::findExecutable(QStringLiteral("fusermount"));
    const bool unmounted
        = !fusermount.isEmpty() && QProcess::execute(fusermount, { QStringLiteral("-u"), mountPoint() }) == 0;
    if (!unmounted)
        QProcess::execute(QStringLiteral("umount"), { QStringLiteral("-l"), mountPoint() });
}

} // namespace hacmp::test
