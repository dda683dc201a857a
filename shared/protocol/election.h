#pragma once

#include "shared/history/historyevent.h"
#include "shared/protocol/electionaction.h"
#include "shared/protocol/heartbeatrecord.h"
#include "shared/protocol/lease.h"
#include "shared/protocol/observer.h"
#include "shared/protocol/restartbudget.h"
#include "shared/protocol/timing.h"
#include "shared/storage/clusterdirectory.h"
#include "shared/storage/controlfiles.h"

#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>
#include <random>

namespace hacmp {

/// Who this node is and the settings the election needs.
struct ElectionConfig
{
    QString node;
    QString hostId;
    int priority = 100;
    Timing timing;
    int restartLimit = 3;
    Millis restartWindow { 600000 };
    QString version;
    /// The wall clock (UTC, ISO 8601) offset from now, for the records' wall_time and for deadlines told to
    /// people (never a decision); unset, wall_time stays empty (deterministic tests and the simulator).
    std::function<QString(Millis offset)> wallClock;
};

/// The high-water marks the agent keeps in its local state directory (docs/protocol.md: seq rises
/// across incarnations; R1: the epoch is persisted before it is written).
struct LocalMarks
{
    std::uint64_t seqReserved = 0; ///< every seq below this may have been used already
    std::uint64_t epoch = 0; ///< the highest epoch or started ever read or claimed
    std::uint64_t started = 0; ///< the highest epoch ever read in a master or stopping record
};

/// One record read of a scan.
struct RecordReadResult
{
    QString node;
    FileRead read;
    MonoTime issuedAt;
};

/// The reads of one scan (ScanAction), each with its own outcome.
struct ScanResult
{
    std::uint64_t id = 0;
    bool listed = false; ///< nodes/ could be listed
    QList<RecordReadResult> records;
    FileRead maintenance;
    FileRead switchover;
    FileRead ownStandby;
    FileRead ownClear; ///< clear/<node>: hacmpctl clear asks to reset the restart budget
    FileRead ownAppRequest; ///< app/<node>: hacmpctl run or stop-app (M-c)
    MonoTime issuedAt;
};

/// Why the application the guard held has exited.
enum class AppExitCause {
    Exited, ///< it ended by itself (or its health check failed)
    Stopped, ///< the agent asked the guard to stop it
    GuardDeadline, ///< the guard killed it at the lease deadline, or refused to start it (W3)
};

struct AppExit
{
    AppExitCause cause = AppExitCause::Exited;
    int status = 0;
    QString detail;
};

/// The election state machine of docs/protocol.md, pure: it takes observations, the monotonic time and
/// local facts, and returns actions (write the record, start/stop the application, tell the guard,
/// log). It holds no timer, no file and no process, so every race can be replayed in a test.
/// The rules are in docs/protocol.md; every change of role, with its rule, is in docs/roles.md.
class Election final
{
public:
    /// cache: decoded record slots; hosts simulated in one process may share one.
    Election(ElectionConfig config, LocalMarks marks, std::uint64_t incarnation, std::uint64_t seed, MonoTime now,
        std::shared_ptr<SlotCache> cache = std::make_shared<SlotCache>());

    ElectionActions start(MonoTime now);
    ElectionActions tick(MonoTime now);
    ElectionActions scanCompleted(const ScanResult &scan, MonoTime now);
    ElectionActions writeCompleted(std::uint64_t id, bool ok, MonoTime now);
    ElectionActions appStarted(std::int64_t pid, MonoTime now);
    ElectionActions appExited(const AppExit &exit, MonoTime now);
    /// How the agent stops.
    enum class StopMode {
        /// SIGTERM: hand over to the best standby (H2), write offline, then exit. In maintenance (M1) the
        /// application is left to the guard instead, as with KeepApplication.
        Clean,
        /// A restart in place (SIGUSR2): leave the application running under the guard, which keeps its
        /// deadline (W5); a restarted agent re-attaches before it, or the guard stops the application.
        KeepApplication,
    };
    ElectionActions stopRequested(MonoTime now, StopMode mode = StopMode::Clean);
    /// The instances of the application on this host that the guard does not hold (started by hand), by
    /// pid: reported in the record, never started over (a start waits until they are gone), and stopped
    /// outside maintenance (M-b).
    ElectionActions setStrays(const QList<std::int64_t> &pids, MonoTime now);
    /// W4 and M-a at the moment of acting: an executor asks this right before it hands a StartAppAction
    /// to the guard, since a process can be stopped between deciding and acting. A start by hand (M-c) is
    /// made only in maintenance, every other start only outside it.
    bool mayStartApp(MonoTime now) const;
    /// The executor did not start the application (mayStartApp said no): it starts when it may.
    ElectionActions startPutOff(MonoTime now);
    /// W5: right after start(), the guard reports an application that an earlier agent of this node
    /// started in term epoch and that it kills at guardDeadline. Before the deadline the machine
    /// continues that term as master with the lease running until the deadline: its first write
    /// renews the lease if it counts in time; otherwise the lease lapses and the term ends fenced.
    /// After the deadline it stays starting, its record showing the application until the guard
    /// reports its exit.
    ElectionActions adoptRunningTerm(std::uint64_t epoch, MonoTime guardDeadline, std::int64_t pid, MonoTime now);
    /// When the machine wants to decide again before the next tick (a candidate's settle ends), or kNever:
    /// an executor that ticks then saves up to an interval of a failover. Extra ticks are always safe.
    MonoTime wakeAt() const;
    /// A reloaded configuration's priority and restart budget (the node and timing stay).
    void setSettings(int priority, int restartLimit, Millis restartWindow);

