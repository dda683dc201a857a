#include "agent/daemon/directorywatcher.h"

#include "shared/protocol/monotime.h"
#include "shared/storage/controlfiles.h"

#include <QFileInfo>
#include <QFileSystemWatcher>

namespace hacmp::agent {

DirectoryWatcher::DirectoryWatcher(const QString &directory, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_thread(new QThread)
    , m_watcher(new QFileSystemWatcher)
{
    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        m_lastEmitted = monotonicNow();
        rewatch();
        emit changed();
    });
    m_thread->setObjectName(QStringLiteral("hacmp-watch"));
    m_watcher->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_watcher, &QObject::deleteLater);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &DirectoryWatcher::onChange);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &DirectoryWatcher::onChange);
    m_thread->start();
    rewatch();
}

DirectoryWatcher::~DirectoryWatcher()
{
    m_thread->quit();
    if (m_thread->wait(QDeadlineTimer(250)))
        delete m_thread;
    // else: the thread is blocked on the storage; it is left to the end of the process
}

void DirectoryWatcher::rewatch()
{
    // Watches of files are lost when a file is replaced or removed: add what exists now again.
    const QStringList wanted { m_directory, m_directory + QLatin1Char('/') + standbyFolder(),
        m_directory + QLatin1Char('/') + clearFolder(), m_directory + QLatin1Char('/') + appRequestFolder(),
        m_directory + QLatin1Char('/') + maintenancePath(), m_directory + QLatin1Char('/') + switchoverPath() };
    QFileSystemWatcher *watcher = m_watcher;
    QMetaObject::invokeMethod(m_watcher, [watcher, wanted] {
        const QStringList watched = watcher->files() + watcher->directories();
        for (const QString &path : wanted) {
            if (!watched.contains(path) && QFileInfo::exists(path))
                watcher->addPath(path);
        }
    });
}

void DirectoryWatcher::onChange()
{
    if (m_debounce.isActive())
        return;
    const Millis sinceLast = monotonicNow() - m_lastEmitted;
    m_debounce.start(m_lastEmitted == kNever || sinceLast >= kMinimumGap ? Millis(0) : kMinimumGap - sinceLast);
}

} // namespace hacmp::agent
