// The agent's metrics (agent/daemon/agentmetrics.h, metricsregistry.h, metricsrenderer.h): what the
// registry keeps, the text exposition format, and which history events move which counter.

#include "agent/daemon/agentmetrics.h"
#include "agent/daemon/metricsregistry.h"
#include "agent/daemon/metricsrenderer.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace hacmp;
using namespace hacmp::agent;

namespace {

using Labels = MetricsRegistry::Labels;

Labels label(const char *name, const char *value)
{
    return { { QLatin1String(name), QLatin1String(value) } };
}

double valueOf(const AgentMetrics &metrics, const char *name, const Labels &labels = {})
{
    const MetricsRegistry::Series *series = metrics.registry().find(QLatin1String(name), labels);
    return series ? series->value : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

class TestAgentMetrics final : public QObject
{
    Q_OBJECT

private slots:
    void formatValue_data();
    void formatValue();
    void rendersGaugesAndCounters();
    void escapesLabelValuesAndHelp();
    void histogramBucketsAreCumulative();
    void clearDropsSeries();
    void snapshotSetsGauges();
    void maintenanceStartIsATimestampOnlyInMaintenance();
    void eventsCountElectionsFailoversRestartsAndReloadErrors();
    void storageSamplesFillTheHistogramAndFailures();
};

void TestAgentMetrics::formatValue_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("integer") << 42.0 << QByteArray("42");
    QTest::newRow("zero") << 0.0 << QByteArray("0");
    QTest::newRow("negative") << -3.0 << QByteArray("-3");
    QTest::newRow("fraction") << 0.25 << QByteArray("0.25");
    QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << QByteArray("+Inf");
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QByteArray("NaN");
}

void TestAgentMetrics::formatValue()
{
    QFETCH(double, value);
    QFETCH(QByteArray, text);
    QCOMPARE(MetricsRenderer::formatValue(value), text);
}

void TestAgentMetrics::rendersGaugesAndCounters()
{
    MetricsRegistry registry;
    registry.define(QStringLiteral("x_up"), MetricsRegistry::Type::Gauge, QStringLiteral("Up."));
    registry.define(QStringLiteral("x_things_total"), MetricsRegistry::Type::Counter, QStringLiteral("Things."));
    registry.define(QStringLiteral("x_unset"), MetricsRegistry::Type::Gauge, QStringLiteral("No series yet."));
    registry.set(QStringLiteral("x_up"), {}, 1);
    registry.add(QStringLiteral("x_things_total"), label("kind", "a"));
    registry.add(QStringLiteral("x_things_total"), label("kind", "a"), 2);
    registry.add(QStringLiteral("x_things_total"), label("kind", "b"));
    QCOMPARE(MetricsRenderer::render(registry),
        QByteArray("# HELP x_up Up.\n"
                   "# TYPE x_up gauge\n"
                   "x_up 1\n"
                   "# HELP x_things_total Things.\n"
                   "# TYPE x_things_total counter\n"
                   "x_things_total{kind=\"a\"} 3\n"
                   "x_things_total{kind=\"b\"} 1\n"
                   "# HELP x_unset No series yet.\n"
                   "# TYPE x_unset gauge\n"));
}

void TestAgentMetrics::escapesLabelValuesAndHelp()
{
    MetricsRegistry registry;
    registry.define(QStringLiteral("x_info"), MetricsRegistry::Type::Gauge, QStringLiteral("A \\ and\na line."));
    registry.set(QStringLiteral("x_info"), { { QStringLiteral("v"), QStringLiteral("a\"b\\c\nd") } }, 1);
    QCOMPARE(MetricsRenderer::render(registry),
        QByteArray("# HELP x_info A \\\\ and\\na line.\n"
                   "# TYPE x_info gauge\n"
                   "x_info{v=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

void TestAgentMetrics::histogramBucketsAreCumulative()
{
    MetricsRegistry registry;
    registry.define(
        QStringLiteral("x_seconds"), MetricsRegistry::Type::Histogram, QStringLiteral("Durations."), { 1, 0.1 });
    const Labels read = label("op", "read");
    registry.observe(QStringLiteral("x_seconds"), read, 0.05);
    registry.observe(QStringLiteral("x_seconds"), read, 0.1); // on the bound: counted in it (le)
    registry.observe(QStringLiteral("x_seconds"), read, 0.5);
    registry.observe(QStringLiteral("x_seconds"), read, 7);
    QCOMPARE(MetricsRenderer::render(registry),
        QByteArray("# HELP x_seconds Durations.\n"
                   "# TYPE x_seconds histogram\n"
                   "x_seconds_bucket{op=\"read\",le=\"0.1\"} 2\n"
                   "x_seconds_bucket{op=\"read\",le=\"1\"} 3\n"
                   "x_seconds_bucket{op=\"read\",le=\"+Inf\"} 4\n"
                   "x_seconds_sum{op=\"read\"} 7.65\n"
                   "x_seconds_count{op=\"read\"} 4\n"));
}

void TestAgentMetrics::clearDropsSeries()
{
    MetricsRegistry registry;
    registry.define(QStringLiteral("x_age_seconds"), MetricsRegistry::Type::Gauge, QStringLiteral("Age."));
    registry.set(QStringLiteral("x_age_seconds"), label("peer", "b"), 2);
    QVERIFY(registry.find(QStringLiteral("x_age_seconds"), label("peer", "b")));
    registry.clear(QStringLiteral("x_age_seconds"));
    QVERIFY(!registry.find(QStringLiteral("x_age_seconds"), label("peer", "b")));
}

void TestAgentMetrics::snapshotSetsGauges()
{
    Timing timing;
    timing.renewLimit = Millis(5000);
    timing.ioTimeout = Millis(2000);
    AgentMetrics metrics(QStringLiteral("prod"), QStringLiteral("alpha"), QStringLiteral("1.2.3"), timing);
    QCOMPARE(valueOf(metrics, "hacmp_role", label("role", "starting")), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_lease_renew_limit_seconds"), 5.0);
    QCOMPARE(valueOf(metrics, "hacmp_io_timeout_seconds"), 2.0);
    QCOMPARE(valueOf(metrics, "hacmp_info",
                 { { QStringLiteral("cluster"), QStringLiteral("prod") },
                     { QStringLiteral("node"), QStringLiteral("alpha") },
                     { QStringLiteral("version"), QStringLiteral("1.2.3") } }),
        1.0);

    AgentSnapshot snapshot;
    snapshot.running = true;
    snapshot.role = Role::Master;
    snapshot.epoch = 7;
    snapshot.applicationRunning = true;
    snapshot.leaseRemainingSeconds = 4.5;
    snapshot.maintenance = true;
    snapshot.eligible = true;
    snapshot.guardUp = true;
    snapshot.peerHeartbeatAges = { { QStringLiteral("beta"), 0.5 }, { QStringLiteral("gamma"), 12 } };
    metrics.update(snapshot);
    QCOMPARE(valueOf(metrics, "hacmp_role", label("role", "master")), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_role", label("role", "starting")), 0.0);
    QCOMPARE(valueOf(metrics, "hacmp_epoch"), 7.0);
    QCOMPARE(valueOf(metrics, "hacmp_application_running"), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_lease_remaining_seconds"), 4.5);
    QCOMPARE(valueOf(metrics, "hacmp_maintenance"), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_eligible"), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_agent_up"), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_guard_up"), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_peer_heartbeat_age_seconds", label("peer", "gamma")), 12.0);

    snapshot.peerHeartbeatAges = { { QStringLiteral("beta"), 1 } }; // gamma is gone from the directory
    metrics.update(snapshot);
    QVERIFY(std::isnan(valueOf(metrics, "hacmp_peer_heartbeat_age_seconds", label("peer", "gamma"))));
    QVERIFY(metrics.render().contains("hacmp_peer_heartbeat_age_seconds{peer=\"beta\"} 1\n"));
}

void TestAgentMetrics::maintenanceStartIsATimestampOnlyInMaintenance()
{
    AgentMetrics metrics(QStringLiteral("prod"), QStringLiteral("alpha"), QStringLiteral("1"), Timing());
    QVERIFY(std::isnan(valueOf(metrics, "hacmp_maintenance_started_timestamp_seconds")));
    AgentSnapshot snapshot;
    snapshot.maintenance = true;
    snapshot.maintenanceStartedSeconds = 1796655032.123;
    metrics.update(snapshot);
    QCOMPARE(valueOf(metrics, "hacmp_maintenance_started_timestamp_seconds"), 1796655032.123);
    QVERIFY(metrics.render().contains("hacmp_maintenance_started_timestamp_seconds 1796655032.123\n"));
    snapshot.maintenance = false; // over: no sample, so time() - it alerts on nothing
    metrics.update(snapshot);
    QVERIFY(std::isnan(valueOf(metrics, "hacmp_maintenance_started_timestamp_seconds")));
    QVERIFY(metrics.render().contains("# TYPE hacmp_maintenance_started_timestamp_seconds gauge\n"));
    snapshot.maintenance = true; // on, but when it began is not known (yet)
    snapshot.maintenanceStartedSeconds.reset();
    metrics.update(snapshot);
    QVERIFY(std::isnan(valueOf(metrics, "hacmp_maintenance_started_timestamp_seconds")));
}

void TestAgentMetrics::eventsCountElectionsFailoversRestartsAndReloadErrors()
{
    AgentMetrics metrics(QStringLiteral("prod"), QStringLiteral("alpha"), QStringLiteral("1"), Timing());
    QCOMPARE(valueOf(metrics, "hacmp_elections_total", label("reason", "no_live_master")), 0.0);
    QCOMPARE(valueOf(metrics, "hacmp_failovers_total", label("reason", "handover")), 0.0);

    // The Election marks the steps of a candidacy and its reason as data (ElectionStep, CandidacyReason); the
    // details' wording does not count.
    const auto roleChange = [&metrics](const char *detail, ElectionStep step = ElectionStep::None,
                                CandidacyReason reason = CandidacyReason::None) {
        metrics.recordEvent(
            EventAction { EventKind::RoleChange, QLatin1String(detail), 3, QStringLiteral("alpha"), step, reason });
    };
    roleChange(
        "standby -> candidate: no live master (b: dead)", ElectionStep::Candidacy, CandidacyReason::NoLiveMaster);
    roleChange("candidate -> standby: backed off: better candidate b");
    roleChange("standby -> candidate: handover target (b: master)", ElectionStep::Candidacy,
        CandidacyReason::NoLiveMaster); // the data wins over the words
    roleChange("master of epoch 3", ElectionStep::ClaimCounted, CandidacyReason::NoLiveMaster);
    roleChange("master -> stopping: switchover to b");
    roleChange("something else entirely", ElectionStep::Candidacy, CandidacyReason::Handover);
    roleChange("master of epoch 5", ElectionStep::ClaimCounted, CandidacyReason::Handover);
    // a re-attached term (W5) is no election, whatever it says
    roleChange("master of epoch 5");
    roleChange("starting -> master: re-attached to the application (pid 10) of epoch 5 that the guard holds");
    metrics.recordEvent(
        EventAction { EventKind::AppRestart, QStringLiteral("restart 1 of 3"), 3, QStringLiteral("alpha") });
    metrics.recordEvent(EventAction { EventKind::ConfigRejected, QStringLiteral("bad"), 3, QStringLiteral("alpha") });
    QCOMPARE(valueOf(metrics, "hacmp_elections_total", label("reason", "no_live_master")), 2.0);
    QCOMPARE(valueOf(metrics, "hacmp_elections_total", label("reason", "handover")), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_failovers_total", label("reason", "no_live_master")), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_failovers_total", label("reason", "handover")), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_application_restarts_total"), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_config_reload_errors_total"), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_events_total", label("event", "role_change")), 9.0);
    QCOMPARE(valueOf(metrics, "hacmp_events_total", label("event", "app_restart")), 1.0);
}

void TestAgentMetrics::storageSamplesFillTheHistogramAndFailures()
{
    AgentMetrics metrics(QStringLiteral("prod"), QStringLiteral("alpha"), QStringLiteral("1"), Timing());
    metrics.recordStorage(StorageSample { StorageSample::Operation::Write, 0.004, true });
    metrics.recordStorage(StorageSample { StorageSample::Operation::Write, 3.0, false });
    metrics.recordStorage(StorageSample { StorageSample::Operation::List, std::nullopt, false });
    metrics.recordStorage(StorageSample { StorageSample::Operation::Append, 0.02, true });
    metrics.recordStorage(StorageSample { StorageSample::Operation::Append, std::nullopt, false }); // dropped
    const QByteArray text = metrics.render();
    QVERIFY(text.contains("hacmp_storage_operation_duration_seconds_bucket{operation=\"append\",le=\"0.01\"} 0\n"));
    QVERIFY(text.contains("hacmp_storage_operation_duration_seconds_bucket{operation=\"append\",le=\"0.025\"} 1\n"));
    QCOMPARE(valueOf(metrics, "hacmp_storage_failures_total", label("operation", "append")), 1.0);
    QVERIFY(text.contains("hacmp_storage_operation_duration_seconds_bucket{operation=\"write\",le=\"0.005\"} 1\n"));
    QVERIFY(text.contains("hacmp_storage_operation_duration_seconds_bucket{operation=\"write\",le=\"+Inf\"} 2\n"));
    QVERIFY(text.contains("hacmp_storage_operation_duration_seconds_count{operation=\"write\"} 2\n"));
    QVERIFY(!text.contains("hacmp_storage_operation_duration_seconds_count{operation=\"list\"}"));
    QCOMPARE(valueOf(metrics, "hacmp_storage_failures_total", label("operation", "write")), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_storage_failures_total", label("operation", "list")), 1.0);
    QCOMPARE(valueOf(metrics, "hacmp_storage_failures_total", label("operation", "read")), 0.0);
}

QTEST_GUILESS_MAIN(TestAgentMetrics)
#include "tst_agentmetrics.moc"
