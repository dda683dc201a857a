#include "agent/guard/processspawner.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

extern char **environ;

namespace hacmp::guard {

namespace {

/// Where the child failed; sent with errno through the report pipe.
enum Stage : int {
    ProcessGroup,
    UnknownUser,
    UnknownGroup,
    Groups,
    SetGroup,
    SetUser,
    DeathSignal,
    GuardGone,
    ChangeDirectory,
    Exec
};

struct Report
{
    int stage;
    int error;
};

[[noreturn]] void fail(int reportFd, Stage stage, int error)
{
    const Report report { stage, error };
    const ssize_t ignored = ::write(reportFd, &report, sizeof report);
    static_cast<void>(ignored);
    ::_exit(127);
}

/// A name or a number; the number is used when no entry of that name exists.
bool numericId(const std::string &text, unsigned &id)
{
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 9)
        return false;
    id = static_cast<unsigned>(std::stoul(text));
    return true;
}

std::string keyOf(const std::string &entry)
{
    return entry.substr(0, entry.find('='));
}

void setVariable(std::vector<std::string> &environment, const std::string &entry)
{
    const std::string key = keyOf(entry);
    for (std::string &existing : environment) {
        if (keyOf(existing) == key) {
            existing = entry;
            return;
        }
    }
    environment.push_back(entry);
}

void markInheritedCloseOnExec()
{
    if (::close_range(3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
        return;
    rlimit limit {};
    const int highest
        = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 65536 ? static_cast<int>(limit.rlim_cur) : 65536;
    for (int fd = 3; fd < highest; ++fd)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

} // namespace

ProcessSpawner::ProcessSpawner(AppSpec spec, std::uint64_t epoch)
    : m_spec(std::move(spec))
{
    for (char **variable = environ; variable && *variable; ++variable)
        m_environment.emplace_back(*variable);
    for (const std::string &entry : m_spec.env)
        setVariable(m_environment, entry);
    setVariable(m_environment, "HACMP_EPOCH=" + std::to_string(epoch));
    setVariable(m_environment, "HACMP_NODE=" + m_spec.node);
    setVariable(m_environment, "HACMP_CLUSTER_DIR=" + m_spec.clusterDir);
    for (std::string &argument : m_spec.argv)
        m_argvPointers.push_back(argument.data());
    m_argvPointers.push_back(nullptr);
    for (std::string &entry : m_environment)
        m_environmentPointers.push_back(entry.data());
    m_environmentPointers.push_back(nullptr);
    m_changeCredentials = ::geteuid() == 0 && (!m_spec.user.empty() || !m_spec.group.empty());
}

ProcessSpawner::~ProcessSpawner()
{
    if (m_reportFd >= 0)
        ::close(m_reportFd);
}

Outcome<pid_t> ProcessSpawner::spawn()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return Failure { std::string("cannot create a pipe: ") + std::strerror(errno) };
    const pid_t guard = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        runChild(fds[1], guard);
    }
    const int forkError = errno;
    ::close(fds[1]);
    if (pid < 0) {
        ::close(fds[0]);
        return Failure { std::string("fork failed: ") + std::strerror(forkError) };
    }
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    m_reportFd = fds[0];
    // Also here, so that a signal to the group cannot miss a child that has not run yet; EACCES after
    // its exec is harmless because the child did it first.
    ::setpgid(pid, pid);
    return pid;
}

ProcessSpawner::Progress ProcessSpawner::progress()
{
    if (m_state != Progress::Pending)
        return m_state;
    Report report {};
    ssize_t got = 0;
    do {
        got = ::read(m_reportFd, &report, sizeof report);
    } while (got < 0 && errno == EINTR);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return m_state;
    if (got == 0) {
        m_state = Progress::Execed;
    } else {
        m_state = Progress::Failed;
        m_failure = got == sizeof report ? describe(report.stage, report.error)
                                         : std::string("the child's start report is unreadable");
    }
    ::close(m_reportFd);
    m_reportFd = -1;
    return m_state;
}

void ProcessSpawner::runChild(int reportFd, pid_t guard) const
{
    if (::setpgid(0, 0) != 0)
        fail(reportFd, ProcessGroup, errno);

    struct sigaction defaults
    { };
    sigemptyset(&defaults.sa_mask);
    defaults.sa_handler = SIG_DFL;
    for (int signo = 1; signo < NSIG; ++signo)
        ::sigaction(signo, &defaults, nullptr);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);

    if (m_changeCredentials) {
        const passwd *user = m_spec.user.empty() ? nullptr : ::getpwnam(m_spec.user.c_str());
        unsigned uid = 0;
        if (!m_spec.user.empty() && !user && !numericId(m_spec.user, uid))
            fail(reportFd, UnknownUser, errno);
        if (user)
            uid = user->pw_uid;
        unsigned gid = user ? user->pw_gid : 0;
        if (!m_spec.group.empty()) {
            const group *named = ::getgrnam(m_spec.group.c_str());
            if (named)
                gid = named->gr_gid;
            else if (!numericId(m_spec.group, gid))
                fail(reportFd, UnknownGroup, errno);
        } else if (!user) {
            fail(reportFd, UnknownUser, 0);
        }
        const gid_t onlyGroup = gid;
        if (user ? ::initgroups(user->pw_name, gid) != 0 : ::setgroups(1, &onlyGroup) != 0)
            fail(reportFd, Groups, errno);
        if (::setgid(gid) != 0)
            fail(reportFd, SetGroup, errno);
        if (!m_spec.user.empty() && ::setuid(uid) != 0)
            fail(reportFd, SetUser, errno);
    }

    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0)
        fail(reportFd, DeathSignal, errno);
    if (::getppid() != guard)
        fail(reportFd, GuardGone, 0);
    if (!m_spec.cwd.empty() && ::chdir(m_spec.cwd.c_str()) != 0)
        fail(reportFd, ChangeDirectory, errno);
    markInheritedCloseOnExec();
    environ = const_cast<char **>(m_environmentPointers.data());
    ::execvp(m_argvPointers.front(), const_cast<char *const *>(m_argvPointers.data()));
    fail(reportFd, Exec, errno);
}

std::string ProcessSpawner::describe(int stage, int error) const
{
    const std::string reason = error ? std::strerror(error) : "no such entry";
    switch (stage) {
    case ProcessGroup:
        return "setpgid failed: " + reason;
    case UnknownUser:
        return "user \"" + m_spec.user + "\" not found: " + reason
            + " (check the application's user; a numeric user without an entry needs a group)";
    case UnknownGroup:
        return "group \"" + m_spec.group + "\" not found: " + reason + " (check the application's group)";
    case Groups:
        return "setting the supplementary groups of user \"" + m_spec.user + "\" failed: " + reason;
    case SetGroup:
        return "setgid failed: " + reason;
    case SetUser:
        return "setuid to user \"" + m_spec.user + "\" failed: " + reason;
    case DeathSignal:
        return "prctl(PR_SET_PDEATHSIG) failed: " + reason;
    case GuardGone:
        return "the guard ended while the application was starting";
    case ChangeDirectory:
        return "chdir to \"" + m_spec.cwd + "\" failed: " + reason + " (check the application's cwd)";
    case Exec:
        return "exec failed: " + reason + " (program \"" + m_spec.argv.front() + "\")";
    default:
        return "the child reported an unknown failure";
    }
}

} // namespace hacmp::guard
