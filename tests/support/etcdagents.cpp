#include "tests/support/etcdagents.h"

#include "tests/support/agentrig.h"
#include "tests/support/ctlprocess.h"
#include "tests/support/etcdprocess.h"

namespace hacmp::test {

Timing fastEtcdTiming()
{
    Timing timing;
    timing.interval = Millis(200);
    timing.ioTimeout = Millis(1000);
    timing.failoverTimeout = Millis(3000);
    timing.renewLimit = Millis(1500);
    timing.stopGrace = Millis(300);
    return timing;
}

QString ctlPath()
{
    return QStringLiteral(HACMP_BIN_DIR "/hacmpctl");
}

Status initEtcdCluster(AgentRig &rig, const EtcdProcess &etcd, Millis electionTimeout, const QString &clusterName)
{
    rig.useEtcd(etcd.endpoints(), electionTimeout);
    const CtlProcess init = CtlProcess::run(ctlPath(),
        { QStringLiteral("init"), QStringLiteral("--etcd"), etcd.endpoints().join(QLatin1Char(',')),
            QStringLiteral("--cluster"), clusterName });
    if (init.exitCode != 0 || !init.out.contains(QStringLiteral("created etcd://")))
        return Error(QStringLiteral("hacmpctl init --etcd failed: %1").arg(init.describe()));
    return {};
}

} // namespace hacmp::test
