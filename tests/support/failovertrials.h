#pragma once

#include "shared/protocol/monotime.h"
#include "tests/support/agentrig.h"

#include <QList>
#include <QString>
#include <QThread>

#include <optional>

namespace hacmp {
class ClusterDirectory;
}

namespace hacmp::test {

/// What is done to the master (or asked of it) in one trial of a benchmark.
enum class Fault { Kill, Freeze, Terminate, Switchover };

/// The ledger times of one trial: from the fault (or request) and from the old instance's last line to the
/// new instance's START.
struct Trial
{
    qint64 latency = 0;
    qint64 downtime = 0;
};

/// What one cluster's trials gave: failure names a trial that did not recover, unsafe the ledgers' verdict.
struct ClusterRun
{
    QList<Trial> trials;
    QString failure;
    QString unsafe;
};

/// Bounded polling for worker threads (which have no QTest and no event loop of their own), every 50 ms.
template <typename Condition> bool waitUntil(Condition condition, qint64 ms)
{
    const qint64 deadline = monotonicNowMs() + ms;
    while (!condition()) {
        if (monotonicNowMs() >= deadline)
            return false;
        QThread::msleep(50);
    }
    return true;
}

/// The other node of a two-node cluster of nodes a and b.
QString otherNode(const QString &node);

/// The running instance when the cluster is ready for a trial: it runs on one node, the other node's record
/// (in directory) says eligible standby and no switchover is pending.
std::optional<Instance> steadyMaster(AgentRig &rig, ClusterDirectory &directory);

/// Runs trials in sequence on the started two-node cluster (nodes a and b) of rig, whose records and control
/// files directory holds (the rig's directory, or its etcd store): wait until one node runs the application
/// and the other is an eligible standby, inject fault into the master, wait for the new instance, bring the
/// old master's agent back. Fills run with each trial's times, the first failure and the ledgers' verdict
/// (with the agents' logs when either is not empty); name labels its messages.
void runTrials(
    AgentRig &rig, ClusterDirectory &directory, Fault fault, int trials, const QString &name, ClusterRun &run);

/// The benchmarks' target for the median failover: failover_timeout + settle + 1.5 x interval (the max's is
/// T3, Timing::failoverBound()).
qint64 medianFailoverTarget(const Timing &timing);

/// Statistics and the rows of a benchmark's table of times.
double median(QList<qint64> values);
/// The nearest-rank percentile.
qint64 percentile(QList<qint64> values, int percent);
QString seconds(double ms);
QString yesNo(bool met);
/// A row of the table of times: what was measured, the timing profile, the count, median, p90 and max of
/// values (not empty), the target and whether it was met; timeHeader() names the columns.
QString timeRow(const QString &what, const QString &profile, const QList<qint64> &values, const QString &target,
    const QString &met);
QString timeHeader();

} // namespace hacmp::test
