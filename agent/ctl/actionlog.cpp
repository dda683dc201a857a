#include "agent/ctl/actionlog.h"

#include "shared/history/actor.h"
#include "shared/history/historywriter.h"

#include <QTextStream>

namespace hacmp::ctl {

namespace {

/// The highest seq in the writer's current file (or, when there is none, its rotated one); 0 when none.
quint64 highestSeq(ClusterDirectory &directory, const QString &writer)
{
    const qsizetype limit = qsizetype(HistoryWriter::kDefaultRotateBytes) * 2;
    for (const QString &path : { historyFilePath(writer), historyRotatedFilePath(writer) }) {
        const FileRead read = directory.readFile(path, limit);
        if (!read.ok() || read.bytes.isEmpty())
            continue;
        quint64 highest = 0;
        for (const HistoryEvent &event : parseHistoryLines(read.bytes, 0, 1, path).events)
            highest = std::max(highest, event.seq);
        return highest;
    }
    return 0;
}

} // namespace

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

Result<ControlNote> ActionLog::change(const QString &event, const QString &node, const QString &why,
    std::function<Status(ControlFiles &, const ControlNote &)> write, const QString &detail)
{
    const ControlNote written = note(why);
    const Status made = m_session.call<Status>([written, write = std::move(write)](ClusterDirectory &directory) {
        ControlFiles files(directory);
        return write(files, written);
    });
    if (!made)
        return Error { made.error() };
    record(event, node, detail.isEmpty() ? why : detail);
    return written;
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
    const Status status = m_session.call<Status>([writer, line](ClusterDirectory &directory) {
        HistoryWriter history(directory, writer);
        history.setNextSeq(highestSeq(directory, writer) + 1);
        return history.append(line);
    });
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
