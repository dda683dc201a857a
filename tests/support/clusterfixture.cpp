#include "tests/support/clusterfixture.h"

#include "shared/history/actor.h"
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
    m_records = std::make_unique<RecordWriter>(*m_directory);
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
