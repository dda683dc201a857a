#pragma once

#include "agent/guard/appspec.h"
#include "agent/guard/outcome.h"

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace hacmp::guard {

/// Starts the application with fork and execvp (no shell) in its own process group (docs/protocol.md W3).
/// The child sets its process group, resets signals, drops to the spec's group and user when the guard
/// runs as root, sets PR_SET_PDEATHSIG (after the credential change, which would clear it) and checks
/// that the guard still lives, changes to the spec's cwd, marks inherited fds close-on-exec and execs.
/// A failure before exec travels through a close-on-exec pipe, so the poll loop learns of it without
/// ever waiting for the child (chdir on a hung NFS mount must not stop the guard from fencing).
class ProcessSpawner final
{
public:
    enum class Progress { Pending, Execed, Failed };

    /// Prepares argv and the environment (the guard's own, then spec.env, then HACMP_EPOCH,
    /// HACMP_NODE and HACMP_CLUSTER_DIR) before the fork, so the child only makes system calls.
    ProcessSpawner(AppSpec spec, std::uint64_t epoch);
    ~ProcessSpawner();
    ProcessSpawner(const ProcessSpawner &) = delete;
    ProcessSpawner &operator=(const ProcessSpawner &) = delete;

    /// Forks the child and returns its pid, which is also its process group.
    Outcome<pid_t> spawn();
    /// The pipe that reports the child's exec; watch it for input.
    int reportFd() const { return m_reportFd; }
    /// Reads the child's report without blocking, until it is final (Execed or Failed, then the pipe
    /// is closed); after Failed, failure() says what went wrong.
    Progress progress();
    /// The latest result of progress(), without reading.
    Progress state() const { return m_state; }
    const std::string &failure() const { return m_failure; }
    const AppSpec &spec() const { return m_spec; }

private:
    [[noreturn]] void runChild(int reportFd, pid_t guard) const;
    std::string describe(int stage, int error) const;

    AppSpec m_spec;
    std::vector<std::string> m_environment;
    std::vector<char *> m_argvPointers;
    std::vector<char *> m_environmentPointers;
    bool m_changeCredentials = false;
    int m_reportFd = -1;
    Progress m_state = Progress::Pending;
    std::string m_failure;
};

} // namespace hacmp::guard
