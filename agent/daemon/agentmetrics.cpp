#include "agent/daemon/agentmetrics.h"

#include "agent/daemon/metricsrenderer.h"

namespace hacmp::agent {

namespace {

using Type = MetricsRegistry::Type;
using Labels = MetricsRegistry::Labels;

const QList<Role> &allRoles()
{
    static const QList<Role> roles { Role::Starting, Role::Standby, Role::Candidate, Role::Master, Role::Stopping,
        Role::Offline, Role::Fenced };
    return roles;
}

QString operationName(StorageSample::Operation operation)
{
    switch (operation) {
    case StorageSample::Operation::Read:
        return QStringLiteral("read");
    case StorageSample::Operation::Write:
        return QStringLiteral("write");
    case StorageSample::Operation::List:
        return QStringLiteral("list");
    case StorageSample::Operation::Append:
        return QStringLiteral("append");
    }
    return QStringLiteral("read");
}

double seconds(Millis duration)
{
    return double(duration.count()) / 1000.0;
}

Labels label(const char *name, const QString &value)
{
    return { { QLatin1String(name), value } };
}

/// The reason label of elections and failovers: why this node became a candidate.
QString reasonName(CandidacyReason reason)
{
    return reason == CandidacyReason::Handover ? QStringLiteral("handover") : QStringLiteral("no_live_master");
}

} // namespace

AgentMetrics::AgentMetrics(const QString &cluster, const QString &node, const QString &version, const Timing &timing)
{
    MetricsRegistry &r = m_registry;
    r.define(QStringLiteral("hacmp_info"), Type::Gauge, QStringLiteral("The agent's cluster, node and version (1)."));
    r.define(
        QStringLiteral("hacmp_agent_up"), Type::Gauge, QStringLiteral("1 while the agent runs (0 while it exits)."));
    r.define(QStringLiteral("hacmp_guard_up"), Type::Gauge,
        QStringLiteral("1 while the agent is connected to its guard (hacmp-guard)."));
    r.define(QStringLiteral("hacmp_role"), Type::Gauge, QStringLiteral("The node's role: 1 for the current one."));
    r.define(QStringLiteral("hacmp_epoch"), Type::Gauge,
        QStringLiteral("The epoch of this node's latest master term or candidacy (0: none yet)."));
    r.define(QStringLiteral("hacmp_application_running"), Type::Gauge,
        QStringLiteral("1 while the application runs under this node's guard."));
    r.define(QStringLiteral("hacmp_lease_remaining_seconds"), Type::Gauge,
        QStringLiteral("Seconds until this node's lease lapses (0 without a lease)."));
    r.define(QStringLiteral("hacmp_lease_renew_limit_seconds"), Type::Gauge,
        QStringLiteral("[timing] renew_limit: the lease a counted write gives."));
    r.define(QStringLiteral("hacmp_io_timeout_seconds"), Type::Gauge,
        QStringLiteral("[timing] io_timeout: the deadline of every storage call."));
    r.define(
        QStringLiteral("hacmp_maintenance"), Type::Gauge, QStringLiteral("1 while the cluster is in maintenance."));
    r.define(QStringLiteral("hacmp_maintenance_started_timestamp_seconds"), Type::Gauge,
        QStringLiteral("In maintenance: when it began (the time hacmpctl maintenance on wrote in the maintenance "
                       "file), in seconds since 1970; absent outside maintenance."));
    r.define(QStringLiteral("hacmp_eligible"), Type::Gauge,
        QStringLiteral("1 while the node may become master (not standby-flagged, restart budget left)."));
    r.define(QStringLiteral("hacmp_peer_heartbeat_age_seconds"), Type::Gauge,
        QStringLiteral("Seconds since each peer's record was last seen changing."));
    r.define(QStringLiteral("hacmp_storage_operation_duration_seconds"), Type::Histogram,
        QStringLiteral("Duration of the agent's storage calls on the shared directory (read, write, list; append: "
                       "a history line)."),
        { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 });
    r.define(QStringLiteral("hacmp_storage_failures_total"), Type::Counter,
        QStringLiteral("Storage calls that failed, timed out or could not be made (busy lane)."));
    r.define(QStringLiteral("hacmp_elections_total"), Type::Counter,
        QStringLiteral("Candidacies of this node, by why it became a candidate."));
    r.define(QStringLiteral("hacmp_failovers_total"), Type::Counter,
        QStringLiteral("Master terms this node began (its claim counted), by why it became a candidate."));
    r.define(QStringLiteral("hacmp_application_restarts_total"), Type::Counter,
        QStringLiteral("Local restarts of the application after a failure."));
    r.define(QStringLiteral("hacmp_config_reload_errors_total"), Type::Counter,
        QStringLiteral("Configuration reloads (SIGHUP) that were rejected."));
    r.define(QStringLiteral("hacmp_events_total"), Type::Counter,
        QStringLiteral("History events this agent wrote, by event."));

    r.set(QStringLiteral("hacmp_info"),
        { { QStringLiteral("cluster"), cluster }, { QStringLiteral("node"), node },
            { QStringLiteral("version"), version } },
        1);
    r.set(QStringLiteral("hacmp_lease_renew_limit_seconds"), {}, seconds(timing.renewLimit));
    r.set(QStringLiteral("hacmp_io_timeout_seconds"), {}, seconds(timing.ioTimeout));
    for (const StorageSample::Operation operation : { StorageSample::Operation::Read, StorageSample::Operation::Write,
             StorageSample::Operation::List, StorageSample::Operation::Append })
        r.add(QStringLiteral("hacmp_storage_failures_total"), label("operation", operationName(operation)), 0);
    for (const QString &reason : { reasonName(CandidacyReason::NoLiveMaster), reasonName(CandidacyReason::Handover) }) {
        r.add(QStringLiteral("hacmp_elections_total"), label("reason", reason), 0);
        r.add(QStringLiteral("hacmp_failovers_total"), label("reason", reason), 0);
    }
    r.add(QStringLiteral("hacmp_application_restarts_total"), {}, 0);
    r.add(QStringLiteral("hacmp_config_reload_errors_total"), {}, 0);
    update(AgentSnapshot {});
}

void AgentMetrics::recordEvent(const EventAction &event)
{
    MetricsRegistry &r = m_registry;
    r.add(QStringLiteral("hacmp_events_total"), label("event", eventName(event.event)));
    switch (event.step) {
    case ElectionStep::Candidacy:
        r.add(QStringLiteral("hacmp_elections_total"), label("reason", reasonName(event.candidacy)));
        break;
    case ElectionStep::ClaimCounted:
        r.add(QStringLiteral("hacmp_failovers_total"), label("reason", reasonName(event.candidacy)));
        break;
    case ElectionStep::None:
        break;
    }
    if (event.event == EventKind::AppRestart)
        r.add(QStringLiteral("hacmp_application_restarts_total"), {});
    else if (event.event == EventKind::ConfigRejected)
        r.add(QStringLiteral("hacmp_config_reload_errors_total"), {});
}

void AgentMetrics::recordStorage(const StorageSample &sample)
{
    const Labels operation = label("operation", operationName(sample.operation));
    if (sample.seconds)
        m_registry.observe(QStringLiteral("hacmp_storage_operation_duration_seconds"), operation, *sample.seconds);
    if (!sample.ok)
        m_registry.add(QStringLiteral("hacmp_storage_failures_total"), operation);
}

void AgentMetrics::update(const AgentSnapshot &snapshot)
{
    MetricsRegistry &r = m_registry;
    r.set(QStringLiteral("hacmp_agent_up"), {}, snapshot.running ? 1 : 0);
    r.set(QStringLiteral("hacmp_guard_up"), {}, snapshot.guardUp ? 1 : 0);
    for (const Role role : allRoles())
        r.set(QStringLiteral("hacmp_role"), label("role", roleName(role)), role == snapshot.role ? 1 : 0);
    r.set(QStringLiteral("hacmp_epoch"), {}, double(snapshot.epoch));
    r.set(QStringLiteral("hacmp_application_running"), {}, snapshot.applicationRunning ? 1 : 0);
    r.set(QStringLiteral("hacmp_lease_remaining_seconds"), {}, snapshot.leaseRemainingSeconds);
    r.set(QStringLiteral("hacmp_maintenance"), {}, snapshot.maintenance ? 1 : 0);
    r.clear(QStringLiteral("hacmp_maintenance_started_timestamp_seconds"));
    if (snapshot.maintenance && snapshot.maintenanceStartedSeconds)
        r.set(QStringLiteral("hacmp_maintenance_started_timestamp_seconds"), {}, *snapshot.maintenanceStartedSeconds);
    r.set(QStringLiteral("hacmp_eligible"), {}, snapshot.eligible ? 1 : 0);
    r.clear(QStringLiteral("hacmp_peer_heartbeat_age_seconds"));
    for (const auto &[peer, age] : snapshot.peerHeartbeatAges)
        r.set(QStringLiteral("hacmp_peer_heartbeat_age_seconds"), label("peer", peer), age);
}

QByteArray AgentMetrics::render() const
{
    return MetricsRenderer::render(m_registry);
}

} // namespace hacmp::agent
