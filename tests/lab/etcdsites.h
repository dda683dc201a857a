#pragma once

#include "shared/base/result.h"
#include "shared/protocol/monotime.h"
#include "tests/lab/labsites.h"
#include "tests/support/etcdprocess.h"

#include <QString>
#include <QStringList>

namespace hacmp::lab {

/// The etcd store of the lab's sites (issue 12, item 6): three LabSites, one etcd member in each, listening
/// on the site's address; member i is in site i. Hosts are placed by data center, in the order the lab
/// first asks for each: the first data center is site 0, the next site 1, and so on round the sites.
/// Everything it started (members, namespaces) ends with it.
class EtcdSites final
{
public:
    /// electionTimeout: the members' raft election timeout (the heartbeat is a tenth of it).
    explicit EtcdSites(Millis electionTimeout);

    /// Why the sites cannot run here, or an empty string.
    static QString skipReason();

    /// Makes the sites' network and starts every member; ready when each is healthy.
    Status start();
    static constexpr int kSites = 3;
    Millis electionTimeout() const { return m_electionTimeout; }
    /// The members' client URLs, site 0 first.
    QStringList endpoints() const { return m_members.endpoints(); }
    /// The site of the hosts of dataCenter.
    int siteOf(const QString &dataCenter);
    /// The network namespace of site.
    const QString &networkNamespace(int site) const { return m_network.networkNamespace(site); }
    /// Where an operator's hacmpctl runs: the first site that is not cut from the others.
    const QString &operatorNamespace() const;

    LabSites &network() { return m_network; }
    test::EtcdProcess &members() { return m_members; }

private:
    Millis m_electionTimeout;
    LabSites m_network;
    test::EtcdProcess m_members;
    QStringList m_dataCenters; ///< in the order of their first siteOf()
};

} // namespace hacmp::lab
