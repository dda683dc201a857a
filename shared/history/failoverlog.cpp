#include "shared/history/failoverlog.h"

#include <QDateTime>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace hacmp {

namespace {

// The role_change details the Election writes (election.cpp): a counted claim, and a change of role
// "<old> -> <new>: <why>".
const QLatin1String kClaimPrefix("master of epoch ");

bool isClaim(const HistoryEvent &event)
{
    return event.event == QLatin1String(historyevents::RoleChange) && event.detail.startsWith(kClaimPrefix)
        && !event.node.isEmpty();
}

/// The new role and the reason of a "master -> <role>: <why>" role change, or false.
bool leftMaster(const HistoryEvent &event, QString *role, QString *why)
{
    static const QRegularExpression pattern(QStringLiteral("^master -> (\\S+): (.*)$"));
    if (event.event != QLatin1String(historyevents::RoleChange))
        return false;
    const QRegularExpressionMatch match = pattern.match(event.detail);
    if (!match.hasMatch())
        return false;
    *role = match.captured(1);
    *why = match.captured(2);
    return true;
}

bool isRelevant(const HistoryEvent &event)
{
    return event.event == QLatin1String(historyevents::RoleChange)
        || event.event == QLatin1String(historyevents::AppStart) || event.event == QLatin1String(historyevents::AppExit)
        || event.event == QLatin1String(historyevents::NodeDead)
        || event.event == QLatin1String(historyevents::GuardKill);
}

std::optional<Millis> between(const QString &from, const QString &to)
{
    const QDateTime start = QDateTime::fromString(from, Qt::ISODateWithMs);
    const QDateTime end = QDateTime::fromString(to, Qt::ISODateWithMs);
    if (!start.isValid() || !end.isValid())
        return std::nullopt;
    return Millis(start.msecsTo(end));
}

QString termKey(const QString &node, quint64 epoch)
{
    return node + QLatin1Char('#') + QString::number(epoch);
}

/// What the history says about how one master term ended.
struct TermEnd
{
    QString role; ///< the role it left master for, empty when no stand-down was recorded
    QString why;
    QString seenDeadBy; ///< writer of a node_dead event about it
    bool guardKill = false; ///< its guard stopped the application at the lease deadline (guard_kill)
};

MasterChangeReason reasonOf(const TermEnd &end)
{
    if (end.why == QLatin1String("switchover"))
        return MasterChangeReason::Switchover;
    if (end.why == QLatin1String("clean stop") || end.why == QLatin1String("standby requested"))
        return MasterChangeReason::Handover;
    if (end.why == QLatin1String("conflict"))
        return MasterChangeReason::Conflict;
    return MasterChangeReason::Failover;
}

QString describeEnd(const QString &node, const TermEnd &end)
{
    QString text;
    if (end.role.isEmpty() && end.guardKill)
        text = QStringLiteral("no stand-down recorded by %1; its guard stopped the application at the lease deadline")
                   .arg(node);
    else if (end.role.isEmpty())
        text = QStringLiteral("no stand-down recorded by %1").arg(node);
    else if (end.role == QLatin1String("fenced"))
        text = QStringLiteral("%1 was fenced: %2").arg(node, end.why);
    else
        text = QStringLiteral("%1 stood down: %2").arg(node, end.why);
    if (!end.seenDeadBy.isEmpty())
        text += QStringLiteral("; %1 saw it dead").arg(end.seenDeadBy);
    return text;
}

} // namespace

QString masterChangeReasonName(MasterChangeReason reason)
{
    switch (reason) {
    case MasterChangeReason::Initial:
        return QStringLiteral("initial");
    case MasterChangeReason::Switchover:
        return QStringLiteral("switchover");
    case MasterChangeReason::Handover:
        return QStringLiteral("handover");
    case MasterChangeReason::Failover:
        return QStringLiteral("failover");
    case MasterChangeReason::Conflict:
        return QStringLiteral("conflict");
    }
    return QStringLiteral("unknown");
}

