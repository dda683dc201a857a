#pragma once

#include "agent/ctl/ctlcommand.h"

namespace hacmp::ctl {

/// `hacmpctl clear NODE [--reason TEXT]`: asks NODE's agent to reset its restart budget (writes
/// clear/<NODE>, which the agent reads, acts on and removes), so that a node that stood down after
/// repeated application failures becomes eligible again once the cause is fixed.
CtlCommand clearCommand();

} // namespace hacmp::ctl
