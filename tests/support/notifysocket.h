#pragma once

#include <QByteArray>
#include <QList>
#include <QSocketNotifier>
#include <QString>

#include <memory>

namespace hacmp::test {

/// A stand-in for systemd's NOTIFY_SOCKET (no systemd runs on the test machines): a datagram socket
/// bound to a path, collecting the messages that arrive while the event loop runs.
class NotifySocket final
{
public:
    explicit NotifySocket(const QString &path);
    ~NotifySocket();
    Q_DISABLE_COPY_MOVE(NotifySocket)

    bool bound() const { return m_bound; }
    const QList<QByteArray> &messages() const { return m_messages; }

private:
    int m_fd;
    bool m_bound = false;
    QList<QByteArray> m_messages;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace hacmp::test
