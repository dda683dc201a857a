#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace hacmp::test {

/// A bindfs FUSE mount of a temporary folder (or of a given one) whose bindfs process can be stopped:
/// every call on the mount then hangs, as on a dead hard-mounted NFS server. For tests that the event
/// loop, a lane or a command never waits on a hung directory, and for one host's own view of a shared
/// folder. Needs root, /dev/fuse and bindfs (skipReason() says which is missing); the destructor resumes
/// the server, unmounts and stops it.
class HungMount final
{
public:
    HungMount();
    /// Mounts the existing folder source instead of a temporary one.
    explicit HungMount(const QString &source);
    ~HungMount();
    Q_DISABLE_COPY_MOVE(HungMount)

    /// Why mounting cannot work here (no bindfs, no FUSE, not root), or an empty string.
    static QString skipReason();

    /// Mounts source() at mountPoint(); false when the mount did not appear (error() says why).
    bool mount();
    /// SIGSTOP / SIGCONT of the bindfs process; stop() returns once every thread of it has stopped.
    bool stop();
    bool resume();

    /// The real folder behind the mount: write through this to prepare files without the mount.
    QString source() const { return m_source; }
    QString mountPoint() const;
    QString error() const { return m_error; }
    bool stopped() const { return m_stopped; }

private:
    bool isMounted() const;
    bool allThreadsStopped() const;
    void unmount();

    QTemporaryDir m_temp;
    QString m_source;
    QProcess m_server;
    bool m_stopped = false;
    QString m_error;
};

} // namespace hacmp::test
