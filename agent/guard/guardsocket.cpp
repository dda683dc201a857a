#include "agent/guard/guardsocket.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <utility>

namespace hacmp::guard {

namespace {

std::string describe(const std::string &what, int error)
{
    return what + ": " + std::strerror(error);
}

/// A socket fd closed on scope exit unless released.
class SocketFd
{
public:
    explicit SocketFd(int fd)
        : m_fd(fd)
    { }
    ~SocketFd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    SocketFd(const SocketFd &) = delete;
    SocketFd &operator=(const SocketFd &) = delete;
    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

/// Whether a process accepts connections on the socket file at address.
bool someoneListens(const sockaddr_un &address)
{
    SocketFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    return probe.get() >= 0
        && ::connect(probe.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
}

} // namespace

GuardSocket::GuardSocket(int fd, std::string path, dev_t device, ino_t inode)
    : m_fd(fd)
    , m_path(std::move(path))
    , m_device(device)
    , m_inode(inode)
{ }

Outcome<std::unique_ptr<GuardSocket>> GuardSocket::listen(const std::string &path)
{
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (path.empty() || path.size() >= sizeof address.sun_path)
        return Failure { "socket path \"" + path + "\" must be non-empty and shorter than "
            + std::to_string(sizeof address.sun_path) + " bytes; choose a shorter --socket" };
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);

    struct stat existing
    { };
    if (::lstat(path.c_str(), &existing) == 0) {
        if (!S_ISSOCK(existing.st_mode))
            return Failure { "\"" + path + "\" exists and is not a socket; remove it or choose another --socket" };
        if (someoneListens(address))
            return Failure { "another hacmp-guard already listens on \"" + path
                + "\"; stop it (send it QUIT) or choose another --socket" };
        if (::unlink(path.c_str()) != 0 && errno != ENOENT)
            return Failure { describe("cannot remove the stale socket \"" + path + '"', errno) };
    }

    SocketFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (fd.get() < 0)
        return Failure { describe("cannot create a Unix socket", errno) };
    const mode_t oldMask = ::umask(0077);
    const int bound = ::bind(fd.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address);
    const int bindError = errno;
    ::umask(oldMask);
    if (bound != 0)
        return Failure { describe(
            "cannot bind the socket \"" + path + "\" (check the directory exists and is writable)", bindError) };
    struct stat own
    { };
    if (::chmod(path.c_str(), 0600) != 0 || ::stat(path.c_str(), &own) != 0 || ::listen(fd.get(), 4) != 0) {
        const int error = errno;
        ::unlink(path.c_str());
        return Failure { describe("cannot listen on \"" + path + '"', error) };
    }
    return std::unique_ptr<GuardSocket>(new GuardSocket(fd.release(), path, own.st_dev, own.st_ino));
}

GuardSocket::~GuardSocket()
{
    ::close(m_fd);
    struct stat current
    { };
    if (::lstat(m_path.c_str(), &current) == 0 && current.st_dev == m_device && current.st_ino == m_inode)
        ::unlink(m_path.c_str());
}

int GuardSocket::accept() const
{
    for (;;) {
        const int fd = ::accept4(m_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0 || errno != EINTR)
            return fd;
    }
}

} // namespace hacmp::guard
