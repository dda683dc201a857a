#pragma once

#include "agent/guard/outcome.h"

#include <memory>

namespace hacmp::guard {

/// SIGCHLD, SIGTERM and SIGINT turned into bytes on a pipe that the poll loop watches (the self-pipe
/// pattern): a handler does nothing but write(). SIGPIPE and SIGHUP are ignored, so a vanished agent
/// or a closed terminal cannot end the guard. One instance per process.
class SignalPipe final
{
public:
    struct Received
    {
        bool child = false; ///< SIGCHLD: reap
        bool terminate = false; ///< SIGTERM or SIGINT: stop the application and exit
    };

    static Outcome<std::unique_ptr<SignalPipe>> install();
    ~SignalPipe();
    SignalPipe(const SignalPipe &) = delete;
    SignalPipe &operator=(const SignalPipe &) = delete;

    int fd() const { return m_readFd; }
    /// Empties the pipe and says which signals arrived since the last call.
    Received drain();

private:
    SignalPipe(int readFd, int writeFd);

    int m_readFd;
    int m_writeFd;
};

} // namespace hacmp::guard
