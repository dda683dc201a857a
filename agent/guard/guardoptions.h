#pragma once

#include "agent/guard/outcome.h"

#include <string>
#include <vector>

namespace hacmp::guard {

/// The command line of hacmp-guard: `hacmp-guard --socket PATH [--idle-exit-ms N] [--state-dir DIR]`, or --help,
/// --version.
struct GuardOptions
{
    std::string socketPath;
    long long idleExitMs = 0;
    std::string stateDirectory; ///< where the end file goes; empty: none is written
    bool help = false;
    bool version = false;

    /// Parses the arguments after argv[0]; a Failure names the offending argument.
    static Outcome<GuardOptions> parse(const std::vector<std::string> &arguments);
    static std::string usage();
};

} // namespace hacmp::guard
