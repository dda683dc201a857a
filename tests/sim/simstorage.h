#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace hacmp::sim {

/// The shared directory as the simulator sees it: file contents at the current simulated instant.
/// Writes change it when they land (the simulation schedules that), so a read samples whatever
/// landed before its own instant, as on NFS.
class SimStorage final
{
public:
    std::optional<QByteArray> read(const QString &name) const;
    void writeAt(const QString &name, qsizetype offset, const QByteArray &bytes);
    void put(const QString &name, const QByteArray &bytes) { m_files.insert(name, bytes); }
    void remove(const QString &name) { m_files.remove(name); }
    /// Node names that have a record file.
    QStringList nodes() const;

private:
    QMap<QString, QByteArray> m_files;
};

} // namespace hacmp::sim
