#include "shared/etcd/etcdclient.h"

#include "shared/etcd/etcdjson.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#include <cmath>
#include <utility>

namespace hacmp {

namespace {

// gRPC status codes that etcd's gateway passes on in "code".
constexpr int kGrpcDeadlineExceeded = 4;
constexpr int kGrpcUnavailable = 14;
constexpr int kGrpcUnauthenticated = 16;

QString hostAndPort(const QUrl &url)
{
    return url.port() < 0 ? url.host() : QStringLiteral("%1:%2").arg(url.host()).arg(url.port());
}

Result<QUrl> checkedEndpoint(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme();
    const bool valid = url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        && !url.host().isEmpty() && (url.path().isEmpty() || url.path() == QLatin1String("/")) && !url.hasQuery()
        && !url.hasFragment() && url.userInfo().isEmpty();
    if (!valid)
        return Error(QStringLiteral("etcd endpoint \"%1\" is not an http:// or https:// URL of a member without a "
                                    "path (e.g. https://10.0.0.1:2379)")
                         .arg(text));
    QUrl endpoint = url;
    endpoint.setPath(QString());
    return endpoint;
}

Result<QSslConfiguration> loadTls(const EtcdClientConfig &config)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!config.caFile.isEmpty()) {
        if (!QFile::exists(config.caFile))
            return Error(QStringLiteral("etcd ca_file %1 does not exist").arg(config.caFile));
        const QList<QSslCertificate> authorities = QSslCertificate::fromPath(config.caFile, QSsl::Pem);
        if (authorities.isEmpty())
            return Error(QStringLiteral("etcd ca_file %1 holds no PEM certificate").arg(config.caFile));
        tls.setCaCertificates(authorities);
    }
    if (config.certFile.isEmpty() != config.keyFile.isEmpty())
        return Error(QStringLiteral("etcd cert_file and key_file go together: give both or neither"));
    if (!config.certFile.isEmpty()) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(config.certFile, QSsl::Pem);
        if (certificates.isEmpty())
            return Error(
                QStringLiteral("etcd cert_file %1 is missing or holds no PEM certificate").arg(config.certFile));
        QFile keyFile(config.keyFile);
        if (!keyFile.open(QIODevice::ReadOnly))
            return Error(
                QStringLiteral("etcd key_file %1 cannot be read: %2").arg(config.keyFile, keyFile.errorString()));
        const QByteArray pem = keyFile.readAll();
        QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            return Error(QStringLiteral("etcd key_file %1 holds no unencrypted RSA or EC private key (PEM)")
                             .arg(config.keyFile));
        tls.setLocalCertificate(certificates.first());
        tls.setPrivateKey(key);
    }
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

} // namespace

/// The end of one HTTP exchange with one endpoint.
struct EtcdClient::Exchange
{
    enum class Kind {
        Answer, ///< etcd's JSON answer to the request
        EtcdError, ///< etcd's JSON error (code, message)
        TimedOut,
        Transport, ///< refused, reset, TLS failure, ...: no HTTP answer
        Malformed, ///< an HTTP answer that is not etcd's
    };
    Kind kind = Kind::Transport;
    QJsonObject answer;
    int code = 0;
    QString message;
};

EtcdClient::EtcdClient(EtcdClientConfig config, QList<QUrl> endpoints, std::optional<QSslConfiguration> tls)
    : m_config(std::move(config))
    , m_endpoints(std::move(endpoints))
    , m_tls(std::move(tls))
    , m_transport(std::make_unique<EtcdTransport>())
{ }

EtcdClient::~EtcdClient() = default;

