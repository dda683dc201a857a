#include "tests/sim/simstorage.h"

namespace hacmp::sim {

std::optional<QByteArray> SimStorage::read(const QString &name) const
{
    const auto it = m_files.constFind(name);
    if (it == m_files.constEnd())
        return std::nullopt;
    return *it;
}

void SimStorage::writeAt(const QString &name, qsizetype offset, const QByteArray &bytes)
{
    QByteArray &file = m_files[name];
    if (file.size() < offset + bytes.size())
        file.resize(offset + bytes.size(), '\0');
    file.replace(offset, bytes.size(), bytes);
    changed(name);
}

void SimStorage::put(const QString &name, const QByteArray &bytes)
{
    m_files.insert(name, bytes);
    changed(name);
}

void SimStorage::remove(const QString &name)
{
    m_files.remove(name);
    m_modRevision.remove(name);
}

bool SimStorage::claimTerm(std::uint64_t epoch)
{
    if (epoch <= m_claimedTerm)
        return false;
    m_claimedTerm = epoch;
    ++m_revision;
    return true;
}

QStringList SimStorage::nodes() const
{
    QStringList names;
    const QString prefix = QStringLiteral("nodes/");
    for (auto it = m_files.constBegin(); it != m_files.constEnd(); ++it) {
        if (it.key().startsWith(prefix))
            names.append(it.key().mid(prefix.size()).chopped(3));
    }
    return names;
}

} // namespace hacmp::sim
