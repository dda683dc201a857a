#include "agent/guard/guardoptions.h"
#include "agent/guard/guardprotocol.h"

#include <charconv>

namespace hacmp::guard {

Outcome<GuardOptions> GuardOptions::parse(const std::vector<std::string> &arguments)
{
    GuardOptions options;
    options.idleExitMs = kGuardIdleExitMs;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string &argument = arguments[i];
        if (argument == "--help" || argument == "-h") {
            options.help = true;
            continue;
        }
        if (argument == "--version") {
            options.version = true;
            continue;
        }
        const std::size_t equals = argument.find('=');
        const std::string name = argument.substr(0, equals);
        if (name != "--socket" && name != "--idle-exit-ms" && name != "--state-dir")
            return Failure { "unknown argument \"" + argument + '"' };
        std::string value;
        if (equals != std::string::npos)
            value = argument.substr(equals + 1);
        else if (i + 1 < arguments.size())
            value = arguments[++i];
        else
            return Failure { name + " needs a value" };
        if (name == "--socket") {
            options.socketPath = value;
            continue;
        }
        if (name == "--state-dir") {
            if (value.empty())
                return Failure { "--state-dir needs a folder" };
            options.stateDirectory = value;
            continue;
        }
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), options.idleExitMs);
        if (value.empty() || ec != std::errc() || end != value.data() + value.size() || options.idleExitMs < 0)
            return Failure { "--idle-exit-ms needs a non-negative number of milliseconds, not \"" + value + '"' };
    }
    if (options.socketPath.empty() && !options.help && !options.version)
        return Failure { "--socket PATH is required" };
    return options;
}

std::string GuardOptions::usage()
{
    return "Usage: hacmp-guard --socket PATH [--idle-exit-ms N] [--state-dir DIR]\n"
           "Holds the application that hacmp-agent starts and kills it when the agent stops renewing its\n"
           "lease deadline. Started by hacmp-agent; it speaks the guard protocol on the Unix socket PATH.\n"
           "\n"
           "  --socket PATH       the Unix socket to listen on (created with mode 0600)\n"
           "  --idle-exit-ms N    exit after N ms with no application and no agent (default "
        + std::to_string(kGuardIdleExitMs)
        + ")\n"
          "  --state-dir DIR     when the application ends while no agent is attached, record how and\n"
          "                      when in DIR/<node>.app-end.json for the next agent\n"
          "  --help              show this help\n"
          "  --version           show the version\n";
}

} // namespace hacmp::guard
