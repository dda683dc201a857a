#include "agent/daemon/signalbridge.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace hacmp::agent {

namespace {
int g_pipe[2] = { -1, -1 }; // [0]: written by the handler, [1]: read on the event loop
} // namespace

SignalBridge::SignalBridge(const QList<int> &numbers, QObject *parent)
    : QObject(parent)
    , m_signals(numbers)
{
    Q_ASSERT(g_pipe[0] < 0);
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, g_pipe) != 0)
        qFatal("socketpair for signal handling failed: %s", std::strerror(errno));
    m_notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalBridge::onReadable);
    struct sigaction action = {};
    action.sa_handler = &SignalBridge::handle;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int number : std::as_const(m_signals))
        ::sigaction(number, &action, nullptr);
}

SignalBridge::~SignalBridge()
{
    struct sigaction action = {};
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    for (const int number : std::as_const(m_signals))
        ::sigaction(number, &action, nullptr);
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

void SignalBridge::handle(int signalNumber)
{
    const int saved = errno;
    const char byte = char(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[0], &byte, 1);
    errno = saved;
}

void SignalBridge::onReadable()
{
    char bytes[16];
    for (;;) {
        const ssize_t got = ::read(g_pipe[1], bytes, sizeof bytes);
        if (got <= 0)
            return;
        for (ssize_t i = 0; i < got; ++i)
            emit received(int(bytes[i]));
    }
}

} // namespace hacmp::agent
