#pragma once

#include "agent/ctl/commandparser.h"
#include "agent/ctl/ctlsession.h"

namespace hacmp::ctl {

// The NODE argument of standby, clear and switchover.

/// nullopt when node is a valid node name; otherwise the usage error was printed and this is its status.
std::optional<int> checkNodeArgument(const CommandParser &parser, const QString &node);

/// Whether nodes/<node>.hb exists; when it does not, a warning naming the known nodes is printed (a typo
/// in a node name would otherwise go unnoticed). Unknown (the listing failed) counts as existing.
bool warnUnlessNodeKnown(CtlSession &session, const QString &node);

} // namespace hacmp::ctl
