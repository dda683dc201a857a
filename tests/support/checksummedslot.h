#pragma once

#include "shared/protocol/recordcodec.h"

#include <QByteArray>

namespace hacmp::test {

/// The bytes of a slot before its 8 hexadecimal digits of CRC-32.
inline constexpr qsizetype kSlotPayload = kSlotSize - 8;

/// A record slot of payload (at most kSlotPayload bytes, padded with spaces) followed by its correct
/// checksum, whatever the payload is: for tests of what the decoder does with valid slots of odd content.
QByteArray checksummedSlot(QByteArray payload);

} // namespace hacmp::test
