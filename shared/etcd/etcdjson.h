#pragma once

#include "shared/base/result.h"
#include "shared/etcd/etcdtypes.h"

#include <QJsonObject>

namespace hacmp::etcdjson {

// etcd v3's JSON gateway (grpc-gateway over the KV, Auth and Maintenance services): keys and values are
// base64, 64-bit integers are strings, fields with default values are left out of answers ("succeeded"
// absent is false, "kvs" absent is no keys). Parsers never trust an answer: anything else is an Error.

/// The end of the range of every key that starts with prefix ("\0" for an empty prefix: every key).
QByteArray prefixEnd(const QByteArray &prefix);

QJsonObject rangeRequest(
    const QByteArray &key, const QByteArray &rangeEnd, bool keysOnly, qint64 limit = 0, bool descending = false);
QJsonObject putRequest(const QByteArray &key, const QByteArray &value);
QJsonObject deleteRequest(const QByteArray &key, const QByteArray &rangeEnd);
QJsonObject txnRequest(
    const QList<EtcdCompare> &compares, const QList<EtcdOperation> &success, const QList<EtcdOperation> &failure);
QJsonObject authenticateRequest(const QString &user, const QString &password);

Result<EtcdRange> parseRange(const QJsonObject &reply);
Result<EtcdWrite> parseWrite(const QJsonObject &reply);
Result<EtcdTxn> parseTxn(const QJsonObject &reply);
Result<EtcdMemberStatus> parseStatus(const QJsonObject &reply);
Result<QByteArray> parseToken(const QJsonObject &reply);

} // namespace hacmp::etcdjson