Result<std::unique_ptr<EtcdClient>> EtcdClient::create(EtcdClientConfig config)
{
    if (config.endpoints.isEmpty())
        return Error(QStringLiteral("no etcd endpoints given: name at least one member, e.g. https://10.0.0.1:2379"));
    if (config.deadline <= Millis(0))
        return Error(QStringLiteral("the deadline of etcd calls must be positive"));
    if (!config.user.isEmpty() && config.password.isEmpty())
        return Error(QStringLiteral("etcd user %1 has no password: give its password file").arg(config.user));
    if (config.user.isEmpty() && !config.password.isEmpty())
        return Error(QStringLiteral("an etcd password without a user: give the user too"));
    QList<QUrl> endpoints;
    bool secure = false;
    for (const QString &text : std::as_const(config.endpoints)) {
        Result<QUrl> endpoint = checkedEndpoint(text);
        if (!endpoint)
            return Error(endpoint.error());
        secure = secure || endpoint->scheme() == QLatin1String("https");
        endpoints.append(std::move(endpoint).value());
    }
    std::optional<QSslConfiguration> tls;
    const bool tlsFiles = !config.caFile.isEmpty() || !config.certFile.isEmpty() || !config.keyFile.isEmpty();
    if (secure || tlsFiles) {
        if (!QSslSocket::supportsSsl())
            return Error(QStringLiteral("https etcd endpoints need TLS, and this Qt has no TLS backend"));
        Result<QSslConfiguration> loaded = loadTls(config);
        if (!loaded)
            return Error(loaded.error());
        tls = std::move(loaded).value();
    }
    return std::unique_ptr<EtcdClient>(new EtcdClient(std::move(config), std::move(endpoints), std::move(tls)));
}

QString EtcdClient::describe() const
{
    QStringList hosts;
    for (const QUrl &endpoint : m_endpoints)
        hosts.append(hostAndPort(endpoint));
    return hosts.join(QLatin1Char(','));
}

QByteArray EtcdClient::token() const
{
    QMutexLocker locker(&m_tokenMutex);
    return m_token;
}

void EtcdClient::setToken(const QByteArray &token)
{
    QMutexLocker locker(&m_tokenMutex);
    m_token = token;
}

EtcdClient::Exchange EtcdClient::post(
    const QUrl &endpoint, const QString &path, const QByteArray &body, const QByteArray &token, Millis timeout) const
{
    QUrl url = endpoint;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    // HTTP/1.1: over TLS, etcd hands HTTP/2 connections to its gRPC server, not to the JSON gateway.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (!token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), token);
    if (m_tls)
        request.setSslConfiguration(*m_tls);
    const HttpExchange reply = m_transport->post(request, body, timeout);

    Exchange exchange;
    const QString where = endpoint.toString() + path;
    if (!reply.finished) {
        exchange.kind = Exchange::Kind::TimedOut;
        exchange.message = QStringLiteral("%1: no answer within %2 ms").arg(where).arg(timeout.count());
        return exchange;
    }
    if (!reply.status.isValid()) {
        exchange.kind = Exchange::Kind::Transport;
        exchange.message = QStringLiteral("%1: %2").arg(where, reply.error);
        return exchange;
    }
    const int httpStatus = reply.status.toInt();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(reply.content, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        exchange.kind = Exchange::Kind::Malformed;
        exchange.message = QStringLiteral("%1: HTTP %2 with an answer that is not etcd's JSON (%3): is this an etcd "
                                          "member's client URL?")
                               .arg(where)
                               .arg(httpStatus)
                               .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                                 : QStringLiteral("not an object"));
        return exchange;
    }
    const QJsonObject object = document.object();
    if (httpStatus != 200 || object.contains(QLatin1String("error"))) {
        const QJsonValue code = object.value(QLatin1String("code"));
        const QString text
            = object.value(QLatin1String("message")).toString(object.value(QLatin1String("error")).toString());
        const double number = code.toDouble(-1);
        if (!code.isDouble() || number < 0 || number > 1000 || std::trunc(number) != number || text.isEmpty()) {
            exchange.kind = Exchange::Kind::Malformed;
            exchange.message = QStringLiteral("%1: HTTP %2 without etcd's error fields: is this an etcd member's "
                                              "client URL?")
                                   .arg(where)
                                   .arg(httpStatus);
            return exchange;
        }
        exchange.kind = Exchange::Kind::EtcdError;
        exchange.code = int(number);
        exchange.message = QStringLiteral("%1: %2").arg(where, text);
        return exchange;
    }
    exchange.kind = Exchange::Kind::Answer;
    exchange.answer = object;
    return exchange;
}

EtcdClient::Exchange EtcdClient::authenticate(const QUrl &endpoint, Millis timeout, QByteArray *token) const
{
    const QByteArray body
        = QJsonDocument(etcdjson::authenticateRequest(m_config.user, m_config.password)).toJson(QJsonDocument::Compact);
    Exchange exchange = post(endpoint, QStringLiteral("/v3/auth/authenticate"), body, {}, timeout);
    if (exchange.kind != Exchange::Kind::Answer)
        return exchange;
    const Result<QByteArray> parsed = etcdjson::parseToken(exchange.answer);
    if (!parsed) {
        exchange.kind = Exchange::Kind::Malformed;
        exchange.message
            = QStringLiteral("%1/v3/auth/authenticate: not etcd's answer: %2").arg(endpoint.toString(), parsed.error());
        return exchange;
    }
    *token = *parsed;
    return exchange;
}

