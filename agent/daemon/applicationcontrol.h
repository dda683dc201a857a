#pragma once

#include "agent/daemon/guardclient.h"
#include "shared/config/agentconfig.h"
#include "shared/protocol/election.h"

#include <QObject>
#include <QProcess>
#include <QTimer>

namespace hacmp::agent {

/// The application as the agent sees it through the guard: executes the Election's start and stop
/// actions (the optional [application] stop command first, then the guard's STOP), stops it when its
/// health check fails, and turns the guard's reports, and the guard's death, into exactly one
/// exited() per start, with the cause the Election needs (AppExitCause).
class ApplicationControl final : public QObject
{
    Q_OBJECT

public:
    ApplicationControl(GuardClient &guard, AgentConfig config, QObject *parent = nullptr);

    void setConfig(const AgentConfig &config) { m_config = config; }
    /// StartAppAction.
    void start(std::uint64_t epoch);
    /// StopAppAction; exited() follows (at once, queued, when nothing runs).
    void stop(const QString &reason);
    /// The health check failed: stop the application; its exit counts as a failure (Exited).
    void failHealth(const QString &why);
    /// W5: the guard holds an application that an earlier agent started.
    void adopt(std::int64_t pid, std::uint64_t epoch);

    /// The pid of the application the guard holds (the leader of its process group), or 0.
    std::int64_t pid() const { return m_pid; }
    bool running() const { return m_state == State::Running; }

signals:
    void started(std::int64_t pid);
    void exited(const hacmp::AppExit &exit);

private:
    enum class State { None, Starting, Running };

    void onReply(const GuardReply &reply);
    void onGuardLost(const QString &why);
    void runStopCommand();
    void onStopCommandDone();
    void sendStop();
    void finish(AppExit exit);

    GuardClient &m_guard;
    AgentConfig m_config;
    State m_state = State::None;
    std::int64_t m_pid = 0;
    std::uint64_t m_epoch = 0;
    bool m_stopAsked = false; ///< the Election asked to stop it
    QString m_healthFailure; ///< why the health check stopped it
    QProcess *m_stopCommand = nullptr;
    QTimer m_stopCommandTimeout;
};

} // namespace hacmp::agent
