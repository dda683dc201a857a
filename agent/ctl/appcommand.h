#pragma once

#include "agent/ctl/ctlcommand.h"

namespace hacmp::ctl {

/// `hacmpctl run [NODE]` and `hacmpctl stop-app [NODE]`: in maintenance, ask NODE's agent (this host's node by
/// default) to start the application by hand under its guard, or to stop it (docs/protocol.md M-c). The
/// request is app/<NODE>; the command waits for the agent's answer in its history and then for its record to
/// show the application running or stopped.
CtlCommand runCommand();
CtlCommand stopAppCommand();

} // namespace hacmp::ctl
