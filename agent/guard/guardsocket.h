#pragma once

#include "agent/guard/outcome.h"

#include <memory>
#include <string>
#include <sys/types.h>

namespace hacmp::guard {

/// The guard's listening Unix stream socket at --socket PATH, mode 0600. It replaces a stale socket
/// file only after checking that nobody listens on it, refuses when another guard does, and removes
/// the file when it ends, but only if the file is still its own.
class GuardSocket final
{
public:
    static Outcome<std::unique_ptr<GuardSocket>> listen(const std::string &path);
    ~GuardSocket();
    GuardSocket(const GuardSocket &) = delete;
    GuardSocket &operator=(const GuardSocket &) = delete;

    int fd() const { return m_fd; }
    const std::string &path() const { return m_path; }
    /// A pending connection, non-blocking and close-on-exec; -1 when none is pending.
    int accept() const;

private:
    GuardSocket(int fd, std::string path, dev_t device, ino_t inode);

    int m_fd;
    std::string m_path;
    dev_t m_device;
    ino_t m_inode;
};

} // namespace hacmp::guard
