#include "agent/daemon/agent.h"

#include "agent/daemon/agentlog.h"
#include "agent/daemon/configchanges.h"
#include "agent/daemon/configsafety.h"
#include "agent/daemon/directoryio.h"
#include "agent/daemon/directorywatcher.h"
#include "agent/daemon/eventreporter.h"
#include "agent/daemon/metricsendpoint.h"
#include "agent/daemon/startspec.h"
#include "shared/etcd/clusterstore.h"
#include "shared/history/actor.h"
#include "shared/protocol/monotime.h"
#include "shared/protocol/recordcodec.h"
#include "shared/storage/clusteridentity.h"
#include "shared/storage/controlfiles.h"

#include <QDir>
#include <QRandomGenerator>

#include <sys/un.h>
#include <unistd.h>

namespace hacmp::agent {

namespace {

/// How long opening the directory at start may take before the agent gives up (systemd restarts it).
Millis openDeadline(const Timing &timing)
{
    return std::max(timing.ioTimeout, Millis(5000));
}

/// The configured store for messages: "directory /mnt/ha" or "endpoints https://...".
QString configuredStore(const AgentConfig::Cluster &cluster)
{
    if (cluster.usesEtcd())
        return QStringLiteral("endpoints %1").arg(cluster.etcd.endpoints.join(QLatin1Char(' ')));
    return QStringLiteral("directory %1").arg(cluster.directory);
}

QString guardSocketPath(const AgentConfig &config)
{
    return config.node.stateDirectory + QStringLiteral("/guard-") + config.node.name + QStringLiteral(".sock");
}

} // namespace

Agent::Agent(AgentConfig config, QString nodeOverride, QString hostId, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_nodeOverride(std::move(nodeOverride))
    , m_hostId(std::move(hostId))
    , m_incarnation(QRandomGenerator::system()->generate64())
    , m_marks(m_config.node.stateDirectory, m_config.node.name)
    , m_guardEnd(m_config.node.stateDirectory, m_config.node.name)
    , m_guard(guardSocketPath(m_config), GuardClient::findProgram(), m_config.node.stateDirectory)
    , m_app(m_guard, m_config)
    , m_strays([this] { return m_app.pid(); })
{
    m_tick.setTimerType(Qt::PreciseTimer);
    connect(&m_tick, &QTimer::timeout, this, &Agent::tick);
    m_wake.setTimerType(Qt::PreciseTimer);
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &Agent::tick);
    connect(&m_ownRecordRetry, &QTimer::timeout, this, &Agent::readOwnRecord);
    m_hardExit.setSingleShot(true);
    connect(&m_hardExit, &QTimer::timeout, this, &Agent::hardExit);
    connect(&m_guard, &GuardClient::stateReceived, this, &Agent::onGuardState);
    connect(&m_app, &ApplicationControl::started, this, [this](std::int64_t pid) {
        if (m_runner)
            feed(m_runner->election().appStarted(pid, monotonicNow()));
    });
    connect(&m_app, &ApplicationControl::exited, this, [this](const AppExit &exit) {
        if (m_runner)
            feed(m_runner->election().appExited(exit, monotonicNow()));
    });
    connect(&m_check, &HealthCheck::failed, &m_app, &ApplicationControl::failHealth);
    connect(&m_strays, &StrayDetector::found, this, [this](const QList<std::int64_t> &pids) {
        if (m_runner && !m_exiting)
            feed(m_runner->election().setStrays(pids, monotonicNow()));
    });
}

Agent::~Agent() = default;

Status Agent::start()
{
    const QString &node = m_config.node.name;
    if (!QDir().mkpath(m_config.node.stateDirectory))
        return Error(QStringLiteral("%1: [node] state_directory %2 cannot be created: create it (owned by the user "
                                    "the agent runs as)")
                         .arg(m_config.path, m_config.node.stateDirectory));
    if (QFile::encodeName(m_guard.socketPath()).size() >= qsizetype(sizeof(sockaddr_un::sun_path)))
        return Error(QStringLiteral("%1: [node] state_directory %2 is too long for the guard's socket %3: use a "
                                    "shorter path")
                         .arg(m_config.path, m_config.node.stateDirectory, m_guard.socketPath()));
    const Result<LocalMarks> marks = m_marks.load();
    if (!marks)
        return Error(marks.error());
    m_initialMarks = marks.value();
    if (m_config.metrics.enabled()) {
        m_metrics = std::make_unique<AgentMetrics>(
            m_config.cluster.name, node, QStringLiteral(HACMP_VERSION), m_config.timing);
        m_metricsEndpoint = std::make_unique<MetricsEndpoint>([this] { return scrapeMetrics(); });
        const Status listening = m_metricsEndpoint->listen(m_config.metrics.address, m_config.metrics.port);
        if (!listening)
            return Error(QStringLiteral("%1: [metrics] listen = %2 cannot be used (%3): give an address of this host "
                                        "and a free port, or leave the key out for no metrics")
                             .arg(m_config.path, m_config.metrics.listen(), listening.error()));
        qCInfo(lcAgent, "serving Prometheus metrics on http://%s/metrics", qUtf8Printable(m_config.metrics.listen()));
    }

    // Rule (D): the store is opened once, checked against [cluster] name and held open.
    IoLane opening;
    const AgentConfig::Cluster clusterConfig = m_config.cluster;
    const Millis ioTimeout = m_config.timing.ioTimeout;
    const QString cluster = clusterConfig.name;
    std::optional<Result<std::unique_ptr<ClusterDirectory>>> opened
        = callWithDeadline<Result<std::unique_ptr<ClusterDirectory>>>(
            opening, [clusterConfig, ioTimeout] { return openClusterStore(clusterConfig, ioTimeout); },
            openDeadline(m_config.timing));
    if (!opened)
        return Error(
            QStringLiteral("%1: [cluster] %2 did not answer within %3 ms: is the shared storage reachable? The "
                           "agent does not start without it")
                .arg(m_config.path, configuredStore(clusterConfig))
                .arg(openDeadline(m_config.timing).count()));
    if (!opened->ok())
        return Error(opened->error());
    m_directory = std::shared_ptr<ClusterDirectory>(std::move(*opened).value().release());
    const QString store = m_directory->describe();

    m_io = std::make_unique<DirectoryIo>(m_directory, node, m_config.timing.ioTimeout);
    m_events = std::make_unique<EventReporter>(*m_io, node);
    if (m_metrics)
        m_io->setSampleSink([this](const StorageSample &sample) { m_metrics->recordStorage(sample); });
    applyConfig();
    // etcd has no folders (a prefix without keys lists empty): only a directory can miss one.
    if (!clusterConfig.usesEtcd())
        warnAboutMissingFolders();
    qCInfo(lcAgent, "node %s of cluster %s (host %s), incarnation %016llx, %s %s", qUtf8Printable(node),
        qUtf8Printable(cluster), qUtf8Printable(m_hostId), qulonglong(m_incarnation),
        clusterConfig.usesEtcd() ? "etcd store" : "directory", qUtf8Printable(store));
    if (m_systemd.enabled())
        qCInfo(lcAgent, "notifying systemd (watchdog every %d ms)", m_systemd.watchdogIntervalMs());
    m_guard.open(m_incarnation);
    m_ownRecordRetry.start(m_config.timing.interval);
    readOwnRecord();
    return {};
}

void Agent::warnAboutMissingFolders()
{
    for (const auto &request : { std::pair { clearFolder(), QStringLiteral("clear") },
             std::pair { appRequestFolder(), QStringLiteral("run") } }) {
        // clang 14 cannot capture structured bindings (C++20 P1091): named copies instead.
        const QString folder = request.first;
        const QString command = request.second;
        m_io->list(folder, [this, folder, command](const Result<QStringList> &listed) {
            if (!listed)
                qCWarning(lcAgent,
                    "%s is not available (%s): 'hacmpctl %s %s' cannot reach this agent; run "
                    "'hacmpctl init' on the directory to create it",
                    qUtf8Printable(storePath(folder)), qUtf8Printable(listed.error()), qUtf8Printable(command),
                    qUtf8Printable(m_config.node.name));
        });
    }
}

QString Agent::storePath(const QString &relativePath) const
{
    // A directory describes itself by its path, an etcd store by a URL that ends with its prefix's "/".
    const QString store = m_directory ? m_directory->describe() : QString();
    if (store.endsWith(QLatin1Char('/')))
        return store + relativePath;
    return store + QLatin1Char('/') + relativePath;
}

// ---------------------------------------------------------------- startup

void Agent::readOwnRecord()
{
    if (m_ownRecordRead)
        return;
    // A busy lane holds an earlier read that hangs: wait for it (it answers, or the next try goes).
    m_io->readOwnRecord([this](const FileRead &read) { onOwnRecord(read); });
}

void Agent::onOwnRecord(const FileRead &read)
{
    if (m_ownRecordRead)
        return;
    if (read.outcome != IoOutcome::Ok && read.outcome != IoOutcome::Absent) {
        qCWarning(lcIo, "reading the own record %s failed (%s): retrying",
            qUtf8Printable(DirectoryIo::recordPath(m_config.node.name)), qUtf8Printable(read.error));
        return;
    }
    m_ownRecordRead = true;
    m_ownRecordRetry.stop();
    m_lastConfirmedSlot = read.ok() ? newestValidSlot(read.bytes, m_config.node.name) : -1;
    begin();
}

void Agent::onGuardState(const GuardReply &state)
{
    if (!m_guardState) {
        m_guardState = state;
        begin();
        return;
    }
    // A reconnection: the guard was restarted, so it should hold nothing. An application it holds
    // anyway has been reported as ended to the machine: stop it.
    if (state.kind == GuardReply::Kind::StateRunning) {
        qCWarning(lcApp,
            "after reconnecting, the guard holds an application (pid %lld, epoch %llu) this agent does "
            "not account for: stopping it",
            qlonglong(state.pid), qulonglong(state.epoch));
        m_guard.stop(m_config.timing.stopGrace);
    }
}

void Agent::begin()
{
    if (m_runner || !m_ownRecordRead || !m_guardState || m_exiting)
        return;
    recordGuardEnd();
    ElectionConfig config;
    config.node = m_config.node.name;
    config.hostId = m_hostId;
    config.priority = m_config.node.priority;
    config.timing = m_config.timing;
    config.restartLimit = m_config.application.restartLimit;
    config.restartWindow = m_config.application.restartWindow;
    config.version = QStringLiteral(HACMP_VERSION);
    config.wallClock = &utcIsoIn;
    const MonoTime now = monotonicNow();
    m_runner = std::make_unique<ElectionRunner>(static_cast<ElectionEffects &>(*this),
        std::make_unique<Election>(
            config, m_initialMarks, m_incarnation, QRandomGenerator::system()->generate64(), now),
        m_lastConfirmedSlot, &monotonicNow);
    Election &election = m_runner->election();
    ElectionActions actions = election.start(now);
    if (m_guardState->kind == GuardReply::Kind::StateRunning) {
        const GuardReply &held = *m_guardState;
        qCInfo(lcApp, "the guard holds the application of an earlier agent (pid %lld, epoch %llu, deadline in %lld ms)",
            qlonglong(held.pid), qulonglong(held.epoch), qlonglong((held.deadline - now).count()));
        m_app.adopt(held.pid, held.epoch);
        actions += election.adoptRunningTerm(held.epoch, held.deadline, held.pid, now);
    }
    m_tick.start(m_config.timing.interval);
    m_strays.start(); // after the adoption: the guard's application is no stray
    // inotify sees changes made on this host only and is a shortcut; the scan every interval decides. etcd has
    // no paths to watch, so there the scan alone serves.
    if (!m_config.cluster.usesEtcd()) {
        m_watcher = std::make_unique<DirectoryWatcher>(m_config.cluster.directory);
        connect(m_watcher.get(), &DirectoryWatcher::changed, this, &Agent::tick);
    }
    feed(actions);
}

void Agent::recordGuardEnd()
{
    // The guard answered HELLO, so an end it recorded before is in the file by now.
    const Result<std::optional<GuardEnd>> end = m_guardEnd.read();
    if (!end) {
        qCWarning(lcApp, "%s", qUtf8Printable(end.error()));
    } else if (end.value()) {
        const GuardEnd &ended = *end.value();
        qCInfo(lcApp, "the guard recorded in %s how the application of epoch %llu ended while no agent ran: %s at %s",
            qUtf8Printable(m_guardEnd.path()), qulonglong(ended.epoch), qUtf8Printable(ended.cause),
            qUtf8Printable(ended.time));
        for (const EventAction &event : GuardEndFile::events(ended)) {
            if (m_metrics)
                m_metrics->recordEvent(event);
            m_events->reportAt(event, ended.time);
        }
    }
    if (const Status removed = m_guardEnd.remove(); !removed)
        qCWarning(lcApp, "%s", qUtf8Printable(removed.error()));
}

// ---------------------------------------------------------------- the machine

void Agent::tick()
{
    if (!m_runner || m_exiting)
        return;
    feed(m_runner->tick());
}

void Agent::feed(ElectionActions actions)
{
    m_runner->feed(std::move(actions));
    if (m_exiting)
        return;
    const MonoTime wakeAt = m_runner->election().wakeAt();
    if (wakeAt != kNever)
        m_wake.start(std::max(Millis(0), wakeAt - monotonicNow()));
    updateSupervision();
    updateStatus();
}

void Agent::onWriteDone(std::uint64_t id, int slot, const Status &status, MonoTime completedAt)
{
    if (!m_runner || m_exiting)
        return;
    const ElectionActions actions = m_runner->writeDone(id, slot, status, completedAt);
    if (m_runner->storageOk())
        m_systemd.ready();
    feed(actions);
}

void Agent::onScan(std::uint64_t id, ScanReport report)
{
    if (!m_runner || m_exiting)
        return;
    const auto warnOnce = [this](const QStringList &names, const char *why) {
        for (const QString &name : names) {
            if (m_reportedNames.contains(name))
                continue;
            m_reportedNames.insert(name);
            qCWarning(lcIo, "%s %s; remove it", qUtf8Printable(storePath(QStringLiteral("nodes/") + name)), why);
        }
    };
    warnOnce(report.invalidNames,
        "is not the record of a valid node name (<node>.hb, node names match [A-Za-z0-9][A-Za-z0-9._-]{0,62}): "
        "ignored");
    warnOnce(report.oversizedNames,
        "is larger than a heartbeat record: its content is unknown, so it holds back claims until it has not "
        "changed for failover_timeout");
    if (report.scan.listed == m_listFailing) {
        m_listFailing = !report.scan.listed;
        if (m_listFailing)
            qCWarning(lcIo, "%s cannot be listed (%s): no node can be seen, so this agent claims nothing",
                qUtf8Printable(storePath(QStringLiteral("nodes"))), qUtf8Printable(report.listError));
        else
            qCInfo(lcIo, "%s can be listed again", qUtf8Printable(storePath(QStringLiteral("nodes"))));
    }
    m_maintenanceSince.observe(report.scan.maintenance, QDateTime::currentDateTimeUtc());
    for (const RecordReadResult &record : std::as_const(report.scan.records)) {
        const bool failing = record.read.outcome == IoOutcome::Failed;
        if (failing == m_failingReads.contains(record.node))
            continue;
        if (failing) {
            m_failingReads.insert(record.node);
            qCWarning(lcIo,
                "reading the record of node %s fails (%s); while it does, this agent does not claim "
                "mastership (R2)",
                qUtf8Printable(record.node), qUtf8Printable(record.read.error));
        } else {
            m_failingReads.remove(record.node);
            qCInfo(lcIo, "the record of node %s reads again", qUtf8Printable(record.node));
        }
    }
    report.scan.id = id;
    feed(m_runner->scanDone(std::move(report.scan)));
}

// ---------------------------------------------------------------- the effects (ElectionEffects)

void Agent::writeSlot(std::uint64_t id, int slot, const QByteArray &bytes, std::uint64_t claimedEpoch)
{
    const bool posted = m_io->writeRecord(slot, bytes, claimedEpoch,
        [this, id, slot](const Status &status, MonoTime completedAt) { onWriteDone(id, slot, status, completedAt); });
    if (posted)
        return;
    QMetaObject::invokeMethod(
        this,
        [this, id, slot] {
            onWriteDone(id, slot,
                Error(QStringLiteral("an earlier write of %1 has not returned")
                          .arg(DirectoryIo::recordPath(m_config.node.name))),
                monotonicNow());
        },
        Qt::QueuedConnection);
}

void Agent::scan(std::uint64_t id, bool)
{
    m_io->scan([this, id](ScanReport report) { onScan(id, std::move(report)); });
}

Status Agent::saveMarks(const LocalMarks &marks)
{
    const Status saved = m_marks.save(marks);
    if (!saved) // the runner records it and ends the agent: going on could reuse a seq or an epoch (R1)
        qCCritical(lcAgent, "%s; the agent stops", qUtf8Printable(saved.error()));
    return saved;
}

QList<std::int64_t> Agent::searchOutsideGuard()
{
    return m_strays.searchNow();
}

void Agent::startApplication(std::uint64_t epoch, const QString &)
{
    m_app.start(epoch);
}

void Agent::stopApplication(const QString &reason)
{
    m_app.stop(reason);
}

void Agent::stopOutsideGuard(const QString &)
{
    m_strays.stopStrays(m_config.timing.stopGrace);
}

void Agent::setGuardDeadline(MonoTime leaseUntil)
{
    m_guard.setDeadline(leaseUntil);
}

void Agent::removeControlFile(const QString &path)
{
    m_io->remove(path);
}

void Agent::record(const EventAction &event)
{
    if (m_metrics)
        m_metrics->recordEvent(event);
    m_events->report(event);
}

void Agent::exit(int status, bool leaveApplication)
{
    if (leaveApplication)
        qCWarning(lcApp,
            "leaving the application (pid %lld) to the guard, which stops it at its deadline unless an agent "
            "re-attaches before",
            qlonglong(m_app.pid()));
    else
        m_guard.quit();
    finish(status);
}

// ---------------------------------------------------------------- around the machine

void Agent::applyConfig()
{
    m_app.setConfig(m_config);
    m_checkEpoch.reset(); // the check is configured again before it next runs
    const AgentConfig::Application &application = m_config.application;
    m_strays.configure(
        InstanceMatcher::forApplication(application.start, application.detect, application.workingDirectory),
        m_config.timing.interval);
    m_events->configure(m_config.notify);
}

void Agent::updateSupervision()
{
    if (!m_runner)
        return;
    const Election &election = m_runner->election();
    const bool enabled = !m_exiting && election.role() == Role::Master && m_app.running();
    if (enabled && m_checkEpoch != election.epoch()) { // HACMP_EPOCH of the check is the term's
        m_checkEpoch = election.epoch();
        m_check.configure(m_config.application.check, m_config.application.checkInterval,
            m_config.application.checkTimeout, applicationEnvironment(m_config, *m_checkEpoch));
    }
    m_check.setEnabled(enabled);
}

void Agent::updateStatus()
{
    if (!m_runner)
        return;
    const Election &election = m_runner->election();
    QString master;
    if (election.role() == Role::Master) {
        master = m_config.node.name;
    } else {
        const Observer &observer = election.observer();
        ClusterObservation others;
        for (const QString &node : observer.others())
            others.nodes.append(observer.observation(node, monotonicNow()));
        master = judgeCluster(others).masters.join(QStringLiteral(" and "));
    }
    m_systemd.status(QStringLiteral("%1, master %2")
                         .arg(roleName(election.role()), master.isEmpty() ? QStringLiteral("none") : master));
}

void Agent::requestStop(Election::StopMode mode)
{
    if (m_stopping) {
        qCInfo(lcAgent, "a stop is already under way");
        return;
    }
    m_stopping = true;
    m_restartInPlace = mode == Election::StopMode::KeepApplication;
    if (m_restartInPlace)
        m_systemd.reloading();
    else
        m_systemd.stopping();
    if (!m_runner) {
        qCInfo(lcAgent, "stopping before the election started");
        finish(0);
        return;
    }
    const Timing &timing = m_config.timing;
    const Millis stopTime = m_config.application.stop.isEmpty() ? timing.stopGrace : 2 * timing.stopGrace;
    m_hardExit.start(stopTime + timing.ioTimeout + Millis(1000));
    feed(m_runner->election().stopRequested(monotonicNow(), mode));
}

void Agent::hardExit()
{
    qCCritical(lcAgent,
        "the clean stop did not finish in time (the storage or the application hangs): exiting; the "
        "guard stops the application at its deadline");
    finish(1);
}

void Agent::reload()
{
    const QString path = m_config.path;
    const QString node = m_nodeOverride;
    const bool root = ::geteuid() == 0;
    const Millis deadline = m_config.timing.ioTimeout;
    using Loaded = std::pair<Result<AgentConfig>, Status>;
    const bool posted = postTo<Loaded>(
        m_reloadLane, this,
        [path, node, root, deadline] {
            Result<AgentConfig> loaded = AgentConfig::load(path, node);
            const Status safety = loaded ? ConfigSafety::check(loaded.value(), root, deadline) : Status();
            return Loaded { std::move(loaded), safety };
        },
        [this](Loaded loaded) { onReloaded(loaded.first, loaded.second); });
    if (!posted)
        qCWarning(lcAgent, "the previous reload has not finished yet: reload ignored");
}

void Agent::onReloaded(const Result<AgentConfig> &loaded, const Status &safety)
{
    if (m_exiting)
        return;
    const std::uint64_t epoch = m_runner ? m_runner->election().epoch() : 0;
    const auto reject = [&](const QString &why) {
        qCCritical(lcAgent, "configuration not reloaded, the agent keeps running with the previous one: %s",
            qUtf8Printable(why));
        const EventAction event { EventKind::ConfigRejected, why, epoch, m_config.node.name };
        m_events->report(event);
        if (m_metrics)
            m_metrics->recordEvent(event);
    };
    if (!loaded) {
        reject(loaded.error());
        return;
    }
    if (!safety) {
        reject(safety.error());
        return;
    }
    const ConfigChanges changes = ConfigChanges::between(m_config, loaded.value());
    if (!changes.needRestart.isEmpty()) {
        reject(QStringLiteral("%1 changed, which needs a restart of the agent (a timing change must be safe for every "
                              "node together: change it on all nodes, then restart them one by one)")
                   .arg(changes.needRestart.join(QStringLiteral(", "))));
        return;
    }
    if (changes.empty()) {
        qCInfo(lcAgent, "configuration reloaded from %s: nothing changed", qUtf8Printable(m_config.path));
        return;
    }
    m_config = loaded.value();
    if (m_runner)
        m_runner->election().setSettings(
            m_config.node.priority, m_config.application.restartLimit, m_config.application.restartWindow);
    applyConfig();
    qCInfo(lcAgent, "configuration reloaded from %s: changed %s", qUtf8Printable(m_config.path),
        qUtf8Printable(changes.applied.join(QStringLiteral(", "))));
}

quint16 Agent::metricsPort() const
{
    return m_metricsEndpoint ? m_metricsEndpoint->port() : 0;
}

QByteArray Agent::scrapeMetrics()
{
    AgentSnapshot snapshot;
    snapshot.running = !m_exiting;
    snapshot.guardUp = m_guard.ready();
    snapshot.applicationRunning = m_app.running();
    if (m_runner) {
        const MonoTime now = monotonicNow();
        const Election &election = m_runner->election();
        const auto seconds = [](Millis duration) { return double(duration.count()) / 1000.0; };
        snapshot.role = election.role();
        snapshot.epoch = election.epoch();
        snapshot.leaseRemainingSeconds = election.lease().validAt(now) ? seconds(election.lease().until() - now) : 0;
        snapshot.maintenance = election.inMaintenance(now);
        if (const std::optional<QDateTime> since = m_maintenanceSince.since())
            snapshot.maintenanceStartedSeconds = double(since->toMSecsSinceEpoch()) / 1000.0;
        snapshot.eligible = election.eligible();
        const Observer &observer = election.observer();
        for (const QString &peer : observer.others()) {
            const NodeView *view = observer.view(peer);
            if (view && view->changedAt != kNever)
                snapshot.peerHeartbeatAges.append({ peer, seconds(now - view->changedAt) });
        }
    }
    m_metrics->update(snapshot);
    return m_metrics->render();
}

void Agent::finish(int exitCode)
{
    if (m_exiting)
        return;
    m_exiting = true;
    m_tick.stop();
    m_hardExit.stop();
    m_check.setEnabled(false);
    // History lines still queued get a moment to reach the storage.
    auto done = std::make_shared<bool>(false);
    const auto end = [this, exitCode, done] {
        if (std::exchange(*done, true))
            return;
        emit finished(exitCode);
    };
    if (!m_io || m_io->controlIdle()) {
        QMetaObject::invokeMethod(this, end, Qt::QueuedConnection);
        return;
    }
    connect(m_io.get(), &DirectoryIo::controlDrained, this, end);
    QTimer::singleShot(std::min(m_config.timing.ioTimeout, Millis(1000)), this, end);
}

} // namespace hacmp::agent
