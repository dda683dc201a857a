#include "gui/endpointhealth.h"
#include "gui/endpointspane.h"

#include <QLabel>
#include <QTest>

using namespace hacmp;
using namespace hacmp::console;

/// What the endpoints pane makes of EtcdClient::memberStatus: leader, follower, no leader and down from each
/// member's answer, in the endpoints' order, and the pane's cells and heading for an operator.
class TestEndpointHealth final : public QObject
{
    Q_OBJECT

private slots:
    void rolesFromMemberStatus();
    void paneShowsEachEndpoint();
};

namespace {

EtcdMemberStatus member(quint64 id, quint64 leader)
{
    EtcdMemberStatus status;
    status.version = QStringLiteral("3.4.23");
    status.memberId = id;
    status.leaderId = leader;
    status.raftTerm = 4;
    status.revision = 99;
    return status;
}

const QStringList kEndpoints { QStringLiteral("http://10.0.1.5:2379"), QStringLiteral("http://10.0.2.5:2379"),
    QStringLiteral("http://10.0.3.5:2379"), QStringLiteral("http://10.0.4.5:2379") };

QList<EtcdResult<EtcdMemberStatus>> answers()
{
    return { member(1, 1), member(2, 1),
        EtcdError { EtcdFailure::Unreachable, QStringLiteral("http://10.0.3.5:2379: Connection refused") },
        member(4, 0) };
}

} // namespace

void TestEndpointHealth::rolesFromMemberStatus()
{
    const QList<EndpointHealth> health = endpointHealth(answers(), kEndpoints);
    QCOMPARE(health.size(), 4);
    QCOMPARE(health[0].role, EndpointHealth::Role::Leader);
    QCOMPARE(health[1].role, EndpointHealth::Role::Follower);
    QCOMPARE(health[2].role, EndpointHealth::Role::Down);
    QCOMPARE(health[3].role, EndpointHealth::Role::NoLeader);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(health[i].endpoint, kEndpoints[i]);
    QCOMPARE(health[1].version, QStringLiteral("3.4.23"));
    QCOMPARE(health[1].revision, qint64(99));
    QVERIFY(health[1].error.isEmpty());
    QCOMPARE(health[2].error, QStringLiteral("http://10.0.3.5:2379: Connection refused"));
}

void TestEndpointHealth::paneShowsEachEndpoint()
{
    EndpointsPane pane;
    pane.setEndpoints(kEndpoints);
    QCOMPARE(pane.rows(), 4);
    QCOMPARE(pane.text(0, EndpointsPane::State), QStringLiteral("checking…"));
    QLabel *heading = pane.findChild<QLabel *>();
    QVERIFY(heading);
    QCOMPARE(heading->text(), QStringLiteral("etcd endpoints"));

    pane.setHealth(endpointHealth(answers(), kEndpoints));
    QCOMPARE(pane.text(0, EndpointsPane::Endpoint), kEndpoints[0]);
    QCOMPARE(pane.text(0, EndpointsPane::State), QStringLiteral("up, leader"));
    QCOMPARE(pane.text(1, EndpointsPane::State), QStringLiteral("up, follower"));
    QCOMPARE(pane.text(1, EndpointsPane::Details), QStringLiteral("etcd 3.4.23, raft term 4, revision 99"));
    QCOMPARE(pane.text(2, EndpointsPane::State), QStringLiteral("down"));
    QCOMPARE(pane.text(2, EndpointsPane::Details), QStringLiteral("http://10.0.3.5:2379: Connection refused"));
    QCOMPARE(pane.text(3, EndpointsPane::State), QStringLiteral("up, no leader"));
    QCOMPARE(heading->text(), QStringLiteral("etcd endpoints: 3 of 4 answer"));
    QVERIFY(heading->palette().color(QPalette::WindowText) != pane.palette().color(QPalette::WindowText));
}

QTEST_MAIN(TestEndpointHealth)
#include "tst_endpointhealth.moc"
