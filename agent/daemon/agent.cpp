#include "agent.h"

#include "actor.h"
#include "agentlog.h"
#include "clusteridentity.h"
#include "configchanges.h"
#include "configsafety.h"
#include "controlfiles.h"
#include "directoryio.h"
#include "directorywatcher.h"
#include "eventreporter.h"
#include "monoclock.h"
#include "recordcodec.h"
#include "startspec.h"

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
    , m_guard(guardSocketPath(m_config), GuardClient::findProgram())
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
        if (m_election)
            feed(m_election->appStarted(pid, monotonicNow()));
    });
    connect(&m_app, &ApplicationControl::exited, this, [this](const AppExit &exit) {
        if (m_election)
            feed(m_election->appExited(exit, monotonicNow()));
    });
    connect(&m_check, &HealthCheck::failed, &m_app, &ApplicationControl::failHealth);
    connect(&m_strays, &StrayDetector::found, this, [this](const QList<std::int64_t> &pids) {
        if (m_election && !m_exiting)
            feed(m_election->setStrays(pids, monotonicNow()));
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

    // Rule (D): the directory is opened once, checked against [cluster] name and held open.
    IoLane opening;
    const QString directory = m_config.cluster.directory;
    const QString cluster = m_config.cluster.name;
    std::optional<Result<std::unique_ptr<FsClusterDirectory>>> opened
        = callWithDeadline<Result<std::unique_ptr<FsClusterDirectory>>>(
            opening, [directory, cluster] { return openCluster(directory, cluster); }, openDeadline(m_config.timing));
    if (!opened)
        return Error(QStringLiteral("%1: [cluster] directory %2 did not answer within %3 ms: is the shared storage "
                                    "reachable? The agent does not start without it")
                         .arg(m_config.path, directory)
                         .arg(openDeadline(m_config.timing).count()));
    if (!opened->ok())
        return Error(opened->error());
    m_directory = std::shared_ptr<ClusterDirectory>(std::move(*opened).value().release());

    m_io = std::make_unique<DirectoryIo>(m_directory, node, m_config.timing.ioTimeout);
    m_events = std::make_unique<EventReporter>(*m_io, node);
    applyConfig();
    m_io->list(clearFolder(), [this](const Result<QStringList> &listed) {
        if (!listed)
            qCWarning(lcAgent,
                "%s/%s is not available (%s): 'hacmpctl clear %s' cannot reach this agent; run "
                "'hacmpctl init' on the directory to create it",
                qUtf8Printable(m_config.cluster.directory), qUtf8Printable(clearFolder()),
                qUtf8Printable(listed.error()), qUtf8Printable(m_config.node.name));
    });
    qCInfo(lcAgent, "node %s of cluster %s (host %s), incarnation %016llx, directory %s", qUtf8Printable(node),
        qUtf8Printable(cluster), qUtf8Printable(m_hostId), qulonglong(m_incarnation), qUtf8Printable(directory));
    if (m_systemd.enabled())
        qCInfo(lcAgent, "notifying systemd (watchdog every %d ms)", m_systemd.watchdogIntervalMs());
    m_guard.open(m_incarnation);
    m_ownRecordRetry.start(m_config.timing.interval);
    readOwnRecord();
    return {};
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
    if (m_election || !m_ownRecordRead || !m_guardState || m_exiting)
        return;
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
    m_election = std::make_unique<Election>(
        config, m_initialMarks, m_incarnation, QRandomGenerator::system()->generate64(), now);
    ElectionActions actions = m_election->start(now);
    if (m_guardState->kind == GuardReply::Kind::StateRunning) {
        const GuardReply &held = *m_guardState;
        qCInfo(lcApp, "the guard holds the application of an earlier agent (pid %lld, epoch %llu, deadline in %lld ms)",
            qlonglong(held.pid), qulonglong(held.epoch), qlonglong((held.deadline - now).count()));
        m_app.adopt(held.pid, held.epoch);
        actions += m_election->adoptRunningTerm(held.epoch, held.deadline, held.pid, now);
    }
    m_tick.start(m_config.timing.interval);
    m_strays.start(); // after the adoption: the guard's application is no stray
    m_watcher = std::make_unique<DirectoryWatcher>(m_config.cluster.directory);
    connect(m_watcher.get(), &DirectoryWatcher::changed, this, &Agent::tick);
    feed(actions);
}

// ---------------------------------------------------------------- the machine

void Agent::tick()
{
    if (!m_election || m_exiting)
        return;
    const MonoTime now = monotonicNow();
    if (m_writeIssuedAt != kNever && now - m_writeIssuedAt > m_config.timing.ioTimeout)
        noteStorage(false,
            QStringLiteral("writing %1 takes longer than io_timeout").arg(DirectoryIo::recordPath(m_config.node.name)));
    feed(m_election->tick(now));
}

void Agent::feed(ElectionActions actions)
{
    // Actions run in order; what they cause comes after the actions already asked for.
    m_pending += std::move(actions);
    if (m_executing)
        return;
    m_executing = true;
    while (!m_pending.isEmpty() && !m_exiting)
        execute(m_pending.takeFirst());
    m_pending.clear();
    m_executing = false;
    if (m_election && !m_exiting && m_election->wakeAt() != kNever)
        m_wake.start(std::max(Millis(0), m_election->wakeAt() - monotonicNow()));
    updateSupervision();
    updateStatus();
}

void Agent::execute(const ElectionAction &action)
{
    if (const auto *write = std::get_if<WriteRecordAction>(&action)) {
        executeWrite(*write);
    } else if (const auto *scan = std::get_if<ScanAction>(&action)) {
        executeScan(*scan);
    } else if (const auto *start = std::get_if<StartAppAction>(&action)) {
        executeStart(*start);
    } else if (const auto *stop = std::get_if<StopAppAction>(&action)) {
        m_app.stop(stop->reason);
    } else if (const auto *deadline = std::get_if<GuardDeadlineAction>(&action)) {
        m_guard.setDeadline(deadline->leaseUntil);
    } else if (const auto *marks = std::get_if<PersistAction>(&action)) {
        if (!persist(*marks))
            finish(1);
    } else if (const auto *event = std::get_if<EventAction>(&action)) {
        m_events->report(*event);
    } else if (std::holds_alternative<RemoveSwitchoverAction>(action)) {
        m_io->remove(switchoverPath());
    } else if (std::holds_alternative<StopStraysAction>(action)) {
        m_strays.stopStrays(m_config.timing.stopGrace);
    } else if (const auto *exit = std::get_if<ExitAction>(&action)) {
        if (exit->leaveApplication)
            qCWarning(lcApp,
                "leaving the application (pid %lld) to the guard, which stops it at its deadline unless "
                "an agent re-attaches before",
                qlonglong(m_app.pid()));
        else
            m_guard.quit();
        finish(exit->status);
    }
}

void Agent::executeStart(const StartAppAction &start)
{
    // A process can be stopped between deciding and acting (M1a, W4), and an operator may have started an
    // instance by hand since the last search: ask both right before the guard starts it.
    const MonoTime now = monotonicNow();
    const bool allowed = m_election->mayStartApp(now);
    const bool strays = !m_strays.searchNow().isEmpty(); // reported to the machine through found()
    if (allowed && !strays) {
        m_app.start(start.epoch);
        return;
    }
    feed(m_election->startPutOff(now));
}

void Agent::executeWrite(const WriteRecordAction &write)
{
    const int slot = slotForNextWrite(m_lastConfirmedSlot);
    const MonoTime issuedAt = monotonicNow();
    const std::uint64_t id = write.id;
    const bool posted = m_io->writeRecord(slot, write.slot,
        [this, id, slot, issuedAt](Status status, MonoTime at) { onWriteDone(id, slot, issuedAt, status, at); });
    if (posted) {
        m_writeIssuedAt = issuedAt;
        return;
    }
    QMetaObject::invokeMethod(
        this,
        [this, id] {
            if (m_election && !m_exiting)
                feed(m_election->writeCompleted(id, false, monotonicNow()));
        },
        Qt::QueuedConnection);
}

void Agent::onWriteDone(std::uint64_t id, int slot, MonoTime issuedAt, const Status &status, MonoTime completedAt)
{
    m_writeIssuedAt = kNever;
    if (status)
        m_lastConfirmedSlot = slot; // it landed: the next write goes to the other slot
    const bool inTime = completedAt <= issuedAt + m_config.timing.ioTimeout;
    if (status && inTime)
        m_systemd.ready();
    noteStorage(status && inTime,
        status ? QStringLiteral("writing %1 took %2 ms, longer than io_timeout")
                     .arg(DirectoryIo::recordPath(m_config.node.name))
                     .arg((completedAt - issuedAt).count())
               : status.error());
    if (m_election && !m_exiting)
        feed(m_election->writeCompleted(id, status.ok(), completedAt));
}

void Agent::noteStorage(bool ok, const QString &problem)
{
    if (ok == m_storageOk)
        return;
    m_storageOk = ok;
    const std::uint64_t epoch = m_election ? m_election->epoch() : 0;
    if (!ok) {
        m_storageLostAt = monotonicNow();
        m_events->report(QLatin1String(historyevents::StorageLost), problem, epoch);
        return;
    }
    m_events->report(QLatin1String(historyevents::StorageRestored),
        QStringLiteral("the own record is written again after %1 ms").arg((monotonicNow() - m_storageLostAt).count()),
        epoch);
}

void Agent::executeScan(const ScanAction &scan)
{
    const std::uint64_t id = scan.id;
    m_io->scan([this, id](ScanReport report) { onScan(id, std::move(report)); });
}

void Agent::onScan(std::uint64_t id, ScanReport report)
{
    if (!m_election || m_exiting)
        return;
    const auto warnOnce = [this](const QStringList &names, const char *why) {
        for (const QString &name : names) {
            if (m_reportedNames.contains(name))
                continue;
            m_reportedNames.insert(name);
            qCWarning(lcIo, "%s/nodes/%s %s; remove it", qUtf8Printable(m_config.cluster.directory),
                qUtf8Printable(name), why);
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
            qCWarning(lcIo, "%s/nodes cannot be listed (%s): no node can be seen, so this agent claims nothing",
                qUtf8Printable(m_config.cluster.directory), qUtf8Printable(report.listError));
        else
            qCInfo(lcIo, "%s/nodes can be listed again", qUtf8Printable(m_config.cluster.directory));
    }
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
    const MonoTime now = monotonicNow();
    ElectionActions actions = m_election->scanCompleted(report.scan, now);
    const bool clear
        = !m_clearPending && interpretNote(report.clear, clearPath(m_config.node.name)).presence == Presence::Present;
    if (clear)
        actions += m_election->clearFailures(now);
    feed(actions);
    if (clear) { // removed once the reset is recorded
        m_clearPending = true;
        m_io->remove(clearPath(m_config.node.name), [this](const Status &) { m_clearPending = false; });
    }
}

bool Agent::persist(const PersistAction &persist)
{
    const Status saved = m_marks.save(LocalMarks { persist.seqReserved, persist.epoch, persist.started });
    if (saved)
        return true;
    // Going on could reuse a seq or claim an epoch that is not durable (R1): stop here instead; the
    // guard stops the application at its deadline.
    qCCritical(lcAgent, "%s; the agent stops", qUtf8Printable(saved.error()));
    m_events->report(QLatin1String(historyevents::Incident), saved.error(), m_election->epoch());
    return false;
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
    if (!m_election)
        return;
    const bool enabled = !m_exiting && m_election->role() == Role::Master && m_app.running();
    if (enabled && m_checkEpoch != m_election->epoch()) { // HACMP_EPOCH of the check is the term's
        m_checkEpoch = m_election->epoch();
        m_check.configure(m_config.application.check, m_config.application.checkInterval,
            m_config.application.checkTimeout, applicationEnvironment(m_config, *m_checkEpoch));
    }
    m_check.setEnabled(enabled);
}

void Agent::updateStatus()
{
    if (!m_election)
        return;
    QString master;
    if (m_election->role() == Role::Master) {
        master = m_config.node.name;
    } else {
        const Observer &observer = m_election->observer();
        for (const QString &node : observer.others()) {
            const NodeView *view = observer.view(node);
            if (view->content && !view->unknown && view->content->state == Role::Master && !observer.isDead(node))
                master = node;
        }
    }
    m_systemd.status(QStringLiteral("%1, master %2")
                         .arg(roleName(m_election->role()), master.isEmpty() ? QStringLiteral("none") : master));
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
    if (!m_election) {
        qCInfo(lcAgent, "stopping before the election started");
        finish(0);
        return;
    }
    const Timing &timing = m_config.timing;
    const Millis stopTime = m_config.application.stop.isEmpty() ? timing.stopGrace : 2 * timing.stopGrace;
    m_hardExit.start(stopTime + timing.ioTimeout + Millis(1000));
    feed(m_election->stopRequested(monotonicNow(), mode));
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
    const std::uint64_t epoch = m_election ? m_election->epoch() : 0;
    const auto reject = [&](const QString &why) {
        qCCritical(lcAgent, "configuration not reloaded, the agent keeps running with the previous one: %s",
            qUtf8Printable(why));
        m_events->report(QLatin1String(historyevents::ConfigRejected), why, epoch);
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
    if (m_election)
        m_election->setSettings(
            m_config.node.priority, m_config.application.restartLimit, m_config.application.restartWindow);
    applyConfig();
    qCInfo(lcAgent, "configuration reloaded from %s: changed %s", qUtf8Printable(m_config.path),
        qUtf8Printable(changes.applied.join(QStringLiteral(", "))));
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
