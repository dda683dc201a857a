#pragma once

#include "agent/ctl/ctlcommand.h"
#include "shared/base/result.h"
#include "shared/protocol/timing.h"
#include "shared/storage/clusterdirectory.h"
#include "shared/storage/iolane.h"

#include <functional>
#include <memory>

namespace hacmp::ctl {

/// The cluster's store as a hacmpctl command uses it. It finds the store (--dir, --config, or [cluster] of
/// /etc/hacmp/agent.conf: a shared directory, or an etcd cluster opened through openClusterStore), opens it
/// and checks its `cluster` entry, and runs every call on it on an IoLane with the --io-timeout deadline
/// (which also bounds each etcd request). When a deadline passes (a hung NFS
/// server) the command cannot go on: call() reports "<dir>: directory not responding" and ends the process
/// with exit status 3 through std::_Exit, because the lane's thread may stay blocked in the kernel and
/// must not keep the process alive.
class CtlSession final
{
public:
    explicit CtlSession(DirectoryOptions options);
    Q_DISABLE_COPY_MOVE(CtlSession)

    /// Finds, opens and checks the directory; the error says what is wrong and what to do (the caller
    /// exits with ExitUnreachable).
    Status open();

    /// Runs job on the directory within the deadline and returns its result; never returns when the
    /// deadline passes (see the class comment). Jobs must own what they use (capture by value).
    template <typename R> R call(std::function<R(ClusterDirectory &)> job)
    {
        std::optional<R> result = callWithDeadline<R>(
            m_lane, [directory = m_directory, job = std::move(job)] { return job(*directory); }, m_options.ioTimeout);
        if (!result)
            notResponding();
        return std::move(*result);
    }

    /// Called with the not-responding message just before the process ends (status prints its own report).
    void setNotRespondingReport(std::function<void(const QString &message)> report)
    {
        m_notRespondingReport = std::move(report);
    }

    /// The store's name: the directory's path, as given or as configured, or etcd's URL with the prefix.
    const QString &path() const { return m_path; }
    /// The cluster's name from its `cluster` file (after open()).
    const QString &clusterName() const { return m_clusterName; }
    /// The configured timing when a configuration was read, otherwise the defaults.
    const Timing &timing() const { return m_timing; }
    /// Whether timing() comes from a configuration file.
    bool timingConfigured() const { return m_timingConfigured; }
    /// The node name of the configuration read (this host's node), empty with --dir.
    const QString &configuredNode() const { return m_configuredNode; }

private:
    /// "<dir>: directory not responding (no answer within N s)".
    QString notRespondingMessage() const;
    [[noreturn]] void notResponding();

    /// What opening an etcd store may take beyond its two requests (the connection, authentication).
    static constexpr Millis kEtcdOpenSlack { 1000 };

    DirectoryOptions m_options;
    IoLane m_lane;
    std::shared_ptr<ClusterDirectory> m_directory;
    bool m_etcd = false;
    QString m_path;
    QString m_clusterName;
    Timing m_timing;
    bool m_timingConfigured = false;
    QString m_configuredNode;
    std::function<void(const QString &)> m_notRespondingReport;
};

} // namespace hacmp::ctl
