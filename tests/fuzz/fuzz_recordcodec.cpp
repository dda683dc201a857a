// The heartbeat record decoder (shared/protocol/recordcodec.h) on what another host wrote. The input is taken twice:
// as a whole record file (torn, short, oversized, bad checksums) and as the JSON of one slot given a correct
// checksum, so that the fuzzer gets past the CRC to the field checks. Invariants: a valid record is of the
// expected node; when it encodes again, the slot decodes to the same record.
#include "tests/fuzz/fuzzsupport.h"

#include "shared/base/crc32.h"
#include "shared/protocol/recordcodec.h"

using namespace hacmp;

namespace {

const QString kNode = QStringLiteral("alpha");

void checkRoundTrip(const HeartbeatRecord &record)
{
    // A record another host wrote need not fit this host's encoding: Qt's JSON reader takes raw control
    // characters in strings, which the writer escapes, so the same text can grow past a slot. Harmless, as
    // a host only ever encodes its own record; what it encodes must read back the same.
    const Result<QByteArray> slot = encodeSlot(record);
    if (!slot)
        return;
    FUZZ_CHECK(slot->size() == kSlotSize);
    const SlotDecode again = decodeSlot(*slot);
    FUZZ_CHECK(again.kind == SlotKind::Valid);
    FUZZ_CHECK(again.record == record);
}

/// payload padded to a slot and sealed with its checksum, as a writer does.
QByteArray sealedSlot(QByteArrayView payload)
{
    QByteArray slot = payload.toByteArray();
    slot.append(kSlotSize - 8 - slot.size(), ' ');
    slot.append(QByteArray::number(crc32(slot), 16).rightJustified(8, '0'));
    return slot;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes = fuzz::bytesOf(data, size);
    const RecordDecode file = decodeRecordFile(bytes, kNode);
    if (file.kind == RecordKind::Valid) {
        FUZZ_CHECK(file.slot == 0 || file.slot == 1);
        FUZZ_CHECK(file.record.node == kNode);
        checkRoundTrip(file.record);
    }
    for (const HeartbeatRecord &record : file.validSlots)
        FUZZ_CHECK(record.node == kNode);

    if (bytes.size() <= kSlotSize - 8) {
        const SlotDecode slot = decodeSlot(sealedSlot(bytes));
        if (slot.kind == SlotKind::Valid)
            checkRoundTrip(slot.record);
        else
            FUZZ_CHECK(!slot.problem.isEmpty());
    }
    return 0;
}
