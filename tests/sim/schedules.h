#pragma once

#include "tests/sim/simulation.h"

#include <QStringList>

namespace hacmp::sim {

/// What one schedule runs: its fault family, timings and number of nodes.
struct ScheduleSpec
{
    QString family;
    Timing timing;
    int nodes = 2;
    QString profile;
    bool etcd = false; ///< the etcd store's semantics instead of the shared directory's (Simulation::setEtcdStore)
};

/// The adversarial schedule families (the model's), drawn from a seed.
QStringList randomFamilies();
ScheduleSpec specForSeed(std::uint64_t seed);

/// The directed schedules D1..D12 of the protocol's first executable model (see docs/protocol.md), one per
/// known pitfall.
QStringList directedSchedules();
ScheduleSpec directedSpec(const QString &name);

/// Builds and runs one schedule; returns its violations (and the simulation for figures/traces).
struct ScheduleRun
{
    QList<Violation> violations;
    std::uint64_t steps = 0;
    QStringList trace;
};
ScheduleRun runSchedule(std::uint64_t seed, const ScheduleSpec &spec, bool trace = false);

} // namespace hacmp::sim
