#pragma once

#include "tests/lab/labimplementation.h"
#include "tests/support/hungmount.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace hacmp::lab {

/// One simulated host of the lab: its daemon runs in its own UTS, PID and mount namespaces (its own
/// hostname, /etc/machine-id and /proc) and sees the shared directory through its own HungMount. A boot
/// runs the implementation's daemon there; crash() ends every process of the host at once (SIGKILL of the
/// namespace's init), stop() asks the daemon to stop cleanly. Each boot has its own application ledger,
/// since process ids start again in a new PID namespace.
class LabHost final
{
public:
    /// node names the host; its files live in folder, its mount shows sharedSource.
    LabHost(const QString &node, const QString &dataCenter, const QString &folder, const QString &sharedSource,
        const QString &lockPath);
    ~LabHost();
    Q_DISABLE_COPY_MOVE(LabHost)

    /// Why hosts cannot be simulated here, or an empty string.
    static QString skipReason();

    const QString &node() const { return m_node; }
    const QString &dataCenter() const { return m_dataCenter; }
    test::HungMount &mount() { return m_mount; }

    /// Local restarts of a failing application (LabHostSetup::restartLimit) for the next boots.
    void setRestartLimit(int limit) { m_restartLimit = limit; }
    /// Boots the host: mounts its view if needed and runs implementation's daemon with extra environment
    /// variables (NAME=VALUE, e.g. to fake its wall clock).
    Status boot(LabImplementation &implementation, const QStringList &environment = {});
    bool running() const { return m_init.state() != QProcess::NotRunning; }
    /// Whether the host is down (waiting up to ms for its daemon to end).
    bool waitDown(int ms);
    /// Sends the daemon its stop signal and waits up to timeout; then crashes the host if it still runs.
    /// With everyProcess, every process of the host gets the signal (systemd's KillMode=control-group), the
    /// daemon last, once the others have ended. False when it had to be crashed.
    bool stop(int signal, Millis timeout, bool everyProcess = false);
    /// Every process of the host ends at once, as in a power cut.
    void crash();
    /// Stops the daemon alone, as `systemctl stop` of its service does on a machine that stays up: sends it
    /// signal (with everyProcess, as in stop()) and waits up to timeout for it to exit. What it leaves running
    /// runs on; the host stays up until startDaemon(), stop() or crash(). False when it did not exit in time.
    bool stopDaemon(int signal, Millis timeout, bool everyProcess = false);
    /// Starts the daemon again, with the command line of the last boot, on a host whose daemon was stopped
    /// with stopDaemon() (as `systemctl start` would).
    Status startDaemon();
    /// Whether the host is up and its daemon runs.
    bool daemonRunning() const;
    /// Starts arguments (the program first) inside the host's namespaces, as an operator's shell on the host
    /// would, and does not wait for it: its output goes to the daemon's log; it ends at the latest with the host.
    Status runByHand(const QStringList &arguments);
    /// The application's command line of the last boot (what the implementation was given to run).
    const QStringList &application() const { return m_application; }
    /// SIGSTOP / SIGCONT of the daemon alone (not of what it started).
    bool freezeDaemon();
    bool thawDaemon();
    /// Sends signal to the process of this host whose pid in the host's PID namespace is hostPid.
    bool signalProcess(qint64 hostPid, int signal) const;

    /// The ledgers of every boot so far, oldest first.
    const QStringList &ledgers() const { return m_ledgers; }
    /// The last lines of the daemon's log, for failure reports.
    QString logTail(int bytes) const;
    QString logPath() const;
    const QString &folder() const { return m_folder; }

private:
    /// The pids (in the lab's PID namespace) of every process of the host, its init included.
    QStringList processes() const;
    /// Sends the stop signal to the daemon (first to every other process of the host, with everyProcess,
    /// holding the daemon until they have ended or timeout has passed since took started).
    void signalStop(int signal, Millis timeout, bool everyProcess, const QElapsedTimer &took) const;
    /// The files through which the host's init keeps the host up after its daemon exits and runs it again.
    QString stayUpPath() const;
    QString startDaemonPath() const;
    /// The pid (in the lab's namespace) of a child of parent that runs program (any child when program is
    /// empty), waiting up to ms for it.
    static qint64 childOf(qint64 parent, const QString &program, int ms);

    QString m_node;
    QString m_dataCenter;
    QString m_folder;
    QString m_lockPath;
    test::HungMount m_mount;
    int m_restartLimit = 3;
    QProcess m_init; ///< unshare; its child is the namespace's init, whose child is the daemon
    qint64 m_initPid = 0;
    qint64 m_daemonPid = 0;
    QString m_daemonProgram;
    QStringList m_application;
    QStringList m_ledgers;
};

} // namespace hacmp::lab
