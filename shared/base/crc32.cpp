#include "shared/base/crc32.h"

#include <zlib.h>

#include <algorithm>

namespace hacmp {

quint32 crc32(QByteArrayView data)
{
    // zlib's CRC-32 is the IEEE 802.3 one of docs/protocol.md, and faster than a table loop of our own.
    uLong crc = ::crc32(0L, nullptr, 0);
    const auto *bytes = reinterpret_cast<const Bytef *>(data.data());
    qsizetype left = data.size();
    while (left > 0) {
        const uInt chunk = uInt(std::min<qsizetype>(left, 1 << 30));
        crc = ::crc32(crc, bytes, chunk);
        bytes += chunk;
        left -= chunk;
    }
    return quint32(crc);
}

} // namespace hacmp
