#include "crc32.h"

#include <QtEndian>

#include <array>
#include <cstring>

namespace hacmp {

namespace {

// Slicing-by-8: eight tables let the loop consume eight bytes per step. The heartbeat reader checks
// two 4 KiB slots per read, so this is the hot path of every observer.
using Tables = std::array<std::array<quint32, 256>, 8>;

constexpr Tables makeTables()
{
    Tables tables {};
    for (quint32 index = 0; index < 256; ++index) {
        quint32 value = index;
        for (int bit = 0; bit < 8; ++bit)
            value = (value & 1u) ? (value >> 1) ^ 0xEDB88320u : value >> 1;
        tables[0][index] = value;
    }
    for (quint32 index = 0; index < 256; ++index) {
        for (size_t slice = 1; slice < 8; ++slice) {
            const quint32 previous = tables[slice - 1][index];
            tables[slice][index] = (previous >> 8) ^ tables[0][previous & 0xFFu];
        }
    }
    return tables;
}

constexpr Tables kTables = makeTables();

} // namespace

quint32 crc32(QByteArrayView data)
{
    quint32 crc = 0xFFFFFFFFu;
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data());
    qsizetype left = data.size();
    while (left >= 8) {
        quint32 low = 0;
        quint32 high = 0;
        std::memcpy(&low, bytes, 4);
        std::memcpy(&high, bytes + 4, 4);
        low = qFromLittleEndian(low) ^ crc;
        high = qFromLittleEndian(high);
        crc = kTables[7][low & 0xFFu] ^ kTables[6][(low >> 8) & 0xFFu] ^ kTables[5][(low >> 16) & 0xFFu]
            ^ kTables[4][low >> 24] ^ kTables[3][high & 0xFFu] ^ kTables[2][(high >> 8) & 0xFFu]
            ^ kTables[1][(high >> 16) & 0xFFu] ^ kTables[0][high >> 24];
        bytes += 8;
        left -= 8;
    }
    while (left-- > 0)
        crc = kTables[0][(crc ^ *bytes++) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

} // namespace hacmp
