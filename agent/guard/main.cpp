// hacmp-guard: holds the application for hacmp-agent and kills it at the lease deadline unless the
// agent renews it (docs/protocol.md W3, W5). Plain C++ without Qt; the protocol is in guardprotocol.h.

#include "agent/guard/guard.h"
#include "agent/guard/guardoptions.h"

#include <cstdio>
#include <string>
#include <vector>

using namespace hacmp::guard;

int main(int argc, char *argv[])
{
    const Outcome<GuardOptions> options = GuardOptions::parse(std::vector<std::string>(argv + 1, argv + argc));
    if (!options.ok()) {
        std::fprintf(stderr, "hacmp-guard: %s\n%s", options.error().c_str(), GuardOptions::usage().c_str());
        return 2;
    }
    if (options.value().help) {
        std::fputs(GuardOptions::usage().c_str(), stdout);
        return 0;
    }
    if (options.value().version) {
        std::puts("hacmp-guard " HACMP_VERSION);
        return 0;
    }

    const GuardLog log;
    Outcome<std::unique_ptr<SignalPipe>> signals = SignalPipe::install();
    if (!signals.ok()) {
        log.error(signals.error());
        return 1;
    }
    Outcome<std::unique_ptr<GuardSocket>> socket = GuardSocket::listen(options.value().socketPath);
    if (!socket.ok()) {
        log.error(socket.error());
        return 1;
    }
    Guard guard(log, std::move(socket).value(), std::move(signals).value(), options.value().idleExitMs,
        options.value().stateDirectory);
    return guard.run();
}
