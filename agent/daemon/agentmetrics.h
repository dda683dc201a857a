#pragma once

#include "agent/daemon/directoryio.h"
#include "agent/daemon/metricsregistry.h"
#include "shared/protocol/electionaction.h"
#include "shared/protocol/heartbeatrecord.h"
#include "shared/protocol/timing.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace hacmp::agent {

/// What the agent is at the moment of a scrape: read from the Election and the guard when Prometheus asks.
struct AgentSnapshot
{
    bool running = false; ///< the agent runs (false once it exits)
    Role role = Role::Starting;
    std::uint64_t epoch = 0;
    bool applicationRunning = false;
    double leaseRemainingSeconds = 0;
    bool maintenance = false;
    bool eligible = false;
    bool guardUp = false;
    QList<std::pair<QString, double>> peerHeartbeatAges; ///< per peer: seconds since its record last changed
    /// In maintenance: when it began, in seconds since 1970 (MaintenanceSince); none outside maintenance or
    /// while not known.
    std::optional<double> maintenanceStartedSeconds;
};

/// The hacmp_* metrics of one agent (README, Monitoring with Prometheus), kept in a MetricsRegistry: the
/// history events it records (elections and failovers by the reason the Election gives, restarts, reload
/// errors), the timed storage calls and history appends and, at each scrape, an AgentSnapshot. Names follow
/// Prometheus' conventions: seconds, _total for counters, _timestamp_seconds for points in time.
class AgentMetrics final
{
public:
    AgentMetrics(const QString &cluster, const QString &node, const QString &version, const Timing &timing);

    /// One history event of this agent (EventAction of the Election, or the agent's own config_rejected).
    void recordEvent(const EventAction &event);
    void recordStorage(const StorageSample &sample);
    /// The values read at a scrape.
    void update(const AgentSnapshot &snapshot);

    /// The text exposition of every metric.
    QByteArray render() const;
    const MetricsRegistry &registry() const { return m_registry; }

private:
    MetricsRegistry m_registry;
};

} // namespace hacmp::agent
