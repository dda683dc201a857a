#include "shared/etcd/etcdtransport.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>
#include <QSemaphore>

#include <algorithm>
#include <climits>
#include <memory>

namespace hacmp {

/// One request between the calling thread and the transport's thread. reply is touched on the transport's
/// thread only; exchange under mutex. The caller waits on a semaphore (a futex with a relative timeout on
/// Linux) rather than a wait condition: libfaketime, which the failover lab's ClockJump preloads, turns a
/// wait condition's deadline on the monotonic clock into an immediate timeout.
struct EtcdTransport::Pending
{
    QMutex mutex;
    QSemaphore answered;
    HttpExchange exchange;
    QPointer<QNetworkReply> reply;
};

EtcdTransport::EtcdTransport()
{
    m_thread.setObjectName(QStringLiteral("etcd transport"));
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    // The manager is made on its thread, where it and the replies it makes live.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_manager = new QNetworkAccessManager(m_context);
            m_manager->setProxy(QNetworkProxy::NoProxy);
        },
        Qt::BlockingQueuedConnection);
}

EtcdTransport::~EtcdTransport()
{
    // Pending replies are children of the manager: deleting it on its thread aborts them.
    QMetaObject::invokeMethod(
        m_context, [context = m_context] { delete context; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

HttpExchange EtcdTransport::post(const QNetworkRequest &request, const QByteArray &body, Millis timeout)
{
    const QDeadlineTimer deadline(timeout.count());
    auto pending = std::make_shared<Pending>();
    QMetaObject::invokeMethod(
        m_context,
        [manager = m_manager, pending, request, body] {
            QNetworkReply *reply = manager->post(request, body);
            pending->reply = reply;
            QObject::connect(reply, &QNetworkReply::finished, reply, [pending, reply] {
                {
                    const QMutexLocker locker(&pending->mutex);
                    HttpExchange &exchange = pending->exchange;
                    exchange.finished = true;
                    exchange.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
                    exchange.content = reply->readAll();
                    if (reply->error() != QNetworkReply::NoError)
                        exchange.error = reply->errorString();
                }
                pending->answered.release();
                reply->deleteLater();
            });
        },
        Qt::QueuedConnection);

    if (pending->answered.tryAcquire(1, int(std::min<qint64>(deadline.remainingTime(), INT_MAX)))) {
        const QMutexLocker locker(&pending->mutex);
        return pending->exchange;
    }
    // Queued after the request and before any later one: the reply is gone before another request starts.
    QMetaObject::invokeMethod(
        m_context,
        [pending] {
            if (QNetworkReply *reply = pending->reply) {
                QObject::disconnect(reply, &QNetworkReply::finished, nullptr, nullptr);
                reply->abort();
                delete reply;
            }
        },
        Qt::QueuedConnection);
    return HttpExchange {};
}

} // namespace hacmp
