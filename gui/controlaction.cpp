#include "gui/controlaction.h"

#include "shared/history/actor.h"
#include "shared/history/historyevent.h"
#include "shared/history/historytail.h"
#include "shared/storage/controlfiles.h"

namespace hacmp::console {

namespace {

QString historyEventOf(ControlAction::Kind kind)
{
    switch (kind) {
    case ControlAction::Kind::MaintenanceOn:
        return QLatin1String(historyevents::MaintenanceOn);
    case ControlAction::Kind::MaintenanceOff:
        return QLatin1String(historyevents::MaintenanceOff);
    case ControlAction::Kind::StandbyOn:
        return QLatin1String(historyevents::StandbyOn);
    case ControlAction::Kind::StandbyOff:
        return QLatin1String(historyevents::StandbyOff);
    case ControlAction::Kind::Switchover:
        return QLatin1String(historyevents::SwitchoverRequested);
    case ControlAction::Kind::ClearFailures:
        return QLatin1String(historyevents::ClearFailures);
    }
    return QString();
}

} // namespace

ControlActionRunner::ControlActionRunner(std::shared_ptr<ClusterDirectory> directory, QString actor)
    : m_directory(std::move(directory))
    , m_actor(std::move(actor))
    , m_history(*m_directory, m_actor)
{ }

Status ControlActionRunner::run(const ControlAction &action)
{
    const QString now = utcNowIso();
    if (const Status written = write(action, now); !written)
        return written;
    if (!m_resumed)
        resumeSeq();
    HistoryEvent event;
    event.time = now;
    event.event = historyEventOf(action.kind);
    event.node = action.node;
    event.epoch = action.epoch;
    event.detail = action.reason;
    if (const Status logged = m_history.append(event); !logged)
        return Error(QStringLiteral("The change was made, but its line in the history could not be written: %1")
                         .arg(logged.error()));
    return {};
}

Status ControlActionRunner::write(const ControlAction &action, const QString &now)
{
    ControlFiles control(*m_directory);
    const ControlNote note { m_actor, now, action.reason };
    switch (action.kind) {
    case ControlAction::Kind::MaintenanceOn:
        return control.setMaintenance(note);
    case ControlAction::Kind::MaintenanceOff:
        return control.clearMaintenance();
    case ControlAction::Kind::StandbyOn:
        return control.setStandby(action.node, note);
    case ControlAction::Kind::StandbyOff:
        return control.clearStandby(action.node);
    case ControlAction::Kind::Switchover:
        return control.requestSwitchover(SwitchoverRequest { action.node, action.epoch, m_actor, now });
    case ControlAction::Kind::ClearFailures:
        return control.requestClear(action.node, note);
    }
    return Error(QStringLiteral("Unknown action; nothing was written"));
}

void ControlActionRunner::resumeSeq()
{
    quint64 highest = 0;
    for (const QString &path : { historyRotatedFilePath(m_actor), historyFilePath(m_actor) }) {
        const FileRead read = m_directory->readFile(path, HistoryTail::kDefaultMaxFileBytes);
        if (read.outcome == IoOutcome::Absent)
            continue;
        if (!read.ok())
            return; // try again with the next action
        const HistoryChunk chunk = parseHistoryLines(read.bytes, 0, 1, path);
        for (const HistoryEvent &event : chunk.events)
            highest = std::max(highest, event.seq);
    }
    m_history.setNextSeq(std::max(m_history.nextSeq(), highest + 1));
    m_resumed = true;
}

} // namespace hacmp::console
