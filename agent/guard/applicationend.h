#pragma once

#include "agent/guard/outcome.h"

#include <cstdint>
#include <string>

namespace hacmp::guard {

/// How the application ended while no agent was there to be told (guardprotocol.h, the end file): at the
/// lease deadline after the agent died, or by itself while no agent was attached. The next agent of the
/// node writes it to the history as the end of the term (docs/protocol.md, History).
struct ApplicationEnd
{
    std::string node;
    std::uint64_t epoch = 0;
    long long pid = 0;
    /// Wall clock, milliseconds since 1970 (UTC): when the guard began to stop it (SIGTERM at the deadline,
    /// STOP, QUIT), or when it ended by itself.
    long long timeMs = 0;
    std::string cause; ///< deadline | stopped | exited | signaled, as in EXITED
    int status = 0; ///< the exit code, or the signal number, as in EXITED
};

/// The file's one line: {"format":1,"node":"..","epoch":N,"pid":N,"time":"<UTC ISO 8601 with ms>Z",
/// "cause":"..","status":N} and a newline.
std::string encodeApplicationEnd(const ApplicationEnd &end);

/// The path of the end file of node in stateDirectory: <state_directory>/<node>.app-end.json.
std::string applicationEndPath(const std::string &stateDirectory, const std::string &node);

/// Writes the end file durably (a temporary file, fsync, rename, fsync of the folder), replacing an older one.
Outcome<bool> writeApplicationEnd(const std::string &path, const ApplicationEnd &end);

} // namespace hacmp::guard
