#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace hacmp::sim {

/// The shared directory as the simulator sees it: file contents at the current simulated instant.
/// Writes change it when they land (the simulation schedules that), so a read samples whatever
/// landed before its own instant, as on NFS. Every change also counts as a revision, as etcd's
/// mod_revision (the etcd store's compare, docs/protocol.md, The etcd backend).
class SimStorage final
{
public:
    std::optional<QByteArray> read(const QString &name) const;
    void writeAt(const QString &name, qsizetype offset, const QByteArray &bytes);
    void put(const QString &name, const QByteArray &bytes);
    void remove(const QString &name);
    /// The revision of the last change of name; 0 when it is absent.
    std::uint64_t modRevision(const QString &name) const { return m_modRevision.value(name, 0); }
    /// Node names that have a record file.
    QStringList nodes() const;
    /// The etcd store's term key (EtcdClusterDirectory::writeClaim): the highest epoch claimed, 0 before any.
    std::uint64_t claimedTerm() const { return m_claimedTerm; }
    /// Claims epoch in the term key when it is above the one held; false (nothing changes) otherwise.
    bool claimTerm(std::uint64_t epoch);

private:
    void changed(const QString &name) { m_modRevision.insert(name, ++m_revision); }

    QMap<QString, QByteArray> m_files;
    QMap<QString, std::uint64_t> m_modRevision;
    std::uint64_t m_revision = 0;
    std::uint64_t m_claimedTerm = 0;
};

} // namespace hacmp::sim
