#pragma once

#include "gui/endpointhealth.h"
#include "shared/config/agentconfig.h"
#include "shared/storage/iolane.h"

#include <QObject>

#include <memory>

namespace hacmp {
class EtcdClient;
}

namespace hacmp::console {

/// Asks every etcd endpoint of a cluster about its member (EtcdClient::memberStatus) on an I/O lane of its
/// own, so that a member that never answers delays neither the UI nor the cluster's poll; the answers
/// arrive on the UI thread as EndpointHealth. One question at a time: check() while one is outstanding
/// does nothing.
class EtcdHealthPoll final : public QObject
{
    Q_OBJECT

public:
    /// ioTimeout bounds one check, every endpoint included.
    EtcdHealthPoll(AgentConfig::Cluster cluster, Millis ioTimeout, QObject *parent = nullptr);
    ~EtcdHealthPoll() override;
    Q_DISABLE_COPY_MOVE(EtcdHealthPoll)

    void check();
    const QList<EndpointHealth> &last() const { return m_last; }

signals:
    void checked(const QList<hacmp::console::EndpointHealth> &health);

private:
    struct Client
    {
        std::shared_ptr<EtcdClient> client;
        QString error; ///< why there is no client (a TLS or password file)
    };

    AgentConfig::Cluster m_cluster;
    Millis m_ioTimeout;
    std::shared_ptr<Client> m_client; ///< made on the lane, at the first check that can
    QList<EndpointHealth> m_last;
    std::unique_ptr<IoLane> m_lane; ///< declared last, destroyed first
};

} // namespace hacmp::console
