#include "tests/support/recordpulse.h"

namespace hacmp::test {

RecordPulse::RecordPulse(ClusterFixture &cluster, Millis period)
    : m_cluster(cluster)
{
    m_timer.setInterval(int(period.count()));
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { pulse(); });
    m_timer.start();
}

void RecordPulse::add(const QString &node)
{
    m_nodes.insert(node);
    if (const Status written = m_cluster.writeRecord(node); !written && m_error.isEmpty())
        m_error = written.error();
}

void RecordPulse::pulse()
{
    for (const QString &node : std::as_const(m_nodes)) {
        if (const Status written = m_cluster.writeRecord(node); !written && m_error.isEmpty())
            m_error = written.error();
    }
}

} // namespace hacmp::test
