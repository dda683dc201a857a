#include "agent/daemon/systemdnotifier.h"

#include "agent/daemon/agentlog.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace hacmp::agent {

SystemdNotifier::SystemdNotifier(QObject *parent)
    : QObject(parent)
{
    m_address = qgetenv("NOTIFY_SOCKET");
    if (m_address.isEmpty())
        return;
    if (m_address.size() >= qsizetype(sizeof(sockaddr_un::sun_path))
        || (m_address.front() != '/' && m_address.front() != '@')) {
        qCWarning(lcAgent, "NOTIFY_SOCKET %s is not a socket path: systemd notification is off", m_address.constData());
        return;
    }
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        qCWarning(lcAgent, "cannot create a socket for systemd notification: %s", std::strerror(errno));
        return;
    }
    bool ok = false;
    const qint64 usec = qEnvironmentVariable("WATCHDOG_USEC").toLongLong(&ok);
    const QByteArray watchdogPid = qgetenv("WATCHDOG_PID");
    const bool forUs = watchdogPid.isEmpty() || watchdogPid.toLongLong() == QCoreApplication::applicationPid();
    if (ok && usec > 0 && forUs) {
        connect(&m_watchdog, &QTimer::timeout, this, [this] { send(QByteArrayLiteral("WATCHDOG=1")); });
        m_watchdog.start(int(std::max<qint64>(usec / 2000, 1)));
    }
}

SystemdNotifier::~SystemdNotifier()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void SystemdNotifier::ready()
{
    if (m_ready)
        return;
    m_ready = true;
    send(QByteArrayLiteral("READY=1"));
}

void SystemdNotifier::status(const QString &text)
{
    if (text == m_status)
        return;
    m_status = text;
    send(QByteArrayLiteral("STATUS=") + text.toUtf8());
}

void SystemdNotifier::stopping()
{
    send(QByteArrayLiteral("STOPPING=1"));
}

void SystemdNotifier::reloading()
{
    send(QByteArrayLiteral("RELOADING=1"));
}

void SystemdNotifier::send(const QByteArray &message)
{
    if (m_fd < 0)
        return;
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, m_address.constData(), size_t(m_address.size()));
    if (address.sun_path[0] == '@')
        address.sun_path[0] = '\0'; // an abstract socket
    const socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(m_address.size()));
    if (::sendto(m_fd, message.constData(), size_t(message.size()), MSG_NOSIGNAL,
            reinterpret_cast<const sockaddr *>(&address), length)
        < 0)
        qCDebug(lcAgent, "systemd notification %s failed: %s", message.constData(), std::strerror(errno));
}

} // namespace hacmp::agent
