#pragma once

#include "agent/ctl/ctlcommand.h"

namespace hacmp::ctl {

/// `hacmpctl maintenance [on --reason TEXT | off [--reason TEXT]]`: shows, enters or leaves maintenance
/// (docs/protocol.md M-a, M-b); entering needs a reason, so that whoever finds the cluster frozen knows why.
CtlCommand maintenanceCommand();

} // namespace hacmp::ctl
