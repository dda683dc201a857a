#pragma once

#include "shared/protocol/monotime.h"

#include <QObject>
#include <QThread>
#include <QTimer>

class QFileSystemWatcher;

namespace hacmp::agent {

/// Lowers the agent's reaction time to control-file changes made on this host (docs/architecture.md,
/// Watching files): watches the cluster directory (maintenance, switchover), standby/ and clear/ and
/// asks for an early tick, debounced to at most one per minimum gap. inotify does not see other NFS
/// clients and drops watches of replaced files, so the agent's polling stays the source of truth.
/// Adding watches stats paths of the shared storage, which may hang: the watcher lives on a thread
/// of its own, never on the caller's event loop.
class DirectoryWatcher final : public QObject
{
    Q_OBJECT

public:
    static constexpr Millis kMinimumGap { 100 };

    explicit DirectoryWatcher(const QString &directory, QObject *parent = nullptr);
    ~DirectoryWatcher() override;
    Q_DISABLE_COPY_MOVE(DirectoryWatcher)

signals:
    /// Something changed; at most once per kMinimumGap.
    void changed();

private:
    void onChange();
    void rewatch();

    QString m_directory;
    QThread *m_thread;
    QFileSystemWatcher *m_watcher; ///< lives on m_thread
    QTimer m_debounce;
    MonoTime m_lastEmitted = kNever;
};

} // namespace hacmp::agent
