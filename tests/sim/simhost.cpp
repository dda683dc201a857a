#include "tests/sim/simhost.h"

#include "shared/protocol/recordcodec.h"

#include <cmath>

namespace hacmp::sim {

namespace {
QString recordFile(const QString &node)
{
    return QStringLiteral("nodes/") + node + QStringLiteral(".hb");
}
} // namespace

SimHost::SimHost(Simulation &sim, int index, QString node, QString hostId, double rate, int priority)
    : m_sim(sim)
    , m_index(index)
    , m_node(std::move(node))
    , m_hostId(std::move(hostId))
    , m_rate(rate)
    , m_priority(priority)
{ }

void SimHost::configure(double rate, int priority)
{
    m_rate = rate;
    m_priority = priority;
}

MonoTime SimHost::localAt(RealTime when) const
{
    return MonoTime(std::int64_t(std::floor(double(when) * m_rate / 1000.0)));
}

MonoTime SimHost::local() const
{
    return localAt(m_sim.now());
}

RealTime SimHost::realOf(MonoTime local) const
{
    return RealTime(std::ceil(double(local.count()) * 1000.0 / m_rate));
}

// ---------------------------------------------------------------- lifecycle

void SimHost::startAgent()
{
    if (m_crashed || m_runner)
        return;
    ++m_generation;
    m_work.clear();
    m_frozenUntil = 0;
    ElectionConfig config;
    config.node = m_node;
    config.hostId = m_hostId;
    config.priority = m_priority;
    config.timing = m_sim.timing();
    config.version = QStringLiteral("sim");
    const std::uint64_t incarnation = m_sim.random()();
    // As the agent: the newest valid slot of the own record, read at start, is not written over first.
    const int lastSlot = newestValidSlot(m_sim.storage().read(recordFile(m_node)).value_or(QByteArray()), m_node);
    m_knownRevision = m_sim.storage().modRevision(recordFile(m_node));
    m_runner = std::make_unique<ElectionRunner>(static_cast<ElectionEffects &>(*this),
        std::make_unique<Election>(config, m_marks, incarnation, m_sim.random()(), local(), m_sim.slotCache()),
        lastSlot, [this] { return local(); });
    m_sim.log(QStringLiteral("%1 agent starts").arg(m_node));
    deliver(agent().start(local()));
    if (m_instance >= 0) // W5: the guard outlived the agent and still holds the application
        deliver(agent().adoptRunningTerm(m_instanceEpoch, m_deadline, 1000 + m_instance, local()));
    if (m_manual >= 0) // its detector finds the instance started by hand
        deliver(agent().setStrays(manualPids(), local()));
    const RealTime phase = RealTime(m_sim.uniform(0, double(m_sim.timing().interval.count()) * 1000.0 / m_rate));
    const std::uint64_t generation = m_generation;
    m_sim.at(m_sim.now() + phase + 1000, [this, generation] {
        if (generation == m_generation)
            tick();
    });
}

void SimHost::killAgent()
{
    if (!m_runner)
        return;
    m_sim.log(QStringLiteral("%1 agent killed").arg(m_node));
    m_runner.reset();
    m_work.clear();
    ++m_generation;
}

void SimHost::crash()
{
    if (m_crashed)
        return;
    m_sim.log(QStringLiteral("%1 host crashes").arg(m_node));
    killAgent();
    m_crashed = true;
    if (m_instance >= 0)
        m_sim.endInstance(m_instance);
    if (m_manual >= 0)
        m_sim.endInstance(m_manual);
    m_instance = m_manual = -1;
    m_killing = m_manualStopping = false;
    m_deadline = m_adoptDeadline = kNever;
}

void SimHost::restart()
{
    m_crashed = false;
    startAgent();
}

void SimHost::cleanStop()
{
    if (!m_runner)
        return;
    m_sim.log(QStringLiteral("%1 clean stop").arg(m_node));
    post([this] { deliver(agent().stopRequested(local())); });
}

void SimHost::restartInPlace()
{
    if (!m_runner)
        return;
    m_sim.log(QStringLiteral("%1 restart in place requested").arg(m_node));
    post([this] { deliver(agent().stopRequested(local(), Election::StopMode::KeepApplication)); });
}

void SimHost::freeze(RealTime duration)
{
    if (!m_runner)
        return;
    m_sim.log(QStringLiteral("%1 agent frozen for %2 ms").arg(m_node).arg(duration / 1000));
    m_frozenUntil = std::max(m_frozenUntil, m_sim.now() + duration);
}

void SimHost::armFreeze(StepPoint point, RealTime notBefore, RealTime duration)
{
    m_armed[point] = Freeze { notBefore, duration };
}

void SimHost::armRandomFreezes(double probability)
{
    m_randomFreeze = probability;
}

// ---------------------------------------------------------------- the agent's executor

void SimHost::post(std::function<void()> work)
{
    m_work.push_back(std::move(work));
    pump();
}

void SimHost::pump()
{
    if (m_pumping)
        return;
    m_pumping = true;
    while (m_runner && !m_work.empty()) {
        if (m_sim.now() < m_frozenUntil) {
            const std::uint64_t generation = m_generation;
            m_sim.at(m_frozenUntil, [this, generation] {
                if (generation == m_generation)
                    pump();
            });
            break;
        }
        auto work = std::move(m_work.front());
        m_work.pop_front();
        work();
    }
    m_pumping = false;
}

void SimHost::deliver(ElectionActions actions)
{
    scheduleWake();
    // The actions run next, in order, before anything that arrives meanwhile.
    for (auto it = actions.rbegin(); it != actions.rend(); ++it) {
        ElectionAction action = *it;
        m_work.push_front([this, action] {
            StepPoint point = StepPoint::BeforeWrite;
            bool preemptible = true;
            if (const auto *write = std::get_if<WriteRecordAction>(&action)) {
                if (write->record.state == Role::Master)
                    point = StepPoint::BeforeClaimWrite;
                else if (write->record.state == Role::Candidate)
                    point = StepPoint::BeforeCandidateWrite;
            } else if (std::holds_alternative<GuardDeadlineAction>(action)) {
                point = StepPoint::BeforeGuardDeadline;
            } else if (std::holds_alternative<StartAppAction>(action)) {
                point = StepPoint::BeforeStart;
            } else {
                preemptible = false;
            }
            if (preemptible && maybeFreezeAt(point)) {
                m_work.push_front([this, action] { execute(action); });
                return;
            }
            execute(action);
        });
    }
}

bool SimHost::maybeFreezeAt(StepPoint point)
{
    if (m_sim.now() >= m_sim.faultHorizon())
        return false;
    const auto armed = m_armed.find(point);
    if (armed != m_armed.end() && m_sim.now() >= armed->second.notBefore) {
        const RealTime duration = armed->second.duration;
        m_armed.erase(armed);
        freeze(duration);
        return true;
    }
    if (m_randomFreeze > 0 && m_sim.chance(m_randomFreeze)) {
        freeze(m_sim.drawFreeze());
        return true;
    }
    return false;
}

void SimHost::execute(const ElectionAction &action)
{
    const ElectionActions follow = m_runner->run(action);
    if (m_runner->exited()) { // the agent has ended: what it left behind is the guard's
        m_runner.reset();
        m_work.clear();
        ++m_generation;
        return;
    }
    if (!follow.isEmpty()) // after what was already asked, as on the agent's event loop
        post([this, follow] { deliver(follow); });
}

// ---------------------------------------------------------------- the effects (ElectionEffects)

Status SimHost::saveMarks(const LocalMarks &marks)
{
    m_marks = marks;
    return {};
}

QList<std::int64_t> SimHost::searchOutsideGuard()
{
    return m_manual >= 0 ? manualPids() : QList<std::int64_t> {};
}

void SimHost::stopApplication(const QString &)
{
    if (m_instance >= 0 && !m_killing)
        guardKill(AppExitCause::Stopped);
    else if (m_instance < 0)
        post([this] { deliver(agent().appExited(AppExit { AppExitCause::Stopped, 0, {} }, local())); });
}

void SimHost::stopOutsideGuard(const QString &)
{
    stopStrays();
}

void SimHost::removeControlFile(const QString &path)
{
    if (m_path == PathState::Ok)
        m_sim.storage().remove(path);
}

void SimHost::record(const EventAction &event)
{
    m_sim.log(QStringLiteral("%1 %2: %3").arg(m_node, eventName(event.event), event.detail));
}

void SimHost::exit(int, bool leaveApplication)
{
    m_sim.log(
        QStringLiteral("%1 agent exits%2")
            .arg(m_node, leaveApplication ? QStringLiteral(", leaving the application to the guard") : QString()));
    if (!leaveApplication)
        guardKill(AppExitCause::Stopped); // QUIT: the guard stops what it holds
}

void SimHost::writeSlot(std::uint64_t id, int slot, const QByteArray &bytes, std::uint64_t claimedEpoch)
{
    const Timing &timing = m_sim.timing();
    const QString file = recordFile(m_node);
    const RealTime now = m_sim.now();
    const double io = double(timing.ioTimeout.count()) * 1000.0 / m_rate;
    const std::uint64_t generation = m_generation;

    // The etcd store's transaction compares the record's revision with the one this agent last wrote (or saw
    // at its start) as EtcdClusterDirectory does: a write refused for another writer's change is failed, and
    // so is every later one of this agent (it never takes another writer's revision as its own). A claim
    // write also claims its epoch in the term key, in the same transaction: refused, writing nothing, when the
    // key holds that epoch or a higher one.
    const auto refused = std::make_shared<bool>(false);
    const std::uint64_t expected = m_knownRevision;
    auto land = [this, file, slot, bytes, refused, expected, generation, claimedEpoch](RealTime when) {
        m_sim.at(when, [this, file, slot, bytes, refused, expected, generation, claimedEpoch] {
            SimStorage &storage = m_sim.storage();
            if (m_sim.etcdStore() && storage.modRevision(file) != expected) {
                *refused = true;
                m_sim.log(QStringLiteral("%1 write refused: the record changed since this agent saw it").arg(m_node));
            } else if (m_sim.etcdStore() && claimedEpoch != 0 && !storage.claimTerm(claimedEpoch)) {
                *refused = true;
                m_sim.log(QStringLiteral("%1 claim of epoch %2 refused: the term key holds epoch %3")
                              .arg(m_node)
                              .arg(claimedEpoch)
                              .arg(storage.claimedTerm()));
            } else {
                storage.writeAt(file, slotOffset(slot), bytes);
            }
            if (generation == m_generation && !*refused)
                m_knownRevision = storage.modRevision(file);
        });
    };
    const MonoTime issuedAt = local();
    auto ack = [this, generation, id, slot, issuedAt, refused](RealTime when, bool answered) {
        m_sim.at(when, [this, generation, id, slot, answered, issuedAt, refused] {
            if (generation != m_generation)
                return;
            const bool ok = answered && !*refused;
            if (ok && local() <= issuedAt + m_sim.timing().ioTimeout)
                m_adoptDeadline = std::max(m_adoptDeadline, issuedAt + m_sim.timing().renewLimit);
            post([this, id, slot, ok] {
                const Status status = ok ? Status() : Status(Error(QStringLiteral("storage path down")));
                deliver(m_runner->writeDone(id, slot, status, local()));
            });
        });
    };

    if (m_path == PathState::Down) {
        const RealTime back = std::max(m_healAt, now);
        if (m_sim.chance(0.5)) { // the write hangs and lands after the path is back
            const RealTime landing = back + RealTime(m_sim.uniform(0, double(timing.failoverTimeout.count()) * 1000));
            land(landing);
            ack(landing + 1000, true);
        } else {
            ack(back + RealTime(m_sim.uniform(0, double(timing.failoverTimeout.count()) * 1000)), false);
        }
        return;
    }
    RealTime landing = 0;
    RealTime acked = 0;
    if (m_ackSlow) {
        landing = now + 10000;
        acked = now + RealTime(1.2 * io);
    } else if (m_slow) {
        const double total = m_sim.uniform(0, 1.3 * io);
        const double r = m_sim.uniform(0, 1);
        if (r < 0.15) {
            landing = now + RealTime(m_sim.uniform(io, 4 * io));
            acked = landing + 1000;
        } else if (r < 0.45) {
            landing = now + RealTime(m_sim.uniform(0, 0.1) * total);
            acked = now + RealTime(total);
        } else {
            landing = now + RealTime(m_sim.uniform(0, 1) * total);
            acked = now + RealTime(total);
        }
    } else {
        landing = now + RealTime(m_sim.uniform(0, 0.1 * io));
        acked = landing + RealTime(m_sim.uniform(0, 0.05 * io));
    }
    if (m_torn && !m_sim.etcdStore() && landing > now) { // readers see a partly written slot until it lands
        m_sim.at(now, [this, file, slot, bytes] {
            const QByteArray before = m_sim.storage().read(file).value_or(QByteArray());
            m_sim.storage().put(file, m_sim.tornCopy(before, slotOffset(slot), bytes));
        });
    }
    land(landing);
    ack(acked, true);
}

QList<std::int64_t> SimHost::manualPids() const
{
    return { std::int64_t(5000 + m_manual) };
}

bool SimHost::readFails(const QString &node, RealTime when) const
{
    for (const ReadFault &fault : m_failedReads) {
        if ((fault.node.isEmpty() || fault.node == node) && fault.from <= when && when < fault.until)
            return true;
    }
    return false;
}

bool SimHost::readGarbled(const QString &node, RealTime when) const
{
    for (const ReadFault &fault : m_garbledReads) {
        if (fault.node == node && fault.from <= when && when < fault.until)
            return true;
    }
    return false;
}

void SimHost::scan(std::uint64_t id, bool)
{
    const Timing &timing = m_sim.timing();
    const RealTime now = m_sim.now();
    const RealTime io = RealTime(double(timing.ioTimeout.count()) * 1000.0 / m_rate);
    auto result = std::make_shared<ScanResult>();
    result->id = id;
    result->issuedAt = local();
    const std::uint64_t generation = m_generation;
    RealTime finished = now;

    // Each read takes its own time and samples the file at one instant inside it.
    auto read = [&](const QString &file, const QString &node, FileRead *target) {
        RealTime duration = 0;
        bool fails = m_path == PathState::Down || readFails(node, now);
        if (m_slow)
            duration = RealTime(m_sim.uniform(0, 1.3 * double(io)));
        else if (m_slowReads)
            duration = RealTime(m_sim.uniform(0.8, 0.95) * double(io));
        else
            duration = RealTime(m_sim.uniform(0, 0.1 * double(io)));
        if (fails || duration > io) {
            target->outcome = fails && m_path != PathState::Down ? IoOutcome::Failed : IoOutcome::TimedOut;
            finished = std::max(finished, now + io);
            return;
        }
        finished = std::max(finished, now + duration);
        const RealTime instant = now + RealTime(m_sim.uniform(0, double(duration)));
        const bool garble = readGarbled(node, instant);
        m_sim.at(instant, [this, file, target, garble, result] {
            Q_UNUSED(result); // keeps target alive
            const std::optional<QByteArray> bytes = m_sim.storage().read(file);
            if (!bytes) {
                target->outcome = IoOutcome::Absent;
                return;
            }
            target->outcome = IoOutcome::Ok;
            target->bytes = *bytes;
            if (garble) { // a format this version cannot read, still changing with every write
                for (qsizetype offset = 0; offset < target->bytes.size(); offset += kSlotSize)
                    target->bytes[offset] = '#';
            }
        });
    };

    if (m_path == PathState::Down) {
        result->listed = false;
        finished = now + io;
    } else {
        result->listed = true;
        const QStringList nodes = m_sim.storage().nodes();
        result->records.reserve(nodes.size());
        for (const QString &node : nodes)
            result->records.append(RecordReadResult { node, FileRead {}, local() });
        for (qsizetype i = 0; i < result->records.size(); ++i) {
            RecordReadResult &record = result->records[i];
            read(recordFile(record.node), record.node, &record.read);
        }
    }
    read(QStringLiteral("maintenance"), QString(), &result->maintenance);
    read(QStringLiteral("switchover"), QString(), &result->switchover);
    read(QStringLiteral("standby/") + m_node, QString(), &result->ownStandby);
    read(appRequestPath(m_node), QString(), &result->ownAppRequest);
    m_sim.at(finished + 1, [this, generation, result] {
        if (generation != m_generation)
            return;
        post([this, result] { deliver(m_runner->scanDone(*result)); });
    });
}

void SimHost::tick()
{
    post([this] { deliver(m_runner->tick()); });
    scheduleTick();
}

void SimHost::scheduleTick()
{
    const std::uint64_t generation = m_generation;
    m_sim.at(std::max(m_sim.now() + 1, realOf(local() + m_sim.timing().interval)), [this, generation] {
        if (generation == m_generation)
            tick();
    });
}

void SimHost::scheduleWake()
{
    // As the agent's wake timer: one extra tick when the election asks for it (the end of settle).
    const MonoTime wake = agent().wakeAt();
    if (wake == kNever || wake == m_wakeScheduled)
        return;
    m_wakeScheduled = wake;
    const std::uint64_t generation = m_generation;
    m_sim.at(std::max(m_sim.now() + 1, realOf(wake)), [this, generation, wake] {
        if (generation != m_generation || m_wakeScheduled != wake)
            return;
        post([this] { deliver(m_runner->tick()); });
    });
}

// ---------------------------------------------------------------- guard

void SimHost::setGuardDeadline(MonoTime deadline)
{
    m_deadline = deadline;
    if (m_instance >= 0 && !m_killing)
        m_sim.at(std::max(m_sim.now(), realOf(deadline)) + 1, [this] { guardCheck(); });
}

void SimHost::startApplication(std::uint64_t epoch, const QString &why)
{
    if (m_crashed)
        return;
    if (local() >= m_deadline || m_instance >= 0) {
        m_sim.log(QStringLiteral("%1 guard refuses to start").arg(m_node));
        post([this] {
            deliver(agent().appExited(AppExit { AppExitCause::GuardDeadline, -1, QStringLiteral("refused") }, local()));
        });
        return;
    }
    m_instance = m_sim.startInstance(m_index, epoch, false, why);
    m_instanceEpoch = epoch;
    m_killing = false;
    const int pid = 1000 + m_instance;
    post([this, pid] { deliver(agent().appStarted(pid, local())); });
    m_sim.at(std::max(m_sim.now(), realOf(m_deadline)) + 1, [this] { guardCheck(); });
}

void SimHost::guardCheck()
{
    if (m_instance >= 0 && !m_killing && local() >= m_deadline)
        guardKill(AppExitCause::GuardDeadline);
}

void SimHost::guardKill(AppExitCause cause)
{
    if (m_instance < 0 || m_killing)
        return;
    m_killing = true;
    m_killCause = cause;
    const int instance = m_instance;
    m_sim.at(m_sim.now() + RealTime(double(m_sim.appExitDelay()) / m_rate), [this, instance] {
        if (m_instance != instance)
            return;
        m_sim.endInstance(instance);
        m_instance = -1;
        m_killing = false;
        const AppExitCause exitCause = m_killCause;
        post([this, exitCause] { deliver(agent().appExited(AppExit { exitCause, 0, {} }, local())); });
    });
}

// ---------------------------------------------------------------- operator

void SimHost::startManualInstance(const QString &why)
{
    if (m_crashed || m_manual >= 0)
        return;
    m_manual = m_sim.startInstance(m_index, 0, true, why);
    m_manualStopping = false;
    post([this, pids = manualPids()] { deliver(agent().setStrays(pids, local())); });
    adoptedCheck();
}

void SimHost::adoptedCheck()
{
    // Started by hand through the guard (as the model's operator does), the instance is killed when
    // the host's agent stops renewing its own record: a dead agent cannot stop its strays.
    if (m_manual < 0 || m_manualStopping)
        return;
    if (local() >= m_adoptDeadline) {
        m_sim.log(QStringLiteral("%1 guard stops the instance started by hand (no renewal)").arg(m_node));
        stopStrays();
        return;
    }
    m_sim.at(m_sim.now() + 50000, [this] { adoptedCheck(); });
}

void SimHost::stopGuardedInstanceByHand()
{
    if (m_instance < 0)
        return;
    m_sim.endInstance(m_instance);
    m_instance = -1;
    m_killing = false;
    post([this] {
        deliver(agent().appExited(AppExit { AppExitCause::Exited, 0, QStringLiteral("stopped by hand") }, local()));
    });
}

void SimHost::stopStrays()
{
    if (m_manual < 0 || m_manualStopping)
        return;
    m_manualStopping = true;
    const int manual = m_manual;
    m_sim.at(m_sim.now() + RealTime(double(m_sim.appExitDelay()) / m_rate), [this, manual] {
        if (m_manual != manual)
            return;
        m_sim.endInstance(manual);
        m_manual = -1;
        m_manualStopping = false;
        post([this] { deliver(agent().setStrays({}, local())); });
    });
}

// ---------------------------------------------------------------- storage path faults

void SimHost::setPath(PathState state, RealTime healAt)
{
    m_path = state;
    m_healAt = healAt;
}

void SimHost::failReads(const QString &node, RealTime from, RealTime until)
{
    m_failedReads.push_back(ReadFault { node, from, until });
}

void SimHost::garbleReads(const QString &node, RealTime from, RealTime until)
{
    m_garbledReads.push_back(ReadFault { node, from, until });
}

} // namespace hacmp::sim
