#include "tests/sim/schedules.h"

#include "tests/sim/simhost.h"

namespace hacmp::sim {

namespace {

Timing edgeTiming()
{
    // Valid under T1 and T2, with the least slack of the model's profiles.
    Timing timing;
    timing.interval = Millis(1000);
    timing.ioTimeout = Millis(500);
    timing.failoverTimeout = Millis(6000);
    timing.renewLimit = Millis(5500);
    timing.stopGrace = Millis(1500);
    return timing;
}

RealTime us(Millis value)
{
    return RealTime(value.count()) * 1000;
}

/// Faults drawn at random for one family, each aimed at the master (when there is one) or any host.
class RandomFaults final
{
public:
    RandomFaults(Simulation &sim)
        : m_sim(sim)
        , m_t(sim.timing())
    {
        m_horizon = 12 * us(m_t.failoverTimeout);
        m_warm = 2 * us(m_t.failoverTimeout) + us(m_t.settle()) + 2 * us(m_t.interval);
        m_sim.setFaultHorizon(m_horizon);
    }

    void apply(const QString &family);

private:
    /// An operator's work during a maintenance window [now, now + duration): the usual upgrade (stop,
    /// start by hand, sometimes right at the end), the master's agent stopped or restarted, or a restart
    /// in place that may fall after the window.
    void operatorWork(RealTime now, RealTime duration)
    {
        const double q = m_sim.uniform(0, 1);
        if (q >= 0.3 && q < 0.45) {
            // hacmpctl stop-app and run (M-c), on the master or (refused) elsewhere, sometimes over an instance
            // started by hand on another node, sometimes right at the end of the window.
            const RealTime stop = now + RealTime(m_sim.uniform(0.1, 0.5) * double(duration));
            const bool late = m_sim.chance(0.2);
            const RealTime run = now + RealTime(m_sim.uniform(late ? 0.9 : 0.5, late ? 1.05 : 0.9) * double(duration));
            m_sim.appRequest(stop, AppRequest::Action::Stop, m_sim.chance(0.9));
            if (m_sim.chance(0.25))
                m_sim.handStart(stop, stop + (run - stop) / 2, false, true);
            m_sim.appRequest(run, AppRequest::Action::Run, m_sim.chance(0.8));
            return;
        }
        if (q < 0.4) {
            const RealTime stop = now + RealTime(m_sim.uniform(0.1, 0.5) * double(duration));
            // Inside the window: a copy started by hand after maintenance is the operator's second instance,
            // which no agent can prevent (the oracle counts it against S1); D16 starts one on the master right
            // at the end.
            const RealTime start = now + RealTime(m_sim.uniform(0.5, 0.95) * double(duration));
            const bool onMaster = m_sim.chance(0.7);
            m_sim.handStart(stop, start, onMaster, !onMaster || m_sim.chance(0.3));
            return;
        }
        const bool inPlace = q >= 0.7;
        const RealTime when = now + RealTime(m_sim.uniform(0.1, inPlace ? 1.5 : 0.6) * double(duration));
        const RealTime back = RealTime(m_sim.uniform(0.05, 2.5) * double(us(m_t.renewLimit)));
        m_sim.at(when, [this, inPlace, back] {
            const int holder = m_sim.masterHost();
            if (holder < 0)
                return;
            SimHost &target = m_sim.host(holder);
            if (inPlace)
                target.restartInPlace();
            else
                target.cleanStop();
            m_sim.at(m_sim.now() + back, [&target] {
                target.killAgent(); // a stop that hangs ends here
                target.restart();
            });
        });
    }

