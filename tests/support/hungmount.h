#pragma once

#include "shared/base/result.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <optional>

namespace hacmp::test {

/// A bindfs FUSE mount of a folder whose server a test can stop, like a dead hard-mounted NFS server
/// (every call on the mount hangs), or cut off, like a file server that went away (every call fails). For
/// tests that the event loop, a lane or a command never waits on a hung directory, and for one host's own
/// view of a shared folder (the lab's hosts, made outside their namespaces so that one host alone loses the
/// storage). Needs root, /dev/fuse and bindfs (skipReason() says which is missing); the destructor resumes
/// the server, unmounts and ends it.
class HungMount final
{
public:
    /// Mounts source (a new temporary folder when empty) at mountPoint (a temporary one when empty).
    explicit HungMount(const QString &source = QString(), const QString &mountPoint = QString());
    ~HungMount();
    Q_DISABLE_COPY_MOVE(HungMount)

    /// Why mounting cannot work here (no bindfs, no FUSE, not root), or an empty string.
    static QString skipReason();
    /// Why abort() cannot work here (no FUSE control file system, and it cannot be mounted), or an empty string.
    static QString abortSkipReason();

    /// Makes the mount unless a working one is there (after abort(), a new one replaces it).
    Status mount();
    /// SIGSTOP of the bindfs process; returns once every thread of it has stopped.
    Status stop();
    /// SIGCONT of the bindfs process: the hung calls go on.
    Status resume();
    /// Aborts the FUSE connection: every call fails with an I/O error until mount() makes the mount again.
    Status abort();
    /// Unmounts (after resuming a stopped server) and ends the server.
    void unmount();

    /// The real folder behind the mount: write through this to prepare files without the mount.
    const QString &source() const { return m_source; }
    const QString &mountPoint() const { return m_mountPoint; }
    bool stopped() const { return m_stopped; }

private:
    /// The FUSE connection's number (the mount's device minor), or -1 when not mounted.
    int connection() const;
    bool allThreadsStopped() const;
    void endServer();

    std::optional<QTemporaryDir> m_temp;
    QString m_source;
    QString m_mountPoint;
    QProcess m_server;
    bool m_stopped = false;
    bool m_aborted = false;
};

} // namespace hacmp::test
