#include "tests/lab/labcluster.h"

#include "tests/lab/scenarioresult.h"

#include <QDir>
#include <QElapsedTimer>
#include <QThread>

#include <algorithm>

namespace hacmp::lab {

using test::AppLedger;
using test::Instance;
using test::monotonicNowMs;

LabCluster::LabCluster(LabImplementation &implementation)
    : m_implementation(implementation)
    , m_temp(QDir::tempPath() + QStringLiteral("/hacmp-lab-XXXXXX"))
{
    m_sharedSource = path(QStringLiteral("shared"));
    if (!m_temp.isValid() || !QDir().mkpath(m_sharedSource)) {
        m_error = QStringLiteral("cannot make the lab's folder in %1").arg(QDir::tempPath());
        return;
    }
    QFile::setPermissions(m_sharedSource,
        QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther
            | QFile::ExeOther);
    const Status prepared = m_implementation.prepareCluster(m_sharedSource);
    if (!prepared)
        m_error = prepared.error();
}

LabCluster::~LabCluster()
{
    // Hosts first: their namespaces hold copies of every mount made before they booted.
    for (auto &[node, host] : m_hosts) {
        if (host->mount().stopped())
            host->mount().resume();
    }
    for (auto &[node, host] : m_hosts)
        host->crash();
    m_hosts.clear();
}

LabHost &LabCluster::addHost(const QString &node, const QString &dataCenter)
{
    auto host = std::make_unique<LabHost>(
        node, dataCenter, path(QStringLiteral("host-") + node), m_sharedSource, path(QStringLiteral("app.lock")));
    LabHost &added = *host;
    m_hosts[node] = std::move(host);
    return added;
}

void LabCluster::addHosts(const QStringList &nodes)
{
    for (const QString &node : nodes)
        addHost(node, node);
}

QStringList LabCluster::nodesIn(const QString &dataCenter) const
{
    QStringList names;
    for (const auto &[node, host] : m_hosts) {
        if (host->dataCenter() == dataCenter)
            names << node;
    }
    return names;
}

Status LabCluster::boot(const QString &node, const QStringList &environment)
{
    return host(node).boot(m_implementation, environment);
}

std::optional<Instance> LabCluster::start(const QStringList &nodes)
{
    const qint64 bootedAt = monotonicNowMs();
    for (const QString &node : nodes) {
        const Status booted = boot(node);
        if (!booted) {
            m_error = booted.error();
            return std::nullopt;
        }
    }
    const std::optional<Instance> first
        = waitForSingle(m_implementation.joinTime() + m_implementation.failoverBudget());
    if (!first) {
        m_error = QStringLiteral("the application did not run on exactly one host within %1 ms of the boot")
                      .arg(monotonicNowMs() - bootedAt);
        return std::nullopt;
    }
    hold(Millis(std::max<qint64>(0, bootedAt + m_implementation.joinTime().count() - monotonicNowMs())));
    return first;
}

bool LabCluster::stop(const QString &node)
{
    return host(node).stop(
        m_implementation.stopSignal(), m_implementation.stopTimeout(), m_implementation.stopsEveryProcess());
}

bool LabCluster::stopDaemon(const QString &node)
{
    return host(node).stopDaemon(
        m_implementation.stopSignal(), m_implementation.stopTimeout(), m_implementation.stopsEveryProcess());
}

void LabCluster::crash(const QString &node)
{
    host(node).crash();
}

AppLedger LabCluster::ledger() const
{
    AppLedger merged;
    for (const auto &[node, host] : m_hosts) {
        for (const QString &file : host->ledgers()) {
            const AppLedger boot = AppLedger::read({ file });
            for (Instance instance : boot.instances) {
                if (instance.node.isEmpty() || instance.node == QLatin1String("-"))
                    instance.node = node;
                merged.instances << instance;
            }
            for (const QString &conflict : boot.conflicts)
                merged.conflicts << node + QLatin1Char(' ') + conflict;
        }
    }
    std::sort(merged.instances.begin(), merged.instances.end(),
        [](const Instance &x, const Instance &y) { return x.start < y.start; });
    return merged;
}

int LabCluster::overlaps(QString *first) const
{
    const AppLedger all = ledger();
    int count = 0;
    QString description;
    for (qsizetype i = 1; i < all.instances.size(); ++i) {
        const Instance &later = all.instances.at(i);
        for (qsizetype j = 0; j < i; ++j) {
            const Instance &earlier = all.instances.at(j);
            if (later.start <= earlier.last) {
                ++count;
                if (description.isEmpty())
                    description = QStringLiteral("pid %1 on %2 started at %3 while pid %4 on %5 was alive until %6")
                                      .arg(later.pid)
                                      .arg(later.node)
                                      .arg(later.start)
                                      .arg(earlier.pid)
                                      .arg(earlier.node)
                                      .arg(earlier.last);
                break;
            }
        }
    }
    if (description.isEmpty() && !all.conflicts.isEmpty())
        description = QStringLiteral("an instance found the lock taken: ") + all.conflicts.first();
    if (first)
        *first = description;
    return count + int(all.conflicts.size());
}

std::optional<Instance> LabCluster::single() const
{
    const QList<Instance> running = ledger().running();
    if (running.size() != 1)
        return std::nullopt;
    return running.first();
}

bool LabCluster::nothingStartedSince(qint64 since) const
{
    const QList<Instance> instances = ledger().instances;
    return std::none_of(instances.cbegin(), instances.cend(), [since](const Instance &x) { return x.start >= since; });
}

std::optional<Instance> LabCluster::waitForStart(qint64 since, Millis timeout, const QString &notOn)
{
    std::optional<Instance> found;
    waitUntil(
        [&] {
            for (const Instance &instance : ledger().instances) {
                if (instance.start >= since && (notOn.isEmpty() || instance.node != notOn)) {
                    found = instance;
                    return true;
                }
            }
            return false;
        },
        timeout);
    return found;
}

std::optional<Instance> LabCluster::waitForSingle(Millis timeout)
{
    std::optional<Instance> found;
    waitUntil(
        [&] {
            found = single();
            return found.has_value();
        },
        timeout);
    return found;
}

void LabCluster::recordRecovery(ScenarioResult &result, qint64 faultAt, const Instance &next, const AppLedger &ledger)
{
    qint64 lastBefore = 0;
    for (const Instance &instance : ledger.instances) {
        if (instance.start < next.start)
            lastBefore = std::max(lastBefore, instance.last);
    }
    result.failoverMs << next.start - faultAt;
    if (lastBefore > 0)
        result.downtimeMs << next.start - lastBefore;
}

std::optional<Instance> LabCluster::expectRecovery(
    ScenarioResult &result, qint64 faultAt, const QString &notOn, const QString &after)
{
    const std::optional<Instance> next = waitForStart(faultAt, m_implementation.failoverBudget(), notOn);
    if (!next) {
        result.fail(QStringLiteral("the application did not run again%1 within %2 ms after %3")
                        .arg(notOn.isEmpty() ? QString() : QStringLiteral(" on another host than ") + notOn)
                        .arg(m_implementation.failoverBudget().count())
                        .arg(after));
        return std::nullopt;
    }
    recordRecovery(result, faultAt, *next, ledger());
    return next;
}

bool LabCluster::expectSteady(ScenarioResult &result, const Instance &instance, Millis ms)
{
    hold(ms);
    const AppLedger now = ledger();
    for (const Instance &other : now.instances) {
        if (other.start > instance.start)
            return result.fail(QStringLiteral("another instance started on %1 %2 ms after pid %3 on %4")
                                   .arg(other.node)
                                   .arg(other.start - instance.start)
                                   .arg(instance.pid)
                                   .arg(instance.node));
    }
    const QList<Instance> running = now.running();
    if (running.size() != 1 || running.first().pid != instance.pid || running.first().node != instance.node)
        return result.fail(QStringLiteral("pid %1 on %2 no longer runs (%3 instances run)")
                               .arg(instance.pid)
                               .arg(instance.node)
                               .arg(running.size()));
    return true;
}

bool LabCluster::expectRejoin(ScenarioResult &result, const QString &node, const Instance &running)
{
    const Status booted = boot(node);
    if (!booted)
        return result.fail(booted.error());
    return expectSteady(result, running, m_implementation.joinTime() + Millis(1000));
}

bool LabCluster::killApplication(const Instance &instance, int signal)
{
    const auto found = m_hosts.find(instance.node);
    return found != m_hosts.end() && found->second->signalProcess(instance.pid, signal);
}

void LabCluster::hold(Millis ms)
{
    if (ms.count() > 0)
        QThread::msleep(ulong(ms.count()));
}

bool LabCluster::waitUntil(const std::function<bool()> &condition, Millis timeout)
{
    QElapsedTimer waited;
    waited.start();
    while (!condition()) {
        if (waited.elapsed() >= timeout.count())
            return false;
        QThread::msleep(50);
    }
    return true;
}

QString LabCluster::logs(int bytesPerHost) const
{
    QString all;
    for (const auto &[node, host] : m_hosts)
        all += QStringLiteral("---- %1 (%2)\n%3\n").arg(node, host->logPath(), host->logTail(bytesPerHost));
    return all;
}

} // namespace hacmp::lab
