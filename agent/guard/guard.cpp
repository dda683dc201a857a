#include "agent/guard/guard.h"
#include "agent/guard/appspec.h"
#include "agent/guard/guardclock.h"
#include "agent/guard/guardprotocol.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace hacmp::guard {

namespace {

std::string refused(const std::string &reason)
{
    return std::string(kRefused) + ' ' + reason;
}

std::string joined(const std::vector<std::string> &words)
{
    std::string out;
    for (const std::string &word : words)
        out += (out.empty() ? "" : " ") + word;
    return out;
}

} // namespace

Guard::Guard(const GuardLog &log, std::unique_ptr<GuardSocket> socket, std::unique_ptr<SignalPipe> signals,
    long long idleExitMs, std::string stateDirectory)
    : m_log(log)
    , m_socket(std::move(socket))
    , m_signals(std::move(signals))
    , m_idleExitMs(idleExitMs)
    , m_stateDirectory(std::move(stateDirectory))
{ }

int Guard::run()
{
    m_log.info("listening on " + m_socket->path());
    for (;;) {
        const long long now = monotonicMs();
        enforceDeadline(now);
        if (m_app)
            m_app->onTime(now);
        if (m_quitting && !m_app)
            break;
        if (idleExpired(now)) {
            m_log.info("no application and no agent for " + std::to_string(m_idleExitMs) + " ms: exiting");
            break;
        }

        std::vector<pollfd> fds { { m_signals->fd(), POLLIN, 0 }, { m_socket->fd(), POLLIN, 0 } };
        const int reportFd = m_app && m_app->spawner() ? m_app->spawner()->reportFd() : -1;
        const std::size_t reportIndex = fds.size();
        if (reportFd >= 0)
            fds.push_back({ reportFd, POLLIN, 0 });
        const std::size_t agentIndex = fds.size();
        if (m_agent)
            fds.push_back({ m_agent->fd(), static_cast<short>(POLLIN | (m_agent->wantsWrite() ? POLLOUT : 0)), 0 });
        if (::poll(fds.data(), fds.size(), pollTimeout(monotonicMs())) < 0) {
            if (errno != EINTR)
                m_log.error(std::string("poll failed: ") + std::strerror(errno));
            continue;
        }

        if (fds[0].revents) {
            const SignalPipe::Received received = m_signals->drain();
            if (received.child)
                reap();
            if (received.terminate)
                quit("SIGTERM or SIGINT");
        }
        if (reportFd >= 0 && fds[reportIndex].revents && m_app && m_app->spawner())
            onSpawnReport();
        if (m_agent && agentIndex < fds.size() && fds[agentIndex].revents)
            serveAgent(fds[agentIndex].revents);
        if (fds[1].revents)
            acceptConnections();
    }
    if (m_agent)
        m_agent->flush();
    m_log.info("exiting");
    return 0;
}

void Guard::enforceDeadline(long long now)
{
    if (!m_app || m_app->stopping() || now < m_deadline)
        return;
    m_log.warning("the lease deadline " + std::to_string(m_deadline) + " passed (now " + std::to_string(now)
        + "): stopping the application, pid " + std::to_string(m_app->pid()) + ", with SIGTERM and SIGKILL after "
        + std::to_string(m_app->stopGraceMs()) + " ms");
    m_app->beginStop(HeldApplication::StopCause::Deadline, m_app->stopGraceMs(), now, wallClockMs());
}

bool Guard::idleExpired(long long now)
{
    if (m_app || m_agent) {
        m_idleSince.reset();
        return false;
    }
    if (!m_idleSince)
        m_idleSince = now;
    return now - *m_idleSince >= m_idleExitMs;
}

int Guard::pollTimeout(long long now) const
{
    std::optional<long long> wake;
    const auto consider = [&wake](std::optional<long long> at) {
        if (at)
            wake = wake ? std::min(*wake, *at) : *at;
    };
    if (m_app && !m_app->stopping())
        consider(m_deadline);
    if (m_app)
        consider(m_app->nextWakeup());
    if (m_idleSince)
        consider(*m_idleSince + m_idleExitMs);
    if (!wake)
        return -1;
    return static_cast<int>(std::clamp(*wake - now, 0LL, static_cast<long long>(INT_MAX)));
}

