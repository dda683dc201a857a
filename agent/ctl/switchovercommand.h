#pragma once

#include "agent/ctl/ctlcommand.h"

namespace hacmp::ctl {

/// `hacmpctl switchover [NODE] [--timeout SECONDS] [--reason TEXT]`: a planned move of the application
/// (docs/protocol.md H1, H2): a request addressed to the current master's epoch, then a wait until the target
/// runs the application, with the downtime this host observed.
CtlCommand switchoverCommand();

} // namespace hacmp::ctl
