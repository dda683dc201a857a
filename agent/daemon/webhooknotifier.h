#pragma once

#include "shared/protocol/monotime.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTimer>
#include <QUrl>

class QNetworkReply;

namespace hacmp::agent {

/// [notify] webhook: POSTs each event's JSON to the URL, one request at a time, each with a timeout,
/// retried with exponential back-off, from a bounded queue; events that find the queue full or use up
/// their attempts are dropped, counted and logged. Never blocks the agent.
class WebhookNotifier final : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype kQueueLimit = 100;
    static constexpr int kAttempts = 4;
    static constexpr Millis kTimeout { 5000 };
    static constexpr Millis kFirstRetry { 1000 };

    explicit WebhookNotifier(QObject *parent = nullptr);

    /// An empty URL turns notification off (queued events are dropped). timeout and firstRetry are
    /// for tests.
    void setUrl(const QUrl &url, Millis timeout = kTimeout, Millis firstRetry = kFirstRetry);
    void notify(const QByteArray &eventJson);

    quint64 dropped() const { return m_dropped; }

signals:
    /// An event was accepted by the server (2xx) or given up.
    void delivered(bool ok);

private:
    void post();
    void onFinished();

    QNetworkAccessManager m_network;
    QUrl m_url;
    Millis m_timeout = kTimeout;
    Millis m_firstRetry = kFirstRetry;
    QQueue<QByteArray> m_queue;
    QPointer<QNetworkReply> m_reply;
    int m_attempt = 0;
    QTimer m_retry;
    quint64 m_dropped = 0;
};

} // namespace hacmp::agent
