#pragma once

#include "shared/base/result.h"
#include "shared/protocol/heartbeatrecord.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <array>

namespace hacmp {

// The on-disk form of a heartbeat record (docs/protocol.md, The heartbeat record): a file of two slots of
// kSlotSize bytes; each slot is compact UTF-8 JSON padded with spaces, ending in the CRC-32 of the rest
// as 8 lowercase hex digits. Readers take the valid slot with the higher seq, so a torn write never
// destroys the last good record.

constexpr qsizetype kSlotSize = 4096;
constexpr qsizetype kRecordFileSize = 2 * kSlotSize;
constexpr int kRecordFormat = 1;

/// Encodes a record as one slot of exactly kSlotSize bytes; an error when it cannot be decoded again
/// (too large, invalid node name, numbers beyond 2^53).
Result<QByteArray> encodeSlot(const HeartbeatRecord &record);

enum class SlotKind {
    Empty, ///< never written: all bytes zero or all spaces
    Valid, ///< checksum, JSON and every field of format 1 are right
    Corrupt, ///< wrong size, torn, not JSON, or a field missing or wrong
    UnknownFormat, ///< a whole slot in a format newer than kRecordFormat
};

/// What one slot holds; record is meaningful only when Valid, problem says why it is not.
struct SlotDecode
{
    SlotKind kind = SlotKind::Corrupt;
    HeartbeatRecord record;
    QString problem;
};

/// Decodes one slot. Never fails on any input: every byte string gets a kind.
SlotDecode decodeSlot(QByteArrayView slot);

enum class RecordKind {
    Valid, ///< a slot holds a valid record of the expected node
    Unreadable, ///< no usable slot: torn, garbage, empty, too large, or another node's record
    UnknownFormat, ///< a slot is in a format this version does not know: its content is unknown
};

/// The newest record of a record file, the slot it came from, or why there is none.
struct RecordDecode
{
    RecordKind kind = RecordKind::Unreadable;
    HeartbeatRecord record;
    int slot = -1;
    QString problem;
    /// Every valid slot of the expected node, newest or not: two writers of one record show up here
    /// even when neither slot wins (docs/protocol.md O4, duplicate node names).
    QList<HeartbeatRecord> validSlots;
};

/// Decodes a whole record file (up to kRecordFileSize bytes; a missing second slot is empty) of the
/// node expectedNode. Never fails on any input.
RecordDecode decodeRecordFile(QByteArrayView bytes, const QString &expectedNode);

/// Decodes slot 0 or 1 of a record file (a slot beyond the end of the file is Empty).
SlotDecode decodeFileSlot(QByteArrayView bytes, int slot);
/// The newest record among two decoded slots of the node expectedNode (decodeRecordFile's second half).
RecordDecode combineSlots(const std::array<SlotDecode, 2> &slots, const QString &expectedNode);
/// The result for a file larger than kRecordFileSize.
RecordDecode oversizedRecord(qsizetype size);

/// The slot of the next write: never the one holding the last confirmed write (0 when there is none, -1).
int slotForNextWrite(int lastConfirmedSlot);

/// The valid slot of node with the higher seq in bytes, or -1: for an agent that starts and reads its
/// own old record. Slots beyond the first two are ignored.
int newestValidSlot(QByteArrayView bytes, const QString &node);

/// Byte offset of a slot in the record file.
qint64 slotOffset(int slot);

} // namespace hacmp
