#pragma once

#include "shared/protocol/monotime.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QString>
#include <QThread>
#include <QVariant>

class QNetworkAccessManager;

namespace hacmp {

/// The end of one HTTP exchange as the transport saw it.
struct HttpExchange
{
    bool finished = false; ///< false: no answer within the timeout (the request was aborted)
    QVariant status; ///< the HTTP status code, invalid when no HTTP answer came (refused, reset, TLS)
    QByteArray content;
    QString error; ///< the network error's text, when there was one
};

/// The HTTP side of EtcdClient: one QNetworkAccessManager on a thread of its own, so that the connections to
/// the members (and their TLS sessions) are kept between calls and shared by every thread that calls, while
/// the manager stays on the one thread it belongs to. post() blocks the calling thread (any thread but the
/// transport's own, e.g. an IoLane's) on a semaphore. A request without an answer within its timeout
/// is aborted on the transport's thread before any request posted after it starts, and its reply deleted,
/// so its connection is closed and nothing it might still receive can reach a later call.
class EtcdTransport final
{
public:
    EtcdTransport();
    ~EtcdTransport();
    Q_DISABLE_COPY_MOVE(EtcdTransport)

    /// POSTs body with request and waits at most timeout for the whole answer.
    HttpExchange post(const QNetworkRequest &request, const QByteArray &body, Millis timeout);

private:
    struct Pending;

    QThread m_thread;
    QObject *m_context = nullptr; ///< lives on m_thread; parent of the network manager
    QNetworkAccessManager *m_manager = nullptr; ///< used on m_thread only
};

} // namespace hacmp
