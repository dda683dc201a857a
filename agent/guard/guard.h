#pragma once

#include "agent/guard/guardlog.h"
#include "agent/guard/guardmessage.h"
#include "agent/guard/guardsocket.h"
#include "agent/guard/heldapplication.h"
#include "agent/guard/lineconnection.h"
#include "agent/guard/signalpipe.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace hacmp::guard {

/// The guard's single poll() loop (docs/protocol.md W3, W5): it serves one agent connection at a time,
/// holds at most one application, and stops it at the lease deadline whether or not an agent is
/// attached. It outlives the agent so that a restarted agent re-attaches to the running application.
class Guard final
{
public:
    /// stateDirectory: where the end file goes (guardprotocol.h) when the application ends while no agent is
    /// attached; empty for none.
    Guard(const GuardLog &log, std::unique_ptr<GuardSocket> socket, std::unique_ptr<SignalPipe> signals,
        long long idleExitMs, std::string stateDirectory = {});

    /// Serves agents until QUIT, SIGTERM/SIGINT (after the application was reaped) or the idle exit;
    /// returns the process exit status.
    int run();

private:
    void enforceDeadline(long long now);
    bool idleExpired(long long now);
    int pollTimeout(long long now) const;

    void reap();
    void onReaped(int waitStatus);
    /// Writes the end file for the next agent: nobody was attached to be told of end.
    void recordEnd(const ApplicationEnd &end);
    void onSpawnReport();
    void acceptConnections();
    void serveAgent(short events);
    void dropAgent(const std::string &why);
    void reply(const std::string &line);
    /// A report nobody asked for (the application started or ended): only to an agent that has said HELLO,
    /// since one that has not yet learns it from the STATE answer.
    void notify(const std::string &line);

    void handleLine(const std::string &line);
    void onHello(const GuardMessage &message);
    void onDeadline(long long deadline);
    void onStart(const GuardMessage &message);
    void onStop(long long graceMs);
    void quit(const std::string &why);

    std::string stateLine() const;
    /// Whether the attached agent is the one that sent START (it gets STARTED/REFUSED; an agent that
    /// re-attached during the start has seen STATE running and gets EXITED if the start fails).
    bool agentSentStart() const { return m_agent && m_agentSerial == m_startSerial; }

    const GuardLog &m_log;
    std::unique_ptr<GuardSocket> m_socket;
    std::unique_ptr<SignalPipe> m_signals;
    long long m_idleExitMs;
    std::string m_stateDirectory;
    long long m_deadline = 0;
    std::unique_ptr<HeldApplication> m_app;
    std::unique_ptr<LineConnection> m_agent;
    bool m_helloSeen = false;
    std::uint64_t m_agentSerial = 0;
    std::uint64_t m_startSerial = 0;
    bool m_quitting = false;
    std::optional<long long> m_idleSince;
};

} // namespace hacmp::guard
