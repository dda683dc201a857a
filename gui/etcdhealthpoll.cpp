#include "gui/etcdhealthpoll.h"

#include "shared/etcd/clusterstore.h"
#include "shared/etcd/etcdclient.h"

namespace hacmp::console {

namespace {

/// How long closing the console waits for a check blocked on an endpoint before leaving it behind.
constexpr Millis kHealthLaneShutdownGrace { 100 };

} // namespace

EtcdHealthPoll::EtcdHealthPoll(AgentConfig::Cluster cluster, Millis ioTimeout, QObject *parent)
    : QObject(parent)
    , m_cluster(std::move(cluster))
    , m_ioTimeout(ioTimeout)
    , m_client(std::make_shared<Client>())
    , m_lane(std::make_unique<IoLane>(kHealthLaneShutdownGrace))
{ }

EtcdHealthPoll::~EtcdHealthPoll() = default;

void EtcdHealthPoll::check()
{
    if (m_lane->busy())
        return;
    const std::shared_ptr<Client> state = m_client;
    const AgentConfig::Etcd etcd = m_cluster.etcd;
    const Millis timeout = m_ioTimeout;
    postTo<QList<EndpointHealth>>(
        *m_lane, this,
        [state, etcd, timeout] {
            if (!state->client) {
                // Made again at every check until it can be: a TLS or password file may be fixed meanwhile.
                Result<std::unique_ptr<EtcdClient>> made = makeEtcdClient(etcd, timeout);
                state->error = made ? QString() : made.error();
                if (made)
                    state->client = std::move(made).value();
            }
            if (!state->client) {
                QList<EndpointHealth> none;
                for (const QString &endpoint : etcd.endpoints)
                    none.append({ endpoint, EndpointHealth::Role::Down, QString(), 0, 0, state->error });
                return none;
            }
            return endpointHealth(state->client->memberStatus(), etcd.endpoints);
        },
        [this](QList<EndpointHealth> health) {
            m_last = health;
            emit checked(m_last);
        });
}

} // namespace hacmp::console