    Role role() const { return m_role; }
    std::uint64_t epoch() const { return m_epoch; }
    const Lease &lease() const { return m_lease; }
    bool eligible() const;
    bool inMaintenance(MonoTime now) const;
    const Observer &observer() const { return m_observer; }
    const ElectionConfig &config() const { return m_config; }
    std::uint64_t incarnation() const { return m_incarnation; }
    bool duplicateDetected() const { return m_duplicate; }

private:
    enum class WriteKind { Heartbeat, Claim, Exit };
    struct PendingWrite
    {
        std::uint64_t id = 0;
        MonoTime issuedAt;
        WriteKind kind = WriteKind::Heartbeat;
        Role state = Role::Starting;
        bool chainStart = false;
        bool timedOut = false;
    };
    struct Reservation
    {
        QString target;
        std::uint64_t epoch = 0;
        MonoTime until = kNever;
    };
    /// A handover (docs/protocol.md H1, H2): chosen while the master stops, announced in its record once the
    /// application is stopped, and the reservation that keeps others from claiming for the target meanwhile.
    struct HandoverState
    {
        std::optional<Handover> pending; ///< chosen; announced when the application has stopped
        std::optional<Handover> announced; ///< in this node's record
        MonoTime announcedSince = kNever;
        std::optional<Reservation> reservation; ///< H2: only the target claims until it ends

        /// pending becomes announced at now, reserving the term for its target for failoverTimeout.
        void announce(MonoTime now, Millis failoverTimeout);
    };

    /// What every entry point does around its body: note the time of the call, and hand back the actions
    /// the body collected.
    template <typename Body> ElectionActions step(MonoTime now, Body &&body)
    {
        m_now = now;
        m_out.clear();
        std::forward<Body>(body)();
        return std::exchange(m_out, {});
    }

    // record writing (W1, W2)
    HeartbeatRecord currentRecord();
    void requestWrite(WriteKind kind, bool chainStart = false);
    void issueWrite(WriteKind kind, bool chainStart);
    void writeFailed(const PendingWrite &write);
    void writeCounted(const PendingWrite &write, MonoTime now);
    void flushQueuedWrite();

    // observation
    void observeOwnRecord(const FileRead &read, MonoTime issuedAt);
    /// Before its first write: is another host writing this node's record (a copied configuration)?
    void checkOwnRecordBeforeJoining(const FileRead &read, MonoTime issuedAt);
    void learnEpochs(const HeartbeatRecord &record);
    void noteReservation(const HeartbeatRecord &record, MonoTime now);
    void applyControls(const ScanResult &scan);
    /// Records node_dead once for each other node seen alive (its record changed since this agent first read
    /// it) that O2 now counts dead, unless it left cleanly (offline); again after it was alive once more.
    void reportDeadNodes();
    /// M-c: carries out or refuses the own app/<node> request, once per request.
    void applyAppRequest(const FileRead &read);
    /// Why a start by hand (M-c) is refused now, or nothing.
    std::optional<QString> runRefusal(MonoTime now) const;
    /// The first other node that may run an instance of the application: its last fresh record does not show
    /// the application stopped (and, with leftMaintenance, maint=false), and it is not dead for F + settle.
    std::optional<QString> nodeThatMayRunApp(MonoTime now, bool leftMaintenance) const;
    /// The live master another node's record names, if any.
    std::optional<QString> otherLiveMaster() const;
    /// detail: who set maintenance and why, or what is wrong with the file (for maintenance_on).
    void setMaintenance(bool on, const QString &detail);

