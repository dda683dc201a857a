#include "shared/protocol/electionrunner.h"

#include "shared/history/historyevent.h"
#include "shared/protocol/recordcodec.h"

namespace hacmp {

namespace {
/// Lets std::visit take one lambda per alternative.
template <typename... Handlers> struct Overloaded : Handlers...
{
    using Handlers::operator()...;
};
// clang 14 does not deduce an aggregate's template arguments (C++20 P1816) without a guide.
template <typename... Handlers> Overloaded(Handlers...) -> Overloaded<Handlers...>;
} // namespace

ElectionRunner::ElectionRunner(
    ElectionEffects &effects, std::unique_ptr<Election> election, int lastConfirmedSlot, MonoClock clock)
    : m_effects(effects)
    , m_election(std::move(election))
    , m_clock(std::move(clock))
    , m_lastConfirmedSlot(lastConfirmedSlot)
{ }

ElectionActions ElectionRunner::run(const ElectionAction &action)
{
    if (m_exited)
        return {};
    ElectionActions follow;
    std::visit(Overloaded {
                   [&](const WriteRecordAction &a) { write(a); },
                   [&](const ScanAction &a) { m_effects.scan(a.id, a.final); },
                   [&](const StartAppAction &a) { follow = start(a); },
                   [&](const StopAppAction &a) { m_effects.stopApplication(a.reason); },
                   [&](const GuardDeadlineAction &a) { m_effects.setGuardDeadline(a.leaseUntil); },
                   [&](const PersistAction &a) { saveMarks(a); },
                   [&](const EventAction &a) { m_effects.record(a); },
                   [&](const RemoveControlFileAction &a) { m_effects.removeControlFile(a.path); },
                   [&](const StopStraysAction &a) { m_effects.stopOutsideGuard(a.reason); },
                   [&](const ExitAction &a) { exit(a.status, a.leaveApplication); },
               },
        action);
    return follow;
}

void ElectionRunner::feed(ElectionActions actions)
{
    m_pending += std::move(actions);
    if (m_feeding)
        return;
    m_feeding = true;
    while (!m_pending.isEmpty() && !m_exited)
        m_pending += run(m_pending.takeFirst());
    m_pending.clear();
    m_feeding = false;
}

ElectionActions ElectionRunner::tick()
{
    const MonoTime now = m_clock();
    if (m_writeIssuedAt != kNever && now - m_writeIssuedAt > m_election->config().timing.ioTimeout)
        noteStorage(false, QStringLiteral("writing the own record takes longer than io_timeout"));
    return m_election->tick(now);
}

void ElectionRunner::write(const WriteRecordAction &write)
{
    // Never over the newest confirmed slot: a torn write leaves the other one readable (W2).
    m_writeIssuedAt = m_clock();
    m_effects.writeSlot(
        write.id, slotForNextWrite(m_lastConfirmedSlot), write.slot, write.claim ? write.record.epoch : 0);
}

ElectionActions ElectionRunner::writeDone(std::uint64_t id, int slot, const Status &status, MonoTime completedAt)
{
    if (m_exited)
        return {};
    const MonoTime issuedAt = std::exchange(m_writeIssuedAt, kNever);
    if (status)
        m_lastConfirmedSlot = slot; // it landed: the next write goes to the other slot
    const Millis took = issuedAt == kNever ? Millis(0) : completedAt - issuedAt;
    const bool inTime = took <= m_election->config().timing.ioTimeout;
    noteStorage(status && inTime,
        status ? QStringLiteral("writing the own record took %1 ms, longer than io_timeout").arg(took.count())
               : status.error());
    return m_election->writeCompleted(id, status.ok(), completedAt);
}

ElectionActions ElectionRunner::scanDone(ScanResult scan)
{
    if (m_exited)
        return {};
    return m_election->scanCompleted(scan, m_clock());
}

ElectionActions ElectionRunner::start(const StartAppAction &start)
{
    // A process can be stopped between deciding and acting (M1a, W4), and an operator may have started an
    // instance by hand since the last search: both are asked right before the guard starts it.
    const MonoTime now = m_clock();
    const bool allowed = m_election->mayStartApp(now);
    const QList<std::int64_t> outside = m_effects.searchOutsideGuard();
    ElectionActions follow;
    if (!outside.isEmpty())
        follow += m_election->setStrays(outside, now);
    if (allowed && outside.isEmpty())
        m_effects.startApplication(start.epoch, start.reason);
    else
        follow += m_election->startPutOff(now);
    return follow;
}

void ElectionRunner::saveMarks(const PersistAction &persist)
{
    const Status saved = m_effects.saveMarks(LocalMarks { persist.seqReserved, persist.epoch, persist.started });
    if (saved)
        return;
    // Going on could reuse a seq or claim an epoch that is not durable (R1): stop here instead; the guard
    // stops the application at its deadline.
    report(EventKind::Incident, saved.error() + QStringLiteral("; the agent stops"));
    exit(1, true);
}

void ElectionRunner::exit(int status, bool leaveApplication)
{
    m_exited = true;
    m_effects.exit(status, leaveApplication);
}

void ElectionRunner::noteStorage(bool ok, const QString &problem)
{
    if (ok == m_storageOk)
        return;
    m_storageOk = ok;
    if (!ok) {
        m_storageLostAt = m_clock();
        report(EventKind::StorageLost, problem);
        return;
    }
    report(EventKind::StorageRestored,
        QStringLiteral("the own record is written again after %1 ms").arg((m_clock() - m_storageLostAt).count()));
}

void ElectionRunner::report(EventKind event, const QString &detail)
{
    m_effects.record(EventAction { event, detail, m_election->epoch(), m_election->config().node });
}

} // namespace hacmp
