#include "tests/support/checksummedslot.h"

#include "shared/base/crc32.h"

namespace hacmp::test {

QByteArray checksummedSlot(QByteArray payload)
{
    payload.append(kSlotPayload - payload.size(), ' ');
    payload.append(QByteArray::number(crc32(payload), 16).rightJustified(8, '0'));
    return payload;
}

} // namespace hacmp::test