EtcdResult<QJsonObject> EtcdClient::call(const QString &path, const QJsonObject &request)
{
    const QByteArray body = QJsonDocument(request).toJson(QJsonDocument::Compact);
    QElapsedTimer clock;
    clock.start();
    const int count = int(m_endpoints.size());
    const int first = m_preferred.load() % count;
    QStringList failures;
    bool timedOut = false;
    bool allMalformed = true;
    bool reauthenticated = false;
    for (int tried = 0; tried < count; ++tried) {
        const int index = (first + tried) % count;
        const QUrl &endpoint = m_endpoints.at(index);
        const Millis remaining = m_config.deadline - Millis(clock.elapsed());
        if (remaining <= Millis(0)) {
            timedOut = true;
            break;
        }
        // The endpoints not yet tried share what is left of the deadline.
        const Millis timeout = qMax(Millis(1), remaining / (count - tried));

        QByteArray token;
        if (!m_config.user.isEmpty()) {
            token = this->token();
            if (token.isEmpty()) {
                const Exchange login = authenticate(endpoint, timeout, &token);
                if (login.kind == Exchange::Kind::EtcdError && login.code != kGrpcUnavailable
                    && login.code != kGrpcDeadlineExceeded) {
                    m_preferred = index;
                    return EtcdError { EtcdFailure::Rejected,
                        QStringLiteral("etcd refused to authenticate user %1: %2").arg(m_config.user, login.message) };
                }
                if (login.kind != Exchange::Kind::Answer) {
                    timedOut = timedOut || login.kind == Exchange::Kind::TimedOut;
                    allMalformed = allMalformed && login.kind == Exchange::Kind::Malformed;
                    failures.append(login.message);
                    continue;
                }
                setToken(token);
            }
        }

        const Exchange exchange = post(
            endpoint, path, body, token, qMax(Millis(1), qMin(timeout, m_config.deadline - Millis(clock.elapsed()))));
        switch (exchange.kind) {
        case Exchange::Kind::Answer:
            m_preferred = index;
            return exchange.answer;
        case Exchange::Kind::EtcdError:
            if (exchange.code == kGrpcUnauthenticated && !m_config.user.isEmpty() && !reauthenticated) {
                // The token expired or the member forgot it (a restart): a new one, once, on the same endpoint.
                reauthenticated = true;
                setToken({});
                --tried;
                continue;
            }
            if (exchange.code == kGrpcUnavailable || exchange.code == kGrpcDeadlineExceeded) {
                // No leader, a leader change, or etcd's own request timeout: another member may do better.
                allMalformed = false;
                timedOut = timedOut || exchange.message.contains(QLatin1String("timed out"));
                failures.append(exchange.message);
                continue;
            }
            m_preferred = index;
            return EtcdError { EtcdFailure::Rejected,
                QStringLiteral("etcd refused the request: %1").arg(exchange.message) };
        case Exchange::Kind::TimedOut:
            timedOut = true;
            allMalformed = false;
            failures.append(exchange.message);
            continue;
        case Exchange::Kind::Transport:
            allMalformed = false;
            failures.append(exchange.message);
            continue;
        case Exchange::Kind::Malformed:
            failures.append(exchange.message);
            continue;
        }
    }
    if (failures.isEmpty())
        failures.append(QStringLiteral("the deadline of %1 ms passed").arg(m_config.deadline.count()));
    const EtcdFailure failure = timedOut      ? EtcdFailure::TimedOut
        : allMalformed && !failures.isEmpty() ? EtcdFailure::Malformed
                                              : EtcdFailure::Unreachable;
    return EtcdError { failure,
        QStringLiteral("etcd %1: no member answered within %2 ms: %3")
            .arg(describe())
            .arg(m_config.deadline.count())
            .arg(failures.join(QStringLiteral("; "))) };
}

