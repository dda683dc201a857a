#pragma once

#include "shared/base/result.h"

#include <QByteArray>
#include <QObject>

#include <functional>
#include <memory>

class QHttpServer;

namespace hacmp::agent {

/// The agent's HTTP endpoint for Prometheus ([metrics] listen), on Qt's HTTP server: GET /metrics answers
/// with what scrape() returns (cheap reads of values the agent keeps, on the event loop), another method
/// on /metrics gets 405 and any other path 404. It never touches the storage or the election.
class MetricsEndpoint final : public QObject
{
    Q_OBJECT

public:
    explicit MetricsEndpoint(std::function<QByteArray()> scrape, QObject *parent = nullptr);
    ~MetricsEndpoint() override;
    Q_DISABLE_COPY_MOVE(MetricsEndpoint)

    /// Listens on address (an IP address) and port (0: any free port); the error says why it cannot.
    Status listen(const QString &address, quint16 port);
    /// The port listened on (0 before listen).
    quint16 port() const { return m_port; }

private:
    std::function<QByteArray()> m_scrape;
    std::unique_ptr<QHttpServer> m_server;
    quint16 m_port = 0;
};

} // namespace hacmp::agent
