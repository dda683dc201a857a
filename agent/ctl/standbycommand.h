#pragma once

#include "agent/ctl/ctlcommand.h"

namespace hacmp::ctl {

/// `hacmpctl standby NODE on|off [--reason TEXT]`: sets or clears standby/<NODE>, which keeps NODE from
/// becoming master (a master with the flag hands over), e.g. before working on that host.
CtlCommand standbyCommand();

} // namespace hacmp::ctl
