#include "agent/guard/signalpipe.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace hacmp::guard {

namespace {

volatile sig_atomic_t g_writeFd = -1;

void onSignal(int signo)
{
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(signo);
    const ssize_t ignored = ::write(g_writeFd, &byte, 1);
    static_cast<void>(ignored);
    errno = savedErrno;
}

} // namespace

SignalPipe::SignalPipe(int readFd, int writeFd)
    : m_readFd(readFd)
    , m_writeFd(writeFd)
{ }

Outcome<std::unique_ptr<SignalPipe>> SignalPipe::install()
{
    int fds[2];
    if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0)
        return Failure { std::string("cannot create the signal pipe: ") + std::strerror(errno) };
    std::unique_ptr<SignalPipe> pipe(new SignalPipe(fds[0], fds[1]));
    g_writeFd = fds[1];

    struct sigaction action
    { };
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    action.sa_handler = onSignal;
    for (const int signo : { SIGCHLD, SIGTERM, SIGINT }) {
        if (::sigaction(signo, &action, nullptr) != 0)
            return Failure { std::string("cannot install a signal handler: ") + std::strerror(errno) };
    }
    action.sa_flags = 0;
    action.sa_handler = SIG_IGN;
    for (const int signo : { SIGPIPE, SIGHUP })
        ::sigaction(signo, &action, nullptr);
    sigset_t unblocked;
    sigemptyset(&unblocked);
    for (const int signo : { SIGCHLD, SIGTERM, SIGINT })
        sigaddset(&unblocked, signo);
    ::sigprocmask(SIG_UNBLOCK, &unblocked, nullptr);
    return pipe;
}

SignalPipe::~SignalPipe()
{
    struct sigaction action
    { };
    sigemptyset(&action.sa_mask);
    action.sa_handler = SIG_DFL;
    for (const int signo : { SIGCHLD, SIGTERM, SIGINT })
        ::sigaction(signo, &action, nullptr);
    g_writeFd = -1;
    ::close(m_readFd);
    ::close(m_writeFd);
}

SignalPipe::Received SignalPipe::drain()
{
    Received received;
    unsigned char bytes[64];
    ssize_t got = 0;
    while ((got = ::read(m_readFd, bytes, sizeof bytes)) > 0 || (got < 0 && errno == EINTR)) {
        for (ssize_t i = 0; i < got; ++i) {
            received.child = received.child || bytes[i] == SIGCHLD;
            received.terminate = received.terminate || bytes[i] == SIGTERM || bytes[i] == SIGINT;
        }
    }
    return received;
}

} // namespace hacmp::guard
