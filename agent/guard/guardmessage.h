#pragma once

#include "agent/guard/outcome.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace hacmp::guard {

/// One line from the agent, split into its words (guardprotocol.h). Parsing is separate from acting
/// so that the guard answers every malformed line the same way (ERROR, or REFUSED for START).
struct GuardMessage
{
    enum class Kind { Hello, Deadline, Start, Stop, Quit };

    Kind kind = Kind::Hello;
    std::string incarnation; ///< HELLO
    long long milliseconds = 0; ///< DEADLINE: the absolute deadline; STOP: the grace
    std::uint64_t epoch = 0; ///< START
    std::string spec; ///< START: the JSON text, parsed later by parseAppSpec()
};

/// Parses a line; on failure the Failure's message is "REFUSED ..." or "ERROR ..." ready to send.
Outcome<GuardMessage> parseGuardMessage(std::string_view line);

} // namespace hacmp::guard
