#pragma once

#include "agent/ctl/ctlcommand.h"

namespace hacmp::ctl {

/// `hacmpctl check-config FILE`: checks an agent configuration the way the agent does at start (every
/// key, and the timing rules T1 and T2) before it is deployed; exit 0 when valid, 1 with each error.
CtlCommand checkConfigCommand();

} // namespace hacmp::ctl
