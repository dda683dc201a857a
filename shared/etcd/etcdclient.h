#pragma once

#include "shared/base/result.h"
#include "shared/etcd/etcdtransport.h"
#include "shared/etcd/etcdtypes.h"
#include "shared/protocol/monotime.h"

#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>

namespace hacmp {

/// How to reach one etcd cluster.
struct EtcdClientConfig
{
    QStringList endpoints; ///< http:// or https:// URLs of members, e.g. https://10.0.0.1:2379
    Millis deadline { 2000 }; ///< the whole call, every endpoint tried included
    QString caFile; ///< PEM certificates that sign the members' certificates (https)
    QString certFile; ///< the client's certificate (PEM), with keyFile, when the members require one
    QString keyFile;
    QString user; ///< with password: etcd's authentication (a token in the Authorization header)
    QString password;
};

/// A blocking client of etcd v3's JSON gateway, for IoLane worker threads (docs/architecture.md, Seams for
/// storage backends). Its EtcdTransport keeps the connections to the members between calls (no TCP or TLS
/// handshake per request) on a thread of its own, so calls from several lanes at once are safe. A call tries the
/// endpoint that answered last, and an endpoint that refuses, times out or gives no etcd answer is left for the next
/// one, sharing the call's deadline among the endpoints not yet tried. Reads are linearizable (never serializable).
/// With a user it authenticates for a token, and again once when etcd calls the token invalid or expired.
class EtcdClient final
{
public:
    /// Checks the endpoints and loads the TLS files; an error names the endpoint or file.
    static Result<std::unique_ptr<EtcdClient>> create(EtcdClientConfig config);
    ~EtcdClient();
    Q_DISABLE_COPY_MOVE(EtcdClient)

    /// One key (kvs empty when it does not exist).
    EtcdResult<EtcdRange> get(const QByteArray &key);
    /// Every key starting with prefix, in key order.
    EtcdResult<EtcdRange> getPrefix(const QByteArray &prefix, bool keysOnly);
    /// The greatest key starting with prefix (keys only), or none.
    EtcdResult<EtcdRange> lastKeyUnder(const QByteArray &prefix);
    EtcdResult<EtcdWrite> put(const QByteArray &key, const QByteArray &value);
    EtcdResult<EtcdWrite> remove(const QByteArray &key);
    EtcdResult<EtcdWrite> removePrefix(const QByteArray &prefix);
    /// If every compare holds, the success operations, otherwise the failure ones; atomically.
    EtcdResult<EtcdTxn> txn(
        const QList<EtcdCompare> &compares, const QList<EtcdOperation> &success, const QList<EtcdOperation> &failure);
    /// Asks each endpoint about its member, without rotating: one answer per endpoint, in order.
    QList<EtcdResult<EtcdMemberStatus>> memberStatus();

    /// The endpoints as host:port, comma-separated (for messages and describe()).
    QString describe() const;
    const QList<QUrl> &endpoints() const { return m_endpoints; }
    /// The endpoint the next call tries first: the one that answered last.
    int preferredEndpoint() const { return m_preferred.load(); }

private:
    struct Exchange;
    EtcdClient(EtcdClientConfig config, QList<QUrl> endpoints, std::optional<QSslConfiguration> tls);

    /// Calls path with request on the endpoints in turn until one gives an answer of etcd.
    EtcdResult<QJsonObject> call(const QString &path, const QJsonObject &request);
    /// One HTTP exchange with one endpoint, bounded by timeout.
    Exchange post(const QUrl &endpoint, const QString &path, const QByteArray &body, const QByteArray &token,
        Millis timeout) const;
    /// A new token from the endpoint, or the reason there is none.
    Exchange authenticate(const QUrl &endpoint, Millis timeout, QByteArray *token) const;
    QByteArray token() const;
    void setToken(const QByteArray &token);

    EtcdClientConfig m_config;
    QList<QUrl> m_endpoints;
    std::optional<QSslConfiguration> m_tls;
    std::unique_ptr<EtcdTransport> m_transport;
    std::atomic<int> m_preferred { 0 };
    mutable QMutex m_tokenMutex;
    QByteArray m_token;
};

} // namespace hacmp
