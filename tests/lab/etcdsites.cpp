#include "tests/lab/etcdsites.h"

#include <QDir>
#include <QFileInfo>

namespace hacmp::lab {

namespace {

QList<test::EtcdProcess::Placement> placements(const LabSites &network)
{
    QList<test::EtcdProcess::Placement> members;
    for (int site = 0; site < network.sites(); ++site)
        members.append({ network.networkNamespace(site), LabSites::address(site) });
    return members;
}

/// Where the members keep their data: in memory (/dev/shm) where there is one, so that the fsyncs of three
/// members per run, and of runs at once, do not queue on the machine's disk (their delays are not the lab's
/// subject: those of the network and of the members' processes are).
QString dataParent()
{
    const QString memory = QStringLiteral("/dev/shm");
    return QFileInfo(memory).isDir() && QFileInfo(memory).isWritable() ? memory : QDir::tempPath();
}

} // namespace

EtcdSites::EtcdSites(Millis electionTimeout)
    : m_electionTimeout(electionTimeout)
    , m_network(kSites)
    , m_members(placements(m_network), electionTimeout, true, dataParent())
{ }

QString EtcdSites::skipReason()
{
    for (const QString &reason :
        { LabSites::skipReason(), test::EtcdProcess::skipReason(), test::EtcdProcess::placementSkipReason() }) {
        if (!reason.isEmpty())
            return reason;
    }
    return QString();
}

Status EtcdSites::start()
{
    if (const Status made = m_network.create(); !made)
        return made;
    return m_members.start();
}

int EtcdSites::siteOf(const QString &dataCenter)
{
    if (!m_dataCenters.contains(dataCenter))
        m_dataCenters.append(dataCenter);
    return int(m_dataCenters.indexOf(dataCenter)) % kSites;
}

const QString &EtcdSites::operatorNamespace() const
{
    for (int site = 0; site < kSites; ++site) {
        if (!m_network.partitioned(site))
            return networkNamespace(site);
    }
    return networkNamespace(0);
}

} // namespace hacmp::lab