    RealTime anyTime(RealTime low = -1, RealTime high = -1)
    {
        low = low < 0 ? m_warm : low;
        high = high < 0 ? m_horizon - us(m_t.failoverTimeout) : high;
        return RealTime(m_sim.uniform(double(low), double(std::max(low, high))));
    }
    RealTime clip(RealTime duration) const
    {
        return std::max<RealTime>(0, std::min(duration, m_horizon - m_sim.now() - 10000));
    }
    int pick(bool master)
    {
        if (master) {
            const int host = m_sim.masterHost();
            if (host >= 0)
                return host;
        }
        return int(m_sim.random()() % std::uint64_t(m_sim.nodeCount()));
    }
    RealTime between(double low, double high) { return RealTime(m_sim.uniform(low, high)); }
    double F() const { return double(us(m_t.failoverTimeout)); }
    int count(int low, int high) { return low + int(m_sim.random()() % std::uint64_t(high - low + 1)); }
    bool masterOrAny() { return m_sim.chance(0.66); }
    void arm(double probability)
    {
        for (int i = 0; i < m_sim.nodeCount(); ++i)
            m_sim.host(i).armRandomFreezes(probability);
    }

    void fault(RealTime when, const QString &kind, bool master);
    void doFault(const QString &kind, bool master);

