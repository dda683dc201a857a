#include "tests/support/failovertrials.h"

#include "shared/protocol/recordcodec.h"
#include "shared/storage/clusterdirectory.h"
#include "shared/storage/controlfiles.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <optional>

namespace hacmp::test {

namespace {

std::optional<HeartbeatRecord> recordOf(ClusterDirectory &directory, const QString &node)
{
    const FileRead read = directory.readFile(QStringLiteral("nodes/%1.hb").arg(node), kRecordFileSize);
    if (!read.ok())
        return std::nullopt;
    const RecordDecode decoded = decodeRecordFile(read.bytes, node);
    return decoded.kind == RecordKind::Valid ? std::optional(decoded.record) : std::nullopt;
}

std::optional<Instance> startedAfter(const AppLedger &ledger, const QString &node, qint64 at)
{
    for (const Instance &instance : ledger.on(node)) {
        if (instance.start >= at)
            return instance;
    }
    return std::nullopt;
}

/// Injects the fault into the master's node; an error when it could not be done.
QString inject(AgentRig &rig, ClusterDirectory &directory, Fault fault, const Instance &master)
{
    switch (fault) {
    case Fault::Kill:
        rig.signal(master.node, SIGKILL);
        return {};
    case Fault::Freeze:
        rig.signal(master.node, SIGSTOP);
        return {};
    case Fault::Terminate:
        rig.signal(master.node, SIGTERM);
        return {};
    case Fault::Switchover: {
        const Status written = ControlFiles(directory).requestSwitchover(
            SwitchoverRequest { otherNode(master.node), master.epoch, QStringLiteral("agentbench"), {} });
        return written ? QString() : written.error();
    }
    }
    return {};
}

/// Brings the old master's agent back after a trial (it becomes a standby); an error when it could not.
QString recover(AgentRig &rig, Fault fault, const QString &node)
{
    switch (fault) {
    case Fault::Kill:
        if (!rig.finished(node, 5000))
            return QStringLiteral("the killed agent of %1 did not end").arg(node);
        return rig.start(node) ? QString() : QStringLiteral("the agent of %1 did not start again").arg(node);
    case Fault::Freeze:
        rig.signal(node, SIGCONT); // it finds its lease lapsed: fenced, then standby
        return {};
    case Fault::Terminate:
        if (!rig.finished(node, 10000) || rig.agent(node).exitCode() != 0)
            return QStringLiteral("the agent of %1 did not stop cleanly on SIGTERM").arg(node);
        return rig.start(node) ? QString() : QStringLiteral("the agent of %1 did not start again").arg(node);
    case Fault::Switchover:
        return {}; // the old master becomes a standby by itself
    }
    return {};
}

} // namespace

QString otherNode(const QString &node)
{
    return node == QLatin1String("a") ? QStringLiteral("b") : QStringLiteral("a");
}

std::optional<Instance> steadyMaster(AgentRig &rig, ClusterDirectory &directory)
{
    const QList<Instance> running = rig.ledger().running();
    if (running.size() != 1)
        return std::nullopt;
    const std::optional<HeartbeatRecord> standby = recordOf(directory, otherNode(running.first().node));
    if (!standby || standby->state != Role::Standby || !standby->eligible)
        return std::nullopt;
    if (ControlFiles(directory).switchover().presence != Presence::Absent)
        return std::nullopt;
    return running.first();
}

void runTrials(
    AgentRig &rig, ClusterDirectory &directory, Fault fault, int trials, const QString &name, ClusterRun &run)
{
    const Timing &timing = rig.timing();
    const qint64 patience = 2 * timing.failoverBound().count() + 5000;
    std::optional<Instance> master;
    for (int trial = 1; trial <= trials; ++trial) {
        const auto steady = [&] {
            master = steadyMaster(rig, directory);
            if (!master)
                return false;
            // The master learns that the other node is a standby from its own next reads (a handover names a
            // target only then); the random part puts the fault at any phase of the agents' ticks.
            const qint64 interval = timing.interval.count();
            QThread::msleep(static_cast<unsigned long>(2 * interval + QRandomGenerator::global()->bounded(interval)));
            const std::optional<Instance> still = steadyMaster(rig, directory);
            return still && still->pid == master->pid;
        };
        if (!waitUntil(steady, patience)) {
            run.failure = QStringLiteral("%1: no master with a standby before trial %2").arg(name).arg(trial);
            break;
        }
        const QString target = otherNode(master->node);
        const qint64 at = monotonicNowMs();
        const QString injected = inject(rig, directory, fault, *master);
        if (!injected.isEmpty()) {
            run.failure = QStringLiteral("%1, trial %2: %3").arg(name).arg(trial).arg(injected);
            break;
        }
        std::optional<Instance> next;
        if (!waitUntil([&] { return (next = startedAfter(rig.ledger(), target, at)).has_value(); }, patience)) {
            run.failure = QStringLiteral("%1, trial %2: %3 never ran the application").arg(name).arg(trial).arg(target);
            break;
        }
        const QList<Instance> instances = rig.ledger().instances;
        const auto ended = std::find_if(instances.cbegin(), instances.cend(),
            [&](const Instance &instance) { return instance.pid == master->pid; });
        if (ended == instances.cend()) {
            run.failure = QStringLiteral("%1, trial %2: the old instance left the ledger").arg(name).arg(trial);
            break;
        }
        run.trials.append(Trial { next->start - at, next->start - ended->last });
        const QString recovered = recover(rig, fault, master->node);
        if (!recovered.isEmpty()) {
            run.failure = QStringLiteral("%1, trial %2: %3").arg(name).arg(trial).arg(recovered);
            break;
        }
    }
    if (run.failure.isEmpty() && !waitUntil([&] { return steadyMaster(rig, directory).has_value(); }, patience))
        run.failure = QStringLiteral("%1: no master with a standby after the last trial").arg(name);
    const AppLedger verdict = rig.ledger();
    run.unsafe = (verdict.conflicts + QStringList { verdict.overlap() }).join(u'\n').trimmed();
    if (!run.failure.isEmpty() || !run.unsafe.isEmpty())
        run.failure += u'\n' + rig.logs();
}

qint64 medianFailoverTarget(const Timing &timing)
{
    return (timing.failoverTimeout + timing.settle()).count() + timing.interval.count() * 3 / 2;
}

double median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 == 1 ? double(values[n / 2]) : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

qint64 percentile(QList<qint64> values, int percent)
{
    std::sort(values.begin(), values.end());
    const qsizetype rank = qsizetype(std::ceil(values.size() * percent / 100.0));
    return values[std::max<qsizetype>(rank, 1) - 1];
}

QString seconds(double ms)
{
    return QString::number(ms / 1000.0, 'f', 2) + QStringLiteral(" s");
}

QString yesNo(bool met)
{
    return met ? QStringLiteral("yes") : QStringLiteral("NO");
}

QString timeRow(
    const QString &what, const QString &profile, const QList<qint64> &values, const QString &target, const QString &met)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6  %7 %8")
        .arg(what, -34)
        .arg(profile, -8)
        .arg(values.size(), 6)
        .arg(seconds(median(values)), 9)
        .arg(seconds(double(percentile(values, 90))), 9)
        .arg(seconds(double(*std::max_element(values.begin(), values.end()))), 9)
        .arg(target, -34)
        .arg(met);
}

QString timeHeader()
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6  %7 %8")
        .arg(QStringLiteral("trial: measured span"), -34)
        .arg(QStringLiteral("timings"), -8)
        .arg(QStringLiteral("trials"), 6)
        .arg(QStringLiteral("median"), 9)
        .arg(QStringLiteral("p90"), 9)
        .arg(QStringLiteral("max"), 9)
        .arg(QStringLiteral("target"), -34)
        .arg(QStringLiteral("met"));
}

} // namespace hacmp::test
