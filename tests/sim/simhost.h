#pragma once

#include "shared/protocol/electionrunner.h"
#include "tests/sim/simulation.h"

#include <deque>
#include <map>
#include <memory>

namespace hacmp::sim {

/// Where a SIGSTOP may hit the agent between deciding and acting (the model's preemption points).
enum class StepPoint { BeforeWrite, BeforeGuardDeadline, BeforeClaimWrite, BeforeStart, BeforeCandidateWrite };

/// One simulated host: its monotonic clock (rate within 1 %), its guard holding the application,
/// the local state directory, its storage path, and the agent running the real Election machine through
/// the agent's ElectionRunner: only the effects (ElectionEffects) are simulated.
class SimHost final : private ElectionEffects
{
public:
    SimHost(Simulation &sim, int index, QString node, QString hostId, double rate, int priority);

    const QString &node() const { return m_node; }
    /// Sets the clock rate and priority before the agent first starts.
    void configure(double rate, int priority);
    int index() const { return m_index; }
    MonoTime local() const;
    MonoTime localAt(RealTime when) const;
    RealTime realOf(MonoTime local) const;

    // ---- lifecycle
    void startAgent();
    void killAgent(); ///< SIGKILL of the agent: the guard keeps its deadline (W3)
    void crash(); ///< the whole host stops: agent, guard and application
    void restart(); ///< a crashed host boots, or a killed agent is restarted
    void cleanStop(); ///< SIGTERM to the agent
    void restartInPlace(); ///< SIGUSR2 to the agent: it leaves the application to the guard and exits
    void freeze(RealTime duration); ///< SIGSTOP of the agent for a while
    void armFreeze(StepPoint point, RealTime notBefore, RealTime duration);
    void armRandomFreezes(double probability);
    bool agentRunning() const { return m_runner != nullptr; }
    bool crashed() const { return m_crashed; }
    const Election *election() const { return m_runner ? &m_runner->election() : nullptr; }
    bool guardHolds() const { return m_instance >= 0; }

    // ---- storage path faults
    void setPath(PathState state, RealTime healAt);
    PathState path() const { return m_path; }
    void setSlow(bool slow) { m_slow = slow; }
    void setAckSlow(bool slow) { m_ackSlow = slow; }
    void setTorn(bool torn) { m_torn = torn; }
    /// Reads by this host of node's record fail (node empty: every read of this host fails).
    void failReads(const QString &node, RealTime from, RealTime until);
    /// Reads by this host of node's record return bytes it cannot understand.
    void garbleReads(const QString &node, RealTime from, RealTime until);
    void setSlowReads(bool slow) { m_slowReads = slow; }

    // ---- operator
    void startManualInstance(const QString &why);
    void stopGuardedInstanceByHand();

private:
    struct Freeze
    {
        RealTime notBefore;
        RealTime duration;
    };

    void post(std::function<void()> work);
    void pump();
    void deliver(ElectionActions actions);
    bool maybeFreezeAt(StepPoint point);
    void execute(const ElectionAction &action);
    Election &agent() { return m_runner->election(); }

    // ElectionEffects
    void writeSlot(std::uint64_t id, int slot, const QByteArray &bytes, std::uint64_t claimedEpoch) override;
    void scan(std::uint64_t id, bool final) override;
    Status saveMarks(const LocalMarks &marks) override;
    QList<std::int64_t> searchOutsideGuard() override;
    void startApplication(std::uint64_t epoch, const QString &reason) override;
    void stopApplication(const QString &reason) override;
    void stopOutsideGuard(const QString &reason) override;
    void setGuardDeadline(MonoTime leaseUntil) override;
    void removeControlFile(const QString &path) override;
    void record(const EventAction &event) override;
    void exit(int status, bool leaveApplication) override;
    void tick();
    void scheduleTick();
    void scheduleWake();

    // guard
    void guardCheck();
    void guardKill(AppExitCause cause);
    void stopStrays();
    QList<std::int64_t> manualPids() const;
    void adoptedCheck();

    bool readFails(const QString &node, RealTime when) const;
    bool readGarbled(const QString &node, RealTime when) const;

    Simulation &m_sim;
    int m_index;
    QString m_node;
    QString m_hostId;
    double m_rate;
    int m_priority;
    MonoTime m_wakeScheduled = kNever; ///< the Election::wakeAt() a wake tick is scheduled for
    std::uint64_t m_generation = 0; ///< bumps on every agent start: stale callbacks are dropped

    std::unique_ptr<ElectionRunner> m_runner;
    RealTime m_frozenUntil = 0;
    std::deque<std::function<void()>> m_work;
    bool m_pumping = false;
    std::map<StepPoint, Freeze> m_armed;
    double m_randomFreeze = 0;
    LocalMarks m_marks;
    bool m_crashed = false;

    // guard and application
    MonoTime m_deadline = kNever;
    int m_instance = -1;
    std::uint64_t m_instanceEpoch = 0;
    bool m_killing = false;
    AppExitCause m_killCause = AppExitCause::Stopped;
    int m_manual = -1;
    bool m_manualStopping = false;
    MonoTime m_adoptDeadline = kNever; ///< the guard kills a hand-started instance when renewals stop

    // storage path
    PathState m_path = PathState::Ok;
    RealTime m_healAt = 0;
    bool m_slow = false;
    bool m_ackSlow = false;
    bool m_torn = false;
    std::uint64_t m_knownRevision = 0; ///< etcd store: the record's revision this agent last wrote or saw at start
    bool m_slowReads = false;
    struct ReadFault
    {
        QString node;
        RealTime from;
        RealTime until;
    };
    std::vector<ReadFault> m_failedReads;
    std::vector<ReadFault> m_garbledReads;
};

} // namespace hacmp::sim
