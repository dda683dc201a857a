#include "tests/support/recordwriter.h"

#include "shared/history/actor.h"
#include "shared/protocol/recordcodec.h"
#include "shared/storage/clusterdirectory.h"

namespace hacmp::test {

HeartbeatRecord &RecordWriter::record(const QString &node)
{
    auto it = m_records.find(node);
    if (it == m_records.end()) {
        HeartbeatRecord fresh;
        fresh.node = node;
        fresh.hostId = QStringLiteral("host-") + node;
        fresh.incarnation = 0x1000 + quint64(m_records.size());
        fresh.state = Role::Standby;
        fresh.version = QStringLiteral("0.1.0");
        it = m_records.insert(node, fresh);
    }
    return *it;
}

Status RecordWriter::write(const QString &node, bool keepWallTime)
{
    HeartbeatRecord &next = record(node);
    ++next.seq;
    if (!keepWallTime || next.wallTime.isEmpty())
        next.wallTime = utcNowIso();
    const Result<QByteArray> slot = encodeSlot(next);
    if (!slot)
        return Error(slot.error());
    const int target = slotForNextWrite(m_lastSlot.value(node, -1));
    const Status written
        = m_directory.writeAt(QStringLiteral("nodes/") + node + QStringLiteral(".hb"), slotOffset(target), *slot);
    if (written)
        m_lastSlot.insert(node, target);
    return written;
}

} // namespace hacmp::test
