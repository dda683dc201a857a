#pragma once

#include "shared/base/result.h"

#include <QString>
#include <QStringList>

namespace hacmp::lab {

/// The network of the lab's sites (issue 12, item 6): one network namespace per site and one "switch"
/// namespace holding a bridge, each site joined to the bridge by a veth pair (iproute2). Site i has the
/// address 10.77.0.<i+1>/24 on its link "eth0" and its loopback up; the switch's end of its link is "site<i>".
/// Only the sites reach each other: the lab's own namespace is not on the bridge. Names carry this process's
/// id ("hlab<pid>-sw", "hlab<pid>-s<i>"), so that runs at once do not meet; the destructor deletes the
/// namespaces (which removes their links), and a new LabSites first deletes those of lab processes that ended.
class LabSites final
{
public:
    explicit LabSites(int sites);
    ~LabSites();
    Q_DISABLE_COPY_MOVE(LabSites)

    /// Why sites cannot be made here (not root, no iproute2 or nsenter), or an empty string.
    static QString skipReason();

    /// Makes the namespaces and the links.
    Status create();
    int sites() const { return int(m_siteNamespaces.size()); }
    /// The network namespace of site (a name in /run/netns).
    const QString &networkNamespace(int site) const { return m_siteNamespaces.at(site); }
    /// The address of site on its link.
    static QString address(int site);

    /// Cuts site from the others: the switch's end of its link goes down.
    Status partition(int site);
    /// Joins site to the others again.
    Status heal(int site);
    bool partitioned(int site) const { return m_partitioned.contains(site); }

private:
    /// Runs ip with arguments; an error with its standard error when it fails.
    static Status ip(const QStringList &arguments);
    /// Deletes the namespaces of lab processes that no longer run (left by a run that was killed).
    static void removeOrphans();
    Status setLink(int site, bool up);

    QString m_switchNamespace;
    QStringList m_siteNamespaces;
    QList<int> m_partitioned;
    QStringList m_created; ///< what the destructor deletes
};

} // namespace hacmp::lab
