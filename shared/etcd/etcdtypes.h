#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace hacmp {

/// Why a call to etcd gave no answer the caller can use.
enum class EtcdFailure {
    TimedOut, ///< no endpoint answered within the call's deadline
    Unreachable, ///< every endpoint refused the connection or failed at the transport (no HTTP answer)
    Rejected, ///< etcd answered with an error (bad request, no permission, a compare that cannot hold, ...)
    Malformed, ///< an answer that is not etcd's JSON (wrong server, proxy page, damaged reply)
};

/// A failed call: the kind of failure and a message that names the endpoint(s) and what to do.
struct EtcdError
{
    EtcdFailure failure = EtcdFailure::Unreachable;
    QString message;
};

/// The value of an etcd call or an EtcdError (errors are values, docs/architecture.md House style).
template <typename T> class EtcdResult
{
public:
    EtcdResult(T value)
        : m_data(std::move(value))
    { }
    EtcdResult(EtcdError error)
        : m_data(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T *operator->() const { return &std::get<T>(m_data); }
    const EtcdError &error() const { return std::get<EtcdError>(m_data); }

private:
    std::variant<T, EtcdError> m_data;
};

/// One key of a range answer. Revisions are etcd's: mod_revision changes with every write of the key.
struct EtcdKeyValue
{
    QByteArray key;
    QByteArray value; ///< empty for a keys-only range
    qint64 createRevision = 0;
    qint64 modRevision = 0;
    qint64 version = 0;
};

/// The answer to a range read: its keys in key order and the store's revision when it was served.
struct EtcdRange
{
    qint64 revision = 0; ///< the header's revision
    QList<EtcdKeyValue> kvs;
    qint64 count = 0; ///< how many keys the range holds (more than kvs.size() when limited)
    bool more = false;
};

/// The answer to a put or a delete: the header's revision and, for a delete, how many keys it removed.
struct EtcdWrite
{
    qint64 revision = 0;
    qint64 deleted = 0;
};

/// One condition of a transaction: the key's revision (or version) equals value. A key that does not
/// exist has create_revision, mod_revision and version 0.
struct EtcdCompare
{
    enum class Target { Version, CreateRevision, ModRevision };
    QByteArray key;
    Target target = Target::ModRevision;
    qint64 value = 0;
};

/// One operation of a transaction branch.
struct EtcdOperation
{
    enum class Kind { Put, DeleteKey, DeletePrefix, RangeKey, RangePrefix };
    Kind kind = Kind::Put;
    QByteArray key; ///< the key, or the prefix for the *Prefix kinds
    QByteArray value; ///< for Put
};

/// The answer to a transaction: which branch ran and, in order, the answers of its range operations.
struct EtcdTxn
{
    qint64 revision = 0;
    bool succeeded = false;
    QList<EtcdRange> ranges;
};

/// What one member says about itself (maintenance status).
struct EtcdMemberStatus
{
    QString endpoint;
    QString version;
    quint64 memberId = 0;
    quint64 leaderId = 0; ///< 0: the member knows no leader
    qint64 dbSize = 0; ///< the database file's size in bytes
    qint64 dbSizeInUse = 0; ///< the bytes of it in use (the rest is free after a compaction, until a defrag)
    qint64 raftTerm = 0;
    qint64 revision = 0;
};

} // namespace hacmp
