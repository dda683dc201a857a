#include "agent/daemon/maintenancesince.h"

#include "shared/storage/controlfiles.h"

namespace hacmp::agent {

void MaintenanceSince::observe(const FileRead &maintenance, const QDateTime &now)
{
    const NoteRead read = interpretNote(maintenance, maintenancePath());
    if (read.presence == Presence::Unknown)
        return;
    if (read.presence == Presence::Absent) {
        m_since.reset();
        m_fromNote = false;
        return;
    }
    const QDateTime written = read.note ? QDateTime::fromString(read.note->when, Qt::ISODateWithMs) : QDateTime();
    if (written.isValid()) {
        m_since = written;
        m_fromNote = true;
    } else if (!m_since || m_fromNote) {
        m_since = now;
        m_fromNote = false;
    }
}

} // namespace hacmp::agent
