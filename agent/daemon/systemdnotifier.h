#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

namespace hacmp::agent {

/// systemd's Type=notify protocol without libsystemd (docs/architecture.md, systemd): datagrams to
/// $NOTIFY_SOCKET (READY=1, STATUS=..., STOPPING=1) and WATCHDOG=1 at half of $WATCHDOG_USEC from
/// the event loop, so that a stuck loop is noticed. Does nothing when NOTIFY_SOCKET is not set.
class SystemdNotifier final : public QObject
{
    Q_OBJECT

public:
    /// Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID of this process's environment.
    explicit SystemdNotifier(QObject *parent = nullptr);
    ~SystemdNotifier() override;
    Q_DISABLE_COPY_MOVE(SystemdNotifier)

    bool enabled() const { return m_fd >= 0; }
    /// The watchdog ping interval (0 when systemd asks for none).
    int watchdogIntervalMs() const { return m_watchdog.isActive() ? m_watchdog.interval() : 0; }

    /// READY=1, once.
    void ready();
    /// STATUS=text, when it differs from the last one sent.
    void status(const QString &text);
    void stopping();
    /// RELOADING=1: a restart in place follows, whose READY=1 ends it.
    void reloading();

private:
    void send(const QByteArray &message);

    int m_fd = -1;
    QByteArray m_address;
    bool m_ready = false;
    QString m_status;
    QTimer m_watchdog;
};

} // namespace hacmp::agent
