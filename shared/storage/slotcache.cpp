#include "shared/storage/slotcache.h"

#include <cstring>

namespace hacmp {

namespace {
/// The checksum text at the end of a slot tells most slots apart before comparing them whole.
constexpr qsizetype kTrailer = 8;

bool sameSlot(QByteArrayView a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    if (a.size() >= kTrailer
        && std::memcmp(a.data() + a.size() - kTrailer, b.data() + b.size() - kTrailer, kTrailer) != 0)
        return false;
    return a == QByteArrayView(b);
}
} // namespace

SlotDecode SlotCache::decode(QByteArrayView file, int slot)
{
    const qsizetype begin = std::min<qsizetype>(slotOffset(slot), file.size());
    const QByteArrayView bytes = file.sliced(begin, std::min<qsizetype>(kSlotSize, file.size() - begin));
    for (const Entry &entry : m_entries) {
        if (sameSlot(bytes, entry.bytes))
            return entry.decoded;
    }
    SlotDecode decoded = decodeFileSlot(file, slot);
    remember(bytes.toByteArray(), decoded);
    return decoded;
}

RecordDecode SlotCache::readRecord(QByteArrayView file, const QString &expectedNode)
{
    if (file.size() > kRecordFileSize)
        return oversizedRecord(file.size());
    return combineSlots({ decode(file, 0), decode(file, 1) }, expectedNode);
}

void SlotCache::remember(const QByteArray &slot, const SlotDecode &decoded)
{
    if (m_entries.size() < m_capacity) {
        m_entries.push_back(Entry { slot, decoded });
        return;
    }
    m_entries[m_next] = Entry { slot, decoded };
    m_next = (m_next + 1) % m_capacity;
}

} // namespace hacmp
