#include "tests/support/clusterfixture.h"

#include "shared/history/actor.h"
#include "shared/protocol/recordcodec.h"
#include "shared/storage/clusteridentity.h"

namespace hacmp::test {

ClusterFixture::ClusterFixture(const QString &clusterName, const QString &path)
{
    if (path.isEmpty()) {
        m_temp = std::make_unique<QTemporaryDir>();
        m_path = m_temp->path();
    } else {
        m_path = path;
    }
    if (const Status made = initClusterDirectory(m_path, clusterName); !made) {
        m_error = made.error();
        return;
    }
    Result<std::unique_ptr<FsClusterDirectory>> opened = openCluster(m_path, clusterName);
    if (!opened) {
        m_error = opened.error();
        return;
    }
    m_directory = std::move(opened).value();
}

HeartbeatRecord &ClusterFixture::record(const QString &node)
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

Status ClusterFixture::writeRecord(const QString &node, bool keepWallTime)
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
        = m_directory->writeAt(QStringLiteral("nodes/") + node + QStringLiteral(".hb"), slotOffset(target), *slot);
    if (written)
        m_lastSlot.insert(node, target);
    return written;
}

Status ClusterFixture::setMaintenance(const QString &who, const QString &why)
{
    return ControlFiles(*m_directory).setMaintenance({ who, utcNowIso(), why });
}

Status ClusterFixture::setStandby(const QString &node, const QString &who, const QString &why)
{
    return ControlFiles(*m_directory).setStandby(node, { who, utcNowIso(), why });
}

Status ClusterFixture::appendHistory(const QString &writer, QList<HistoryEvent> events)
{
    QByteArray lines;
    quint64 &seq = m_historySeq[writer];
    for (HistoryEvent &event : events) {
        event.writer = writer;
        event.seq = ++seq;
        if (event.time.isEmpty())
            event.time = utcNowIso();
        lines += encodeHistoryLine(event);
    }
    return m_directory->append(historyFilePath(writer), lines);
}

} // namespace hacmp::test
