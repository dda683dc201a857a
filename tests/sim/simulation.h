#pragma once

#include "shared/protocol/electionaction.h"
#include "shared/protocol/timing.h"
#include "shared/storage/controlfiles.h"
#include "shared/storage/slotcache.h"
#include "tests/sim/simstorage.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <queue>
#include <random>
#include <vector>

namespace hacmp::sim {

/// True (simulated) time in microseconds. Hosts see it through their own clock rate.
using RealTime = std::int64_t;
constexpr RealTime kRealNever = std::numeric_limits<RealTime>::max() / 4;

inline RealTime seconds(double s)
{
    return RealTime(s * 1e6);
}

class SimHost;

/// One run of the application, from start to exit, for the safety oracle.
struct Instance
{
    int host = 0;
    RealTime start = 0;
    RealTime end = kRealNever;
    std::uint64_t epoch = 0;
    bool manual = false; ///< started by an operator, outside the agent
    bool byRequest = false; ///< started by the agent on an operator's request in maintenance (M-c)
    QString why;
};

/// A violation of a guarantee of docs/protocol.md, with the simulated instant it happened at.
struct Violation
{
    QString rule; ///< S1, S2, M1, L1, L2
    RealTime at = 0;
    QString detail;
};

/// What a schedule may do to the storage path of one host.
enum class PathState { Ok, Down };

/// The deterministic simulator: N hosts, each running the real Election state machine against a
/// simulated shared directory, with a guard and an application, under a fault schedule. It checks
/// S1, S2 and M1 over the whole run and L1/L2 once the faults stop.
class Simulation final
{
public:
    Simulation(std::uint64_t seed, Timing timing, int nodes, bool trace = false);
    ~Simulation();

    // ---- the schedule
    void at(RealTime when, std::function<void()> action);
    RealTime now() const { return m_now; }
    std::mt19937_64 &random() { return m_random; }
    double uniform(double low, double high);
    bool chance(double p) { return uniform(0, 1) < p; }
    const Timing &timing() const { return m_timing; }
    /// The etcd store (issue 12) instead of the shared directory: a record write is a transaction that lands
    /// only while the record's revision is the one its writer last wrote or saw at its start (after another
    /// writer's change, every write of that agent is refused), and writes are never torn.
    void setEtcdStore(bool etcd) { m_etcdStore = etcd; }
    bool etcdStore() const { return m_etcdStore; }
    SimStorage &storage() { return m_storage; }
    /// One cache of decoded slots for all hosts: every slot is decoded once per run, not once per host.
    const std::shared_ptr<SlotCache> &slotCache() const { return m_slotCache; }
    int nodeCount() const { return m_nodeCount; }
    SimHost &host(int index) { return *m_hosts.at(index); }
    SimHost &duplicateHost() { return *m_hosts.back(); }
    /// The host whose agent is master now, or else one whose guard holds the application; -1 if none.
    int masterHost() const;
    /// Faults happen before this instant; then everything heals and L1 is checked at the end.
    void setFaultHorizon(RealTime horizon) { m_faultHorizon = horizon; }
    RealTime faultHorizon() const { return m_faultHorizon; }
    void setExactStopGrace(bool exact) { m_exactStopGrace = exact; }
    void setCheckHandover(bool check) { m_checkHandover = check; }

    // ---- operators' actions and faults used by schedules
    void maintenance(RealTime from, RealTime until);
    void switchover(RealTime when, const QString &target, RealTime keepFor);
    void manualMove(RealTime when);
    void healAllAt(RealTime when);
    void noteCleanStop(RealTime when, int host) { m_cleanStops.push_back({ when, host }); }
    /// The application must run without a break from before `from` to `until` (an agent restart that keeps it).
    void expectContinuous(RealTime from, RealTime until) { m_continuous.push_back({ from, until }); }
    /// The operator's usual maintenance: stop the application on the master, start it by hand on `onMaster`
    /// and/or `onOther` a node that is not master, at the given instants.
    void handStart(RealTime stopAt, RealTime startAt, bool onMaster, bool onOther);
    /// hacmpctl run or stop-app (M-c): writes app/<node> for the master's node (or, onMaster false, another
    /// node's) at when; the agent carries it out or refuses it, and removes it.
    void appRequest(RealTime when, AppRequest::Action action, bool onMaster);

    // ---- used by hosts
    RealTime appExitDelay();
    /// A SIGSTOP length drawn around the protocol's critical durations.
    RealTime drawFreeze();
    int startInstance(int host, std::uint64_t epoch, bool manual, const QString &why);
    void endInstance(int index);
    bool instanceRunning(int index) const { return index >= 0 && m_instances.at(index).end == kRealNever; }
    void log(const QString &message);
    QByteArray tornCopy(const QByteArray &before, qsizetype offset, const QByteArray &slot);

    /// Runs to the end and returns the violations (empty when every guarantee held).
    QList<Violation> run();
    std::uint64_t steps() const { return m_steps; }
    const QStringList &trace() const { return m_traceLines; }
    const std::vector<Instance> &instances() const { return m_instances; }
    /// Instants at which the application came up again after a master failure (for latency figures).
    RealTime endTime() const { return m_end; }

private:
    struct Event
    {
        RealTime when;
        std::uint64_t order;
        std::function<void()> action;
        bool operator>(const Event &other) const
        {
            return when != other.when ? when > other.when : order > other.order;
        }
    };

    QList<Violation> check() const;
    bool inMaintenanceWindow(RealTime when) const;

    bool m_etcdStore = false;
    Timing m_timing;
    int m_nodeCount;
    bool m_tracing;
    std::mt19937_64 m_random;
    RealTime m_now = 0;
    std::uint64_t m_order = 0;
    std::uint64_t m_steps = 0;
    std::priority_queue<Event, std::vector<Event>, std::greater<Event>> m_queue;
    SimStorage m_storage;
    std::shared_ptr<SlotCache> m_slotCache = std::make_shared<SlotCache>(64);
    std::vector<std::unique_ptr<SimHost>> m_hosts;
    std::vector<Instance> m_instances;
    RealTime m_faultHorizon = 0;
    RealTime m_end = 0;
    bool m_exactStopGrace = false;
    bool m_checkHandover = false;
    std::vector<std::pair<RealTime, RealTime>> m_maintenanceWindows;
    std::vector<std::pair<RealTime, QString>> m_switchovers;
    std::vector<std::pair<RealTime, int>> m_cleanStops;
    std::vector<std::pair<RealTime, RealTime>> m_continuous;
    QStringList m_traceLines;
};

} // namespace hacmp::sim
