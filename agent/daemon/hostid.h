#pragma once

#include "shared/base/result.h"

#include <QStringList>

namespace hacmp::agent {

/// The files that may hold this host's identity (the record's host_id, docs/protocol.md O4), in order.
QStringList machineIdFiles();

/// This host's identity: the first of files that holds a machine id (32 hexadecimal digits). An error
/// names every file tried and says how to create one. A host_id tells two hosts that write the record
/// of one node name apart, so it must differ between hosts and stay the same across restarts.
Result<QString> readHostId(const QStringList &files = machineIdFiles());

} // namespace hacmp::agent
