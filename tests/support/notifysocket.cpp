#include "tests/support/notifysocket.h"

#include <QFile>

#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace hacmp::test {

NotifySocket::NotifySocket(const QString &path)
    : m_fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0))
{
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    const QByteArray bytes = QFile::encodeName(path);
    if (m_fd < 0 || bytes.size() >= qsizetype(sizeof address.sun_path))
        return;
    std::memcpy(address.sun_path, bytes.constData(), size_t(bytes.size()));
    m_bound = ::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [this] {
        char buffer[4096];
        ssize_t got = 0;
        while ((got = ::recv(m_fd, buffer, sizeof buffer, 0)) > 0)
            m_messages << QByteArray(buffer, qsizetype(got));
    });
}

NotifySocket::~NotifySocket()
{
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

} // namespace hacmp::test
