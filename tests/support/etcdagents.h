#pragma once

#include "shared/base/result.h"
#include "shared/protocol/timing.h"

#include <QString>

namespace hacmp::test {

class AgentRig;
class EtcdProcess;

/// etcd's raft election timeout with fastEtcdTiming() (the heartbeat is a tenth of it).
constexpr Millis kFastEtcdElection { 300 };

/// Timings for agents on etcd members with kFastEtcdElection that satisfy T1, T2 and the etcd rule io_timeout
/// >= election_timeout + 500 ms: interval 200 ms, io_timeout 1 s, failover_timeout 3 s, renew_limit 1.5 s,
/// stop_grace 300 ms (T3: 6.8 s).
Timing fastEtcdTiming();

/// The hacmpctl that tests run.
QString ctlPath();

/// Points the agents that rig adds from now on at etcd's members (election_timeout electionTimeout) and
/// makes the cluster key of clusterName (the rig's) with `hacmpctl init --etcd`, as an operator does:
/// agents never make it. An error with hacmpctl's output when it failed.
Status initEtcdCluster(AgentRig &rig, const EtcdProcess &etcd, Millis electionTimeout, const QString &clusterName);

} // namespace hacmp::test
