#include "agent/ctl/actionlog.h"

#include "shared/history/actor.h"

#include <QTextStream>

namespace hacmp::ctl {

ActionLog::ActionLog(CtlSession &session)
    : m_session(session)
    , m_actor(currentActor())
    , m_when(utcNowIso())
{ }

QString ActionLog::reasonOrDefault(const QString &given)
{
    const QString reason = given.trimmed();
    return reason.isEmpty() ? QStringLiteral("no reason given") : reason;
}

Result<ControlNote> ActionLog::change(const OperatorAction &action, const QString &detail)
{
    const QString actor = m_actor;
    const QString when = m_when;
    const Status made = m_session.call<Status>([actor, when, action](ClusterDirectory &directory) {
        return OperatorLog(directory, actor).change(action, when);
    });
    if (!made)
        return Error { made.error() };
    record(historyEventOf(action.kind), action.node, detail.isEmpty() ? action.reason : detail, action.epoch);
    return note(action.reason);
}

Status ActionLog::record(const QString &event, const QString &node, const QString &detail, quint64 epoch)
{
    HistoryEvent line;
    line.time = m_when;
    line.event = event;
    line.node = node;
    line.detail = detail;
    line.epoch = epoch;
    const QString writer = m_actor;
    const Status status = m_session.call<Status>(
        [writer, line](ClusterDirectory &directory) { return OperatorLog(directory, writer).record(line); });
    if (!status)
        QTextStream(stderr) << QStringLiteral("hacmpctl: warning: the change was made, but it is not in the history: ")
                            << status.error() << Qt::endl;
    return status;
}

QString describeNoteRead(const NoteRead &read)
{
    if (!read.note)
        return read.problem;
    return QStringLiteral("since %1 by %2: %3").arg(read.note->when, read.note->who, read.note->why);
}

} // namespace hacmp::ctl
