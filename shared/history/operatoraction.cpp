#include "shared/history/operatoraction.h"

#include "shared/history/historyevent.h"
#include "shared/history/historytail.h"
#include "shared/storage/controlfiles.h"

namespace hacmp {

QString historyEventOf(OperatorAction::Kind kind)
{
    switch (kind) {
    case OperatorAction::Kind::MaintenanceOn:
        return QLatin1String(historyevents::MaintenanceOn);
    case OperatorAction::Kind::MaintenanceOff:
        return QLatin1String(historyevents::MaintenanceOff);
    case OperatorAction::Kind::StandbyOn:
        return QLatin1String(historyevents::StandbyOn);
    case OperatorAction::Kind::StandbyOff:
        return QLatin1String(historyevents::StandbyOff);
    case OperatorAction::Kind::Switchover:
        return QLatin1String(historyevents::SwitchoverRequested);
    case OperatorAction::Kind::ClearFailures:
        return QLatin1String(historyevents::ClearFailures);
    case OperatorAction::Kind::RunApp:
        return QLatin1String(historyevents::AppRunRequested);
    case OperatorAction::Kind::StopApp:
        return QLatin1String(historyevents::AppStopRequested);
    }
    return QString();
}

OperatorLog::OperatorLog(ClusterDirectory &directory, QString actor)
    : m_directory(directory)
    , m_actor(std::move(actor))
    , m_history(m_directory, m_actor)
{ }

Status OperatorLog::change(const OperatorAction &action, const QString &when)
{
    ControlFiles control(m_directory);
    const ControlNote note { m_actor, when, action.reason };
    switch (action.kind) {
    case OperatorAction::Kind::MaintenanceOn:
        return control.setMaintenance(note);
    case OperatorAction::Kind::MaintenanceOff:
        return control.clearMaintenance();
    case OperatorAction::Kind::StandbyOn:
        return control.setStandby(action.node, note);
    case OperatorAction::Kind::StandbyOff:
        return control.clearStandby(action.node);
    case OperatorAction::Kind::Switchover:
        return control.requestSwitchover(SwitchoverRequest { action.node, action.epoch, m_actor, when });
    case OperatorAction::Kind::ClearFailures:
        return control.requestClear(action.node, note);
    case OperatorAction::Kind::RunApp:
        return control.requestApp(action.node, AppRequest { AppRequest::Action::Run, note });
    case OperatorAction::Kind::StopApp:
        return control.requestApp(action.node, AppRequest { AppRequest::Action::Stop, note });
    }
    return Error(QStringLiteral("unknown action; nothing was written"));
}

Status OperatorLog::record(HistoryEvent event)
{
    if (!m_resumed) {
        if (const std::optional<quint64> highest = highestSeq()) {
            m_history.setNextSeq(std::max(m_history.nextSeq(), *highest + 1));
            m_resumed = true;
        }
    }
    return m_history.append(std::move(event));
}

Status OperatorLog::apply(const OperatorAction &action, const QString &when, const QString &detail)
{
    if (const Status changed = change(action, when); !changed)
        return changed;
    HistoryEvent event;
    event.time = when;
    event.event = historyEventOf(action.kind);
    event.node = action.node;
    event.epoch = action.epoch;
    event.detail = detail.isEmpty() ? action.reason : detail;
    if (const Status logged = record(event); !logged)
        return Error(QStringLiteral("the change was made, but its line in the history could not be written: %1")
                         .arg(logged.error()));
    return {};
}

std::optional<quint64> OperatorLog::highestSeq() const
{
    quint64 highest = 0;
    for (const QString &path : { historyRotatedFilePath(m_actor), historyFilePath(m_actor) }) {
        const FileRead read = m_directory.readFile(path, HistoryTail::kDefaultMaxFileBytes);
        if (read.outcome == IoOutcome::Absent)
            continue;
        if (!read.ok())
            return std::nullopt;
        for (const HistoryEvent &event : parseHistoryLines(read.bytes, 0, 1, path).events)
            highest = std::max(highest, event.seq);
    }
    return highest;
}

} // namespace hacmp
