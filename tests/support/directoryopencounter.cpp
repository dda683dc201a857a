#include "tests/support/directoryopencounter.h"

#include <QDirIterator>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <sys/inotify.h>
#include <unistd.h>

namespace hacmp::test {

DirectoryOpenCounter::DirectoryOpenCounter(const QString &root)
    : m_fd(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC))
{
    if (m_fd < 0) {
        m_error = QStringLiteral("inotify_init1 failed: %1").arg(QString::fromLocal8Bit(::strerror(errno)));
        return;
    }
    QStringList folders { root };
    QDirIterator below(root, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (below.hasNext())
        folders << below.next();
    // The close events separate consecutive opens of one file, which inotify would merge otherwise.
    for (const QString &folder : std::as_const(folders)) {
        const int watch = ::inotify_add_watch(m_fd, QFile::encodeName(folder).constData(), IN_OPEN | IN_CLOSE);
        if (watch < 0)
            m_error = QStringLiteral("cannot watch %1: %2").arg(folder, QString::fromLocal8Bit(::strerror(errno)));
        if (folder == root)
            m_rootWatch = watch;
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] { drain(); });
}

DirectoryOpenCounter::~DirectoryOpenCounter()
{
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 DirectoryOpenCounter::opens()
{
    drain();
    return m_opens;
}

qint64 DirectoryOpenCounter::writeOpens()
{
    drain();
    return m_writeOpens;
}

void DirectoryOpenCounter::drain()
{
    alignas(inotify_event) char buffer[16384];
    ssize_t got = 0;
    while (m_fd >= 0 && (got = ::read(m_fd, buffer, sizeof buffer)) > 0) {
        for (ssize_t at = 0; at < got;) {
            const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
            // A folder's own event (no name) is counted only for the root: its parent reports the others.
            if (event->len > 0 || event->wd == m_rootWatch) {
                m_opens += (event->mask & IN_OPEN) ? 1 : 0;
                m_writeOpens += (event->mask & IN_CLOSE_WRITE) ? 1 : 0;
            }
            if (event->mask & IN_Q_OVERFLOW)
                m_error = QStringLiteral("the inotify queue overflowed: the counts are too low");
            at += ssize_t(sizeof(inotify_event) + event->len);
        }
    }
}

} // namespace hacmp::test