void Guard::reap()
{
    for (;;) {
        // Peek first: while the exited leader is an unreaped zombie its process group id cannot be
        // reused, so what is left of the group is killed before the id is released.
        siginfo_t exited {};
        if (::waitid(P_ALL, 0, &exited, WEXITED | WNOHANG | WNOWAIT) != 0 || exited.si_pid == 0)
            return;
        const bool leader = m_app && exited.si_pid == m_app->pid();
        if (leader)
            m_app->killRemains();
        int status = 0;
        if (::waitpid(exited.si_pid, &status, 0) != exited.si_pid)
            return;
        if (leader)
            onReaped(status);
        else
            m_log.info("reaped child " + std::to_string(exited.si_pid));
    }
}

void Guard::onReaped(int waitStatus)
{
    const std::string pid = std::to_string(m_app->pid());
    const std::string exited = m_app->exitMessage(waitStatus);
    if (ProcessSpawner *spawner = m_app->spawner()) {
        if (spawner->progress() == ProcessSpawner::Progress::Failed) {
            m_log.error("could not start the application: " + spawner->failure());
            notify(agentSentStart() ? refused(spawner->failure()) : exited);
            m_app.reset();
            return;
        }
        if (agentSentStart())
            notify(std::string(kStarted) + ' ' + pid);
    }
    m_log.info("the application, pid " + pid + ", ended: " + exited);
    const bool told = m_agent && m_helloSeen;
    notify(exited);
    if (!told)
        recordEnd(m_app->end(waitStatus, wallClockMs()));
    m_app.reset();
}

void Guard::recordEnd(const ApplicationEnd &end)
{
    if (m_stateDirectory.empty())
        return; // started without --state-dir (by an agent that does not read the end file)
    if (end.node.empty() || end.node.find('/') != std::string::npos) {
        m_log.warning("no end file for the application of epoch " + std::to_string(end.epoch)
            + ": its START spec named no valid node");
        return;
    }
    const std::string path = applicationEndPath(m_stateDirectory, end.node);
    const Outcome<bool> written = writeApplicationEnd(path, end);
    if (written.ok())
        m_log.info("no agent attached: recorded the application's end (" + end.cause + ' ' + std::to_string(end.status)
            + ", epoch " + std::to_string(end.epoch) + ") in " + path + " for the next agent");
    else
        m_log.error(written.error());
}

void Guard::onSpawnReport()
{
    ProcessSpawner *spawner = m_app->spawner();
    if (spawner->progress() != ProcessSpawner::Progress::Execed)
        return; // Pending, or Failed: reported when the child is reaped, so a new START finds nothing running
    m_log.info("started the application, pid " + std::to_string(m_app->pid()) + ", epoch "
        + std::to_string(m_app->epoch()) + ": " + joined(spawner->spec().argv));
    if (agentSentStart())
        reply(std::string(kStarted) + ' ' + std::to_string(m_app->pid()));
    m_app->markExeced();
}

void Guard::acceptConnections()
{
    for (int fd = m_socket->accept(); fd >= 0; fd = m_socket->accept()) {
        // The attached agent may have ended just before this one connected (a restart): read what it
        // left, and its end, before calling the newcomer a second agent.
        if (m_agent)
            serveAgent(POLLIN);
        if (m_agent) {
            LineConnection busy(fd);
            busy.send(std::string(kError) + " busy");
            m_log.warning("refused a second connection while an agent is attached");
            continue;
        }
        m_agent = std::make_unique<LineConnection>(fd);
        m_helloSeen = false;
        ++m_agentSerial;
    }
}

void Guard::serveAgent(short events)
{
    if (events & (POLLIN | POLLHUP | POLLERR)) {
        std::vector<std::string> lines;
        const LineConnection::ReadStatus status = m_agent->readLines(lines);
        for (const std::string &line : lines)
            handleLine(line);
        if (status == LineConnection::ReadStatus::TooLong) {
            reply(std::string(kError) + " line longer than " + std::to_string(kMaxLineBytes) + " bytes");
            dropAgent("the agent sent a line longer than " + std::to_string(kMaxLineBytes) + " bytes");
            return;
        }
        if (status == LineConnection::ReadStatus::Closed) {
            dropAgent("the agent closed the connection");
            return;
        }
    }
    if (events & POLLOUT)
        m_agent->flush();
    if (m_agent->broken())
        dropAgent("the connection to the agent failed");
}

