#pragma once

#include "shared/storage/clusterdirectory.h"

#include <QDateTime>

#include <optional>

namespace hacmp::agent {

/// When the cluster's maintenance began, for hacmp_maintenance_started_timestamp_seconds: the time `hacmpctl
/// maintenance on` wrote in the maintenance file, or, when the file holds none that parses, when this agent
/// first read it present. Fed every scan's read of the file; a read that fails changes nothing.
class MaintenanceSince final
{
public:
    void observe(const FileRead &maintenance, const QDateTime &now);
    /// Since when maintenance is on; none while the file was last read absent (or never read).
    std::optional<QDateTime> since() const { return m_since; }

private:
    std::optional<QDateTime> m_since;
    bool m_fromNote = false; ///< m_since is the file's own time
};

} // namespace hacmp::agent
