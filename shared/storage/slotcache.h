#pragma once

#include "shared/protocol/recordcodec.h"

#include <memory>
#include <vector>

namespace hacmp {

/// Remembers the decoded form of recently seen record slots, keyed by their exact bytes. A writer
/// changes one slot per write and knows what it wrote, so with a cache a read of a record file costs
/// at most one slot decode, and none for the agent's own record. Decoding is a pure function of the
/// bytes, so a hit is exactly what decoding again would give. Hosts that share a process (the
/// simulator) may share one cache.
class SlotCache final
{
public:
    explicit SlotCache(size_t capacity = 16)
        : m_capacity(capacity)
    { }

    /// Decodes slot 0 or 1 of a record file, through the cache.
    SlotDecode decode(QByteArrayView file, int slot);
    /// The newest record of a record file of node expectedNode (as decodeRecordFile), through the cache.
    RecordDecode readRecord(QByteArrayView file, const QString &expectedNode);
    /// Teaches the cache a slot's content (the writer knows what it just wrote).
    void remember(const QByteArray &slot, const SlotDecode &decoded);

private:
    struct Entry
    {
        QByteArray bytes;
        SlotDecode decoded;
    };
    size_t m_capacity;
    size_t m_next = 0;
    std::vector<Entry> m_entries;
};

} // namespace hacmp
