#pragma once

#include "shared/etcd/etcdtypes.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace hacmp::console {

/// One etcd endpoint as the console last asked it (EtcdClient::memberStatus): whether it answered, and
/// whether its member leads, follows or knows no leader. For the console's endpoints view.
struct EndpointHealth
{
    enum class Role {
        Leader, ///< the member is the raft leader
        Follower, ///< the member answered and knows a leader
        NoLeader, ///< the member answered but knows no leader: it cannot serve reads or writes
        Down, ///< no answer: refused, timed out or not etcd's
    };

    QString endpoint; ///< the URL as configured
    Role role = Role::Down;
    QString version; ///< etcd's version, when it answered
    qint64 raftTerm = 0;
    qint64 revision = 0;
    QString error; ///< why it is down, naming the endpoint
};

/// The health of each endpoint from the answers of memberStatus, in the same order.
QList<EndpointHealth> endpointHealth(const QList<EtcdResult<EtcdMemberStatus>> &answers, const QStringList &endpoints);

/// The translated name of a role for the view ("leader", "down", ...).
QString endpointRoleLabel(EndpointHealth::Role role);

} // namespace hacmp::console

Q_DECLARE_METATYPE(hacmp::console::EndpointHealth)
