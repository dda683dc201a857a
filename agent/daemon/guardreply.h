#pragma once

#include "shared/protocol/monotime.h"

#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <optional>

namespace hacmp::agent {

/// One line from hacmp-guard (guard/guardprotocol.h), parsed. Parsing apart from the socket, so that
/// every reply shape is a row in a test.
struct GuardReply
{
    enum class Kind { StateIdle, StateRunning, Started, Refused, Exited, Error };

    Kind kind = Kind::Error;
    std::int64_t pid = 0; ///< StateRunning, Started
    std::uint64_t epoch = 0; ///< StateRunning
    MonoTime deadline = kNever; ///< StateIdle, StateRunning (kNever when the guard has none)
    QString cause; ///< Exited: exited | signaled | deadline | stopped
    int status = 0; ///< Exited: the exit code or the signal number
    QString text; ///< Refused: the reason; Error: the guard's message

    /// Parses a line without its newline; nullopt for anything that is not a reply of the protocol.
    static std::optional<GuardReply> parse(QByteArrayView line);
};

} // namespace hacmp::agent
