// etcd's JSON answers as shared/etcd/etcdjson.h parses them (EtcdClient's every reply passes through these
// parsers): whatever a member, a proxy or a damaged connection sends, a parser returns a value or an Error
// with a message, never crashes. Invariants: every key of a parsed range is non-empty, a transaction has no
// more ranges than the answer has responses, and prefixEnd bounds every key that starts with the prefix.
#include "tests/fuzz/fuzzsupport.h"

#include "shared/etcd/etcdjson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace hacmp;

namespace {

void checkRange(const Result<EtcdRange> &range)
{
    if (!range) {
        FUZZ_CHECK(!range.error().isEmpty());
        return;
    }
    for (const EtcdKeyValue &kv : range->kvs)
        FUZZ_CHECK(!kv.key.isEmpty());
}

void checkPrefixEnd(QByteArrayView bytes)
{
    const QByteArray prefix = bytes.first(qMin<qsizetype>(64, bytes.size())).toByteArray();
    const QByteArray end = etcdjson::prefixEnd(prefix);
    FUZZ_CHECK(!end.isEmpty());
    if (end == QByteArray(1, '\0'))
        return; // every byte 0xff (or none): the range reaches the end of the key space
    // Byte order as etcd compares keys: unsigned.
    const auto less = [](const QByteArray &a, const QByteArray &b) {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
            [](char x, char y) { return static_cast<unsigned char>(x) < static_cast<unsigned char>(y); });
    };
    FUZZ_CHECK(less(prefix, end));
    FUZZ_CHECK(less(prefix + QByteArray(8, '\xff'), end));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes = fuzz::bytesOf(data, size);
    checkPrefixEnd(bytes);
    const QJsonDocument document = QJsonDocument::fromJson(bytes.toByteArray());
    if (!document.isObject())
        return 0;
    const QJsonObject reply = document.object();
    checkRange(etcdjson::parseRange(reply));
    const Result<EtcdTxn> txn = etcdjson::parseTxn(reply);
    if (txn) {
        FUZZ_CHECK(txn->ranges.size() <= reply.value(QLatin1String("responses")).toArray().size());
        for (const EtcdRange &range : txn->ranges)
            checkRange(range);
    } else {
        FUZZ_CHECK(!txn.error().isEmpty());
    }
    const Result<EtcdWrite> write = etcdjson::parseWrite(reply);
    FUZZ_CHECK(write.ok() || !write.error().isEmpty());
    const Result<EtcdMemberStatus> status = etcdjson::parseStatus(reply);
    FUZZ_CHECK(status.ok() || !status.error().isEmpty());
    const Result<QByteArray> token = etcdjson::parseToken(reply);
    FUZZ_CHECK(!token.ok() || !token->isEmpty());
    return 0;
}