namespace {

/// Parses an answer with parser; a parse error is a Malformed EtcdError naming the call.
template <typename T, typename Parser>
EtcdResult<T> parsed(const EtcdResult<QJsonObject> &answer, Parser parser, const QString &client, const QString &path)
{
    if (!answer)
        return answer.error();
    Result<T> value = parser(answer.value());
    if (!value)
        return EtcdError { EtcdFailure::Malformed,
            QStringLiteral("etcd %1%2: not etcd's answer: %3").arg(client, path, value.error()) };
    return std::move(value).value();
}

const QString kRangePath = QStringLiteral("/v3/kv/range");
const QString kPutPath = QStringLiteral("/v3/kv/put");
const QString kDeletePath = QStringLiteral("/v3/kv/deleterange");
const QString kTxnPath = QStringLiteral("/v3/kv/txn");
const QString kStatusPath = QStringLiteral("/v3/maintenance/status");

} // namespace

EtcdResult<EtcdRange> EtcdClient::get(const QByteArray &key)
{
    return parsed<EtcdRange>(
        call(kRangePath, etcdjson::rangeRequest(key, {}, false)), etcdjson::parseRange, describe(), kRangePath);
}

EtcdResult<EtcdRange> EtcdClient::getPrefix(const QByteArray &prefix, bool keysOnly)
{
    return parsed<EtcdRange>(call(kRangePath, etcdjson::rangeRequest(prefix, etcdjson::prefixEnd(prefix), keysOnly)),
        etcdjson::parseRange, describe(), kRangePath);
}

EtcdResult<EtcdRange> EtcdClient::lastKeyUnder(const QByteArray &prefix)
{
    return parsed<EtcdRange>(
        call(kRangePath, etcdjson::rangeRequest(prefix, etcdjson::prefixEnd(prefix), true, 1, true)),
        etcdjson::parseRange, describe(), kRangePath);
}

EtcdResult<EtcdWrite> EtcdClient::put(const QByteArray &key, const QByteArray &value)
{
    return parsed<EtcdWrite>(
        call(kPutPath, etcdjson::putRequest(key, value)), etcdjson::parseWrite, describe(), kPutPath);
}

EtcdResult<EtcdWrite> EtcdClient::remove(const QByteArray &key)
{
    return parsed<EtcdWrite>(
        call(kDeletePath, etcdjson::deleteRequest(key, {})), etcdjson::parseWrite, describe(), kDeletePath);
}

EtcdResult<EtcdWrite> EtcdClient::removePrefix(const QByteArray &prefix)
{
    return parsed<EtcdWrite>(call(kDeletePath, etcdjson::deleteRequest(prefix, etcdjson::prefixEnd(prefix))),
        etcdjson::parseWrite, describe(), kDeletePath);
}

EtcdResult<EtcdTxn> EtcdClient::txn(
    const QList<EtcdCompare> &compares, const QList<EtcdOperation> &success, const QList<EtcdOperation> &failure)
{
    return parsed<EtcdTxn>(
        call(kTxnPath, etcdjson::txnRequest(compares, success, failure)), etcdjson::parseTxn, describe(), kTxnPath);
}

QList<EtcdResult<EtcdMemberStatus>> EtcdClient::memberStatus()
{
    QList<EtcdResult<EtcdMemberStatus>> answers;
    const Millis timeout = qMax(Millis(1), Millis(m_config.deadline.count() / qMax<qsizetype>(1, m_endpoints.size())));
    for (const QUrl &endpoint : std::as_const(m_endpoints)) {
        const Exchange exchange = post(endpoint, kStatusPath, QByteArrayLiteral("{}"), token(), timeout);
        if (exchange.kind != Exchange::Kind::Answer) {
            const EtcdFailure failure = exchange.kind == Exchange::Kind::TimedOut ? EtcdFailure::TimedOut
                : exchange.kind == Exchange::Kind::Malformed                      ? EtcdFailure::Malformed
                : exchange.kind == Exchange::Kind::EtcdError                      ? EtcdFailure::Rejected
                                                                                  : EtcdFailure::Unreachable;
            answers.append(EtcdError { failure, exchange.message });
            continue;
        }
        Result<EtcdMemberStatus> status = etcdjson::parseStatus(exchange.answer);
        if (!status) {
            answers.append(EtcdError { EtcdFailure::Malformed,
                QStringLiteral("%1%2: not etcd's answer: %3").arg(endpoint.toString(), kStatusPath, status.error()) });
            continue;
        }
        EtcdMemberStatus member = std::move(status).value();
        member.endpoint = endpoint.toString();
        answers.append(std::move(member));
    }
    return answers;
}

} // namespace hacmp
