#pragma once

#include "shared/protocol/timing.h"
#include "tests/lab/etcdsites.h"
#include "tests/lab/labimplementation.h"

#include <QHash>

#include <memory>

namespace hacmp::lab {

/// hacmp under test in the lab: each host runs hacmp-agent (with its hacmp-guard) from a configuration
/// generated at each boot; operators' actions go through hacmpctl. Two stores: the shared directory
/// ("hacmp", with the fast timings of docs/protocol.md), or an etcd member in each of three sites
/// ("hacmp-etcd", EtcdSites: each host's daemon runs in its data center's site, hacmpctl in a site too),
/// with timings that satisfy io_timeout >= election_timeout + 500 ms.
class HacmpImplementation final : public LabImplementation
{
public:
    enum class Store { SharedDirectory, EtcdSites };

    explicit HacmpImplementation(Store store = Store::SharedDirectory);

    QString name() const override;
    QString unavailable() const override;
    bool usesSharedDirectory() const override { return m_store == Store::SharedDirectory; }
    Status prepareCluster(const QString &sharedSource) override;
    Result<LabCommand> daemon(const LabHostSetup &setup) override;
    int stopSignal() const override;
    Millis stopTimeout() const override;
    Millis failoverBudget() const override;
    Millis joinTime() const override;
    Status setMaintenance(const QString &sharedSource, bool on) override;

    const Timing &timing() const { return m_timing; }
    /// The etcd sites of this run (after prepareCluster), or null with the shared directory.
    EtcdSites *etcdSites() const { return m_sites.get(); }
    /// Configuration text that replaces the generated [timing] section for node's next boots (e.g. unsafe
    /// or different timings); an empty text restores the lab's timings.
    void overrideTiming(const QString &node, const QString &timingSection);
    /// The [node] name that host's agent gets from its next boot on, instead of the host's own (a copied
    /// configuration).
    void overrideNodeName(const QString &host, const QString &node);
    /// Runs hacmpctl on the cluster in sharedSource (with the etcd sites: on theirs, from a site) with
    /// arguments; the result is its standard output, or an error with its standard error and status.
    Result<QString> ctl(const QString &sharedSource, const QStringList &arguments) const;

private:
    QString timingSection(const QString &node) const;
    /// The agent's whole configuration for setup.
    QString configuration(const LabHostSetup &setup) const;
    /// Writes the configuration of setup to setup.hostDirectory/agent.conf; its path.
    Result<QString> writeConfiguration(const LabHostSetup &setup) const;

    Store m_store;
    Timing m_timing;
    std::unique_ptr<EtcdSites> m_sites;
    QString m_ctlConfig; ///< with the etcd sites: the configuration hacmpctl reads (its [cluster])
    QHash<QString, QString> m_timingOverrides;
    QHash<QString, QString> m_nodeNames; ///< host -> its agent's [node] name, where it differs
};

} // namespace hacmp::lab
