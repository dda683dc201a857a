#include "shared/etcd/etcdjson.h"

#include <QJsonArray>
#include <QJsonValue>

#include <cmath>

namespace hacmp::etcdjson {

namespace {

/// A JSON number that is a whole number within [minimum, maximum), as a double.
bool wholeNumberWithin(double number, double minimum, double maximum)
{
    return std::isfinite(number) && number >= minimum && number < maximum && std::trunc(number) == number;
}

QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

/// A 64-bit integer field: absent is 0 (the gateway leaves default values out), a string or a number.
Result<qint64> integerField(const QJsonObject &object, const QString &name)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return qint64(0);
    if (value.isDouble() && wholeNumberWithin(value.toDouble(), -9223372036854775808.0, 9223372036854775808.0))
        return qint64(value.toDouble());
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        if (ok)
            return number;
        // member ids are unsigned 64-bit numbers
        const quint64 unsignedNumber = value.toString().toULongLong(&ok);
        if (ok)
            return qint64(unsignedNumber);
    }
    return Error(QStringLiteral("field \"%1\" is not an integer").arg(name));
}

Result<quint64> unsignedField(const QJsonObject &object, const QString &name)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return quint64(0);
    bool ok = false;
    const quint64 number = value.isString() ? value.toString().toULongLong(&ok) : 0;
    if (ok)
        return number;
    if (value.isDouble() && wholeNumberWithin(value.toDouble(), 0.0, 18446744073709551616.0))
        return quint64(value.toDouble());
    return Error(QStringLiteral("field \"%1\" is not an unsigned integer").arg(name));
}

Result<QByteArray> base64Field(const QJsonObject &object, const QString &name)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined())
        return QByteArray();
    if (!value.isString())
        return Error(QStringLiteral("field \"%1\" is not a base64 string").arg(name));
    auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error(QStringLiteral("field \"%1\" is not valid base64").arg(name));
    return *decoded;
}

/// The header's revision; every answer of etcd has a header, so its absence means this is not etcd.
Result<qint64> headerRevision(const QJsonObject &reply)
{
    const QJsonValue header = reply.value(QLatin1String("header"));
    if (!header.isObject())
        return Error(QStringLiteral("no \"header\" object"));
    return integerField(header.toObject(), QStringLiteral("revision"));
}

Result<EtcdKeyValue> parseKeyValue(const QJsonValue &value)
{
    if (!value.isObject())
        return Error(QStringLiteral("an entry of \"kvs\" is not an object"));
    const QJsonObject object = value.toObject();
    EtcdKeyValue kv;
    const Result<QByteArray> key = base64Field(object, QStringLiteral("key"));
    const Result<QByteArray> bytes = base64Field(object, QStringLiteral("value"));
    const Result<qint64> created = integerField(object, QStringLiteral("create_revision"));
    const Result<qint64> modified = integerField(object, QStringLiteral("mod_revision"));
    const Result<qint64> version = integerField(object, QStringLiteral("version"));
    for (const QString &error : { key.error(), bytes.error(), created.error(), modified.error(), version.error() }) {
        if (!error.isEmpty())
            return Error(error);
    }
    if (key->isEmpty())
        return Error(QStringLiteral("an entry of \"kvs\" has no key"));
    kv.key = *key;
    kv.value = *bytes;
    kv.createRevision = *created;
    kv.modRevision = *modified;
    kv.version = *version;
    return kv;
}

/// A range answer, with or without a header (the ranges inside a txn answer carry only a revision).
Result<EtcdRange> parseRangeBody(const QJsonObject &reply, qint64 revision)
{
    EtcdRange range;
    range.revision = revision;
    const QJsonValue kvs = reply.value(QLatin1String("kvs"));
    if (!kvs.isUndefined() && !kvs.isArray())
        return Error(QStringLiteral("\"kvs\" is not an array"));
    const QJsonArray entries = kvs.toArray();
    for (const QJsonValue &entry : entries) {
        Result<EtcdKeyValue> kv = parseKeyValue(entry);
        if (!kv)
            return Error(kv.error());
        range.kvs.append(std::move(kv).value());
    }
    const Result<qint64> count = integerField(reply, QStringLiteral("count"));
    if (!count)
        return Error(count.error());
    range.count = *count;
    range.more = reply.value(QLatin1String("more")).toBool(false);
    return range;
}

