#pragma once

#include "shared/base/result.h"
#include "shared/protocol/monotime.h"
#include "shared/protocol/timing.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace hacmp {

class IniFile;

/// The agent's configuration file (agent.conf), read and checked as a whole before anything runs: a typo
/// in an HA configuration must not pass silently, so unknown sections and keys are errors, and every error
/// names file:line, the [section] key, the bad value and what is expected. The key names are a contract
/// with the default config, the docs, hacmpctl and the tests.
struct AgentConfig
{
    /// [cluster] backend = etcd: how to reach the etcd cluster (shared/etcd/etcdclient.h).
    struct Etcd
    {
        QStringList endpoints; ///< required: http:// or https:// URLs of members, in the file's order
        QString prefix; ///< where the cluster's keys start; default /hacmp/<name>/
        QString caFile; ///< optional absolute paths of PEM files
        QString certFile; ///< with keyFile
        QString keyFile;
        QString user; ///< with passwordFile
        QString passwordFile; ///< absolute; the agent reads the password from it
        /// etcd's --election-timeout on the members: a write can wait this long for a new etcd leader, so
        /// [timing] io_timeout must be at least this plus kEtcdElectionMargin (docs/protocol.md, The etcd backend).
        Millis electionTimeout { 1000 };

        bool operator==(const Etcd &) const = default;
    };

    /// What [timing] io_timeout must leave beyond [cluster] election_timeout: a round trip to the new etcd
    /// leader and the write's commit.
    static constexpr Millis kEtcdElectionMargin { 500 };

    struct Cluster
    {
        enum class Backend { Directory, Etcd };
        Backend backend = Backend::Directory;
        QString directory; ///< required for backend = directory, absolute: the shared directory
        QString name; ///< required, a node-name-like identifier checked against the directory's `cluster`
        bool allowWorldWritable = false; ///< backend = directory only
        Etcd etcd; ///< backend = etcd only

        bool usesEtcd() const { return backend == Backend::Etcd; }
    };

    struct Node
    {
        QString name; ///< default: the first label of the host name
        int priority = 100;
        QString stateDirectory = QStringLiteral("/var/lib/hacmp");
    };

    struct Application
    {
        QStringList start; ///< required: program and arguments (splitCommandLine)
        QStringList stop; ///< optional
        QStringList check; ///< optional
        Millis checkInterval { 5000 };
        Millis checkTimeout { 5000 };
        QString detect; ///< optional regular expression over command lines; empty: the start program
        QString user;
        QString group;
        QString workingDirectory;
        QStringList environment; ///< KEY=VALUE entries, in file order, keys unique
        int restartLimit = 3;
        Millis restartWindow { 10 * 60 * 1000 };
    };

    struct Notify
    {
        QStringList command; ///< optional
        QUrl webhook; ///< optional, http or https
    };

    /// [metrics]: the Prometheus endpoint (agent/daemon/metricsendpoint.h); off unless listen is set.
    struct Metrics
    {
        QString address; ///< an IP address (IPv6 without brackets); empty: no endpoint
        quint16 port = 0;

        bool enabled() const { return port != 0; }
        /// address:port, [address]:port for IPv6, as the configuration file writes it
        QString listen() const;
        bool operator==(const Metrics &) const = default;
    };

    QString path; ///< the file it was read from
    Cluster cluster;
    Node node;
    Timing timing;
    Application application;
    Notify notify;
    Metrics metrics;

    /// Reads and checks a configuration file. A non-empty nodeNameOverride (the agent's --node) replaces
    /// [node] name and the host name.
    static Result<AgentConfig> load(const QString &path, const QString &nodeNameOverride = {});
    /// Checks configuration text; path is used in messages. All errors are reported, one per line.
    static Result<AgentConfig> parse(const QByteArray &text, const QString &path, const QString &nodeNameOverride = {});

    /// The sections a configuration may have, in documentation order.
    static QStringList knownSections();
    /// The keys a section may have, in documentation order (empty for an unknown section).
    static QStringList knownKeys(const QString &section);
    /// The node name used when neither [node] name nor an override is given: the host name up to its
    /// first '.'. May be invalid as a node name (then the configuration is rejected).
    static QString hostNodeName();
};

} // namespace hacmp
