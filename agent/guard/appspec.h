#pragma once

#include "agent/guard/outcome.h"

#include <string>
#include <string_view>
#include <vector>

namespace hacmp::guard {

/// How to start the application, as the agent sends it in START (guardprotocol.h): one line of JSON
/// {"argv":[...],"env":["K=V",...],"user":"","group":"","cwd":"","stop_grace_ms":N,"node":"..",
/// "cluster_dir":".."}. argv and stop_grace_ms are required, the rest may be left out (empty).
struct AppSpec
{
    std::vector<std::string> argv;
    std::vector<std::string> env; ///< KEY=VALUE entries added to the guard's own environment
    std::string user;
    std::string group;
    std::string cwd;
    long long stopGraceMs = 0;
    std::string node;
    std::string clusterDir;
};

/// Parses exactly the shape above with a strict parser: unknown or repeated keys, wrong types, an
/// empty argv, an env entry without '=', NUL characters and anything after the object are rejected.
Outcome<AppSpec> parseAppSpec(std::string_view json);

} // namespace hacmp::guard