QJsonObject operationObject(const EtcdOperation &operation)
{
    QJsonObject request;
    switch (operation.kind) {
    case EtcdOperation::Kind::Put:
        request = putRequest(operation.key, operation.value);
        return { { QStringLiteral("request_put"), request } };
    case EtcdOperation::Kind::DeleteKey:
        return { { QStringLiteral("request_delete_range"), deleteRequest(operation.key, {}) } };
    case EtcdOperation::Kind::DeletePrefix:
        return { { QStringLiteral("request_delete_range"), deleteRequest(operation.key, prefixEnd(operation.key)) } };
    case EtcdOperation::Kind::RangeKey:
        return { { QStringLiteral("request_range"), rangeRequest(operation.key, {}, false) } };
    case EtcdOperation::Kind::RangePrefix:
        return { { QStringLiteral("request_range"), rangeRequest(operation.key, prefixEnd(operation.key), false) } };
    }
    return request;
}

QString targetName(EtcdCompare::Target target)
{
    switch (target) {
    case EtcdCompare::Target::Version:
        return QStringLiteral("VERSION");
    case EtcdCompare::Target::CreateRevision:
        return QStringLiteral("CREATE");
    case EtcdCompare::Target::ModRevision:
        return QStringLiteral("MOD");
    }
    return QStringLiteral("MOD");
}

QString targetField(EtcdCompare::Target target)
{
    switch (target) {
    case EtcdCompare::Target::Version:
        return QStringLiteral("version");
    case EtcdCompare::Target::CreateRevision:
        return QStringLiteral("create_revision");
    case EtcdCompare::Target::ModRevision:
        return QStringLiteral("mod_revision");
    }
    return QStringLiteral("mod_revision");
}

} // namespace

QByteArray prefixEnd(const QByteArray &prefix)
{
    QByteArray end = prefix;
    while (!end.isEmpty()) {
        const auto last = static_cast<unsigned char>(end.back());
        if (last < 0xff) {
            end.back() = char(last + 1);
            return end;
        }
        end.chop(1);
    }
    return QByteArray(1, '\0');
}

QJsonObject rangeRequest(
    const QByteArray &key, const QByteArray &rangeEnd, bool keysOnly, qint64 limit, bool descending)
{
    // Never "serializable": a serializable read may be served stale by a member cut off from the others.
    QJsonObject request { { QStringLiteral("key"), base64(key) } };
    if (!rangeEnd.isEmpty())
        request.insert(QStringLiteral("range_end"), base64(rangeEnd));
    if (keysOnly)
        request.insert(QStringLiteral("keys_only"), true);
    if (limit > 0)
        request.insert(QStringLiteral("limit"), QString::number(limit));
    if (descending) {
        request.insert(QStringLiteral("sort_order"), QStringLiteral("DESCEND"));
        request.insert(QStringLiteral("sort_target"), QStringLiteral("KEY"));
    }
    return request;
}

QJsonObject putRequest(const QByteArray &key, const QByteArray &value)
{
    return { { QStringLiteral("key"), base64(key) }, { QStringLiteral("value"), base64(value) } };
}

QJsonObject deleteRequest(const QByteArray &key, const QByteArray &rangeEnd)
{
    QJsonObject request { { QStringLiteral("key"), base64(key) } };
    if (!rangeEnd.isEmpty())
        request.insert(QStringLiteral("range_end"), base64(rangeEnd));
    return request;
}

QJsonObject txnRequest(
    const QList<EtcdCompare> &compares, const QList<EtcdOperation> &success, const QList<EtcdOperation> &failure)
{
    QJsonArray compareArray;
    for (const EtcdCompare &compare : compares) {
        compareArray.append(QJsonObject { { QStringLiteral("result"), QStringLiteral("EQUAL") },
            { QStringLiteral("target"), targetName(compare.target) }, { QStringLiteral("key"), base64(compare.key) },
            { targetField(compare.target), QString::number(compare.value) } });
    }
    QJsonArray successArray;
    for (const EtcdOperation &operation : success)
        successArray.append(operationObject(operation));
    QJsonArray failureArray;
    for (const EtcdOperation &operation : failure)
        failureArray.append(operationObject(operation));
    return { { QStringLiteral("compare"), compareArray }, { QStringLiteral("success"), successArray },
        { QStringLiteral("failure"), failureArray } };
}

