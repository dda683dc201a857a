#pragma once

#include "shared/base/result.h"

#include <QProcess>
#include <QString>

namespace hacmp::lab {

/// One simulated host's path to the shared storage: a bindfs FUSE mount of the shared folder, made
/// outside the host's namespaces so that the lab can cut that host alone from the storage. hang() stops
/// the bindfs process (every call on the mount blocks, like a dead hard-mounted NFS server), resume()
/// lets it go on, abort() aborts the FUSE connection (every call fails with an I/O error until the mount
/// is made again). The destructor resumes, unmounts and ends the server.
class HostMount final
{
public:
    HostMount(const QString &source, const QString &mountPoint);
    ~HostMount();
    Q_DISABLE_COPY_MOVE(HostMount)

    /// Why per-host mounts cannot work here (no bindfs, no FUSE, not root), or an empty string.
    static QString skipReason();

    /// Makes the mount unless a working one is there (after abort(), a new one replaces it).
    Status mount();
    Status hang();
    Status resume();
    Status abort();
    /// Unmounts (after resuming or aborting a stuck server) and ends the server.
    void unmount();

    const QString &mountPoint() const { return m_mountPoint; }
    bool hung() const { return m_hung; }

private:
    /// The FUSE connection's number (the mount's device minor), or -1 when not mounted.
    int connection() const;
    bool allThreadsStopped() const;
    void endServer();

    QString m_source;
    QString m_mountPoint;
    QProcess m_server;
    bool m_hung = false;
    bool m_aborted = false;
};

} // namespace hacmp::lab
