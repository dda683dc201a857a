#pragma once

#include "shared/base/result.h"
#include "shared/protocol/election.h"

#include <QList>

#include <functional>
#include <memory>

namespace hacmp {

/// What differs between the agent, the simulator's hosts and a test's driver when they carry out an
/// Election's actions: the I/O. Whatever else carrying out an action takes is ElectionRunner's, so all
/// of them run the same code. Completions of asynchronous effects go back through ElectionRunner
/// (writeDone, scanDone) or straight to the election (appStarted, appExited, setStrays).
class ElectionEffects
{
public:
    virtual ~ElectionEffects() = default;

    /// Writes bytes (one encoded record slot) into slot of the own record; report with writeDone(id, slot).
    /// claimedEpoch: the epoch that R2's claim write claims (ClusterDirectory::writeClaim), 0 for other writes.
    virtual void writeSlot(std::uint64_t id, int slot, const QByteArray &bytes, std::uint64_t claimedEpoch) = 0;
    /// Reads nodes/, the control files and the own requests (ScanResult); report with scanDone.
    virtual void scan(std::uint64_t id, bool final) = 0;
    /// Saves the local marks durably; whatever depends on them is written only after this returns (R1).
    virtual Status saveMarks(const LocalMarks &marks) = 0;
    /// The instances of the application on this host that the guard does not hold, searched now.
    virtual QList<std::int64_t> searchOutsideGuard() = 0;
    /// Starts the application through the guard with HACMP_EPOCH = epoch; report with appStarted or appExited.
    virtual void startApplication(std::uint64_t epoch, const QString &reason) = 0;
    /// Stops the application the guard holds; report with appExited (also when nothing ran).
    virtual void stopApplication(const QString &reason) = 0;
    virtual void stopOutsideGuard(const QString &reason) = 0;
    virtual void setGuardDeadline(MonoTime leaseUntil) = 0;
    /// Removes a control file (a request carried out or refused); a failure is retried by the next scan.
    virtual void removeControlFile(const QString &path) = 0;
    virtual void record(const EventAction &event) = 0;
    /// The agent ends with status; with leaveApplication the guard keeps the application and its deadline
    /// (W5), otherwise it is told to stop what it holds and quit.
    virtual void exit(int status, bool leaveApplication) = 0;
};

/// Carries out an Election's actions through an ElectionEffects, in one place for every executor: the
/// slot of the next record write, the local marks, the last check before a start, the storage's health
/// as the own writes show it, and the exit when the marks cannot be saved. Dispatch is a std::visit over
/// ElectionAction, so an action no executor handles does not compile.
class ElectionRunner final
{
public:
    /// lastConfirmedSlot: the newest valid slot of the own record as read at start (-1: none).
    ElectionRunner(
        ElectionEffects &effects, std::unique_ptr<Election> election, int lastConfirmedSlot, MonoClock clock);

    Election &election() { return *m_election; }
    const Election &election() const { return *m_election; }
    /// An ExitAction or a failed save of the marks ended the agent: nothing more is carried out.
    bool exited() const { return m_exited; }
    /// The last own write counted (landed within io_timeout) and none is overdue.
    bool storageOk() const { return m_storageOk; }

    /// Carries out one action and returns what follows from it at once (a start put off, instances found
    /// before a start). Executors that order actions themselves (the simulator) call this.
    ElectionActions run(const ElectionAction &action);
    /// Runs actions in order, and what they cause after the actions already asked for, as an event loop
    /// would; a call made while running queues its actions behind.
    void feed(ElectionActions actions);

    /// A tick of the election, after noting a write that has been outstanding for longer than io_timeout.
    ElectionActions tick();
    ElectionActions writeDone(std::uint64_t id, int slot, const Status &status, MonoTime completedAt);
    ElectionActions scanDone(ScanResult scan);

private:
    void write(const WriteRecordAction &write);
    ElectionActions start(const StartAppAction &start);
    void saveMarks(const PersistAction &persist);
    void exit(int status, bool leaveApplication);
    /// storage_lost when the own writes stop counting, storage_restored when they count again: once each.
    void noteStorage(bool ok, const QString &problem);
    void report(EventKind event, const QString &detail);

    ElectionEffects &m_effects;
    std::unique_ptr<Election> m_election;
    MonoClock m_clock;
    int m_lastConfirmedSlot;
    MonoTime m_writeIssuedAt = kNever;
    bool m_storageOk = true;
    MonoTime m_storageLostAt = kNever;
    bool m_exited = false;
    ElectionActions m_pending;
    bool m_feeding = false;
};

} // namespace hacmp
