#pragma once

#include "agent/guard/applicationend.h"
#include "agent/guard/processspawner.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>

namespace hacmp::guard {

/// The application the guard holds, from its fork until its reaping, and the stop in progress: SIGTERM
/// to its process group, SIGKILL to the group a grace later (docs/protocol.md W3). The guard owns at most one.
class HeldApplication final
{
public:
    /// Why a stop began: the lease deadline passed, or the agent asked (STOP, QUIT, SIGTERM).
    enum class StopCause { Deadline, Stopped };

    HeldApplication(std::unique_ptr<ProcessSpawner> spawner, pid_t pid, std::uint64_t epoch);

    pid_t pid() const { return m_pid; }
    std::uint64_t epoch() const { return m_epoch; }
    long long stopGraceMs() const { return m_stopGraceMs; }
    /// The spawner while the child has neither exec'd nor failed; null after.
    ProcessSpawner *spawner() const { return m_spawner.get(); }
    /// The child exec'd: the spawner is no longer needed.
    void markExeced() { m_spawner.reset(); }
    bool stopping() const { return m_stopCause.has_value(); }

    /// SIGTERM to the group now (once), SIGKILL at now + graceMs; a second stop can only bring the
    /// SIGKILL nearer and keeps the first cause. wallNowMs: now on the wall clock, for the end file.
    void beginStop(StopCause cause, long long graceMs, long long now, long long wallNowMs);
    /// Sends the SIGKILL when it is due.
    void onTime(long long now);
    /// When onTime() has something to do; nullopt when nothing is scheduled.
    std::optional<long long> nextWakeup() const;
    /// SIGKILL to what is left of the group once its leader has exited (call it before reaping the
    /// leader): nothing of the application may outlive the guard's report of its exit.
    void killRemains() const;
    /// "EXITED <cause> <status>" for the leader's wait status.
    std::string exitMessage(int waitStatus) const;
    /// The end for the end file: the leader's wait status, reaped at wallNowMs; its time is when the stop
    /// began, if one did.
    ApplicationEnd end(int waitStatus, long long wallNowMs) const;

private:
    void signalGroup(int signo) const;

    std::unique_ptr<ProcessSpawner> m_spawner;
    pid_t m_pid;
    std::uint64_t m_epoch;
    std::string m_node;
    long long m_stopGraceMs;
    std::optional<StopCause> m_stopCause;
    std::optional<long long> m_killAt;
    long long m_stopBeganWallMs = 0;
};

} // namespace hacmp::guard
