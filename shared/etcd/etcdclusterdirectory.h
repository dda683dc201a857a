#pragma once

#include "shared/storage/clusterdirectory.h"

#include <QHash>
#include <QMutex>

#include <memory>
#include <optional>
#include <utility>

namespace hacmp {

class EtcdClient;
struct EtcdKeyValue;

/// The shared directory of one cluster as keys in etcd (docs/architecture.md, The etcd backend): a relative
/// path is the key <prefix><path>. A file's content is the value of its key followed by the values of its
/// appended chunks <prefix><path>/<20-digit sequence>, read together in one linearizable transaction, so
/// that Absent is only ever etcd's definite answer and an unreachable cluster is TimedOut or Failed.
/// writeAt is a read-modify-write of the whole value as a transaction that compares the key's mod_revision
/// with the one this object last wrote (or, before its first write, first saw): a record written meanwhile
/// by anyone else (a duplicate node, an old incarnation) is not overwritten, and the write is Failed with a
/// message that says so. writeClaim also claims the term in the key <prefix>term ({"epoch":E,"record":path}) in
/// the same transaction, only while the key still holds a lower epoch. Calls block for at most the client's deadline;
/// calls from several lanes are safe.
class EtcdClusterDirectory final : public ClusterDirectory
{
public:
    /// prefix: where the cluster's keys start, ending with "/" (defaultPrefix). No call to etcd is made:
    /// the caller checks the cluster key (docs/protocol.md D) with its first read.
    static Result<std::unique_ptr<EtcdClusterDirectory>> open(
        std::shared_ptr<EtcdClient> client, const QString &prefix);
    /// "/hacmp/<cluster>/".
    static QString defaultPrefix(const QString &clusterName);
    ~EtcdClusterDirectory() override;
    Q_DISABLE_COPY_MOVE(EtcdClusterDirectory)

    FileRead readFile(const QString &relativePath, qsizetype maxBytes) override;
    FileRead readPrefix(const QString &relativePath, qsizetype maxBytes) override;
    Status writeAt(const QString &relativePath, qint64 offset, const QByteArray &bytes) override;
    /// writeAt and the term key in one transaction: refused, writing neither, when the term key holds epoch or
    /// a higher one, or changes between its read and the transaction.
    Status writeClaim(
        const QString &relativePath, qint64 offset, const QByteArray &bytes, std::uint64_t epoch) override;
    Status replaceWhole(const QString &relativePath, const QByteArray &bytes) override;
    Status remove(const QString &relativePath) override;
    Status append(const QString &relativePath, const QByteArray &bytes) override;
    Status rename(const QString &fromRelativePath, const QString &toRelativePath) override;
    /// From one keys-only read while the file's keys and their revisions are those of the last size taken
    /// (a history file that did not change costs no value transfer); otherwise from reading it whole.
    Result<qint64> fileSize(const QString &relativePath) override;
    /// Immediate child names of a folder (the top for an empty one), from one keys-only prefix range; a
    /// folder without keys is empty, not an error (etcd has no folders).
    Result<QStringList> list(const QString &relativeFolder) override;
    /// etcd://host:port,host:port/prefix
    QString describe() const override { return m_description; }

    /// The key of a relative path (no check).
    QByteArray keyOf(const QString &relativePath) const;
    /// The relative path of the term key, which holds the highest epoch claimed (writeClaim).
    static QString termPath() { return QStringLiteral("term"); }

private:
    /// What this object knows of a key it writes with writeAt.
    struct KnownValue
    {
        QByteArray value;
        qint64 modRevision = 0;
        bool valueKnown = false; ///< false when only a read saw the key: its value is fetched at the first write
        /// SHA-256 of each value written without an answer since modRevision, oldest first (at most
        /// kMaxUncertainWrites). Each compared with modRevision, so at most one of them can have landed, but not
        /// necessarily the last: with quorum lost, the leader keeps every proposal and commits the first one
        /// when quorum returns.
        QList<QByteArray> uncertain;
    };
    /// How many unanswered writes of one key are remembered (32 bytes each): at one write per interval, minutes
    /// of a store without quorum.
    static constexpr qsizetype kMaxUncertainWrites = 4096;

    /// A file read whole, and the revision of its own key.
    struct Content
    {
        FileRead read;
        qint64 valueRevision = 0; ///< mod_revision of the path's own key, 0 when absent
    };

    EtcdClusterDirectory(std::shared_ptr<EtcdClient> client, QByteArray prefix);

    Result<QByteArray> checkedKey(const QString &relativePath) const;
    QString where(const QString &relativePath) const;
    Content readContent(const QString &relativePath, qsizetype maxBytes, bool prefix);
    /// The term key as a claim finds it: the epoch it holds and its mod_revision (0 and 0 when absent).
    struct TermClaim
    {
        std::uint64_t epoch = 0;
        QString record; ///< the record that claimed it
        qint64 modRevision = 0;
    };
    /// Reads the term key.
    Result<TermClaim> claimedTerm();
    /// The term key's value, or an error naming the key.
    Result<TermClaim> decodeTerm(const EtcdKeyValue &kv) const;
    Status checkedWrite(
        const QString &relativePath, qint64 offset, const QByteArray &bytes, std::optional<std::uint64_t> claim);
    /// The transaction of writeAt (and, with claim, of writeClaim: the term key read before the write).
    Status writeAtOnce(const QString &relativePath, const QByteArray &key, qint64 offset, const QByteArray &bytes,
        bool mayAdopt, const std::optional<std::pair<std::uint64_t, TermClaim>> &claim);
    void forget(const QString &relativePath);

    /// The size of a file as of its keys and their mod_revisions (its "signature").
    struct KnownSize
    {
        QList<QPair<QByteArray, qint64>> signature;
        qint64 size = 0;
    };
    /// The key of relativePath and its chunks with their mod_revisions, from a keys-only read.
    Result<QList<QPair<QByteArray, qint64>>> signatureOf(const QString &relativePath, const QByteArray &key);

    std::shared_ptr<EtcdClient> m_client;
    QByteArray m_prefix;
    QString m_description;
    QMutex m_mutex;
    QHash<QString, KnownValue> m_known;
    QHash<QString, qint64> m_nextChunk;
    QHash<QString, KnownSize> m_sizes;
};

} // namespace hacmp