    // roles
    void fenceCheck(MonoTime now);
    void heartbeat(MonoTime now);
    void decide(MonoTime now);
    void decideStarting(MonoTime now);
    /// Whether a starting node must not become standby (yet) because a live node has other timings.
    bool holdBackForTimings();
    void maybeBecomeCandidate(MonoTime now);
    void becomeCandidate(bool fast);
    void candidateTick(MonoTime now);
    std::optional<QString> yieldReason(const QString &node, const HeartbeatRecord &record) const;
    /// Back to standby from a candidacy, which is forgotten.
    void leaveCandidacy(const QString &why);
    void backOff(const QString &why, MonoTime now);
    void finalCheck(const ScanResult &scan, MonoTime now);
    void claim();
    void claimCounted(const PendingWrite &write, MonoTime now);
    void masterTick(MonoTime now);
    void handleSwitchover(MonoTime now);
    bool leaveBarrierPassed(MonoTime now) const;
    void standDown(const QString &why, bool fenced, Role next, MonoTime now);
    void finishStopping(MonoTime now);
    std::optional<QString> bestStandby() const;
    void startApp(const QString &reason, MonoTime now);
    void stopStraysBeforeStart(MonoTime now);
    /// StopStraysAction, recorded in the history.
    void stopStrays(const QString &why);
    /// The application left to the guard (W5) as the agent exits.
    void leaveApplication(const QString &why, MonoTime now);
    void setRole(Role role, const QString &reason);
    void emitEvent(EventKind event, const QString &detail, const QString &node = QString(),
        ElectionStep step = ElectionStep::None);
    void persist();
    bool ranksAbove(const HeartbeatRecord &other) const;
    /// What this node sees of the others, for the reason of a role change.
    QString describePeers() const;
    int rankAmongEligible() const;

    ElectionConfig m_config;
    std::uint64_t m_incarnation;
    std::mt19937_64 m_random;
    std::shared_ptr<SlotCache> m_cache;
    Observer m_observer;
    /// Per other node: the bytes first read, and whether it has since been seen alive or reported dead.
    struct DeathWatch
    {
        QByteArray firstRaw;
        bool seenAlive = false;
        bool reported = false;
    };
    QMap<QString, DeathWatch> m_deathWatch;
    Lease m_lease;
    RestartBudget m_budget;
    ElectionActions m_out;

    Role m_role = Role::Starting;
    MonoTime m_startedAt;
    int m_scans = 0;
    std::uint64_t m_seq = 0;
    std::uint64_t m_firstSeq = 0; ///< seq of this agent's first write
    std::uint64_t m_seqReserved = 0;
    std::uint64_t m_epoch = 0; ///< claimed or held epoch
    std::uint64_t m_maxEpoch = 0; ///< highest epoch or started read or claimed (R1)
    std::uint64_t m_startedMax = 0; ///< highest epoch read in a master or stopping record
    std::uint64_t m_persistedEpoch = 0;
    std::uint64_t m_persistedStarted = 0;
    std::uint64_t m_nextWriteId = 1;
    std::uint64_t m_nextScanId = 1;

    std::optional<PendingWrite> m_outstanding;
    std::optional<std::pair<WriteKind, bool>> m_queuedWrite;
    std::optional<std::uint64_t> m_claimWrite;
    bool m_claimPending = false;
    MonoTime m_lastCountedWrite = kNever;
    std::optional<std::uint64_t> m_scanPending;
    MonoTime m_scanIssuedAt = kNever;
    MonoTime m_now;

    /// One candidacy (R2), begun in becomeCandidate and ended in leaveCandidacy; a claim keeps it for the term.
    struct Candidacy
    {
        MonoTime ackAt = kNever; ///< when its first write counted: settle runs from here
        bool fast = false; ///< a handover target (H2): no settle
        std::optional<std::uint64_t> finalScan; ///< R2's last scan, while it runs
        MonoTime waitingSince = kNever; ///< since when undecided nodes hold it back
    };
    Candidacy m_candidacy;
    MonoTime m_backoffUntil = kNever;

    bool m_maintenance = false;
    MonoTime m_maintenanceReadAt = kNever;
    bool m_liftPending = false;
    bool m_appWanted = false;
    bool m_standbyFlag = false;
    bool m_clearSeen = false; ///< the clear request read last has been carried out (its removal may be pending)
    std::optional<QByteArray> m_appRequestDone; ///< the app/<node> request handled last, while it is still read
    bool m_handStart = false; ///< the start under way is a start by hand (M-c)
    bool m_duplicate = false;
    /// Until this node may write: its own record as it changes, with the first change seen. A record of this
    /// host, an absent one, or one unchanged for failover_timeout lets it join (reset).
    std::optional<Observer> m_ownRecordBeforeJoining;
    MonoTime m_ownRecordFirstChange = kNever;
    QMap<QString, MonoTime> m_firstChange; ///< while starting: t_change of each node's first read
    int m_exitStatus = 0; ///< the agent's exit status after its last write
    QSet<QPair<std::uint64_t, std::uint64_t>> m_foreignWrites;
    bool m_strays = false;
    QList<std::int64_t> m_strayPids;
    MonoTime m_strayStopAt = kNever; ///< when strays were last asked to stop before a start

    HandoverState m_handover;
    Role m_afterStop = Role::Standby;
    bool m_stopRequested = false;

    std::optional<SwitchoverRead> m_switchover;
    AppStatus m_app;
};

} // namespace hacmp
