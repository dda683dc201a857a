#pragma once

#include "recordcodec.h"

#include <array>
#include <deque>

namespace hacmp {

/// Reads successive versions of one record file, decoding only slot contents it has not seen
/// recently: a writer changes one slot per write, so a read costs at most one slot decode, and a
/// writer that remembers what it wrote costs none when it reads its own record back.
class RecordReader final
{
public:
    RecordDecode read(QByteArrayView file, const QString &expectedNode);
    /// Teaches the reader a slot's decoded content (the writer knows what it just wrote).
    void remember(const QByteArray &slot, const SlotDecode &decoded);

private:
    SlotDecode decode(QByteArrayView file, int slot);

    struct Known
    {
        QByteArray bytes;
        SlotDecode decoded;
    };
    std::deque<Known> m_known; ///< most recent first
};

} // namespace hacmp