void Guard::dropAgent(const std::string &why)
{
    m_agent.reset();
    m_log.info(why
        + (m_app ? "; the application, pid " + std::to_string(m_app->pid()) + ", runs on until "
                    + std::to_string(m_deadline) + " unless an agent re-attaches and renews"
                 : std::string()));
}

void Guard::reply(const std::string &line)
{
    if (m_agent)
        m_agent->send(line);
}

void Guard::notify(const std::string &line)
{
    if (m_helloSeen)
        reply(line);
}

void Guard::handleLine(const std::string &line)
{
    Outcome<GuardMessage> parsed = parseGuardMessage(line);
    if (!parsed.ok()) {
        m_log.warning("answered " + parsed.error());
        reply(parsed.error());
        return;
    }
    const GuardMessage &message = parsed.value();
    if (!m_helloSeen && message.kind != GuardMessage::Kind::Hello) {
        reply(std::string(kError) + " the first message must be HELLO <incarnation-hex>");
        return;
    }
    switch (message.kind) {
    case GuardMessage::Kind::Hello:
        onHello(message);
        break;
    case GuardMessage::Kind::Deadline:
        onDeadline(message.milliseconds);
        break;
    case GuardMessage::Kind::Start:
        onStart(message);
        break;
    case GuardMessage::Kind::Stop:
        onStop(message.milliseconds);
        break;
    case GuardMessage::Kind::Quit:
        quit("the agent sent QUIT");
        break;
    }
}

void Guard::onHello(const GuardMessage &message)
{
    m_helloSeen = true;
    const std::string state = stateLine();
    m_log.info("agent " + message.incarnation + " attached; answered " + state);
    reply(state);
}

void Guard::onDeadline(long long deadline)
{
    if (deadline > m_deadline)
        m_deadline = deadline;
}

void Guard::onStart(const GuardMessage &message)
{
    const long long now = monotonicMs();
    std::string problem;
    if (m_quitting)
        problem = "the guard is quitting";
    else if (m_app)
        problem = "already running: pid " + std::to_string(m_app->pid()) + ", epoch " + std::to_string(m_app->epoch());
    else if (m_deadline == 0)
        problem = "no deadline: send DEADLINE first";
    else if (m_deadline <= now)
        problem = "the deadline " + std::to_string(m_deadline) + " has passed (now " + std::to_string(now) + ')';
    Outcome<AppSpec> spec = problem.empty() ? parseAppSpec(message.spec) : Outcome<AppSpec>(Failure { problem });
    if (!spec.ok()) {
        m_log.warning("refused START for epoch " + std::to_string(message.epoch) + ": " + spec.error());
        reply(refused(spec.error()));
        return;
    }
    if ((!spec.value().user.empty() || !spec.value().group.empty()) && ::geteuid() != 0)
        m_log.warning("not running as root: the application keeps the guard's user and group, not user \""
            + spec.value().user + "\" group \"" + spec.value().group + '"');
    auto spawner = std::make_unique<ProcessSpawner>(std::move(spec).value(), message.epoch);
    const Outcome<pid_t> pid = spawner->spawn();
    if (!pid.ok()) {
        m_log.error("could not start the application: " + pid.error());
        reply(refused(pid.error()));
        return;
    }
    m_app = std::make_unique<HeldApplication>(std::move(spawner), pid.value(), message.epoch);
    m_startSerial = m_agentSerial;
}

void Guard::onStop(long long graceMs)
{
    if (!m_app) {
        m_log.info("STOP with no application running");
        return;
    }
    m_log.info("stopping the application, pid " + std::to_string(m_app->pid()) + ", with SIGTERM and SIGKILL after "
        + std::to_string(graceMs) + " ms");
    m_app->beginStop(HeldApplication::StopCause::Stopped, graceMs, monotonicMs(), wallClockMs());
}

void Guard::quit(const std::string &why)
{
    m_log.info(why + (m_app ? ": stopping the application, then exiting" : ": exiting"));
    m_quitting = true;
    if (m_app)
        m_app->beginStop(HeldApplication::StopCause::Stopped, m_app->stopGraceMs(), monotonicMs(), wallClockMs());
}

std::string Guard::stateLine() const
{
    const std::string deadline = std::to_string(m_deadline);
    if (!m_app)
        return std::string(kState) + " idle " + deadline;
    return std::string(kState) + " running " + std::to_string(m_app->pid()) + ' ' + std::to_string(m_app->epoch()) + ' '
        + deadline;
}

} // namespace hacmp::guard
