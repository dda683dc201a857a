#pragma once

#include "shared/protocol/timing.h"
#include "shared/storage/controlfiles.h"
#include "shared/storage/fsclusterdirectory.h"
#include "tests/support/appledger.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

namespace hacmp::test {

/// A local cluster of real hacmp-agent processes on this machine: the shared directory (made by
/// `hacmpctl init`'s code), and per agent a configuration, a state directory, a ledger of the real
/// hacmp-testapp as its application and a log. Everything it started is killed (by pid) when it goes.
class AgentRig final
{
public:
    /// Short timings for tests (interval 100 ms, io_timeout 200 ms, F 1 s, renew_limit 500 ms, stop_grace
    /// 200 ms); they satisfy T1/T2.
    static Timing testTiming();
    static QString agentPath();
    static QString guardPath();
    static QString testAppPath();
    /// This rig's copy of hacmp-testapp, the program its agents start.
    QString applicationPath() const { return path(QStringLiteral("hacmp-testapp")); }

    explicit AgentRig(const Timing &timing = testTiming(), const QString &clusterName = QStringLiteral("itest"));
    ~AgentRig();
    Q_DISABLE_COPY_MOVE(AgentRig)

    const QString &error() const { return m_error; }
    const Timing &timing() const { return m_timing; }
    QString cluster() const { return m_cluster; }
    FsClusterDirectory &directory() { return *m_directory; }
    ControlFiles controls() { return ControlFiles(*m_directory); }

    /// Agents added from now on reach the cluster through etcd ([cluster] backend = etcd with these endpoints,
    /// the rig's cluster name and electionTimeout as election_timeout) instead of the rig's directory; the
    /// test makes the cluster key (hacmpctl init --etcd). directory() and controls() stay on the directory.
    void useEtcd(const QStringList &endpoints, Millis electionTimeout);

    /// An agent labelled label (its node name unless node is given) with these application arguments
    /// and configuration lines; it sees the cluster at directory when given (e.g. its own mount of it).
    void addNode(const QString &label, const QString &appArguments = {}, const QString &extraConfig = {},
        const QString &node = {}, const QString &directory = {});
    /// Starts label's agent with extra environment variables (NAME=VALUE); with hostIdFile, in a mount
    /// namespace where that file is /etc/machine-id (as if on another host); with wrapper, as the
    /// arguments of that command line (e.g. faketime).
    bool start(const QString &label, const QStringList &environment = {}, const QString &hostIdFile = {},
        const QStringList &wrapper = {});

    /// Adds an agent for each label (its node name) with the defaults and starts them in order; false with
    /// error() saying why when the rig or a start failed.
    bool startNodes(const QStringList &labels);

    /// Replaces text in label's configuration file.
    void editConfig(const QString &label, const QString &from, const QString &to);
    /// Why agents cannot run as if on hosts of their own here (start()'s hostIdFile needs root and mount
    /// namespaces), or an empty string.
    static QString ownHostSkipReason();
    /// Writes a machine-id of label's own (derived from it) and returns the file, for start()'s hostIdFile.
    QString ownHostId(const QString &label);
    QString configPath(const QString &label) const { return path(label + QStringLiteral(".conf")); }

    void signal(const QString &label, int number);
    /// Whether label's agent has exited (waiting up to ms).
    bool finished(const QString &label, int ms);
    QProcess &agent(const QString &label) { return *m_agents.at(label); }

    AppLedger ledger() const;
    QString log(const QString &label) const;
    /// The tail of every agent's log, for failure messages.
    QString logs() const;
    QString path(const QString &name) const { return m_temp.path() + QLatin1Char('/') + name; }

private:
    QString logPath(const QString &label) const { return path(label + QStringLiteral(".log")); }

    Timing m_timing;
    QString m_clusterName;
    QTemporaryDir m_temp;
    QString m_cluster;
    QString m_error;
    std::unique_ptr<FsClusterDirectory> m_directory;
    QStringList m_labels;
    QStringList m_etcdEndpoints; ///< useEtcd()
    Millis m_etcdElectionTimeout { 0 };
    std::map<QString, std::unique_ptr<QProcess>> m_agents;
};

} // namespace hacmp::test

/// Fails the calling test with the ledgers' verdict and the agents' logs.
#define VERIFY_SAFE(rig)                                                                                               \
    do {                                                                                                               \
        const hacmp::test::AppLedger verdict = (rig).ledger();                                                         \
        QVERIFY2(verdict.conflicts.isEmpty(), qPrintable(verdict.conflicts.join(u'\n') + (rig).logs()));               \
        QVERIFY2(verdict.overlap().isEmpty(), qPrintable(verdict.overlap() + u'\n' + (rig).logs()));                   \
    } while (false)

/// Waits until exactly one instance runs, and returns it.
#define WAIT_FOR_ONE_RUNNING(rig, instance, timeoutMs)                                                                 \
    QTRY_VERIFY2_WITH_TIMEOUT((rig).ledger().running().size() == 1, qPrintable((rig).logs()), timeoutMs);              \
    const hacmp::test::Instance instance = (rig).ledger().running().first()
