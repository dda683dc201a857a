#pragma once

#include "shared/base/result.h"
#include "shared/protocol/monotime.h"

#include <QList>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace hacmp::test {

/// A real etcd cluster of 1 or 3 members for tests: `etcd` processes on free loopback ports below the
/// ephemeral range (never 2379 or 2380), their data in a temporary folder, with short raft timings (by
/// default 50 ms heartbeat, 500 ms election) so that a test sees leader changes in about a second. Members
/// can be stopped, killed, paused (SIGSTOP: a
/// member that accepts connections and never answers), resumed and restarted with their data. The
/// destructor resumes and kills every member. With tls, the members serve clients over https only and
/// require a client certificate: a test CA, server and client certificates are made with openssl. Needs
/// the `etcd` binary (Debian's etcd-server) and, for tls, `openssl`: skipReason() says what is missing.
/// Members can instead be placed each in a network namespace of its own, on an address there (the failover
/// lab's sites): they listen on that address, and the checks run `etcdctl` inside the namespace (nsenter).
class EtcdProcess final
{
public:
    /// Where a member runs: a network namespace (a name in /run/netns) and its address there.
    struct Placement
    {
        QString networkNamespace;
        QString address;
    };

    /// electionTimeout: raft's (the heartbeat is a tenth of it); extraArguments are given to every member
    /// after the test's own (e.g. compaction or quota flags).
    explicit EtcdProcess(
        int members = 1, bool tls = false, Millis electionTimeout = Millis(500), QStringList extraArguments = {});
    /// One member per placement, without tls, on the client port 12379 and the peer port 12380 of its address,
    /// its data in a new folder under dataParent. With preVote (--pre-vote, off by default in etcd 3.4), a
    /// member that was cut off does not depose the leader when it returns.
    EtcdProcess(const QList<Placement> &placements, Millis electionTimeout, bool preVote, const QString &dataParent);
    ~EtcdProcess();
    Q_DISABLE_COPY_MOVE(EtcdProcess)

    /// Why etcd cannot run here (no etcd binary), or an empty string.
    static QString skipReason(bool tls = false);
    /// Why members cannot be placed in network namespaces here (no nsenter or etcdctl), or an empty string.
    static QString placementSkipReason();

    /// Starts every member and waits until each answers its health check.
    Status start(Millis timeout = Millis(20000));
    int members() const { return int(m_members.size()); }
    /// The client URL of a member (http://127.0.0.1:<port>, or its placement's address).
    QString endpoint(int member) const;
    QStringList endpoints() const;

    /// SIGKILL, and waits for the process to end.
    Status kill(int member);
    /// SIGTERM, and waits for the process to end.
    Status stop(int member);
    /// SIGSTOP: the member keeps its sockets and answers nothing.
    Status pause(int member);
    /// SIGCONT of a paused member.
    Status resume(int member);
    /// Starts an ended member again with its data and waits for its health check.
    Status restart(int member, Millis timeout = Millis(20000));
    /// Whether the member says it is healthy (it has a leader) within timeout.
    bool waitHealthy(int member, Millis timeout);
    /// The member's Prometheus metrics (GET /metrics), or an empty text when it gave none within timeout.
    QByteArray metrics(int member, Millis timeout = Millis(2000)) const;
    /// The member the running members follow (asked to each in turn), or -1 when none answers.
    int leader() const;
    /// What the member wrote to stderr (for failure messages).
    QString log(int member) const;

    /// With tls: the CA that signed the members' and the client's certificates, and the client's own.
    QString caFile() const { return m_dir.filePath(QStringLiteral("ca.pem")); }
    QString clientCertFile() const { return m_dir.filePath(QStringLiteral("client.pem")); }
    QString clientKeyFile() const { return m_dir.filePath(QStringLiteral("client.key")); }

private:
    struct Member
    {
        QString name;
        QString networkNamespace; ///< empty: this process's
        QString address { QStringLiteral("127.0.0.1") };
        quint16 clientPort = 0;
        quint16 peerPort = 0;
        std::unique_ptr<QProcess> process;
        bool paused = false;
    };

    Status launch(int member);
    /// The test CA and the server and client certificates (for 127.0.0.1), made with openssl.
    Status makeCertificates();
    QString peerUrl(int member) const;
    /// The command line that runs arguments where member runs (inside its network namespace, if any).
    QStringList placed(int member, const QStringList &arguments) const;
    /// Runs etcdctl against member, where it runs; its standard output, or an error.
    Result<QString> etcdctl(int member, const QStringList &arguments, Millis timeout) const;

    QTemporaryDir m_dir;
    std::vector<Member> m_members;
    bool m_tls = false;
    Millis m_electionTimeout;
    bool m_preVote = false;
    QStringList m_extraArguments;
};

} // namespace hacmp::test
