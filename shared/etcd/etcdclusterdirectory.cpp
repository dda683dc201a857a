#include "shared/etcd/etcdclusterdirectory.h"

#include "shared/etcd/etcdclient.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

#include <limits>
#include <optional>
#include <utility>

namespace hacmp {

namespace {

constexpr int kChunkDigits = 20;
/// A rename copies a larger file in pieces of this size, a few per transaction (etcd refuses requests over
/// 1.5 MiB by default).
constexpr qsizetype kRenamePiece = 256 * 1024;
constexpr qsizetype kPiecesPerTxn = 3;

QByteArray chunkName(qint64 sequence)
{
    return QByteArray::number(sequence).rightJustified(kChunkDigits, '0');
}

/// The sequence of a chunk key's last part, or 0 when it is not one.
qint64 chunkSequence(QByteArrayView name)
{
    if (name.size() != kChunkDigits)
        return 0;
    for (const char c : name) {
        if (c < '0' || c > '9')
            return 0;
    }
    return QByteArray(name.data(), name.size()).toLongLong();
}

IoOutcome outcomeOf(const EtcdError &error)
{
    return error.failure == EtcdFailure::TimedOut ? IoOutcome::TimedOut : IoOutcome::Failed;
}

EtcdOperation operation(EtcdOperation::Kind kind, QByteArray key, QByteArray value = {})
{
    return EtcdOperation { kind, std::move(key), std::move(value) };
}

} // namespace

EtcdClusterDirectory::EtcdClusterDirectory(std::shared_ptr<EtcdClient> client, QByteArray prefix)
    : m_client(std::move(client))
    , m_prefix(std::move(prefix))
    , m_description(QStringLiteral("etcd://%1%2").arg(m_client->describe(), QString::fromUtf8(m_prefix)))
{ }

EtcdClusterDirectory::~EtcdClusterDirectory() = default;

Result<std::unique_ptr<EtcdClusterDirectory>> EtcdClusterDirectory::open(
    std::shared_ptr<EtcdClient> client, const QString &prefix)
{
    if (!client)
        return Error(QStringLiteral("no etcd client given"));
    if (prefix.isEmpty() || !prefix.endsWith(QLatin1Char('/')) || prefix.contains(QChar(0)))
        return Error(QStringLiteral("etcd prefix \"%1\" must end with \"/\" (e.g. /hacmp/prod/)").arg(prefix));
    return std::unique_ptr<EtcdClusterDirectory>(new EtcdClusterDirectory(std::move(client), prefix.toUtf8()));
}

QString EtcdClusterDirectory::defaultPrefix(const QString &clusterName)
{
    return QStringLiteral("/hacmp/%1/").arg(clusterName);
}

QByteArray EtcdClusterDirectory::keyOf(const QString &relativePath) const
{
    return m_prefix + relativePath.toUtf8();
}

QString EtcdClusterDirectory::where(const QString &relativePath) const
{
    return m_description + relativePath;
}

Result<QByteArray> EtcdClusterDirectory::checkedKey(const QString &relativePath) const
{
    if (const QString problem = invalidPathProblem(relativePath, m_description); !problem.isEmpty())
        return Error(problem);
    return keyOf(relativePath);
}

EtcdClusterDirectory::Content EtcdClusterDirectory::readContent(
    const QString &relativePath, qsizetype maxBytes, bool prefix)
{
    Content content;
    const Result<QByteArray> key = checkedKey(relativePath);
    if (!key) {
        content.read = { IoOutcome::Failed, {}, key.error() };
        return content;
    }
    const QByteArray chunkPrefix = *key + '/';
    // One transaction: the key and its chunks as of one revision.
    const EtcdResult<EtcdTxn> txn = m_client->txn({},
        { operation(EtcdOperation::Kind::RangeKey, *key), operation(EtcdOperation::Kind::RangePrefix, chunkPrefix) },
        {});
    if (!txn) {
        content.read
            = { outcomeOf(txn.error()), {}, QStringLiteral("%1: %2").arg(where(relativePath), txn.error().message) };
        return content;
    }
    if (txn->ranges.size() != 2) {
        content.read = { IoOutcome::Failed, {},
            QStringLiteral("%1: etcd answered a read with %2 ranges instead of 2")
                .arg(where(relativePath))
                .arg(txn->ranges.size()) };
        return content;
    }
    const EtcdRange &own = txn->ranges.at(0);
    const EtcdRange &chunks = txn->ranges.at(1);
    if (own.kvs.isEmpty() && chunks.kvs.isEmpty()) {
        content.read = { IoOutcome::Absent, {}, {} };
        return content;
    }
    QByteArray bytes;
    if (!own.kvs.isEmpty()) {
        content.valueRevision = own.kvs.first().modRevision;
        bytes = own.kvs.first().value;
    }
    for (const EtcdKeyValue &chunk : chunks.kvs) {
        const qint64 sequence = chunkSequence(QByteArrayView(chunk.key).sliced(chunkPrefix.size()));
        if (sequence == 0) {
            content.read = { IoOutcome::Failed, {},
                QStringLiteral("%1: is a folder (key %2 is below it), not a file")
                    .arg(where(relativePath), QString::fromUtf8(chunk.key)) };
            return content;
        }
        bytes += chunk.value;
    }
    const qsizetype cap = qMax<qsizetype>(maxBytes, 0);
    if (bytes.size() > cap && prefix) {
        bytes.truncate(cap);
    } else if (bytes.size() > cap) {
        content.read = { IoOutcome::Failed, {},
            QStringLiteral("%1: the file is larger than the limit of %2 bytes: it was not written by this version "
                           "of hacmp or is damaged")
                .arg(where(relativePath))
                .arg(cap) };
        return content;
    }
    content.read = { IoOutcome::Ok, bytes, {} };
    return content;
}

FileRead EtcdClusterDirectory::readFile(const QString &relativePath, qsizetype maxBytes)
{
    const Content content = readContent(relativePath, maxBytes, false);
    if (content.read.ok() || content.read.outcome == IoOutcome::Absent) {
        QMutexLocker locker(&m_mutex);
        // The first sight of a key (revision 0: it did not exist) is what its first writeAt compares with;
        // later reads change nothing, so that a foreign write seen by a scan is still refused (not adopted)
        // by the next writeAt.
        if (!m_known.contains(relativePath))
            m_known.insert(relativePath, KnownValue { {}, content.valueRevision, false, {} });
    }
    return content.read;
}

FileRead EtcdClusterDirectory::readPrefix(const QString &relativePath, qsizetype maxBytes)
{
    return readContent(relativePath, maxBytes, true).read;
}

Status EtcdClusterDirectory::writeAt(const QString &relativePath, qint64 offset, const QByteArray &bytes)
{
    return checkedWrite(relativePath, offset, bytes, std::nullopt);
}

Status EtcdClusterDirectory::writeClaim(
    const QString &relativePath, qint64 offset, const QByteArray &bytes, std::uint64_t epoch)
{
    return checkedWrite(relativePath, offset, bytes, epoch);
}

Status EtcdClusterDirectory::checkedWrite(
    const QString &relativePath, qint64 offset, const QByteArray &bytes, std::optional<std::uint64_t> claim)
{
    const Result<QByteArray> key = checkedKey(relativePath);
    if (!key)
        return Error(key.error());
    if (offset < 0)
        return Error(QStringLiteral("%1: cannot write at negative offset %2").arg(where(relativePath)).arg(offset));
    if (!claim)
        return writeAtOnce(relativePath, *key, offset, bytes, true, std::nullopt);
    const Result<TermClaim> term = claimedTerm();
    if (!term)
        return Error(QStringLiteral("%1: claim of epoch %2 not written: %3")
                         .arg(where(relativePath))
                         .arg(*claim)
                         .arg(term.error()));
    if (term->epoch >= *claim)
        return Error(QStringLiteral("%1: claim of epoch %2 not written: %3 claimed epoch %4 already")
                         .arg(where(relativePath))
                         .arg(*claim)
                         .arg(term->record)
                         .arg(term->epoch));
    return writeAtOnce(relativePath, *key, offset, bytes, true, std::make_pair(*claim, *term));
}

Result<EtcdClusterDirectory::TermClaim> EtcdClusterDirectory::claimedTerm()
{
    const EtcdResult<EtcdRange> range = m_client->get(keyOf(termPath()));
    if (!range)
        return Error(QStringLiteral("reading %1 failed: %2").arg(where(termPath()), range.error().message));
    if (range->kvs.isEmpty())
        return TermClaim {};
    return decodeTerm(range->kvs.first());
}

Result<EtcdClusterDirectory::TermClaim> EtcdClusterDirectory::decodeTerm(const EtcdKeyValue &kv) const
{
    const QJsonObject object = QJsonDocument::fromJson(kv.value).object();
    const QString record = object.value(QLatin1String("record")).toString();
    bool ok = false;
    const std::uint64_t epoch = object.value(QLatin1String("epoch")).toString().toULongLong(&ok);
    if (!ok || record.isEmpty())
        return Error(
            QStringLiteral("%1 holds \"%2\", not {\"epoch\":\"<number>\",\"record\":\"<path>\"}: no term can be "
                           "claimed until it is deleted (etcdctl del %3; the next claim writes it again)")
                .arg(where(termPath()), QString::fromUtf8(kv.value.left(200)), QString::fromUtf8(keyOf(termPath()))));
    return TermClaim { epoch, record, kv.modRevision };
}

Status EtcdClusterDirectory::writeAtOnce(const QString &relativePath, const QByteArray &key, qint64 offset,
    const QByteArray &bytes, bool mayAdopt, const std::optional<std::pair<std::uint64_t, TermClaim>> &claim)
{
    std::optional<KnownValue> known;
    {
        QMutexLocker locker(&m_mutex);
        const auto it = m_known.constFind(relativePath);
        if (it != m_known.constEnd())
            known = *it;
    }
    if (!known || !known->valueKnown) {
        const EtcdResult<EtcdRange> current = m_client->get(key);
        if (!current)
            return Error(QStringLiteral("%1: reading before the write failed: %2")
                             .arg(where(relativePath), current.error().message));
        const EtcdKeyValue kv = current->kvs.isEmpty() ? EtcdKeyValue {} : current->kvs.first();
        // A key only read so far keeps the revision of that read as the one to compare with.
        if (!known)
            known = KnownValue { {}, kv.modRevision, false, {} };
        known->value = kv.value;
        known->valueKnown = true;
    }

    QByteArray value = known->value;
    if (value.size() < offset + bytes.size())
        value.resize(offset + bytes.size(), '\0');
    value.replace(offset, bytes.size(), bytes);

    QList<EtcdCompare> compares { EtcdCompare { key, EtcdCompare::Target::ModRevision, known->modRevision } };
    QList<EtcdOperation> onSuccess { operation(EtcdOperation::Kind::Put, key, value) };
    QList<EtcdOperation> onFailure { operation(EtcdOperation::Kind::RangeKey, key) };
    if (claim) {
        const QByteArray termKey = keyOf(termPath());
        const QJsonObject term { { QLatin1String("epoch"), QString::number(claim->first) },
            { QLatin1String("record"), relativePath } };
        compares.append(EtcdCompare { termKey, EtcdCompare::Target::ModRevision, claim->second.modRevision });
        onSuccess.append(
            operation(EtcdOperation::Kind::Put, termKey, QJsonDocument(term).toJson(QJsonDocument::Compact)));
        onFailure.append(operation(EtcdOperation::Kind::RangeKey, termKey));
    }
    const EtcdResult<EtcdTxn> txn = m_client->txn(compares, onSuccess, onFailure);
    if (!txn) {
        if (txn.error().failure != EtcdFailure::Rejected) {
            // No answer: the put may have landed (even after later ones failed too). The next write adopts it.
            known->uncertain.append(QCryptographicHash::hash(value, QCryptographicHash::Sha256));
            if (known->uncertain.size() > kMaxUncertainWrites)
                known->uncertain.removeFirst();
            QMutexLocker locker(&m_mutex);
            m_known.insert(relativePath, *known);
        }
        return Error(QStringLiteral("%1: write failed: %2").arg(where(relativePath), txn.error().message));
    }
    if (txn->succeeded) {
        QMutexLocker locker(&m_mutex);
        m_known.insert(relativePath, KnownValue { value, txn->revision, true, {} });
        return {};
    }
    const auto firstOf = [&txn](qsizetype range) {
        return txn->ranges.size() <= range || txn->ranges.at(range).kvs.isEmpty() ? EtcdKeyValue {}
                                                                                  : txn->ranges.at(range).kvs.first();
    };
    const EtcdKeyValue current = firstOf(0);
    if (claim && current.modRevision == known->modRevision) {
        // The record is unchanged: another claim took the term key between its read and this transaction.
        const Result<TermClaim> term = decodeTerm(firstOf(1));
        return Error(QStringLiteral("%1: claim of epoch %2 not written: %3")
                         .arg(where(relativePath))
                         .arg(claim->first)
                         .arg(term ? QStringLiteral("%1 claimed epoch %2 meanwhile").arg(term->record).arg(term->epoch)
                                   : term.error()));
    }
    if (current.modRevision > known->modRevision && current.value == value) {
        // This very transaction (its claim too) landed through an endpoint that did not answer in time, and the
        // client then sent it again to the next one, where the compare no longer holds: it is written.
        QMutexLocker locker(&m_mutex);
        m_known.insert(relativePath, KnownValue { value, current.modRevision, true, {} });
        return {};
    }
    if (mayAdopt && !known->uncertain.isEmpty() && current.modRevision != 0
        && known->uncertain.contains(QCryptographicHash::hash(current.value, QCryptographicHash::Sha256))) {
        // A write that had no answer did land: it was this object's own.
        {
            QMutexLocker locker(&m_mutex);
            m_known.insert(relativePath, KnownValue { current.value, current.modRevision, true, {} });
        }
        return writeAtOnce(relativePath, key, offset, bytes, false, claim);
    }
    return Error(QStringLiteral("%1: not written: another writer changed the key since this node last wrote it "
                                "(mod_revision %2, expected %3): is a second node running with the same name, or "
                                "an old incarnation of this one? Stop it.")
                     .arg(where(relativePath))
                     .arg(current.modRevision)
                     .arg(known->modRevision));
}

void EtcdClusterDirectory::forget(const QString &relativePath)
{
    QMutexLocker locker(&m_mutex);
    m_known.remove(relativePath);
    m_nextChunk.remove(relativePath);
}

Status EtcdClusterDirectory::replaceWhole(const QString &relativePath, const QByteArray &bytes)
{
    const Result<QByteArray> key = checkedKey(relativePath);
    if (!key)
        return Error(key.error());
    forget(relativePath);
    const EtcdResult<EtcdTxn> txn = m_client->txn({},
        { operation(EtcdOperation::Kind::Put, *key, bytes), operation(EtcdOperation::Kind::DeletePrefix, *key + '/') },
        {});
    if (!txn)
        return Error(QStringLiteral("%1: replace failed: %2").arg(where(relativePath), txn.error().message));
    QMutexLocker locker(&m_mutex);
    m_known.insert(relativePath, KnownValue { {}, txn->revision, false, {} });
    return {};
}

Status EtcdClusterDirectory::remove(const QString &relativePath)
{
    const Result<QByteArray> key = checkedKey(relativePath);
    if (!key)
        return Error(key.error());
    forget(relativePath);
    const EtcdResult<EtcdTxn> txn = m_client->txn({},
        { operation(EtcdOperation::Kind::DeleteKey, *key), operation(EtcdOperation::Kind::DeletePrefix, *key + '/') },
        {});
    if (!txn)
        return Error(QStringLiteral("%1: remove failed: %2").arg(where(relativePath), txn.error().message));
    return {};
}

Status EtcdClusterDirectory::append(const QString &relativePath, const QByteArray &bytes)
{
    const Result<QByteArray> key = checkedKey(relativePath);
    if (!key)
        return Error(key.error());
    const QByteArray chunkPrefix = *key + '/';
    for (int attempt = 0; attempt < 2; ++attempt) {
        qint64 sequence = 0;
        {
            QMutexLocker locker(&m_mutex);
            sequence = m_nextChunk.value(relativePath, 0);
        }
        if (sequence == 0) {
            const EtcdResult<EtcdRange> last = m_client->lastKeyUnder(chunkPrefix);
            if (!last)
                return Error(QStringLiteral("%1: append failed: %2").arg(where(relativePath), last.error().message));
            sequence = 1;
            if (!last->kvs.isEmpty()) {
                const qint64 lastSequence
                    = chunkSequence(QByteArrayView(last->kvs.first().key).sliced(chunkPrefix.size()));
                if (lastSequence == 0)
                    return Error(QStringLiteral("%1: cannot append: it is a folder (key %2 is below it)")
                                     .arg(where(relativePath), QString::fromUtf8(last->kvs.first().key)));
                sequence = lastSequence + 1;
            }
        }
        const QByteArray chunkKey = chunkPrefix + chunkName(sequence);
        // The chunk must be new: a second writer of the same file would otherwise overwrite a line.
        const EtcdResult<EtcdTxn> txn
            = m_client->txn({ EtcdCompare { chunkKey, EtcdCompare::Target::CreateRevision, 0 } },
                { operation(EtcdOperation::Kind::Put, chunkKey, bytes) }, {});
        if (!txn) {
            forget(relativePath);
            return Error(QStringLiteral("%1: append failed: %2").arg(where(relativePath), txn.error().message));
        }
        if (txn->succeeded) {
            QMutexLocker locker(&m_mutex);
            m_nextChunk.insert(relativePath, sequence + 1);
            return {};
        }
        QMutexLocker locker(&m_mutex);
        m_nextChunk.remove(relativePath);
    }
    return Error(QStringLiteral("%1: append failed: another writer appends to the same file at the same time")
                     .arg(where(relativePath)));
}

Status EtcdClusterDirectory::rename(const QString &fromRelativePath, const QString &toRelativePath)
{
    const Result<QByteArray> from = checkedKey(fromRelativePath);
    if (!from)
        return Error(from.error());
    const Result<QByteArray> to = checkedKey(toRelativePath);
    if (!to)
        return Error(to.error());
    if (*from == *to)
        return {};
    const Content content = readContent(fromRelativePath, std::numeric_limits<qsizetype>::max(), false);
    if (content.read.outcome == IoOutcome::Absent)
        return Error(
            QStringLiteral("%1: rename to %2 failed: no such file").arg(where(fromRelativePath), toRelativePath));
    if (!content.read.ok())
        return Error(QStringLiteral("%1: rename to %2 failed: %3")
                         .arg(where(fromRelativePath), toRelativePath, content.read.error));
    forget(fromRelativePath);
    forget(toRelativePath);
    const QByteArray &bytes = content.read.bytes;
    const QList<EtcdOperation> removeFrom { operation(EtcdOperation::Kind::DeleteKey, *from),
        operation(EtcdOperation::Kind::DeletePrefix, *from + '/') };
    auto failed = [&](const EtcdError &error) {
        return Error(
            QStringLiteral("%1: rename to %2 failed: %3").arg(where(fromRelativePath), toRelativePath, error.message));
    };

    if (bytes.size() <= kRenamePiece * kPiecesPerTxn) {
        // Small enough for one transaction: the new name gets the content as its own value, atomically.
        QList<EtcdOperation> operations { operation(EtcdOperation::Kind::Put, *to, bytes),
            operation(EtcdOperation::Kind::DeletePrefix, *to + '/') };
        operations += removeFrom;
        const EtcdResult<EtcdTxn> txn = m_client->txn({}, operations, {});
        return txn ? Status() : Status(failed(txn.error()));
    }
    // Larger: clear the new name, copy in pieces (chunks of the new name), then remove the old name with the
    // last piece. Interrupted, both names exist and the rename can be repeated.
    const EtcdResult<EtcdTxn> cleared = m_client->txn({},
        { operation(EtcdOperation::Kind::DeleteKey, *to), operation(EtcdOperation::Kind::DeletePrefix, *to + '/') },
        {});
    if (!cleared)
        return failed(cleared.error());
    qint64 sequence = 0;
    for (qsizetype offset = 0; offset < bytes.size();) {
        QList<EtcdOperation> operations;
        for (qsizetype piece = 0; piece < kPiecesPerTxn && offset < bytes.size(); ++piece) {
            operations.append(operation(
                EtcdOperation::Kind::Put, *to + '/' + chunkName(++sequence), bytes.mid(offset, kRenamePiece)));
            offset += kRenamePiece;
        }
        if (offset >= bytes.size())
            operations += removeFrom;
        const EtcdResult<EtcdTxn> txn = m_client->txn({}, operations, {});
        if (!txn)
            return failed(txn.error());
    }
    return {};
}

Result<QList<QPair<QByteArray, qint64>>> EtcdClusterDirectory::signatureOf(
    const QString &relativePath, const QByteArray &key)
{
    const EtcdResult<EtcdRange> range = m_client->getPrefix(key, true);
    if (!range)
        return Error(QStringLiteral("%1: %2").arg(where(relativePath), range.error().message));
    QList<QPair<QByteArray, qint64>> signature;
    const QByteArray chunkPrefix = key + '/';
    for (const EtcdKeyValue &kv : range->kvs) {
        if (kv.key == key || kv.key.startsWith(chunkPrefix))
            signature.append({ kv.key, kv.modRevision });
    }
    return signature;
}

Result<qint64> EtcdClusterDirectory::fileSize(const QString &relativePath)
{
    const Result<QByteArray> key = checkedKey(relativePath);
    if (!key)
        return Error(key.error());
    const Result<QList<QPair<QByteArray, qint64>>> signature = signatureOf(relativePath, *key);
    if (!signature)
        return Error(signature.error());
    if (signature->isEmpty())
        return qint64(0);
    {
        QMutexLocker locker(&m_mutex);
        const auto known = m_sizes.constFind(relativePath);
        if (known != m_sizes.constEnd() && known->signature == *signature)
            return known->size;
    }
    // Revisions only grow: a size read after this signature and kept with it is never returned for an older state.
    const Content content = readContent(relativePath, std::numeric_limits<qsizetype>::max(), false);
    if (content.read.outcome == IoOutcome::Absent)
        return qint64(0);
    if (!content.read.ok())
        return Error(content.read.error);
    const qint64 size = content.read.bytes.size();
    QMutexLocker locker(&m_mutex);
    m_sizes.insert(relativePath, KnownSize { *signature, size });
    return size;
}

Result<QStringList> EtcdClusterDirectory::list(const QString &relativeFolder)
{
    QByteArray folder = m_prefix;
    if (!relativeFolder.isEmpty()) {
        const Result<QByteArray> key = checkedKey(relativeFolder);
        if (!key)
            return Error(key.error());
        folder = *key + '/';
    }
    const EtcdResult<EtcdRange> range = m_client->getPrefix(folder, true);
    if (!range)
        return Error(QStringLiteral("%1: listing failed: %2").arg(where(relativeFolder), range.error().message));
    QStringList names;
    for (const EtcdKeyValue &kv : range->kvs) {
        QByteArrayView rest = QByteArrayView(kv.key).sliced(folder.size());
        const qsizetype slash = rest.indexOf('/');
        if (slash >= 0)
            rest = rest.first(slash);
        if (rest.isEmpty())
            continue;
        const QString name = QString::fromUtf8(rest);
        if (names.isEmpty() || names.constLast() != name)
            names.append(name);
    }
    names.removeDuplicates();
    names.sort();
    return names;
}

} // namespace hacmp
