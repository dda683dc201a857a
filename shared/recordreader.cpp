#include "recordreader.h"

namespace hacmp {

namespace {
constexpr size_t kRemembered = 4;
}

RecordDecode RecordReader::read(QByteArrayView file, const QString &expectedNode)
{
    if (file.size() > kRecordFileSize)
        return oversizedRecord(file.size());
    return combineSlots({ decode(file, 0), decode(file, 1) }, expectedNode);
}

SlotDecode RecordReader::decode(QByteArrayView file, int slot)
{
    const qsizetype begin = std::min<qsizetype>(slotOffset(slot), file.size());
    const QByteArrayView bytes = file.sliced(begin, std::min<qsizetype>(kSlotSize, file.size() - begin));
    for (const Known &known : m_known) {
        if (bytes == QByteArrayView(known.bytes))
            return known.decoded;
    }
    const SlotDecode decoded = decodeFileSlot(file, slot);
    remember(bytes.toByteArray(), decoded);
    return decoded;
}

void RecordReader::remember(const QByteArray &slot, const SlotDecode &decoded)
{
    m_known.push_front(Known { slot, decoded });
    if (m_known.size() > kRemembered)
        m_known.pop_back();
}

} // namespace hacmp
