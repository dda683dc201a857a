#include "shared/protocol/observer.h"

namespace hacmp {

Observer::Observer(QString self, Timing timing, std::shared_ptr<SlotCache> cache)
    : m_self(std::move(self))
    , m_timing(timing)
    , m_cache(std::move(cache))
{ }

void Observer::applyRead(const QString &node, const FileRead &read, MonoTime issuedAt, MonoTime now)
{
    if (read.outcome != IoOutcome::Ok && read.outcome != IoOutcome::Absent)
        return; // no information (O1)
    NodeView &view = m_views[node];
    if (issuedAt < view.lastIssue)
        return; // an older read that returned late says nothing newer
    view.lastIssue = issuedAt;

    const bool absent = read.outcome == IoOutcome::Absent;
    const bool first = !view.everRead;
    const bool changed = first || absent != view.absent || read.bytes != view.raw;
    if (!changed) { // the same bytes say the same thing, read once more
        view.confirmedAt = std::max(view.confirmedAt, issuedAt);
        if (view.content && !view.unknown)
            view.incarnations[view.content->incarnation].lastRead = now;
        for (const QString &hostId : std::as_const(view.lastHostIds))
            view.hostIds.insert(hostId, now);
        return;
    }
    RecordDecode decoded;
    if (!absent)
        decoded = m_cache->readRecord(read.bytes, node);
    view.raw = read.bytes;
    view.absent = absent;
    view.changedAt = now;
    view.confirmedAt = kNever;
    view.everRead = true;
    // A clean shutdown found at the first look is as good as dead: it will not change again.
    if (first && !absent && decoded.kind == RecordKind::Valid && decoded.record.state == Role::Offline)
        view.changedAt = kNever;

    if (absent) {
        view.lastHostIds.clear();
        // A record that existed and vanished is unknown until it has been absent for F.
        view.unknown = !view.incarnations.isEmpty() || view.content.has_value();
        view.problem = view.unknown ? QStringLiteral("record vanished") : QString();
        return;
    }
    applyDecoded(view, decoded, now);
}

void Observer::applyDecoded(NodeView &view, const RecordDecode &decoded, MonoTime now)
{
    view.lastHostIds.clear();
    for (const HeartbeatRecord &slot : decoded.validSlots) {
        view.lastHostIds.append(slot.hostId);
        view.hostIds.insert(slot.hostId, now);
    }
    if (decoded.kind != RecordKind::Valid) {
        view.unknown = true;
        view.problem = decoded.problem;
        return;
    }
    const HeartbeatRecord &record = decoded.record;
    auto it = view.incarnations.find(record.incarnation);
    if (it == view.incarnations.end() || record.seq >= it->seq) {
        view.incarnations.insert(record.incarnation, { record.seq, record, now });
    } else {
        it->lastRead = now; // O3: an older write that landed late is a liveness signal only
    }
    // The current incarnation is the one with the highest seq: seq rises across incarnations.
    auto newest = view.incarnations.cbegin();
    for (auto i = view.incarnations.cbegin(); i != view.incarnations.cend(); ++i) {
        if (i->seq > newest->seq)
            newest = i;
    }
    view.content = newest->record;
    view.unknown = false;
    view.problem.clear();
}

bool Observer::isDead(const QString &node) const
{
    const auto it = m_views.constFind(node);
    if (it == m_views.constEnd() || !it->everRead)
        return false;
    if (it->changedAt == kNever)
        return true;
    return it->confirmedAt != kNever && it->confirmedAt >= it->changedAt + m_timing.failoverTimeout;
}

NodeObservation Observer::observation(const QString &node, MonoTime now) const
{
    NodeObservation observed;
    observed.node = node;
    observed.twoHosts = showsTwoHosts(node, now);
    const NodeView *known = view(node);
    if (!known || !known->everRead || known->unknown || !known->content) {
        observed.problem = known ? known->problem : QString();
        return observed;
    }
    observed.record = known->content;
    observed.unchangedFor = known->changedAt == kNever ? Millis(0) : now - known->changedAt;
    if (!isDead(node))
        observed.freshness = Freshness::Changing;
    else
        observed.freshness = known->content->state == Role::Offline ? Freshness::Offline : Freshness::Dead;
    return observed;
}

bool Observer::contentBlocks(const HeartbeatRecord &record)
{
    return isClaimingRole(record.state) || record.app.state != AppState::Stopped;
}

bool Observer::showsTwoHosts(const QString &node, MonoTime now) const
{
    const auto it = m_views.constFind(node);
    if (it == m_views.constEnd())
        return false;
    int recent = 0;
    for (const MonoTime seen : it->hostIds) {
        if (seen >= now - m_timing.failoverTimeout)
            ++recent;
    }
    return recent > 1;
}

bool Observer::blocks(const QString &node, MonoTime now) const
{
    const auto it = m_views.constFind(node);
    if (it == m_views.constEnd())
        return false; // never listed: there is no record
    if (isDead(node))
        return false;
    const NodeView &view = *it;
    if (view.unknown || !view.everRead || !view.content)
        return true;
    if (contentBlocks(*view.content))
        return true;
    for (auto i = view.incarnations.cbegin(); i != view.incarnations.cend(); ++i) {
        if (i.key() == view.content->incarnation)
            continue;
        if (i->lastRead >= now - m_timing.failoverTimeout && contentBlocks(i->record))
            return true;
    }
    return showsTwoHosts(node, now);
}

const NodeView *Observer::view(const QString &node) const
{
    const auto it = m_views.constFind(node);
    return it == m_views.constEnd() ? nullptr : &*it;
}

QStringList Observer::others() const
{
    QStringList names;
    for (auto it = m_views.cbegin(); it != m_views.cend(); ++it) {
        if (it.key() != m_self)
            names.append(it.key());
    }
    return names;
}

} // namespace hacmp
