#include "agent/guard/heldapplication.h"
#include "agent/guard/guardprotocol.h"

#include <algorithm>
#include <csignal>
#include <sys/wait.h>

namespace hacmp::guard {

HeldApplication::HeldApplication(std::unique_ptr<ProcessSpawner> spawner, pid_t pid, std::uint64_t epoch)
    : m_spawner(std::move(spawner))
    , m_pid(pid)
    , m_epoch(epoch)
    , m_node(m_spawner->spec().node)
    , m_stopGraceMs(m_spawner->spec().stopGraceMs)
{ }

void HeldApplication::beginStop(StopCause cause, long long graceMs, long long now, long long wallNowMs)
{
    if (!m_stopCause) {
        m_stopCause = cause;
        m_stopBeganWallMs = wallNowMs;
        m_killAt = now + graceMs;
        signalGroup(SIGTERM);
    } else if (m_killAt) {
        m_killAt = std::min(*m_killAt, now + graceMs);
    }
    onTime(now);
}

void HeldApplication::onTime(long long now)
{
    if (m_killAt && now >= *m_killAt) {
        m_killAt.reset();
        signalGroup(SIGKILL);
    }
}

std::optional<long long> HeldApplication::nextWakeup() const
{
    return m_killAt;
}

void HeldApplication::killRemains() const
{
    signalGroup(SIGKILL);
}

std::string HeldApplication::exitMessage(int waitStatus) const
{
    const ApplicationEnd ended = end(waitStatus, 0);
    return std::string(kExited) + ' ' + ended.cause + ' ' + std::to_string(ended.status);
}

ApplicationEnd HeldApplication::end(int waitStatus, long long wallNowMs) const
{
    const bool signaled = WIFSIGNALED(waitStatus);
    ApplicationEnd ended;
    ended.node = m_node;
    ended.epoch = m_epoch;
    ended.pid = m_pid;
    ended.timeMs = m_stopCause ? m_stopBeganWallMs : wallNowMs;
    ended.cause = !m_stopCause                ? (signaled ? "signaled" : "exited")
        : *m_stopCause == StopCause::Deadline ? "deadline"
                                              : "stopped";
    ended.status = signaled ? WTERMSIG(waitStatus) : WEXITSTATUS(waitStatus);
    return ended;
}

void HeldApplication::signalGroup(int signo) const
{
    ::kill(-m_pid, signo);
}

} // namespace hacmp::guard