QJsonObject authenticateRequest(const QString &user, const QString &password)
{
    return { { QStringLiteral("name"), user }, { QStringLiteral("password"), password } };
}

Result<EtcdRange> parseRange(const QJsonObject &reply)
{
    const Result<qint64> revision = headerRevision(reply);
    if (!revision)
        return Error(revision.error());
    return parseRangeBody(reply, *revision);
}

Result<EtcdWrite> parseWrite(const QJsonObject &reply)
{
    const Result<qint64> revision = headerRevision(reply);
    if (!revision)
        return Error(revision.error());
    const Result<qint64> deleted = integerField(reply, QStringLiteral("deleted"));
    if (!deleted)
        return Error(deleted.error());
    return EtcdWrite { *revision, *deleted };
}

Result<EtcdTxn> parseTxn(const QJsonObject &reply)
{
    const Result<qint64> revision = headerRevision(reply);
    if (!revision)
        return Error(revision.error());
    EtcdTxn txn;
    txn.revision = *revision;
    const QJsonValue succeeded = reply.value(QLatin1String("succeeded"));
    if (!succeeded.isUndefined() && !succeeded.isBool())
        return Error(QStringLiteral("\"succeeded\" is not a boolean"));
    txn.succeeded = succeeded.toBool(false);
    const QJsonValue responses = reply.value(QLatin1String("responses"));
    if (!responses.isUndefined() && !responses.isArray())
        return Error(QStringLiteral("\"responses\" is not an array"));
    const QJsonArray entries = responses.toArray();
    for (const QJsonValue &entry : entries) {
        if (!entry.isObject())
            return Error(QStringLiteral("an entry of \"responses\" is not an object"));
        const QJsonValue range = entry.toObject().value(QLatin1String("response_range"));
        if (range.isUndefined())
            continue;
        if (!range.isObject())
            return Error(QStringLiteral("\"response_range\" is not an object"));
        Result<EtcdRange> parsed = parseRangeBody(range.toObject(), txn.revision);
        if (!parsed)
            return Error(parsed.error());
        txn.ranges.append(std::move(parsed).value());
    }
    return txn;
}

Result<EtcdMemberStatus> parseStatus(const QJsonObject &reply)
{
    const Result<qint64> revision = headerRevision(reply);
    if (!revision)
        return Error(revision.error());
    const QJsonObject header = reply.value(QLatin1String("header")).toObject();
    EtcdMemberStatus status;
    status.revision = *revision;
    status.version = reply.value(QLatin1String("version")).toString();
    const Result<quint64> member = unsignedField(header, QStringLiteral("member_id"));
    const Result<quint64> leader = unsignedField(reply, QStringLiteral("leader"));
    // Maintenance answers use the JSON names of the fields (dbSize), KV answers the proto names (mod_revision).
    const QString dbSizeName
        = reply.contains(QLatin1String("db_size")) ? QStringLiteral("db_size") : QStringLiteral("dbSize");
    const QString raftTermName
        = reply.contains(QLatin1String("raft_term")) ? QStringLiteral("raft_term") : QStringLiteral("raftTerm");
    const QString dbSizeInUseName = reply.contains(QLatin1String("db_size_in_use")) ? QStringLiteral("db_size_in_use")
                                                                                    : QStringLiteral("dbSizeInUse");
    const Result<qint64> dbSize = integerField(reply, dbSizeName);
    const Result<qint64> dbSizeInUse = integerField(reply, dbSizeInUseName);
    const Result<qint64> raftTerm = integerField(reply, raftTermName);
    for (const QString &error :
        { member.error(), leader.error(), dbSize.error(), dbSizeInUse.error(), raftTerm.error() }) {
        if (!error.isEmpty())
            return Error(error);
    }
    if (status.version.isEmpty())
        return Error(QStringLiteral("no \"version\""));
    status.memberId = *member;
    status.leaderId = *leader;
    status.dbSize = *dbSize;
    status.dbSizeInUse = *dbSizeInUse;
    status.raftTerm = *raftTerm;
    return status;
}

Result<QByteArray> parseToken(const QJsonObject &reply)
{
    const Result<qint64> revision = headerRevision(reply);
    if (!revision)
        return Error(revision.error());
    const QString token = reply.value(QLatin1String("token")).toString();
    if (token.isEmpty())
        return Error(QStringLiteral("no \"token\" in the answer to authenticate"));
    return token.toLatin1();
}

} // namespace hacmp::etcdjson
