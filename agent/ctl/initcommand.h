#pragma once

#include "agent/ctl/ctlcommand.h"

namespace hacmp::ctl {

/// `hacmpctl init --dir DIR --cluster NAME`: makes DIR the shared directory of cluster NAME, once, before
/// any agent starts (docs/protocol.md rule (D): agents never create it themselves).
CtlCommand initCommand();

} // namespace hacmp::ctl
