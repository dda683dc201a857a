#include "tests/sim/simulation.h"

#include "shared/storage/controlfiles.h"
#include "tests/sim/simhost.h"

#include <algorithm>

namespace hacmp::sim {

Simulation::Simulation(std::uint64_t seed, Timing timing, int nodes, bool trace)
    : m_timing(timing)
    , m_nodeCount(nodes)
    , m_tracing(trace)
    , m_random(seed)
{
    static const int priorities[] = { 0, 0, 1, 2 };
    for (int i = 0; i < nodes; ++i) {
        const double rate = chance(0.5) ? (chance(0.5) ? 0.99 : 1.01) : uniform(0.99, 1.01);
        m_hosts.push_back(std::make_unique<SimHost>(*this, i, QStringLiteral("n%1").arg(i),
            QStringLiteral("host-%1").arg(i), rate, priorities[m_random() % 4]));
    }
    // A second host configured, by mistake, with the node name of n0 (started only by schedules).
    m_hosts.push_back(std::make_unique<SimHost>(
        *this, nodes, QStringLiteral("n0"), QStringLiteral("host-X"), uniform(0.99, 1.01), 0));
    for (int i = 0; i < nodes; ++i) {
        const double failover = double(m_timing.failoverTimeout.count()) * 1000;
        const RealTime start = RealTime(chance(0.7) ? uniform(0, 300000) : uniform(0, failover));
        at(start, [this, i] { host(i).startAgent(); });
    }
}

Simulation::~Simulation() = default;

void Simulation::at(RealTime when, std::function<void()> action)
{
    m_queue.push(Event { when, m_order++, std::move(action) });
}

double Simulation::uniform(double low, double high)
{
    if (high <= low)
        return low;
    return std::uniform_real_distribution<double>(low, high)(m_random);
}

int Simulation::masterHost() const
{
    for (const auto &host : m_hosts) {
        const Election *election = host->election();
        if (election && host->index() < m_nodeCount && election->role() == Role::Master)
            return host->index();
    }
    for (const auto &host : m_hosts) {
        if (host->guardHolds() && host->index() < m_nodeCount)
            return host->index();
    }
    return -1;
}

RealTime Simulation::appExitDelay()
{
    const double grace = double(m_timing.stopGrace.count()) * 1000;
    if (m_exactStopGrace || chance(0.5))
        return RealTime(grace); // ignores SIGTERM: SIGKILL after stop_grace
    return RealTime(uniform(0, grace));
}

RealTime Simulation::drawFreeze()
{
    const Timing &t = m_timing;
    const double interval = double(t.interval.count()) * 1000;
    const double settle = double(t.settle().count()) * 1000;
    const double renew = double(t.renewLimit.count()) * 1000;
    const double failover = double(t.failoverTimeout.count()) * 1000;
    const double grace = double(t.stopGrace.count()) * 1000;
    const double io = double(t.ioTimeout.count()) * 1000;
    switch (m_random() % 6) {
    case 0:
        return RealTime(uniform(0, interval));
    case 1:
        return RealTime(uniform(0.7 * renew, 1.3 * renew));
    case 2:
        return RealTime(uniform(0.8 * settle, 1.2 * settle + grace));
    case 3:
        return RealTime(uniform(failover, failover + settle + renew + grace));
    case 4:
        return RealTime(uniform(renew - interval, renew + io));
    default:
        return RealTime(uniform(0, 3 * failover));
    }
}

int Simulation::startInstance(int host, std::uint64_t epoch, bool manual, const QString &why)
{
    m_instances.push_back(
        Instance { host, m_now, kRealNever, epoch, manual, why == QLatin1String(kStartByHandReason), why });
    log(QStringLiteral("APP START on host %1 epoch %2 (%3)").arg(host).arg(epoch).arg(why));
    return int(m_instances.size()) - 1;
}

void Simulation::endInstance(int index)
{
    if (m_instances.at(index).end == kRealNever) {
        m_instances[index].end = m_now;
        log(QStringLiteral("APP EXIT on host %1").arg(m_instances[index].host));
    }
}

void Simulation::log(const QString &message)
{
    if (m_tracing)
        m_traceLines.append(QStringLiteral("%1  %2").arg(double(m_now) / 1e6, 10, 'f', 3).arg(message));
}

QByteArray Simulation::tornCopy(const QByteArray &before, qsizetype offset, const QByteArray &slot)
{
    QByteArray torn = before;
    if (torn.size() < offset + slot.size())
        torn.resize(offset + slot.size(), '\0');
    const qsizetype written = qsizetype(m_random() % std::uint64_t(slot.size()));
    torn.replace(offset, written, slot.left(written));
    return torn;
}

void Simulation::maintenance(RealTime from, RealTime until)
{
    m_maintenanceWindows.push_back({ from, until });
    at(from, [this] {
        log(QStringLiteral("OPERATOR maintenance on"));
        m_storage.put(QStringLiteral("maintenance"),
            encodeNote(ControlNote { QStringLiteral("op@sim"), QString(), QStringLiteral("test") }));
    });
    at(until, [this] {
        log(QStringLiteral("OPERATOR maintenance off"));
        m_storage.remove(QStringLiteral("maintenance"));
    });
}

void Simulation::switchover(RealTime when, const QString &target, RealTime keepFor)
{
    at(when, [this, target, keepFor] {
        const int master = masterHost();
        if (master < 0 || host(master).node() == target || !host(master).election())
            return;
        const std::uint64_t epoch = host(master).election()->epoch();
        log(QStringLiteral("OPERATOR switchover to %1 (epoch %2)").arg(target).arg(epoch));
        SwitchoverRequest request;
        request.target = target;
        request.epoch = epoch;
        request.who = QStringLiteral("op@sim");
        m_storage.put(QStringLiteral("switchover"), encodeSwitchover(request));
        m_switchovers.push_back({ m_now, target });
        at(m_now + keepFor, [this] { m_storage.remove(QStringLiteral("switchover")); });
    });
}

void Simulation::manualMove(RealTime when)
{
    at(when, [this] {
        int source = -1;
        for (int i = 0; i < m_nodeCount; ++i) {
            if (host(i).guardHolds() && !host(i).crashed())
                source = i;
        }
        std::vector<int> targets;
        for (int i = 0; i < m_nodeCount; ++i) {
            if (i != source && !host(i).crashed())
                targets.push_back(i);
        }
        if (targets.empty())
            return;
        const int target = targets[m_random() % targets.size()];
        if (source >= 0) {
            log(QStringLiteral("OPERATOR stops the application on %1").arg(host(source).node()));
            host(source).stopGuardedInstanceByHand();
        }
        log(QStringLiteral("OPERATOR starts the application by hand on %1").arg(host(target).node()));
        host(target).startManualInstance(QStringLiteral("operator"));
    });
}

void Simulation::handStart(RealTime stopAt, RealTime startAt, bool onMaster, bool onOther)
{
    auto master = std::make_shared<int>(-1);
    at(stopAt, [this, master] {
        *master = masterHost();
        if (*master < 0)
            return;
        log(QStringLiteral("OPERATOR stops the application on %1").arg(host(*master).node()));
        host(*master).stopGuardedInstanceByHand();
    });
    at(startAt, [this, master, onMaster, onOther] {
        if (*master < 0)
            return;
        bool other = onOther; // one other node is enough
        // After maintenance, starting by hand where the application does not belong is the operator's second
        // instance, which no agent can prevent: the schedule does that only on the node that is still master.
        const bool late = !inMaintenanceWindow(m_now);
        for (int i = 0; i < m_nodeCount; ++i) {
            if (host(i).crashed() || !(i == *master ? onMaster : other) || (late && i != masterHost()))
                continue;
            log(QStringLiteral("OPERATOR starts the application by hand on %1").arg(host(i).node()));
            host(i).startManualInstance(QStringLiteral("operator"));
            other = other && i == *master;
        }
    });
}

void Simulation::appRequest(RealTime when, AppRequest::Action action, bool onMaster)
{
    at(when, [this, action, onMaster] {
        const int master = masterHost();
        int target = master;
        if (!onMaster || master < 0)
            target = int(m_random() % std::uint64_t(m_nodeCount));
        if (!onMaster && target == master)
            target = (target + 1) % m_nodeCount;
        const QString node = host(target).node();
        log(QStringLiteral("OPERATOR hacmpctl %1 %2")
                .arg(action == AppRequest::Action::Run ? QStringLiteral("run") : QStringLiteral("stop-app"), node));
        m_storage.put(appRequestPath(node),
            encodeAppRequest(AppRequest {
                action, ControlNote { QStringLiteral("op@sim"), QString::number(m_now), QStringLiteral("test") } }));
    });
}

void Simulation::healAllAt(RealTime when)
{
    at(when, [this] {
        for (auto &host : m_hosts) {
            host->setPath(PathState::Ok, 0);
            host->setSlow(false);
            host->setAckSlow(false);
            host->setTorn(false);
            host->setSlowReads(false);
        }
    });
}

bool Simulation::inMaintenanceWindow(RealTime when) const
{
    return std::any_of(m_maintenanceWindows.begin(), m_maintenanceWindows.end(),
        [&](const auto &window) { return window.first <= when && when <= window.second; });
}

QList<Violation> Simulation::run()
{
    const Timing &t = m_timing;
    const RealTime settle = RealTime(t.settle().count()) * 1000;
    const RealTime failover = RealTime(t.failoverTimeout.count()) * 1000;
    const RealTime io = RealTime(t.ioTimeout.count()) * 1000;
    const RealTime interval = RealTime(t.interval.count()) * 1000;
    healAllAt(m_faultHorizon);
    // after the faults: late writes land (F), then time for a failover or two and a stable stretch
    m_end = m_faultHorizon + failover + 4 * io + 4 * (failover + settle) + 12 * interval;
    while (!m_queue.empty()) {
        Event event = m_queue.top();
        if (event.when > m_end)
            break;
        m_queue.pop();
        m_now = event.when;
        event.action();
        ++m_steps;
    }
    m_now = m_end;
    return check();
}

QList<Violation> Simulation::check() const
{
    QList<Violation> violations;
    const Timing &t = m_timing;
    const RealTime settle = RealTime(t.settle().count()) * 1000;
    const RealTime failover = RealTime(t.failoverTimeout.count()) * 1000;
    const RealTime io = RealTime(t.ioTimeout.count()) * 1000;
    const RealTime interval = RealTime(t.interval.count()) * 1000;
    const RealTime grace = RealTime(t.stopGrace.count()) * 1000;

    std::vector<Instance> sorted = m_instances;
    std::sort(sorted.begin(), sorted.end(), [](const Instance &a, const Instance &b) { return a.start < b.start; });
    // S1: never two hosts at once (a hand-started instance in maintenance is the operator's doing).
    for (size_t i = 0; i < sorted.size(); ++i) {
        for (size_t j = i + 1; j < sorted.size() && sorted[j].start < sorted[i].end; ++j) {
            const Instance &a = sorted[i];
            const Instance &b = sorted[j];
            if (a.host == b.host)
                continue;
            if ((a.manual && b.manual) || ((a.manual || b.manual) && inMaintenanceWindow(b.start)))
                continue;
            const RealTime overlap = std::min(a.end, b.end) - b.start;
            if (overlap > 0)
                violations.append(Violation { QStringLiteral("S1"), b.start,
                    QStringLiteral("host %1 (epoch %2, %3) and host %4 (epoch %5, %6) overlap for %7 s")
                        .arg(a.host)
                        .arg(a.epoch)
                        .arg(a.why)
                        .arg(b.host)
                        .arg(b.epoch)
                        .arg(b.why)
                        .arg(double(std::min(overlap, m_end)) / 1e6) });
        }
    }
    // Never two on one host: an agent never starts the application over an instance started by hand.
    for (const Instance &manual : m_instances) {
        if (!manual.manual)
            continue;
        for (const Instance &started : m_instances) {
            if (!started.manual && started.host == manual.host && started.start >= manual.start
                && started.start < manual.end)
                violations.append(Violation { QStringLiteral("S1"), started.start,
                    QStringLiteral("host %1 started the application (epoch %2, %3) over an instance started by hand")
                        .arg(started.host)
                        .arg(started.epoch)
                        .arg(started.why) });
        }
    }
    // W5: an agent restart that keeps the application keeps one instance running throughout.
    for (const auto &[from, until] : m_continuous) {
        const bool kept = std::any_of(
            m_instances.begin(), m_instances.end(), [&, from = from, until = until](const Instance &instance) {
                return !instance.manual && instance.start < from && instance.end > until;
            });
        if (!kept)
            violations.append(Violation { QStringLiteral("W5"), from,
                QStringLiteral("the application did not run without a break from %1 s to %2 s")
                    .arg(double(from) / 1e6)
                    .arg(double(until) / 1e6) });
    }
    // S2: every new term starts with an epoch above all earlier terms' epochs.
    std::uint64_t highest = 0;
    std::vector<std::pair<int, std::uint64_t>> terms;
    for (const Instance &instance : sorted) {
        if (instance.manual)
            continue;
        const auto term = std::make_pair(instance.host, instance.epoch);
        if (std::find(terms.begin(), terms.end(), term) != terms.end())
            continue;
        terms.push_back(term);
        if (instance.epoch <= highest)
            violations.append(Violation { QStringLiteral("S2"), instance.start,
                QStringLiteral("host %1 started epoch %2, not above %3")
                    .arg(instance.host)
                    .arg(instance.epoch)
                    .arg(highest) });
        highest = std::max(highest, instance.epoch);
    }
    // M1: no start by an agent in maintenance once every agent could have seen it.
    for (const auto &[from, until] : m_maintenanceWindows) {
        for (const Instance &instance : m_instances) {
            if (!instance.manual && !instance.byRequest && instance.start > from + interval + io + 100000
                && instance.start < until)
                violations.append(Violation { QStringLiteral("M1"), instance.start,
                    QStringLiteral("application started on host %1 during maintenance (%2)")
                        .arg(instance.host)
                        .arg(instance.why) });
        }
    }
    // L1: once faults stop, exactly one instance, up for the last window.
    std::vector<const Instance *> running;
    for (const Instance &instance : m_instances) {
        if (instance.end == kRealNever)
            running.push_back(&instance);
    }
    if (running.size() != 1)
        violations.append(Violation {
            QStringLiteral("L1"), m_end, QStringLiteral("%1 instances running at the end").arg(running.size()) });
    else if (running.front()->start > m_end - (failover + settle))
        violations.append(Violation { QStringLiteral("L1"), m_end,
            QStringLiteral("the instance started only at %1 s (flapping or slow)")
                .arg(double(running.front()->start) / 1e6) });
    // L2: a calm switchover or clean stop hands over without waiting for a failover.
    if (m_checkHandover) {
        const RealTime bound = grace + settle + 3 * interval + 3 * io;
        for (const auto &[when, target] : m_switchovers) {
            const bool reached = std::any_of(
                m_instances.begin(), m_instances.end(), [&, when = when, target = target](const Instance &instance) {
                    return !instance.manual && m_hosts.at(instance.host)->node() == target
                        && instance.start <= when + bound + failover && instance.end > when;
                });
            if (!reached)
                violations.append(Violation {
                    QStringLiteral("L2"), when, QStringLiteral("switchover to %1 not done in time").arg(target) });
        }
        for (const auto &[when, source] : m_cleanStops) {
            const bool taken = std::any_of(
                m_instances.begin(), m_instances.end(), [&, when = when, source = source](const Instance &instance) {
                    return !instance.manual && instance.host != source && instance.start >= when
                        && instance.start <= when + bound;
                });
            if (!taken)
                violations.append(Violation { QStringLiteral("L2"), when,
                    QStringLiteral("clean stop of host %1: no takeover within %2 s")
                        .arg(source)
                        .arg(double(bound) / 1e6) });
        }
    }
    return violations;
}

} // namespace hacmp::sim