void FailoverLog::add(const QList<HistoryEvent> &events)
{
    for (const HistoryEvent &event : events) {
        if (isRelevant(event))
            m_events.append(event);
    }
    std::stable_sort(m_events.begin(), m_events.end(), historyEventLess);
    m_changes = derive(m_events);
}

void FailoverLog::clear()
{
    m_events.clear();
    m_changes.clear();
}

const MasterChange *FailoverLog::termOf(const QString &node, quint64 epoch) const
{
    for (auto it = m_changes.crbegin(); it != m_changes.crend(); ++it) {
        if (it->node == node && it->epoch == epoch)
            return &*it;
    }
    return nullptr;
}

const MasterChange *FailoverLog::lastFailover() const
{
    for (auto it = m_changes.crbegin(); it != m_changes.crend(); ++it) {
        if (it->reason != MasterChangeReason::Initial)
            return &*it;
    }
    return nullptr;
}

QList<MasterChange> FailoverLog::derive(const QList<HistoryEvent> &sortedEvents)
{
    QList<MasterChange> changes;
    QHash<QString, TermEnd> ends; ///< by termKey
    QHash<QString, QString> firstStart; ///< termKey -> time of its first app_start
    QHash<QString, QString> lastExit; ///< termKey -> time of its newest app_exit not followed by a start

    // One pass collects the terms and what each term's events say; events of a term may land out of
    // order with other hosts' events (skewed clocks), so they are matched by node and epoch, not position.
    for (const HistoryEvent &event : sortedEvents) {
        const QString key = termKey(event.node, event.epoch);
        if (isClaim(event)) {
            if (!changes.isEmpty() && changes.constLast().node == event.node
                && changes.constLast().epoch == event.epoch)
                continue; // the same term written twice
            MasterChange change;
            change.time = event.time;
            change.node = event.node;
            change.epoch = event.epoch;
            changes.append(change);
        } else if (event.event == QLatin1String(historyevents::AppStart)) {
            if (!firstStart.contains(key))
                firstStart.insert(key, event.time);
            lastExit.remove(key); // restarted: that exit did not end the term's application
        } else if (event.event == QLatin1String(historyevents::AppExit)) {
            // Also the end the guard recorded while no agent ran, written later by the next agent with the
            // time of the kill (docs/protocol.md, History): it sorts where it happened.
            lastExit.insert(key, event.time);
        } else if (event.event == QLatin1String(historyevents::GuardKill)) {
            ends[key].guardKill = true;
        } else if (event.event == QLatin1String(historyevents::NodeDead)) {
            if (changes.isEmpty() || changes.constLast().node != event.node)
                continue;
            TermEnd &end = ends[termKey(changes.constLast().node, changes.constLast().epoch)];
            if (end.seenDeadBy.isEmpty())
                end.seenDeadBy = event.writer;
        } else {
            QString role;
            QString why;
            TermEnd &end = ends[key];
            if (end.role.isEmpty() && leftMaster(event, &role, &why)) {
                end.role = role;
                end.why = why;
            }
        }
    }

    for (qsizetype i = 0; i < changes.size(); ++i) {
        MasterChange &change = changes[i];
        change.appStarted = firstStart.value(termKey(change.node, change.epoch));
        if (i == 0) {
            change.detail = QStringLiteral("first master in the history");
            continue;
        }
        const MasterChange &previous = changes.at(i - 1);
        const QString previousKey = termKey(previous.node, previous.epoch);
        const TermEnd end = ends.value(previousKey);
        change.previousNode = previous.node;
        change.previousEpoch = previous.epoch;
        change.reason = reasonOf(end);
        change.detail = describeEnd(previous.node, end);
        change.appStopped = lastExit.value(previousKey);
        if (!change.appStopped.isEmpty() && !change.appStarted.isEmpty())
            change.downtime = between(change.appStopped, change.appStarted);
    }
    return changes;
}

} // namespace hacmp
