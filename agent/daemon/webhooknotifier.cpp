#include "agent/daemon/webhooknotifier.h"

#include "agent/daemon/agentlog.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace hacmp::agent {

WebhookNotifier::WebhookNotifier(QObject *parent)
    : QObject(parent)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &WebhookNotifier::post);
}

void WebhookNotifier::setUrl(const QUrl &url, Millis timeout, Millis firstRetry)
{
    m_url = url;
    m_timeout = timeout;
    m_firstRetry = firstRetry;
    if (m_url.isEmpty()) {
        m_queue.clear();
        m_retry.stop();
    }
}

void WebhookNotifier::notify(const QByteArray &eventJson)
{
    if (m_url.isEmpty())
        return;
    if (m_queue.size() >= kQueueLimit) {
        ++m_dropped;
        qCWarning(lcAgent, "[notify] webhook: %lld events waiting, event dropped (%llu dropped so far)",
            qlonglong(m_queue.size()), m_dropped);
        return;
    }
    m_queue.enqueue(eventJson);
    if (m_queue.size() == 1 && !m_reply && !m_retry.isActive()) {
        m_attempt = 0;
        post();
    }
}

void WebhookNotifier::post()
{
    if (m_queue.isEmpty() || m_url.isEmpty())
        return;
    ++m_attempt;
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(int(m_timeout.count()));
    m_reply = m_network.post(request, m_queue.head());
    connect(m_reply, &QNetworkReply::finished, this, &WebhookNotifier::onFinished);
}

void WebhookNotifier::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool ok = reply->error() == QNetworkReply::NoError && status >= 200 && status < 300;
    if (!ok && m_attempt < kAttempts) {
        const Millis delay = m_firstRetry * (1 << (m_attempt - 1));
        qCInfo(lcAgent, "[notify] webhook %s failed (%s), attempt %d of %d; retrying in %lld ms",
            qUtf8Printable(m_url.toDisplayString()), qUtf8Printable(reply->errorString()), m_attempt, kAttempts,
            qlonglong(delay.count()));
        m_retry.start(delay);
        return;
    }
    if (!ok) {
        ++m_dropped;
        qCWarning(lcAgent, "[notify] webhook %s failed %d times (%s): event dropped (%llu dropped so far)",
            qUtf8Printable(m_url.toDisplayString()), kAttempts, qUtf8Printable(reply->errorString()), m_dropped);
    }
    if (!m_queue.isEmpty())
        m_queue.dequeue();
    emit delivered(ok);
    m_attempt = 0;
    post();
}

} // namespace hacmp::agent
