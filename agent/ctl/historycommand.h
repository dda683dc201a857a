#pragma once

#include "agent/ctl/ctlcommand.h"

namespace hacmp::ctl {

/// `hacmpctl history [--since TIME] [--node NODE] [--json] [--failovers]`: the history of all writers
/// merged in time order, or (--failovers) each change of master with its reason and downtime.
CtlCommand historyCommand();

} // namespace hacmp::ctl
