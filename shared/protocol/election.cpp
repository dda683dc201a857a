#include "shared/protocol/election.h"

#include "shared/history/historyevent.h"

#include <algorithm>

namespace hacmp {

namespace {
constexpr std::uint64_t kSeqBlock = 100000; // seq values reserved per persist

QString number(std::uint64_t value)
{
    return QString::number(value);
}
} // namespace

Election::Election(ElectionConfig config, LocalMarks marks, std::uint64_t incarnation, std::uint64_t seed, MonoTime now,
    std::shared_ptr<SlotCache> cache)
    : m_config(std::move(config))
    , m_incarnation(incarnation)
    , m_random(seed)
    , m_cache(std::move(cache))
    , m_observer(m_config.node, m_config.timing, m_cache)
    , m_lease(m_config.timing)
    , m_budget(m_config.restartLimit, m_config.restartWindow)
    , m_startedAt(now)
    , m_seq(marks.seqReserved)
    , m_seqReserved(marks.seqReserved)
    , m_maxEpoch(marks.epoch)
    , m_startedMax(marks.started)
    , m_persistedEpoch(marks.epoch)
    , m_persistedStarted(marks.started)
    , m_ownRecordBeforeJoining(std::in_place, QString(), m_config.timing, m_cache)
{ }

// ---------------------------------------------------------------- events

ElectionActions Election::start(MonoTime now)
{
    return step(now, [&] {
        persist();
        emitEvent(EventKind::AgentStart,
            QStringLiteral("incarnation %1, version %2")
                .arg(m_incarnation, 16, 16, QLatin1Char('0'))
                .arg(m_config.version));
        m_startedAt = now;
    });
}

ElectionActions Election::tick(MonoTime now)
{
    return step(now, [&] {
        if (m_outstanding && !m_outstanding->timedOut && now > m_outstanding->issuedAt + m_config.timing.ioTimeout) {
            m_outstanding->timedOut = true;
            writeFailed(*m_outstanding);
        }
        fenceCheck(now);
        if (m_strays && m_role != Role::Master && m_lastCountedWrite != kNever
            && now - m_lastCountedWrite >= m_config.timing.renewLimit) {
            // Without the storage this node cannot know whether maintenance still holds.
            m_out.append(StopStraysAction { QStringLiteral("storage lost") });
        }
        heartbeat(now);
        if (m_candidacy.finalScan && now > m_scanIssuedAt + m_config.timing.ioTimeout) {
            m_candidacy.finalScan.reset(); // R2's reads did not all answer in time: wait, as for a failed read
            if (m_candidacy.waitingSince == kNever)
                m_candidacy.waitingSince = now;
        }
        if (!m_scanPending || now > m_scanIssuedAt + m_config.timing.ioTimeout) {
            m_scanPending = m_nextScanId++;
            m_scanIssuedAt = now;
            m_out.append(ScanAction { *m_scanPending, false });
        }
        decide(now);
    });
}

ElectionActions Election::scanCompleted(const ScanResult &scan, MonoTime now)
{
    return step(now, [&] {
        const bool final = m_candidacy.finalScan == scan.id;
        if (final)
            m_candidacy.finalScan.reset();
        if (m_scanPending == scan.id)
            m_scanPending.reset();
        const bool joining = bool(m_ownRecordBeforeJoining);
        bool ownListed = false;
        for (const RecordReadResult &record : scan.records) {
            if (record.node == m_config.node) {
                ownListed = true;
                observeOwnRecord(record.read, record.issuedAt);
                continue;
            }
            m_observer.applyRead(record.node, record.read, record.issuedAt, now);
            const NodeView *view = m_observer.view(record.node);
            if (view && view->content && record.read.ok() && !view->unknown) {
                learnEpochs(*view->content);
                noteReservation(*view->content, now);
            }
        }
        if (joining && scan.listed && !ownListed)
            m_ownRecordBeforeJoining.reset(); // no record of this node yet: nobody else writes it
        persist();
        applyControls(scan);
        reportDeadNodes();
        ++m_scans;
        if (joining && !m_ownRecordBeforeJoining)
            heartbeat(now); // the first write need not wait for the next tick
        // Decide on what was just read rather than at the next tick: a dead master found by this scan is
        // taken over an interval sooner.
        if (final)
            finalCheck(scan, now);
        else
            decide(now);
    });
}

void Election::reportDeadNodes()
{
    for (const QString &node : m_observer.others()) {
        const NodeView *view = m_observer.view(node);
        if (!view || !view->everRead)
            continue;
        DeathWatch &watch = m_deathWatch[node];
        if (watch.firstRaw.isEmpty() && !watch.seenAlive)
            watch.firstRaw = view->raw;
        const bool dead = m_observer.isDead(node);
        if (!dead) {
            watch.seenAlive = watch.seenAlive || view->raw != watch.firstRaw;
            watch.reported = false;
            continue;
        }
        if (!watch.seenAlive || watch.reported || (view->content && view->content->state == Role::Offline))
            continue;
        watch.reported = true;
        const QString last = view->content ? QStringLiteral("; its last record: %1 of epoch %2")
                                                 .arg(roleName(view->content->state))
                                                 .arg(view->content->epoch)
                                           : QString();
        emitEvent(EventKind::NodeDead,
            QStringLiteral("its record has not changed for failover_timeout (%1 ms)%2")
                .arg(m_config.timing.failoverTimeout.count())
                .arg(last),
            node);
    }
}

MonoTime Election::wakeAt() const
{
    if (m_role != Role::Candidate || m_candidacy.ackAt == kNever || m_candidacy.finalScan)
        return kNever;
    return m_candidacy.ackAt + (m_candidacy.fast ? Millis(0) : m_config.timing.settle());
}

ElectionActions Election::writeCompleted(std::uint64_t id, bool ok, MonoTime now)
{
    return step(now, [&] {
        if (!m_outstanding || m_outstanding->id != id)
            return;
        const PendingWrite write = *m_outstanding;
        m_outstanding.reset(); // W1: the next write may be issued only now
        if (!write.timedOut) {
            if (ok && now <= write.issuedAt + m_config.timing.ioTimeout)
                writeCounted(write, now);
            else
                writeFailed(write);
        }
        flushQueuedWrite();
    });
}

ElectionActions Election::appStarted(std::int64_t pid, MonoTime now)
{
    return step(now, [&] {
        m_handStart = false;
        if (m_app.state == AppState::Starting) {
            m_app.state = AppState::Running;
            m_app.pid = pid;
            if (m_config.wallClock) // for people: when this instance started (no decision reads it)
                m_app.since = m_config.wallClock(Millis(0));
            emitEvent(EventKind::AppStart, QStringLiteral("pid %1").arg(pid));
        }
    });
}

ElectionActions Election::appExited(const AppExit &exit, MonoTime now)
{
    return step(now, [&] {
        const bool wasStopping = m_app.state == AppState::Stopping;
        m_app = AppStatus {};
        m_handStart = false;
        emitEvent(EventKind::AppExit,
            QStringLiteral("status %1%2")
                .arg(exit.status)
                .arg(exit.detail.isEmpty() ? QString() : QStringLiteral(", ") + exit.detail));
        if (m_role == Role::Stopping || (m_role == Role::Fenced && wasStopping)) {
            finishStopping(now);
            return;
        }
        if (m_role != Role::Master)
            return;
        if (exit.cause == AppExitCause::GuardDeadline) {
            emitEvent(EventKind::GuardKill, QStringLiteral("the guard stopped the application at the lease deadline"));
            setRole(Role::Fenced, QStringLiteral("lease lapsed"));
            return;
        }
        if (inMaintenance(now)) { // M-a: no restart now; started once when maintenance is known to be over
            m_appWanted = true;
            return;
        }
        if (m_budget.recordFailure(now)) {
            emitEvent(EventKind::AppRestart, QStringLiteral("local restart after status %1").arg(exit.status));
            startApp(QStringLiteral("local restart"), now);
        } else {
            emitEvent(EventKind::AppFailed,
                QStringLiteral("restart budget used up (%1 within %2 s): standing down, not eligible")
                    .arg(m_config.restartLimit)
                    .arg(m_config.restartWindow.count() / 1000));
            if (const auto target = bestStandby())
                m_handover.pending = Handover { *target, m_epoch };
            standDown(QStringLiteral("application failed"), false, Role::Standby, now);
        }
    });
}

ElectionActions Election::stopRequested(MonoTime now, StopMode mode)
{
    return step(now, [&] {
        if (m_stopRequested)
            return;
        m_stopRequested = true;
        const bool maintenance = inMaintenance(now);
        emitEvent(EventKind::AgentStop,
            mode == StopMode::KeepApplication ? QStringLiteral("restart in place requested")
                : maintenance                 ? QStringLiteral("clean stop requested in maintenance")
                                              : QStringLiteral("clean stop requested"));
        const bool holding = m_role == Role::Master && !m_claimPending && m_lease.validAt(now)
            && (m_app.state == AppState::Running || m_app.state == AppState::Starting);
        if (holding && (mode == StopMode::KeepApplication || maintenance)) {
            leaveApplication(mode == StopMode::KeepApplication ? QStringLiteral("restart in place")
                                                               : QStringLiteral("agent stopped in maintenance"),
                now);
            return;
        }
        // In maintenance nobody takes the application over (M-a): no handover is offered.
        const QString why = maintenance ? QStringLiteral("agent stopped in maintenance") : QStringLiteral("clean stop");
        if (m_role == Role::Master && !m_claimPending) {
            if (const auto target = bestStandby(); target && !maintenance)
                m_handover.pending = Handover { *target, m_epoch };
            standDown(why, false, Role::Offline, now);
        } else if (m_app.state != AppState::Stopped) {
            standDown(why, m_role == Role::Fenced, Role::Offline, now);
        } else {
            setRole(Role::Offline, why);
            requestWrite(WriteKind::Exit);
        }
    });
}

ElectionActions Election::setStrays(const QList<std::int64_t> &pids, MonoTime now)
{
    return step(now, [&] {
        const bool found = !m_strays && !pids.isEmpty();
        m_strays = !pids.isEmpty();
        m_strayPids = pids.mid(0, kMaxOutsidePids);
        if (!m_strays) {
            m_strayStopAt = kNever;
            return;
        }
        const bool stop = !inMaintenance(now);
        if (found) {
            const QString what = QStringLiteral("instance of the application outside the guard on this node (pid %1)")
                                     .arg(pidList(m_strayPids));
            const QString done = !stop
                ? QStringLiteral("left alone in maintenance; when maintenance ends it is stopped, "
                                 "and the master starts the application under its guard")
                : m_role == Role::Master ? QStringLiteral("stopping it: the application runs only under the guard")
                                         : QStringLiteral("stopping it: this node is not master");
            emitEvent(EventKind::InstanceOutsideGuard, what + QStringLiteral(": ") + done);
        }
        if (stop)
            m_out.append(StopStraysAction { m_role == Role::Master
                    ? QStringLiteral("instance running outside the guard")
                    : QStringLiteral("instance running outside the guard on a node that is not master") });
    });
}

ElectionActions Election::adoptRunningTerm(std::uint64_t epoch, MonoTime guardDeadline, std::int64_t pid, MonoTime now)
{
    return step(now, [&] {
        if (m_role != Role::Starting || m_app.state != AppState::Stopped || m_outstanding)
            return;
        m_ownRecordBeforeJoining.reset(); // the guard of this host holds a term: this host wrote the record
        m_epoch = epoch;
        m_maxEpoch = std::max(m_maxEpoch, epoch);
        m_startedMax = std::max(m_startedMax, epoch);
        persist();
        m_app.pid = pid;
        if (now < guardDeadline) {
            m_app.state = AppState::Running;
            m_lease.resume(guardDeadline);
            setRole(Role::Master,
                QStringLiteral("re-attached to the application (pid %1) of epoch %2 that the guard holds")
                    .arg(pid)
                    .arg(epoch));
        } else { // still starting; the record shows the application until the guard reports its exit (O4)
            m_app.state = AppState::Stopping;
            emitEvent(EventKind::LeaseLapsed,
                QStringLiteral(
                    "the guard's deadline for the application (pid %1) of epoch %2 passed while no agent ran")
                    .arg(pid)
                    .arg(epoch));
            m_out.append(StopAppAction { QStringLiteral("lease lapsed while no agent ran") });
        }
        requestWrite(WriteKind::Heartbeat);
    });
}

void Election::setSettings(int priority, int restartLimit, Millis restartWindow)
{
    m_config.priority = priority;
    m_config.restartLimit = restartLimit;
    m_config.restartWindow = restartWindow;
    m_budget.setLimits(restartLimit, restartWindow);
}

bool Election::mayStartApp(MonoTime now) const
{
    return m_role == Role::Master && !m_claimPending && m_lease.validAt(now) && inMaintenance(now) == m_handStart;
}

ElectionActions Election::startPutOff(MonoTime now)
{
    return step(now, [&] {
        m_handStart = false;
        if (m_app.state == AppState::Starting) {
            m_app = AppStatus {};
            m_appWanted = m_role == Role::Master;
            emitEvent(EventKind::AppStartDeferred,
                QStringLiteral("maintenance, the lease or an instance outside the guard changed before the start"));
        }
    });
}

// ---------------------------------------------------------------- queries

bool Election::eligible() const
{
    return !m_standbyFlag && !m_duplicate && !m_budget.exhausted(m_now);
}

bool Election::inMaintenance(MonoTime now) const
{
    // A maintenance state not confirmed by a read within interval + io counts as on (R1, M-a).
    if (m_maintenanceReadAt == kNever
        || now - m_maintenanceReadAt > m_config.timing.interval + m_config.timing.ioTimeout)
        return true;
    return m_maintenance;
}

// ---------------------------------------------------------------- record writing

HeartbeatRecord Election::currentRecord()
{
    HeartbeatRecord record;
    record.node = m_config.node;
    record.hostId = m_config.hostId;
    record.incarnation = m_incarnation;
    record.seq = ++m_seq;
    record.state = m_role;
    record.epoch = isClaimingRole(m_role) ? m_epoch : m_maxEpoch;
    record.started = m_startedMax;
    record.priority = m_config.priority;
    record.eligible = eligible();
    record.app = m_app;
    record.app.outside = m_strayPids;
    if (m_strays && record.app.state == AppState::Stopped)
        record.app.state = AppState::Running;
    record.maint = m_maintenance;
    record.handover = m_handover.announced;
    record.version = m_config.version;
    record.timing = m_config.timing.signature();
    if (m_config.wallClock)
        record.wallTime = m_config.wallClock(Millis(0));
    if (m_seq >= m_seqReserved)
        persist();
    return record;
}

void Election::requestWrite(WriteKind kind, bool chainStart)
{
    if (m_outstanding) { // W1: queue behind the outstanding write, even one that timed out
        m_queuedWrite = std::make_pair(kind, chainStart);
        return;
    }
    issueWrite(kind, chainStart);
}

void Election::issueWrite(WriteKind kind, bool chainStart)
{
    PendingWrite write;
    write.id = m_nextWriteId++;
    write.issuedAt = m_now;
    write.kind = kind;
    write.chainStart = chainStart;
    HeartbeatRecord record = currentRecord();
    if (m_firstSeq == 0)
        m_firstSeq = record.seq;
    const Result<QByteArray> slot = encodeSlot(record);
    if (!slot) { // nothing is written: the lease runs out and the node fences itself
        emitEvent(EventKind::Incident, slot.error());
        return;
    }
    m_cache->remember(slot.value(), SlotDecode { SlotKind::Valid, record, {} });
    write.state = record.state;
    m_outstanding = write;
    if (kind == WriteKind::Claim)
        m_claimWrite = write.id;
    m_out.append(WriteRecordAction { write.id, std::move(record), slot.value(), kind == WriteKind::Claim });
}

void Election::flushQueuedWrite()
{
    if (!m_queuedWrite || m_outstanding)
        return;
    const auto [kind, chainStart] = *m_queuedWrite;
    m_queuedWrite.reset();
    issueWrite(kind, chainStart);
}

void Election::writeFailed(const PendingWrite &write)
{
    if (m_claimWrite == write.id) {
        m_claimWrite.reset();
        if (m_role == Role::Master && m_claimPending) {
            m_claimPending = false;
            setRole(Role::Standby, QStringLiteral("master write did not count"));
        }
    }
    if (write.kind == WriteKind::Exit)
        m_out.append(ExitAction { m_exitStatus });
}

void Election::writeCounted(const PendingWrite &write, MonoTime now)
{
    m_lastCountedWrite = std::max(m_lastCountedWrite, write.issuedAt);
    if (isClaimingRole(write.state) && isClaimingRole(m_role)) {
        const bool counted = m_lease.onWriteCompleted(write.issuedAt, now, write.chainStart);
        if (counted && (m_role == Role::Master || m_role == Role::Stopping) && !m_claimPending)
            m_out.append(GuardDeadlineAction { m_lease.until() });
    }
    if (m_role == Role::Fenced && m_app.state == AppState::Stopped && write.state == Role::Fenced) {
        // storage_restored itself is the executor's (ElectionRunner), which sees every write's outcome. A stop
        // asked for while fenced ends now, with the offline record it could not write before.
        if (m_stopRequested) {
            setRole(Role::Offline, QStringLiteral("storage back after fencing, clean stop"));
            requestWrite(WriteKind::Exit);
        } else {
            setRole(Role::Standby, QStringLiteral("storage back after fencing"));
        }
    }
    if (m_role == Role::Candidate && write.state == Role::Candidate && m_candidacy.ackAt == kNever)
        m_candidacy.ackAt = now;
    if (m_claimWrite == write.id) {
        m_claimWrite.reset();
        claimCounted(write, now);
    }
    if (write.kind == WriteKind::Exit)
        m_out.append(ExitAction { m_exitStatus });
}

// ---------------------------------------------------------------- observation

void Election::observeOwnRecord(const FileRead &read, MonoTime issuedAt)
{
    if (m_ownRecordBeforeJoining)
        checkOwnRecordBeforeJoining(read, issuedAt);
    if (!read.ok())
        return;
    const RecordDecode decoded = m_cache->readRecord(read.bytes, m_config.node);
    for (const HeartbeatRecord &record : decoded.validSlots) {
        learnEpochs(record);
        if (record.incarnation == m_incarnation)
            continue;
        if (record.seq >= m_seq) {
            m_seq = record.seq + 1; // seq rises across incarnations, even if the local state was lost
            m_seqReserved = 0;
        }
        // Another writer: a slot of another host written after this agent's first write. Slots left by
        // this node's earlier host (a replaced machine) are older than that and do not count.
        if (record.hostId == m_config.hostId || m_firstSeq == 0 || record.seq <= m_firstSeq)
            continue;
        m_foreignWrites.insert(qMakePair(record.incarnation, record.seq));
        if (m_foreignWrites.size() >= 2 && !m_duplicate) {
            m_duplicate = true;
            emitEvent(EventKind::DuplicateNode,
                QStringLiteral("another host (host_id %1) writes the record of node %2: fix the [node] name of one "
                               "of them; this agent refuses mastership")
                    .arg(record.hostId, m_config.node));
            if (isClaimingRole(m_role))
                standDown(QStringLiteral("duplicate node name"), true, Role::Standby, m_now);
        }
    }
}

void Election::checkOwnRecordBeforeJoining(const FileRead &read, MonoTime issuedAt)
{
    // A second host started with a copy of this node's configuration must not write: its writes would make
    // the agent that runs under this name refuse mastership and stop the application (O4).
    if (read.outcome == IoOutcome::Absent) {
        m_ownRecordBeforeJoining.reset();
        return;
    }
    if (!read.ok())
        return; // wait for a read that answers
    Observer &watch = *m_ownRecordBeforeJoining;
    watch.applyRead(m_config.node, read, issuedAt, m_now);
    const NodeView *view = watch.view(m_config.node);
    if (m_ownRecordFirstChange == kNever)
        m_ownRecordFirstChange = view->changedAt;
    const bool writtenHere = view->content && !view->unknown && view->content->hostId == m_config.hostId;
    if (writtenHere || watch.isDead(m_config.node)) {
        m_ownRecordBeforeJoining.reset(); // this host's, or left by a host that no longer runs: join
        return;
    }
    if (view->changedAt == m_ownRecordFirstChange)
        return; // not seen changing yet
    const QString writer = view->content && !view->unknown ? view->content->hostId : QStringLiteral("unknown");
    m_ownRecordBeforeJoining.reset();
    m_duplicate = true;
    emitEvent(EventKind::DuplicateNode,
        QStringLiteral("the record of node %1 is being written by another host (host_id %2): an agent with this "
                       "node name already runs there, probably from a copied configuration. This agent wrote "
                       "nothing and does not join, so the running one goes on; give this host its own [node] name "
                       "and start it again")
            .arg(m_config.node, writer));
    m_exitStatus = kExitRefusedToJoin;
    setRole(Role::Offline, QStringLiteral("refused to join: node name %1 runs on host %2").arg(m_config.node, writer));
    m_out.append(ExitAction { m_exitStatus });
}

void Election::learnEpochs(const HeartbeatRecord &record)
{
    m_maxEpoch = std::max({ m_maxEpoch, record.epoch, record.started });
    std::uint64_t started = record.started;
    if (record.state == Role::Master || record.state == Role::Stopping)
        started = std::max(started, record.epoch);
    m_startedMax = std::max(m_startedMax, started);
}

void Election::noteReservation(const HeartbeatRecord &record, MonoTime now)
{
    if (!record.handover || record.handover->to.isEmpty())
        return;
    if (record.state != Role::Standby && record.state != Role::Offline)
        return;
    if (m_handover.reservation && record.handover->epoch <= m_handover.reservation->epoch)
        return;
    // H2: the newest reservation holds for F, even after the record is overwritten.
    m_handover.reservation
        = Reservation { record.handover->to, record.handover->epoch, now + m_config.timing.failoverTimeout };
}

void Election::applyControls(const ScanResult &scan)
{
    const NoteRead maintenance = interpretNote(scan.maintenance, QStringLiteral("maintenance"));
    if (maintenance.presence != Presence::Unknown) {
        m_maintenanceReadAt = scan.issuedAt;
        setMaintenance(maintenance.presence == Presence::Present,
            maintenance.note ? QStringLiteral("by %1: %2").arg(maintenance.note->who, maintenance.note->why)
                             : maintenance.problem);
    }
    const NoteRead standby = interpretNote(scan.ownStandby, QStringLiteral("standby/") + m_config.node);
    if (standby.presence != Presence::Unknown) {
        const bool on = standby.presence == Presence::Present;
        if (on != m_standbyFlag)
            emitEvent(on ? EventKind::StandbyOn : EventKind::StandbyOff, standby.problem);
        m_standbyFlag = on;
    }
    const SwitchoverRead switchover = interpretSwitchover(scan.switchover, QStringLiteral("switchover"));
    if (switchover.presence != Presence::Unknown)
        m_switchover = switchover;
    const NoteRead clear = interpretNote(scan.ownClear, clearPath(m_config.node));
    if (clear.presence == Presence::Present) {
        if (!std::exchange(m_clearSeen, true)) {
            m_budget.clear();
            emitEvent(EventKind::ClearFailures,
                clear.note ? QStringLiteral("restart budget reset (by %1: %2)").arg(clear.note->who, clear.note->why)
                           : QStringLiteral("restart budget reset"));
        }
        // again while it is still read: a removal may have failed
        m_out.append(RemoveControlFileAction { clearPath(m_config.node) });
    } else if (clear.presence == Presence::Absent) {
        m_clearSeen = false;
    }
    applyAppRequest(scan.ownAppRequest);
}

void Election::applyAppRequest(const FileRead &file)
{
    const QString path = appRequestPath(m_config.node);
    const AppRequestRead read = interpretAppRequest(file, path);
    if (read.presence == Presence::Absent)
        m_appRequestDone.reset();
    if (read.presence != Presence::Present)
        return;
    m_out.append(RemoveControlFileAction { path }); // again while it is still read: a removal may have failed
    if (m_appRequestDone == file.bytes)
        return;
    m_appRequestDone = file.bytes;
    if (!read.request) {
        emitEvent(EventKind::AppRequestRefused, read.problem);
        return;
    }
    const AppRequest &request = *read.request;
    const bool run = request.action == AppRequest::Action::Run;
    const QString of
        = QStringLiteral("request of %1 by %2: %3").arg(request.note.when, request.note.who, request.note.why);
    const auto done = [&](const QString &what) {
        emitEvent(
            EventKind::AppRequestDone, QStringLiteral("%1: %2 (%3)").arg(appActionName(request.action), what, of));
    };
    const bool holding = m_app.state == AppState::Running || m_app.state == AppState::Starting;
    std::optional<QString> refusal;
    if (!inMaintenance(m_now))
        refusal = QStringLiteral("the cluster is not in maintenance; outside it the agents alone start and stop the "
                                 "application (move it with 'hacmpctl switchover' or 'hacmpctl standby')");
    else if (run && !holding)
        refusal = runRefusal(m_now);
    if (refusal) {
        emitEvent(EventKind::AppRequestRefused,
            QStringLiteral("%1 refused: %2 (%3)").arg(appActionName(request.action), *refusal, of));
        return;
    }
    if (run && holding) {
        done(QStringLiteral("the application already runs under the guard (pid %1)").arg(m_app.pid));
    } else if (run) {
        done(QStringLiteral("starting the application by hand under the guard, epoch %1").arg(m_epoch));
        m_appWanted = false;
        m_handStart = true;
        startApp(QLatin1String(kStartByHandReason), m_now);
    } else if (!holding && !m_strays) {
        done(QStringLiteral("the application does not run on this node"));
    } else {
        if (holding) {
            done(QStringLiteral("stopping the application (pid %1); it is started again when maintenance ends")
                     .arg(m_app.pid));
            m_app.state = AppState::Stopping;
            m_out.append(StopAppAction { QStringLiteral("stopped by hand in maintenance") });
        }
        if (m_strays) {
            if (!holding)
                done(QStringLiteral("stopping the instances started by hand"));
            stopStrays(QStringLiteral("stopped by hand in maintenance"));
        }
    }
}

std::optional<QString> Election::runRefusal(MonoTime now) const
{
    if (m_role != Role::Master || m_claimPending || !m_lease.validAt(now)) {
        if (const std::optional<QString> master = otherLiveMaster())
            return QStringLiteral("this node is not master; %1 is: run it there").arg(*master);
        return QStringLiteral("this node is not master and no node is (in maintenance no node becomes master); "
                              "end maintenance and the agents start it");
    }
    if (m_app.state == AppState::Stopping)
        return QStringLiteral("the application (pid %1) is still stopping; try again when it has exited")
            .arg(m_app.pid);
    if (m_strays)
        return QStringLiteral("an instance started outside the guard runs on this node (pid %1); stop it first "
                              "('hacmpctl stop-app' stops it too)")
            .arg(pidList(m_strayPids));
    if (const std::optional<QString> node = nodeThatMayRunApp(now, false))
        return QStringLiteral("the application may run on %1 (its record does not show it stopped, or was not read "
                              "lately); stop it there first")
            .arg(*node);
    return std::nullopt;
}

std::optional<QString> Election::otherLiveMaster() const
{
    for (const QString &node : m_observer.others()) {
        const NodeView *view = m_observer.view(node);
        if (view->content && !view->unknown && !m_observer.isDead(node) && view->content->state == Role::Master)
            return node;
    }
    return std::nullopt;
}

void Election::setMaintenance(bool on, const QString &detail)
{
    if (on == m_maintenance)
        return;
    m_maintenance = on;
    emitEvent(on ? EventKind::MaintenanceOn : EventKind::MaintenanceOff, on ? detail : QString());
    if (on) {
        if (m_role == Role::Candidate) // M-a
            leaveCandidacy(QStringLiteral("maintenance"));
        return;
    }
    m_liftPending = true; // M-b
    if (m_strays) // on the master too: it never starts over them (startApp)
        stopStrays(QStringLiteral("maintenance ended"));
}

// ---------------------------------------------------------------- roles

void Election::fenceCheck(MonoTime now)
{
    if (!isClaimingRole(m_role) || m_lease.validAt(now))
        return;
    if (m_role == Role::Candidate) {
        if (m_candidacy.ackAt == kNever)
            return; // its first write has not counted yet: no chain to lapse
        emitEvent(EventKind::LeaseLapsed, QStringLiteral("candidate lease lapsed"));
        leaveCandidacy(QStringLiteral("lease lapsed"));
        return;
    }
    emitEvent(EventKind::LeaseLapsed, QStringLiteral("own record not renewed within renew_limit: fencing"));
    standDown(QStringLiteral("lease lapsed"), true, Role::Standby, now);
}

void Election::heartbeat(MonoTime now)
{
    if (m_handover.announced && (m_role == Role::Standby || m_role == Role::Offline)
        && now - m_handover.announcedSince > m_config.timing.failoverTimeout)
        m_handover.announced.reset();
    if (m_outstanding || m_role == Role::Offline || m_ownRecordBeforeJoining)
        return; // W1; an offline node has written its last record; no write before the own record is known
    if (isClaimingRole(m_role) && !m_lease.validAt(now) && m_candidacy.ackAt != kNever)
        return;
    requestWrite(WriteKind::Heartbeat, m_role == Role::Candidate && m_candidacy.ackAt == kNever);
}

void Election::decide(MonoTime now)
{
    switch (m_role) {
    case Role::Starting:
        decideStarting(now);
        break;
    case Role::Standby:
        if (!inMaintenance(now) && eligible() && !m_strays && !m_stopRequested)
            maybeBecomeCandidate(now);
        break;
    case Role::Candidate:
        candidateTick(now);
        break;
    case Role::Master:
        masterTick(now);
        break;
    default:
        break;
    }
}

void Election::decideStarting(MonoTime now)
{
    const QStringList others = m_observer.others();
    bool allOffline = m_scans >= 2;
    for (const QString &node : others) {
        const NodeView *view = m_observer.view(node);
        if (view->everRead && !m_firstChange.contains(node))
            m_firstChange.insert(node, view->changedAt);
        if (!view->content || view->unknown || view->content->state != Role::Offline)
            allOffline = false;
    }
    const bool heldBack = holdBackForTimings(); // refuses as soon as a live node shows other timings
    if (m_role == Role::Starting && !heldBack && !m_ownRecordBeforeJoining
        && (now - m_startedAt >= m_config.timing.failoverTimeout || allOffline))
        setRole(Role::Standby, QStringLiteral("initial"));
}

bool Election::holdBackForTimings()
{
    // T1 holds only between equal timings: with a shorter failover_timeout than a master's renew_limit and
    // stop_grace, this node could take over while that master's guard still runs the application.
    const QString own = m_config.timing.signature();
    bool undecided = false;
    for (const QString &node : m_observer.others()) {
        const NodeView *view = m_observer.view(node);
        if (!view->content || view->content->timing.isEmpty() || view->content->timing == own
            || view->content->state == Role::Offline || m_observer.isDead(node))
            continue;
        if (view->changedAt == m_firstChange.value(node, view->changedAt)) {
            undecided = true; // not seen alive yet; a crashed node's record is dead within interval + io_timeout
            continue;
        }
        emitEvent(EventKind::ConfigRejected,
            QStringLiteral("node %1 runs with [timing] %2, but this node with %3: every node of a cluster needs the "
                           "same [timing] (docs/protocol.md T1 holds only between equal timings); make them equal and "
                           "start this agent again; it does not join")
                .arg(node, view->content->timing.left(200), own));
        m_exitStatus = kExitRefusedToJoin;
        setRole(Role::Offline, QStringLiteral("refused to join: other timings"));
        requestWrite(WriteKind::Exit);
        return true;
    }
    return undecided;
}

void Election::maybeBecomeCandidate(MonoTime now)
{
    bool fast = false;
    if (m_handover.reservation && now < m_handover.reservation->until) { // H2
        if (m_handover.reservation->target == m_config.node)
            fast = true;
        else if (!m_observer.isDead(m_handover.reservation->target))
            return;
    }
    // A handover target becomes candidate at once (H2), also while it waits out a back-off (R3) from an
    // election it lost shortly before: the reservation keeps every other node from claiming meanwhile.
    if (now < m_backoffUntil && !fast)
        return;
    for (const QString &node : m_observer.others()) {
        if (m_observer.blocks(node, now))
            return;
    }
    becomeCandidate(fast);
}

void Election::becomeCandidate(bool fast)
{
    m_epoch = std::max({ m_maxEpoch, m_startedMax, m_persistedEpoch }) + 1;
    m_maxEpoch = m_epoch;
    persist(); // R1: E is persisted before it is written
    m_candidacy = Candidacy {};
    m_candidacy.fast = fast;
    setRole(Role::Candidate,
        (fast ? QStringLiteral("handover target") : QStringLiteral("no live master")) + describePeers());
    requestWrite(WriteKind::Heartbeat, true);
}

void Election::candidateTick(MonoTime now)
{
    if (inMaintenance(now))
        return;
    for (const QString &node : m_observer.others()) {
        if (!m_observer.blocks(node, now))
            continue;
        const NodeView *view = m_observer.view(node);
        if (!view->content || view->unknown)
            continue;
        if (const auto why = yieldReason(node, *view->content)) {
            backOff(*why, now);
            return;
        }
    }
    const Millis settle = m_candidacy.fast ? Millis(0) : m_config.timing.settle();
    if (m_candidacy.ackAt == kNever || now < m_candidacy.ackAt + settle || m_candidacy.finalScan)
        return;
    if (m_candidacy.waitingSince != kNever && now - m_candidacy.waitingSince > m_config.timing.failoverTimeout) {
        backOff(QStringLiteral("waited failover_timeout for undecided nodes"), now);
        return;
    }
    // R2: one more read of every record; every read must succeed.
    m_candidacy.finalScan = m_nextScanId++;
    m_scanPending = m_candidacy.finalScan;
    m_scanIssuedAt = now;
    m_out.append(ScanAction { *m_candidacy.finalScan, true });
}

std::optional<QString> Election::yieldReason(const QString &node, const HeartbeatRecord &record) const
{
    // R2: a blocking node that holds or is leaving a term, or a better candidate, wins over this candidacy.
    if (record.state == Role::Master || record.state == Role::Stopping || record.app.state != AppState::Stopped)
        return QStringLiteral("node %1 is %2").arg(node, roleName(record.state));
    if (record.state == Role::Candidate && ranksAbove(record))
        return QStringLiteral("better candidate %1").arg(node);
    return std::nullopt;
}

void Election::leaveCandidacy(const QString &why)
{
    m_candidacy = Candidacy {};
    setRole(Role::Standby, why);
}

void Election::backOff(const QString &why, MonoTime now)
{
    leaveCandidacy(QStringLiteral("backed off: ") + why);
    const Millis step = m_config.timing.interval + m_config.timing.ioTimeout;
    std::uniform_int_distribution<std::int64_t> jitter(0, m_config.timing.interval.count());
    m_backoffUntil = now + (1 + rankAmongEligible()) * step + Millis(jitter(m_random));
}

void Election::finalCheck(const ScanResult &scan, MonoTime now)
{
    if (m_role != Role::Candidate || inMaintenance(now))
        return;
    bool wait = !scan.listed;
    for (const RecordReadResult &record : scan.records) {
        if (record.node != m_config.node && !record.read.ok())
            wait = true; // a record that could not be read may hold a claim we cannot see
    }
    for (const QString &node : m_observer.others()) {
        const NodeView *view = m_observer.view(node);
        if (view->content && view->content->started >= m_epoch) {
            backOff(QStringLiteral("%1 shows started epoch %2").arg(node, number(view->content->started)), now);
            return;
        }
        if (!m_observer.blocks(node, now))
            continue;
        if (!view->content || view->unknown) {
            wait = true;
            continue;
        }
        if (const auto why = yieldReason(node, *view->content)) {
            backOff(*why, now);
            return;
        }
        wait = true;
    }
    if (wait) {
        if (m_candidacy.waitingSince == kNever)
            m_candidacy.waitingSince = now;
        return;
    }
    if (!m_lease.validAt(now)) {
        leaveCandidacy(QStringLiteral("lease lapsed before the claim"));
        return;
    }
    claim();
}

void Election::claim()
{
    m_claimPending = true;
    m_startedMax = std::max(m_startedMax, m_epoch);
    m_budget.clear();
    m_liftPending = false;
    m_handover = {};
    setRole(Role::Master, QStringLiteral("claim"));
    requestWrite(WriteKind::Claim);
}

void Election::claimCounted(const PendingWrite &write, MonoTime now)
{
    if (!m_claimPending || m_role != Role::Master)
        return;
    m_claimPending = false;
    if (!m_lease.validAt(now) || write.issuedAt >= m_lease.until()) {
        standDown(QStringLiteral("claim counted after the lease lapsed"), true, Role::Standby, now);
        return;
    }
    m_out.append(GuardDeadlineAction { m_lease.until() });
    emitEvent(EventKind::RoleChange, QStringLiteral("master of epoch %1").arg(m_epoch), {}, ElectionStep::ClaimCounted);
    // M-b holds for the first start of a term too: a node that has not yet seen maintenance end may still
    // run an instance started by hand, which it stops before it writes maint=false (found by the simulator).
    if (inMaintenance(now) || !leaveBarrierPassed(now)) {
        m_appWanted = true;
        return;
    }
    startApp(QStringLiteral("claim"), now);
}

void Election::masterTick(MonoTime now)
{
    if (m_claimPending)
        return;
    if (!inMaintenance(now)) {
        for (const QString &node : m_observer.others()) { // R4: only a better alive master
            const NodeView *view = m_observer.view(node);
            if (!view->content || view->unknown || m_observer.isDead(node) || view->content->state != Role::Master)
                continue;
            if (ranksAbove(*view->content)) {
                emitEvent(EventKind::Incident,
                    QStringLiteral("two masters: %1 holds epoch %2, this node epoch %3; yielding")
                        .arg(node, number(view->content->epoch), number(m_epoch)));
                standDown(QStringLiteral("conflict"), false, Role::Standby, now);
                return;
            }
        }
    }
    handleSwitchover(now);
    if (m_role != Role::Master)
        return;
    if (m_standbyFlag || m_duplicate) {
        if (const auto target = bestStandby())
            m_handover.pending = Handover { *target, m_epoch };
        standDown(m_standbyFlag ? QStringLiteral("standby requested") : QStringLiteral("duplicate node name"), false,
            Role::Standby, now);
        return;
    }
    if (m_app.state == AppState::Stopped && !inMaintenance(now) && (m_liftPending || m_appWanted)) {
        // M-b also when this node only could not tell whether maintenance was on: others may have
        // seen it, and an instance started by hand may still run on one of them.
        if (!leaveBarrierPassed(now))
            return;
        m_liftPending = false;
        m_appWanted = false;
        startApp(QStringLiteral("maintenance ended"), now);
    }
}

void Election::handleSwitchover(MonoTime now)
{
    if (!m_switchover || m_switchover->presence != Presence::Present || inMaintenance(now))
        return;
    const auto refuse = [&](const QString &why) {
        emitEvent(EventKind::SwitchoverRefused, why);
        m_out.append(RemoveControlFileAction { switchoverPath() });
        m_switchover.reset();
    };
    if (!m_switchover->request) {
        refuse(QStringLiteral("switchover file unreadable: ") + m_switchover->problem);
        return;
    }
    const SwitchoverRequest request = *m_switchover->request;
    if (request.epoch > m_epoch)
        return; // addressed to a newer master term than ours
    if (request.epoch < m_epoch) {
        refuse(QStringLiteral("addressed to epoch %1, the current master term is %2")
                   .arg(number(request.epoch), number(m_epoch)));
        return;
    }
    if (request.target == m_config.node) {
        emitEvent(EventKind::SwitchoverDone, QStringLiteral("%1 is already master").arg(request.target));
        m_out.append(RemoveControlFileAction { switchoverPath() });
        m_switchover.reset();
        return;
    }
    const NodeObservation target = m_observer.observation(request.target, now);
    if (switchoverTargetRefusal(&target, request.target)) {
        refuse(QStringLiteral("target %1 is not an alive, eligible standby").arg(request.target));
        return;
    }
    emitEvent(EventKind::SwitchoverRequested,
        QStringLiteral("handing over to %1 (by %2)").arg(request.target, request.who), request.target);
    m_out.append(RemoveControlFileAction { switchoverPath() });
    m_switchover.reset();
    m_handover.pending = Handover { request.target, m_epoch };
    m_handover.reservation = Reservation { request.target, m_epoch, now + m_config.timing.failoverTimeout };
    standDown(QStringLiteral("switchover"), false, Role::Standby, now);
}

bool Election::leaveBarrierPassed(MonoTime now) const
{
    return !nodeThatMayRunApp(now, true);
}

std::optional<QString> Election::nodeThatMayRunApp(MonoTime now, bool leftMaintenance) const
{
    for (const QString &node : m_observer.others()) {
        const NodeView *view = m_observer.view(node);
        // Only a recent read counts: content kept from before a run of failed reads may predate maintenance
        // (found by the simulator, seed 20000373449).
        const Timing &timing = m_config.timing;
        const bool fresh = view->lastIssue != kNever && now - view->lastIssue <= 2 * timing.interval + timing.ioTimeout;
        const bool stopped = fresh && view->content && !view->unknown && !(leftMaintenance && view->content->maint)
            && view->content->app.state == AppState::Stopped;
        if (stopped)
            continue;
        // A node that died before it wrote maint=false may have held an instance started by hand under its guard,
        // which stops it R + SG after the node's last write at the latest: as a candidate does, wait settle past
        // its death (T1). Found by the simulator (seed 10000224314).
        if (!m_observer.isDead(node))
            return node;
        if (view->changedAt != kNever
            && now < view->changedAt + m_config.timing.failoverTimeout + m_config.timing.settle())
            return node;
    }
    return std::nullopt;
}

void Election::standDown(const QString &why, bool fenced, Role next, MonoTime now)
{
    m_appWanted = false;
    m_claimPending = false;
    m_claimWrite.reset();
    m_afterStop = next;
    setRole(fenced ? Role::Fenced : Role::Stopping, why);
    if (m_app.state != AppState::Stopped) {
        m_app.state = AppState::Stopping;
        m_out.append(StopAppAction { why });
        return;
    }
    if (!fenced)
        finishStopping(now);
}

void Election::HandoverState::announce(MonoTime now, Millis failoverTimeout)
{
    announced = std::exchange(pending, std::nullopt);
    announcedSince = now;
    reservation = Reservation { announced->to, announced->epoch, now + failoverTimeout };
}

void Election::finishStopping(MonoTime now)
{
    if (m_role == Role::Fenced)
        return; // stays fenced until its own record is written again
    setRole(m_afterStop, QStringLiteral("application stopped"));
    if (m_handover.pending) {
        m_handover.announce(now, m_config.timing.failoverTimeout);
        const QString &to = m_handover.announced->to;
        emitEvent(EventKind::SwitchoverDone, QStringLiteral("handed over to %1").arg(to), to);
    }
    requestWrite(m_role == Role::Offline ? WriteKind::Exit : WriteKind::Heartbeat);
}

std::optional<QString> Election::bestStandby() const
{
    std::optional<QString> best;
    int bestPriority = 0;
    for (const QString &node : m_observer.others()) {
        const NodeView *view = m_observer.view(node);
        if (!view->content || view->unknown || m_observer.isDead(node) || !view->content->eligible
            || view->content->state != Role::Standby)
            continue;
        const int priority = view->content->priority;
        if (!best || priority > bestPriority || (priority == bestPriority && node < *best)) {
            best = node;
            bestPriority = priority;
        }
    }
    return best;
}

void Election::startApp(const QString &reason, MonoTime now)
{
    if (!m_lease.validAt(now)) // W4: every start checks the lease immediately before acting
        return;
    if (m_strays) {
        stopStraysBeforeStart(now);
        return;
    }
    m_app.state = AppState::Starting;
    m_app.pid = 0;
    m_out.append(StartAppAction { m_epoch, reason });
}

void Election::stopStraysBeforeStart(MonoTime now)
{
    // Never two on one host: an instance started by hand is stopped first; masterTick starts once it is gone.
    m_appWanted = true;
    if (m_strayStopAt != kNever && now - m_strayStopAt < m_config.timing.stopGrace + m_config.timing.interval)
        return;
    m_strayStopAt = now;
    stopStrays(QStringLiteral("the application starts only under the guard"));
}

void Election::stopStrays(const QString &why)
{
    emitEvent(EventKind::InstanceOutsideGuard,
        QStringLiteral("stopping the instance outside the guard (pid %1): %2").arg(pidList(m_strayPids), why));
    m_out.append(StopStraysAction { why });
}

void Election::leaveApplication(const QString &why, MonoTime now)
{
    const Millis left = m_lease.until() - now;
    const QString until = m_config.wallClock ? m_config.wallClock(left) : QStringLiteral("the lease deadline");
    emitEvent(EventKind::AppLeftRunning,
        QStringLiteral("%1: application (pid %2) left running under the guard until %3 (%4 ms); start the agent again "
                       "before then to keep it, or the guard stops it")
            .arg(why)
            .arg(m_app.pid)
            .arg(until)
            .arg(left.count()));
    m_out.append(ExitAction { 0, true });
}

void Election::setRole(Role role, const QString &reason)
{
    if (role == m_role)
        return;
    const Role old = m_role;
    m_role = role;
    if (role == Role::Master && m_claimPending)
        return; // logged when the claim counts
    emitEvent(EventKind::RoleChange, QStringLiteral("%1 -> %2: %3").arg(roleName(old), roleName(role), reason), {},
        role == Role::Candidate ? ElectionStep::Candidacy : ElectionStep::None);
}

void Election::emitEvent(EventKind event, const QString &detail, const QString &node, ElectionStep step)
{
    const CandidacyReason candidacy = step == ElectionStep::None ? CandidacyReason::None
        : m_candidacy.fast                                       ? CandidacyReason::Handover
                                                                 : CandidacyReason::NoLiveMaster;
    m_out.append(EventAction { event, detail, m_epoch, node.isEmpty() ? m_config.node : node, step, candidacy });
}

void Election::persist()
{
    const std::uint64_t epoch = std::max({ m_maxEpoch, m_startedMax, m_persistedEpoch });
    const std::uint64_t started = std::max(m_startedMax, m_persistedStarted);
    if (m_seq < m_seqReserved && epoch == m_persistedEpoch && started == m_persistedStarted)
        return;
    if (m_seq >= m_seqReserved)
        m_seqReserved = m_seq + kSeqBlock;
    m_persistedEpoch = epoch;
    m_persistedStarted = started;
    m_out.append(PersistAction { m_seqReserved, epoch, started });
}

QString Election::describePeers() const
{
    QStringList peers;
    for (const QString &node : m_observer.others()) {
        const NodeView *view = m_observer.view(node);
        QString state;
        if (m_observer.isDead(node))
            state = QStringLiteral("dead");
        else if (view->unknown || !view->content)
            state = QStringLiteral("unknown");
        else
            state = roleName(view->content->state);
        peers.append(node + QLatin1Char(' ') + state);
    }
    return peers.isEmpty() ? QString() : QStringLiteral(" (") + peers.join(QStringLiteral(", ")) + QLatin1Char(')');
}

bool Election::ranksAbove(const HeartbeatRecord &other) const
{
    // R3: higher epoch, then higher priority, then smaller node name
    if (other.epoch != m_epoch)
        return other.epoch > m_epoch;
    if (other.priority != m_config.priority)
        return other.priority > m_config.priority;
    return other.node < m_config.node;
}

int Election::rankAmongEligible() const
{
    int rank = 0;
    for (const QString &node : m_observer.others()) {
        const NodeView *view = m_observer.view(node);
        if (!view->content || !view->content->eligible)
            continue;
        const int priority = view->content->priority;
        if (priority > m_config.priority || (priority == m_config.priority && node < m_config.node))
            ++rank;
    }
    return rank;
}

} // namespace hacmp
