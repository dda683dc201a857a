#pragma once

#include "tests/lab/labhost.h"
#include "tests/lab/labimplementation.h"
#include "tests/support/appledger.h"

#include <QTemporaryDir>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace hacmp::lab {

struct ScenarioResult;

/// The world of one scenario run: a fresh shared directory prepared by the implementation, the simulated
/// hosts (grouped in data centers) that share it, one lock file for the application of every host, and
/// the oracle: the application's ledgers of every host and boot, merged. Waits poll the ledgers with a
/// deadline. Everything it started ends with it.
class LabCluster final
{
public:
    explicit LabCluster(LabImplementation &implementation);
    ~LabCluster();
    Q_DISABLE_COPY_MOVE(LabCluster)

    /// Why the cluster could not be made, or an empty string.
    const QString &error() const { return m_error; }
    LabImplementation &implementation() { return m_implementation; }
    const QString &sharedSource() const { return m_sharedSource; }
    QString path(const QString &name) const { return m_temp.path() + QLatin1Char('/') + name; }

    LabHost &addHost(const QString &node, const QString &dataCenter = {});
    /// Adds hosts, each in a data center of its own.
    void addHosts(const QStringList &nodes);
    LabHost &host(const QString &node) { return *m_hosts.at(node); }
    QStringList nodesIn(const QString &dataCenter) const;

    Status boot(const QString &node, const QStringList &environment = {});
    /// Boots every host given at once and waits until exactly one instance of the application runs and
    /// the hosts had their join time; returns it (empty with error() on failure).
    std::optional<test::Instance> start(const QStringList &nodes);
    /// Clean stop of node's host; false when it did not stop within the implementation's stop timeout.
    bool stop(const QString &node);
    void crash(const QString &node);
    /// Stops node's daemon alone with the implementation's stop signal (to every process of the host when the
    /// implementation's stop does that), the host staying up (LabHost::stopDaemon); false when it did not
    /// exit within the implementation's stop timeout.
    bool stopDaemon(const QString &node);

    /// The application's instances on every host and boot (an instance without HACMP_NODE gets its host).
    test::AppLedger ledger() const;
    /// Instances that started while another was alive, plus instances refused by the lock (CONFLICT); the
    /// first such event in words into first.
    int overlaps(QString *first = nullptr) const;
    /// The single running instance, if exactly one runs.
    std::optional<test::Instance> single() const;
    /// Whether no instance started at or after since.
    bool nothingStartedSince(qint64 since) const;
    /// Waits up to timeout for the first instance that started at or after since (and not on node
    /// notOn, when given).
    std::optional<test::Instance> waitForStart(qint64 since, Millis timeout, const QString &notOn = {});
    /// Waits up to timeout for exactly one running instance.
    std::optional<test::Instance> waitForSingle(Millis timeout);
    /// Records in result the failover time (since faultAt) and the downtime to next.
    static void recordRecovery(
        ScenarioResult &result, qint64 faultAt, const test::Instance &next, const test::AppLedger &ledger);
    /// Waits for the application to run again after a fault injected at faultAt (on another host than
    /// notOn, when given) and records its failover and downtime; fails result (saying after what) when
    /// it does not within the implementation's failover budget.
    std::optional<test::Instance> expectRecovery(
        ScenarioResult &result, qint64 faultAt, const QString &notOn, const QString &after);
    /// Holds for ms, then checks that instance is still the only one: it runs and nothing started after it.
    bool expectSteady(ScenarioResult &result, const test::Instance &instance, Millis ms);
    /// Boots node again (after a fault took it down) and checks that running stays the only instance
    /// while node joins the cluster.
    bool expectRejoin(ScenarioResult &result, const QString &node, const test::Instance &running);
    /// Kills an instance of the application (by its pid in its host).
    bool killApplication(const test::Instance &instance, int signal);
    /// Sleeps ms, in the lab's thread (the hosts run on their own).
    static void hold(Millis ms);
    /// Waits up to timeout for condition (polled every 50 ms).
    static bool waitUntil(const std::function<bool()> &condition, Millis timeout);

    /// Every host's daemon log tail, for failure reports.
    QString logs(int bytesPerHost = 1500) const;

private:
    LabImplementation &m_implementation;
    QTemporaryDir m_temp;
    QString m_sharedSource;
    QString m_error;
    std::map<QString, std::unique_ptr<LabHost>> m_hosts;
};

} // namespace hacmp::lab
