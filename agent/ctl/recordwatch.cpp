#include "agent/ctl/recordwatch.h"

#include "shared/config/nodename.h"
#include "shared/protocol/recordcodec.h"

#include <QDateTime>

#include <thread>

namespace hacmp::ctl {

namespace {

const QLatin1String kRecordSuffix(".hb");

/// One read of one record, with the instants around it on both clocks.
struct TimedRead
{
    QString node;
    FileRead read;
    MonoTime issued;
    MonoTime returned;
    qint64 issuedWall = 0;
    qint64 returnedWall = 0;
};

/// What one poll found.
struct Poll
{
    QString listError;
    QStringList ignored;
    QList<TimedRead> reads;
};

Poll pollDirectory(ClusterDirectory &directory)
{
    Poll poll;
    const Result<QStringList> names = directory.list(QStringLiteral("nodes"));
    if (!names) {
        poll.listError = names.error();
        return poll;
    }
    for (const QString &name : *names) {
        const QString node = name.chopped(name.endsWith(kRecordSuffix) ? kRecordSuffix.size() : 0);
        if (!name.endsWith(kRecordSuffix) || !isValidNodeName(node)) {
            poll.ignored.append(name);
            continue;
        }
        TimedRead timed;
        timed.node = node;
        timed.issuedWall = QDateTime::currentMSecsSinceEpoch();
        timed.issued = monotonicNow();
        timed.read = directory.readFile(QStringLiteral("nodes/") + name, kRecordFileSize);
        timed.returned = monotonicNow();
        timed.returnedWall = QDateTime::currentMSecsSinceEpoch();
        poll.reads.append(timed);
    }
    return poll;
}

} // namespace

RecordWatch::RecordWatch(CtlSession &session, const Timing &timing)
    : m_session(session)
    , m_observer(QString(), timing, std::make_shared<SlotCache>(64))
{ }

void RecordWatch::poll()
{
    const Poll poll = m_session.call<Poll>(&pollDirectory);
    if (!poll.listError.isEmpty()) {
        const QString problem = QStringLiteral("cannot list the records: %1").arg(poll.listError);
        if (!m_problems.contains(problem))
            m_problems.append(problem);
    }
    for (const QString &name : poll.ignored) {
        const QString problem
            = QStringLiteral("%1/nodes/%2 is not a record file <node>.hb of a valid node name; ignored (remove it)")
                  .arg(m_session.path(), name);
        if (!m_problems.contains(problem))
            m_problems.append(problem);
    }
    for (const TimedRead &timed : poll.reads) {
        Tracked &tracked = m_nodes[timed.node];
        const bool first = tracked.firstIssue == kNever;
        const NodeView *before = m_observer.view(timed.node);
        const MonoTime changedBefore = before ? before->changedAt : kNever;
        const bool everReadBefore = before && before->everRead;
        m_observer.applyRead(timed.node, timed.read, timed.issued, timed.returned);
        const NodeView *after = m_observer.view(timed.node);
        if (first)
            tracked.firstIssue = timed.issued;
        if (after && after->everRead && !everReadBefore)
            tracked.initialChange = after->changedAt;
        else if (after && after->changedAt != changedBefore && !after->unknown && after->content)
            tracked.skew.newRecordSeen(after->content->wallTime, tracked.lastIssueWall, timed.returnedWall);
        tracked.readError = timed.read.ok() || timed.read.outcome == IoOutcome::Absent ? QString() : timed.read.error;
        tracked.lastIssue = timed.issued;
        tracked.lastIssueWall = timed.issuedWall;
    }
}

void RecordWatch::watch(Millis duration, Millis period)
{
    const MonoTime start = monotonicNow();
    const MonoTime end = start + duration;
    poll();
    for (;;) {
        const MonoTime current = monotonicNow();
        if (current >= end)
            break;
        std::this_thread::sleep_for(std::min(period, end - current));
        poll();
    }
}

bool RecordWatch::changed(const QString &node) const
{
    const NodeView *view = m_observer.view(node);
    const auto tracked = m_nodes.constFind(node);
    return view && tracked != m_nodes.cend() && view->everRead && view->changedAt != tracked->initialChange;
}

Millis RecordWatch::watched(const QString &node) const
{
    const auto tracked = m_nodes.constFind(node);
    if (tracked == m_nodes.cend() || tracked->firstIssue == kNever)
        return Millis(0);
    return tracked->lastIssue - tracked->firstIssue;
}

std::optional<SkewEstimate> RecordWatch::skew(const QString &node) const
{
    const auto tracked = m_nodes.constFind(node);
    return tracked == m_nodes.cend() ? std::nullopt : tracked->skew.estimate();
}

bool RecordWatch::showsTwoHosts(const QString &node) const
{
    return m_observer.showsTwoHosts(node, monotonicNow());
}

} // namespace hacmp::ctl
