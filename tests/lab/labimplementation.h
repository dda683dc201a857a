#pragma once

#include "shared/base/result.h"
#include "shared/protocol/monotime.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace hacmp::lab {

/// What a simulated host of the lab gives the HA implementation it runs, at each boot of the host.
struct LabHostSetup
{
    QString node; ///< the node name; also the host's hostname (its own UTS namespace)
    QString dataCenter; ///< the hosts that fail together (with hacmp-etcd: the hosts of one site)
    QString sharedDirectory; ///< the host's own view (its bindfs mount) of the shared directory
    QString hostDirectory; ///< this host's private folder outside the shared directory (configuration, state,
                           ///< logs); it survives the host's reboots
    QStringList application; ///< the application's command line: hacmp-testapp --lock F --ledger F [extra]
    QString lockPath; ///< the application's lock file (also in application)
    QString ledgerPath; ///< the application's ledger of this boot (also in application)
    int priority = 100;
    int restartLimit = 3; ///< local restarts of a failing application before it fails over, where supported
};

/// A command line that the lab runs inside a host's namespaces.
struct LabCommand
{
    QStringList arguments; ///< the program first
    QStringList environment; ///< extra NAME=VALUE entries
    QString workingDirectory; ///< empty: the host directory
    QString networkNamespace; ///< a name in /run/netns to run in (a site of hacmp-etcd); empty: the lab's
};

/// The HA implementation under test in the failover lab (tests/lab): what a simulated host needs to run
/// its daemon, so that the same scenarios and the same ledger oracle judge hacmp and the original prototype.
/// The lab owns the hosts: it creates a fresh shared directory per scenario, mounts it per host, and boots
/// each host as `unshare --uts --pid --fork --mount --mount-proc` with its own hostname and /etc/machine-id;
/// the daemon runs there as a child of the namespace's init and its stdout and stderr are appended to
/// <hostDirectory>/daemon.log. When the daemon exits, the host goes down: every process left in it is killed.
/// Implementations: HacmpImplementation (hacmpimplementation.h); PrototypeImplementation
/// (prototypeimplementation.h), which registers itself in LabImplementation::create (labimplementation.cpp).
class LabImplementation
{
public:
    virtual ~LabImplementation() = default;

    /// The implementations create() knows, in order ("hacmp" first).
    static QStringList names();
    /// The implementation called name, or an error naming the known ones.
    static Result<std::unique_ptr<LabImplementation>> create(const QString &name);

    /// The name for --impl and the "impl" of the results ("hacmp", "hacmp-etcd", "prototype").
    virtual QString name() const = 0;
    /// Why this implementation cannot run here (its scenarios are skipped with this reason), or empty.
    virtual QString unavailable() const { return {}; }
    /// Whether hosts reach the cluster through the shared directory (each mounts its view of it), rather than
    /// through a network store (hacmp-etcd).
    virtual bool usesSharedDirectory() const { return true; }
    /// Prepares a fresh, empty shared directory (the real folder behind every host's mount), once per
    /// scenario before any host boots.
    virtual Status prepareCluster(const QString &sharedSource) = 0;
    /// The daemon of a host for this boot: the command the lab runs in the host's namespaces (where
    /// `hostname` is setup.node). It may write files into setup.hostDirectory first.
    virtual Result<LabCommand> daemon(const LabHostSetup &setup) = 0;
    /// The signal that asks the daemon to stop cleanly (hand over or stop the application, then exit).
    virtual int stopSignal() const = 0;
    /// How long a clean stop may take before the lab kills the host.
    virtual Millis stopTimeout() const = 0;
    /// Whether a clean stop signals every process of the host, as systemd does with its default
    /// KillMode=control-group, rather than the daemon alone (KillMode=process, hacmp's unit).
    virtual bool stopsEveryProcess() const { return false; }
    /// How long after a fault the lab waits for the application to run again somewhere.
    virtual Millis failoverBudget() const = 0;
    /// How long after its boot a host is ready to take over (the lab waits this before injecting a fault).
    virtual Millis joinTime() const = 0;
    /// Turns maintenance on or off for the cluster in sharedSource, as an operator would.
    virtual Status setMaintenance(const QString &sharedSource, bool on) = 0;
};

} // namespace hacmp::lab