    Simulation &m_sim;
    Timing m_t;
    RealTime m_horizon;
    RealTime m_warm;
    RealTime m_maintenanceUntil = 0;
    RealTime m_switchoverUntil = 0;
    RealTime m_lastCleanStop = -kRealNever;
};

void RandomFaults::fault(RealTime when, const QString &kind, bool master)
{
    m_sim.at(when, [this, kind, master] { doFault(kind, master); });
}

void RandomFaults::doFault(const QString &kind, bool master)
{
    const RealTime now = m_sim.now();
    SimHost &host = m_sim.host(pick(master));
    if (kind == QLatin1String("crash") || kind == QLatin1String("kill")) {
        if (host.crashed() || !host.agentRunning())
            return;
        const RealTime back = clip(between(100000, 3 * F()));
        if (kind == QLatin1String("crash")) {
            host.crash();
            m_sim.at(now + back, [&host] { host.restart(); });
        } else {
            host.killAgent();
            m_sim.at(now + back, [&host] { host.restart(); });
        }
    } else if (kind == QLatin1String("freeze")) {
        host.freeze(std::min(m_sim.drawFreeze(), clip(kRealNever)));
    } else if (kind == QLatin1String("part") || kind == QLatin1String("shadow")) {
        if (host.path() != PathState::Ok)
            return;
        const RealTime duration = kind == QLatin1String("part") ? clip(between(double(us(m_t.interval)), 3 * F()))
                                                                : clip(between(2 * F(), 4 * F()));
        host.setPath(PathState::Down, now + duration);
        m_sim.log(QStringLiteral("FAULT %1 storage path down for %2 s").arg(host.node()).arg(double(duration) / 1e6));
        m_sim.at(now + duration, [&host] { host.setPath(PathState::Ok, 0); });
    } else if (kind == QLatin1String("readfail")) {
        const RealTime duration = clip(between(F(), 4 * F()));
        for (int i = 0; i < m_sim.nodeCount(); ++i) {
            if (i != host.index() && m_sim.chance(0.7))
                m_sim.host(i).failReads(host.node(), now, now + duration);
        }
        if (m_sim.chance(0.6))
            host.failReads(QString(), now, now + duration);
    } else if (kind == QLatin1String("slow") || kind == QLatin1String("torn")) {
        const RealTime duration = clip(between(F(), 4 * F()));
        host.setSlow(true);
        if (kind == QLatin1String("torn"))
            host.setTorn(true);
        m_sim.at(now + duration, [&host] {
            host.setSlow(false);
            host.setTorn(false);
        });
    } else if (kind == QLatin1String("maint")) {
        const RealTime duration = std::min(between(2 * F(), 5 * F()), m_horizon - now - 2 * RealTime(F()));
        if (duration < 2 * F() || now < m_maintenanceUntil + F())
            return;
        m_maintenanceUntil = now + duration;
        m_sim.maintenance(now, now + duration);
        const double r = m_sim.uniform(0, 1);
        if (r < 0.35) {
            m_sim.manualMove(now + RealTime(m_sim.uniform(0.2, 0.7) * double(duration)));
        } else if (r < 0.7) {
            const RealTime when = now + RealTime(m_sim.uniform(0.1, 0.5) * double(duration));
            const RealTime partition = RealTime(m_sim.uniform(0.5, 1.5) * double(duration));
            m_sim.at(when, [this, partition] {
                SimHost &target = m_sim.host(pick(true));
                if (target.path() != PathState::Ok)
                    return;
                const RealTime length = clip(partition);
                target.setPath(PathState::Down, m_sim.now() + length);
                m_sim.at(m_sim.now() + length, [&target] { target.setPath(PathState::Ok, 0); });
            });
        } else {
            operatorWork(now, duration);
        }
    } else if (kind == QLatin1String("switch")) {
        if (now < m_switchoverUntil)
            return;
        const int target = int(m_sim.random()() % std::uint64_t(m_sim.nodeCount()));
        const Election *election = m_sim.host(target).election();
        if (!election || election->role() != Role::Standby)
            return;
        const RealTime keep = clip(between(F(), 3 * F()));
        m_switchoverUntil = now + keep;
        m_sim.switchover(now, m_sim.host(target).node(), keep);
    } else if (kind == QLatin1String("cleanstop")) {
        const Election *election = host.election();
        if (!election || election->role() != Role::Master || now - m_lastCleanStop < 2 * RealTime(F()))
            return;
        m_lastCleanStop = now;
        bool standbyExists = false;
        for (int i = 0; i < m_sim.nodeCount(); ++i) {
            const Election *other = m_sim.host(i).election();
            standbyExists |= i != host.index() && other && other->role() == Role::Standby;
        }
        if (standbyExists)
            m_sim.noteCleanStop(now, host.index());
        host.cleanStop();
        const RealTime back = clip(between(double(us(m_t.stopGrace + m_t.ioTimeout + 2 * m_t.interval)), 2 * F()));
        m_sim.at(now + back, [&host] {
            host.killAgent(); // systemd gives up on a stop that hangs
            host.restart();
        });
    } else if (kind == QLatin1String("dup")) {
        SimHost &duplicate = m_sim.duplicateHost();
        if (duplicate.agentRunning())
            return;
        const RealTime duration = clip(between(2 * F(), 5 * F()));
        m_sim.log(QStringLiteral("MISCONFIG a second agent named n0 runs on host-X"));
        duplicate.restart();
        m_sim.at(now + duration, [&duplicate] { duplicate.killAgent(); });
    } else if (kind == QLatin1String("appcrash")) {
        host.stopGuardedInstanceByHand();
    }
}

void RandomFaults::apply(const QString &family)
{
    static const QStringList mixedKinds = { QStringLiteral("crash"), QStringLiteral("kill"), QStringLiteral("freeze"),
        QStringLiteral("part"), QStringLiteral("readfail"), QStringLiteral("slow"), QStringLiteral("torn"),
        QStringLiteral("maint"), QStringLiteral("switch"), QStringLiteral("cleanstop"), QStringLiteral("shadow"),
        QStringLiteral("appcrash") };
    const QString crashKinds[] = { QStringLiteral("crash"), QStringLiteral("kill") };
    if (family == QLatin1String("cold")) {
        for (int i = 0; i < m_sim.nodeCount(); ++i) {
            if (m_sim.chance(0.5)) {
                SimHost &host = m_sim.host(i);
                host.setSlow(true);
                m_sim.at(3 * RealTime(F()), [&host] { host.setSlow(false); });
            }
        }
        const double probabilities[] = { 0.2, 0.5, 1.0 };
        arm(probabilities[m_sim.random()() % 3]);
    } else if (family == QLatin1String("crash")) {
        for (int n = count(1, 4); n > 0; --n)
            fault(anyTime(), crashKinds[m_sim.random()() % 2], masterOrAny());
    } else if (family == QLatin1String("freeze")) {
        for (int n = count(1, 4); n > 0; --n)
            fault(anyTime(), QStringLiteral("freeze"), masterOrAny());
    } else if (family == QLatin1String("tfreeze")) {
        const double probabilities[] = { 0.1, 0.3, 0.6, 1.0 };
        arm(probabilities[m_sim.random()() % 4]);
        const QString kinds[]
            = { QStringLiteral("kill"), QStringLiteral("freeze"), QStringLiteral("crash"), QStringLiteral("part") };
        for (int n = count(1, 3); n > 0; --n)
            fault(anyTime(), kinds[m_sim.random()() % 4], true);
    } else if (family == QLatin1String("partition") || family == QLatin1String("shadow")) {
        const QString kind = family == QLatin1String("partition") ? QStringLiteral("part") : QStringLiteral("shadow");
        for (int n = count(1, 3); n > 0; --n)
            fault(anyTime(), kind, masterOrAny());
    } else if (family == QLatin1String("readfail") || family == QLatin1String("torn")) {
        for (int n = count(1, 4); n > 0; --n)
            fault(anyTime(), family, m_sim.chance(0.5));
    } else if (family == QLatin1String("slow")) {
        for (int n = count(1, 3); n > 0; --n)
            fault(anyTime(), QStringLiteral("slow"), masterOrAny());
        for (int n = count(0, 2); n > 0; --n)
            fault(anyTime(), QStringLiteral("freeze"), false);
    } else if (family == QLatin1String("maint")) {
        for (int n = count(1, 2); n > 0; --n)
            fault(anyTime(-1, m_horizon - 6 * RealTime(F())), QStringLiteral("maint"), false);
        if (m_sim.chance(0.5)) {
            const QString kinds[]
                = { QStringLiteral("crash"), QStringLiteral("kill"), QStringLiteral("freeze"), QStringLiteral("part") };
            fault(anyTime(), kinds[m_sim.random()() % 4], true);
        }
    } else if (family == QLatin1String("handover")) {
        for (int n = count(1, 3); n > 0; --n)
            fault(anyTime(), QStringLiteral("switch"), false);
        if (m_sim.chance(0.3))
            arm(0.3);
        else
            m_sim.setCheckHandover(true);
    } else if (family == QLatin1String("cleanstop")) {
        for (int n = count(1, 3); n > 0; --n)
            fault(anyTime(), QStringLiteral("cleanstop"), true);
        m_sim.setCheckHandover(true);
    } else if (family == QLatin1String("dup")) {
        fault(anyTime(-1, m_horizon - 5 * RealTime(F())), QStringLiteral("dup"), false);
    } else if (family == QLatin1String("appcrash")) {
        for (int n = count(1, 6); n > 0; --n)
            fault(anyTime(), QStringLiteral("appcrash"), true);
    } else if (family == QLatin1String("mixed")) {
        if (m_sim.chance(0.5))
            arm(m_sim.chance(0.5) ? 0.1 : 0.3);
        for (int n = count(3, 8); n > 0; --n)
            fault(anyTime(), mixedKinds.at(int(m_sim.random()() % std::uint64_t(mixedKinds.size()))), masterOrAny());
    }
}

// ---------------------------------------------------------------- directed schedules

void base(Simulation &sim, const QList<int> &priorities, bool exactGrace = true)
{
    sim.setFaultHorizon(RealTime(120) * 1000000);
    sim.setExactStopGrace(exactGrace);
    for (int i = 0; i < priorities.size(); ++i)
        sim.host(i).configure(1.0, priorities.at(i));
}

RealTime s(double seconds)
{
    return RealTime(seconds * 1e6);
}

void crashFor(Simulation &sim, int host, RealTime when, RealTime down)
{
    sim.at(when, [&sim, host, down] {
        sim.host(host).crash();
        sim.at(sim.now() + down, [&sim, host] { sim.host(host).restart(); });
    });
}

void pathDown(Simulation &sim, int host, RealTime when, RealTime down)
{
    sim.at(when, [&sim, host, down] {
        sim.host(host).setPath(PathState::Down, sim.now() + down);
        sim.at(sim.now() + down, [&sim, host] { sim.host(host).setPath(PathState::Ok, 0); });
    });
}

void applyDirected(Simulation &sim, const QString &name)
{
    const Timing &t = sim.timing();
    if (name == QLatin1String("D1-unreadable-both")) {
        base(sim, { 2, 1 });
        sim.host(1).garbleReads(QStringLiteral("n0"), s(40), s(80));
        sim.host(0).failReads(QStringLiteral("n1"), s(40), s(80));
    } else if (name == QLatin1String("D1-unreadable-oneway")) {
        base(sim, { 2, 1 });
        sim.host(1).garbleReads(QStringLiteral("n0"), s(40), s(80));
        sim.at(s(40), [&sim] { sim.host(0).setSlowReads(true); });
    } else if (name == QLatin1String("D2-frozen-candidate")) {
        base(sim, { 2, 1 });
        crashFor(sim, 0, s(40), s(18));
        sim.host(1).armFreeze(StepPoint::BeforeClaimWrite, s(45), s(25));
    } else if (name == QLatin1String("D3-frozen-before-start")) {
        base(sim, { 2, 1 });
        crashFor(sim, 0, s(40), s(18));
        sim.host(1).armFreeze(StepPoint::BeforeStart, s(45), s(25));
    } else if (name == QLatin1String("D4-edge-freeze-after-renewal")) {
        base(sim, { 2, 1 });
        sim.host(0).armFreeze(StepPoint::BeforeGuardDeadline, s(40), s(4.4));
        sim.host(0).armFreeze(StepPoint::BeforeWrite, s(44), s(20));
    } else if (name == QLatin1String("D5-handover")) {
        base(sim, { 3, 2, 1 }, false);
        sim.switchover(s(40), QStringLiteral("n2"), s(30));
        sim.setCheckHandover(true);
    } else if (name == QLatin1String("D6-maint-manual-move")) {
        base(sim, { 2, 1 });
        sim.maintenance(s(40), s(80));
        sim.manualMove(s(55));
    } else if (name == QLatin1String("D7-maint-partition")) {
        base(sim, { 2, 1 });
        sim.maintenance(s(40), s(80));
        pathDown(sim, 0, s(50), s(60));
    } else if (name == QLatin1String("D8-dup-node-name")) {
        // A copied configuration on a second host: it refuses to join before writing, so the master goes on.
        base(sim, { 2, 1 });
        sim.at(s(40), [&sim] { sim.duplicateHost().restart(); });
        sim.at(s(80), [&sim] { sim.duplicateHost().killAgent(); });
        sim.expectContinuous(s(35), s(100));
    } else if (name == QLatin1String("D22-dup-node-cold-start")) {
        // Both hosts of one node name start together: both may refuse, never both run.
        base(sim, { 2, 1 });
        sim.at(s(0.2), [&sim] { sim.duplicateHost().restart(); });
        sim.at(s(80), [&sim] { sim.duplicateHost().killAgent(); });
    } else if (name == QLatin1String("D9-mount-vanished")) {
        base(sim, { 2, 1 });
        pathDown(sim, 0, s(40), s(40));
    } else if (name == QLatin1String("D10-cold-start-3")) {
        base(sim, { 1, 1, 1 }, false);
    } else if (name == QLatin1String("D11-seq-reuse-edge")) {
        base(sim, { 2, 1 });
        sim.at(s(40), [&sim] { sim.host(0).setAckSlow(true); });
        sim.at(s(44), [&sim] { sim.host(0).setAckSlow(false); });
        pathDown(sim, 0, s(45), s(20));
    } else if (name == QLatin1String("D13-maint-handstart-master")) {
        base(sim, { 2, 1 });
        sim.maintenance(s(40), s(80));
        sim.handStart(s(50), s(55), true, false);
    } else if (name == QLatin1String("D14-maint-handstart-standby")) {
        base(sim, { 2, 1 });
        sim.maintenance(s(40), s(80));
        sim.handStart(s(50), s(55), false, true);
    } else if (name == QLatin1String("D15-maint-handstart-both")) {
        base(sim, { 2, 1, 1 });
        sim.maintenance(s(40), s(80));
        sim.handStart(s(50), s(55), true, true);
    } else if (name == QLatin1String("D16-maint-handstart-at-end")) {
        // The hand start lands around the end of maintenance, also after the master decided to start and
        // before it acted (a freeze right before the start).
        base(sim, { 2, 1 });
        sim.maintenance(s(40), s(80));
        const double interval = double(t.interval.count()) / 1000;
        sim.handStart(s(50), s(80 + sim.uniform(-interval, 3 * interval)), true, false);
        sim.host(0).armFreeze(StepPoint::BeforeStart, s(79), s(sim.uniform(0.05, 2 * interval)));
    } else if (name == QLatin1String("D17-maint-handstart-agent-restart")) {
        base(sim, { 2, 1 });
        sim.maintenance(s(40), s(80));
        sim.handStart(s(50), s(55), true, false);
        sim.at(s(60), [&sim] { sim.host(0).killAgent(); });
        sim.at(s(60.5), [&sim] { sim.host(0).restart(); });
    } else if (name == QLatin1String("D18-maint-agent-restart")) {
        // systemctl restart in maintenance: the application stays up, under its guard.
        base(sim, { 2, 1 });
        sim.maintenance(s(40), s(80));
        sim.at(s(50), [&sim] { sim.host(0).cleanStop(); });
        const double back = sim.uniform(0.1, 0.6) * double(t.renewLimit.count()) / 1000;
        sim.at(s(50 + back), [&sim] { sim.host(0).restart(); });
        sim.expectContinuous(s(45), s(100));
    } else if (name == QLatin1String("D19-maint-agent-stopped")) {
        // systemctl stop in maintenance: the guard ends the application at the deadline; after maintenance
        // another node runs it, once.
        base(sim, { 2, 1 });
        sim.maintenance(s(40), s(80));
        sim.at(s(50), [&sim] { sim.host(0).cleanStop(); });
        sim.at(s(100), [&sim] { sim.host(0).restart(); });
    } else if (name == QLatin1String("D20-restart-in-place")) {
        base(sim, { 2, 1 });
        sim.at(s(50), [&sim] { sim.host(0).restartInPlace(); });
        const double back = sim.uniform(0.1, 0.6) * double(t.renewLimit.count()) / 1000;
        sim.at(s(50 + back), [&sim] { sim.host(0).restart(); });
        sim.expectContinuous(s(45), s(100));
    } else if (name == QLatin1String("D21-maint-stale-record")) {
        // The master cannot read the standby's record from before maintenance on: what it kept says
        // maint=false, while the standby runs an instance started by hand (seed 20000373449).
        base(sim, { 2, 1 });
        sim.host(0).failReads(QStringLiteral("n1"), s(39), s(100));
        sim.maintenance(s(40), s(80));
        sim.handStart(s(50), s(55), false, true);
    } else if (name == QLatin1String("D23-maint-stop-run-by-request")) {
        // hacmpctl stop-app, then hacmpctl run on the master: the application started under the guard in
        // maintenance stays when maintenance ends (M-c); run on the standby is refused.
        base(sim, { 2, 1 });
        sim.maintenance(s(40), s(80));
        sim.appRequest(s(50), AppRequest::Action::Stop, true);
        sim.appRequest(s(55), AppRequest::Action::Run, false);
        sim.appRequest(s(60), AppRequest::Action::Run, true);
        sim.expectContinuous(s(62), s(100));
    } else if (name == QLatin1String("D12-candidate-race")) {
        base(sim, { 3, 1, 2 });
        crashFor(sim, 0, s(40), s(200));
        const double settle = double(t.settle().count()) / 1000;
        const double renew = double(t.renewLimit.count()) / 1000;
        sim.host(2).armFreeze(StepPoint::BeforeCandidateWrite, s(45), s(sim.uniform(settle + 0.3, settle + 1.2)));
        sim.host(1).armFreeze(StepPoint::BeforeClaimWrite, s(45), s(sim.uniform(settle, renew - 0.1)));
    }
}

} // namespace

QStringList randomFamilies()
{
    return { QStringLiteral("cold"), QStringLiteral("crash"), QStringLiteral("freeze"), QStringLiteral("tfreeze"),
        QStringLiteral("partition"), QStringLiteral("readfail"), QStringLiteral("slow"), QStringLiteral("torn"),
        QStringLiteral("maint"), QStringLiteral("handover"), QStringLiteral("cleanstop"), QStringLiteral("dup"),
        QStringLiteral("shadow"), QStringLiteral("appcrash"), QStringLiteral("mixed") };
}

ScheduleSpec specForSeed(std::uint64_t seed)
{
    static const QStringList families = randomFamilies();
    std::mt19937_64 random(seed * 7919 + 17);
    ScheduleSpec spec;
    spec.family = families.at(int(seed % std::uint64_t(families.size())));
    const int profile = int((seed / std::uint64_t(families.size())) % 3);
    spec.profile = profile == 0 ? QStringLiteral("default")
        : profile == 1          ? QStringLiteral("fast")
                                : QStringLiteral("edge");
    spec.timing = profile == 0 ? Timing::defaults() : profile == 1 ? Timing::fast() : edgeTiming();
    const int nodes[] = { 2, 2, 3, 4 };
    spec.nodes = nodes[random() % 4];
    return spec;
}

QStringList directedSchedules()
{
    return { QStringLiteral("D1-unreadable-both"), QStringLiteral("D1-unreadable-oneway"),
        QStringLiteral("D2-frozen-candidate"), QStringLiteral("D3-frozen-before-start"),
        QStringLiteral("D4-edge-freeze-after-renewal"), QStringLiteral("D5-handover"),
        QStringLiteral("D6-maint-manual-move"), QStringLiteral("D7-maint-partition"),
        QStringLiteral("D8-dup-node-name"), QStringLiteral("D9-mount-vanished"), QStringLiteral("D10-cold-start-3"),
        QStringLiteral("D11-seq-reuse-edge"), QStringLiteral("D12-candidate-race"),
        QStringLiteral("D13-maint-handstart-master"), QStringLiteral("D14-maint-handstart-standby"),
        QStringLiteral("D15-maint-handstart-both"), QStringLiteral("D16-maint-handstart-at-end"),
        QStringLiteral("D17-maint-handstart-agent-restart"), QStringLiteral("D18-maint-agent-restart"),
        QStringLiteral("D19-maint-agent-stopped"), QStringLiteral("D20-restart-in-place"),
        QStringLiteral("D21-maint-stale-record"), QStringLiteral("D22-dup-node-cold-start"),
        QStringLiteral("D23-maint-stop-run-by-request") };
}

ScheduleSpec directedSpec(const QString &name)
{
    ScheduleSpec spec;
    spec.family = name;
    const bool edge = name.startsWith(QLatin1String("D4-")) || name.startsWith(QLatin1String("D11-"));
    spec.profile = edge ? QStringLiteral("edge") : QStringLiteral("default");
    spec.timing = edge ? edgeTiming() : Timing::defaults();
    spec.nodes = name.startsWith(QLatin1String("D5-")) || name.startsWith(QLatin1String("D10-"))
            || name.startsWith(QLatin1String("D12-")) || name.startsWith(QLatin1String("D15-"))
        ? 3
        : 2;
    return spec;
}

ScheduleRun runSchedule(std::uint64_t seed, const ScheduleSpec &spec, bool trace)
{
    Simulation sim(seed, spec.timing, spec.nodes, trace);
    sim.setEtcdStore(spec.etcd);
    std::unique_ptr<RandomFaults> faults;
    if (spec.family.startsWith(QLatin1Char('D'))) {
        applyDirected(sim, spec.family);
    } else {
        faults = std::make_unique<RandomFaults>(sim);
        faults->apply(spec.family);
    }
    ScheduleRun run;
    run.violations = sim.run();
    run.steps = sim.steps();
    run.trace = sim.trace();
    return run;
}

} // namespace hacmp::sim
