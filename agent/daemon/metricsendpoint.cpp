#include "agent/daemon/metricsendpoint.h"

#include "agent/daemon/metricsrenderer.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QTcpServer>

namespace hacmp::agent {

MetricsEndpoint::MetricsEndpoint(std::function<QByteArray()> scrape, QObject *parent)
    : QObject(parent)
    , m_scrape(std::move(scrape))
    , m_server(std::make_unique<QHttpServer>())
{
    using Method = QHttpServerRequest::Method;
    // Rules are tried in order: GET first, then every other method on the same path.
    m_server->route(QStringLiteral("/metrics"), Method::Get, [this] {
        QHttpServerResponse response(MetricsRenderer::contentType(), m_scrape());
        return response;
    });
    m_server->route(QStringLiteral("/metrics"), Method::AnyKnown, [] {
        QHttpServerResponse response(
            QByteArrayLiteral("only GET /metrics\n"), QHttpServerResponse::StatusCode::MethodNotAllowed);
        response.setHeader(QByteArrayLiteral("Allow"), QByteArrayLiteral("GET"));
        return response;
    });
}

MetricsEndpoint::~MetricsEndpoint() = default;

Status MetricsEndpoint::listen(const QString &address, quint16 port)
{
    QHostAddress host;
    if (!host.setAddress(address))
        return Error(QStringLiteral("%1 is not an IP address").arg(address));
    auto *tcp = new QTcpServer(m_server.get());
    if (!tcp->listen(host, port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return Error(why);
    }
    m_port = tcp->serverPort();
    m_server->bind(tcp);
    return {};
}

} // namespace hacmp::agent
