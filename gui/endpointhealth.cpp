#include "gui/endpointhealth.h"

#include <QCoreApplication>

namespace hacmp::console {

QList<EndpointHealth> endpointHealth(const QList<EtcdResult<EtcdMemberStatus>> &answers, const QStringList &endpoints)
{
    QList<EndpointHealth> health;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const EtcdResult<EtcdMemberStatus> &answer = answers[i];
        EndpointHealth endpoint;
        endpoint.endpoint = endpoints.value(i);
        if (!answer) {
            endpoint.role = EndpointHealth::Role::Down;
            endpoint.error = answer.error().message;
        } else {
            const EtcdMemberStatus &member = answer.value();
            endpoint.role = member.leaderId == 0     ? EndpointHealth::Role::NoLeader
                : member.leaderId == member.memberId ? EndpointHealth::Role::Leader
                                                     : EndpointHealth::Role::Follower;
            endpoint.version = member.version;
            endpoint.raftTerm = member.raftTerm;
            endpoint.revision = member.revision;
        }
        health.append(endpoint);
    }
    return health;
}

QString endpointRoleLabel(EndpointHealth::Role role)
{
    switch (role) {
    case EndpointHealth::Role::Leader:
        return QCoreApplication::translate("EndpointHealth", "up, leader");
    case EndpointHealth::Role::Follower:
        return QCoreApplication::translate("EndpointHealth", "up, follower");
    case EndpointHealth::Role::NoLeader:
        return QCoreApplication::translate("EndpointHealth", "up, no leader");
    case EndpointHealth::Role::Down:
        return QCoreApplication::translate("EndpointHealth", "down");
    }
    return QString();
}

} // namespace hacmp::console
