#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace hacmp {

/// CRC-32 as in IEEE 802.3, zlib and PNG (reflected, polynomial 0xEDB88320, initial value and final
/// xor 0xFFFFFFFF): the checksum that tells a whole heartbeat record slot from a torn one.
quint32 crc32(QByteArrayView data);

} // namespace hacmp
