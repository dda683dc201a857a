#pragma once

#include "agent/ctl/ctlcommand.h"

namespace hacmp::ctl {

/// `hacmpctl status [--watch SECONDS] [--json]`: the cluster at a glance for an operator and for
/// monitoring (exit status 0 OK or MAINTENANCE, 1 DEGRADED, 2 NO MASTER or CONFLICT, 3 the directory).
CtlCommand statusCommand();

} // namespace hacmp::ctl
