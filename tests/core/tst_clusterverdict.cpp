// Decision tables for the one cluster verdict (shared/protocol/clusterverdict.h) that hacmpctl, the console
// and the agent share: the state, its reasons, the master, the best standby and switchover refusals.
#include "shared/protocol/clusterverdict.h"

#include <QTest>

using namespace hacmp;

namespace {

/// A node written as "name:role:app" followed by marks: ~ stale, ! dead, o offline, ? unreadable,
/// * not seen changing since the observer began, S standby flag, X not eligible, P<n> priority n,
/// E<n> epoch n, H<id> host_id, O outside instance, D two hosts.
NodeObservation node(const QString &spec)
{
    const QStringList parts = spec.split(QLatin1Char(':'));
    NodeObservation observed;
    observed.node = parts.at(0);
    if (parts.at(1) == QLatin1String("?")) {
        observed.problem = QStringLiteral("bad checksum");
        return observed;
    }
    observed.freshness = Freshness::Changing;
    HeartbeatRecord record;
    record.node = observed.node;
    record.hostId = QStringLiteral("host-") + observed.node;
    record.state = *roleFromName(parts.at(1));
    record.app.state = *appStateFromName(parts.at(2));
    record.epoch = record.state == Role::Master ? 1 : 0;
    const QStringList marks = parts.mid(3);
    for (const QString &mark : marks) {
        const QChar kind = mark.front();
        const QString value = mark.mid(1);
        if (kind == u'~')
            observed.freshness = Freshness::Stale;
        else if (kind == u'!')
            observed.freshness = Freshness::Dead;
        else if (kind == u'o')
            observed.freshness = Freshness::Offline;
        else if (kind == u'*')
            observed.changeSeen = false;
        else if (kind == u'S')
            observed.standbyFlag = true;
        else if (kind == u'X')
            record.eligible = false;
        else if (kind == u'P')
            record.priority = value.toInt();
        else if (kind == u'E')
            record.epoch = value.toULongLong();
        else if (kind == u'H')
            record.hostId = value;
        else if (kind == u'O')
            record.app.outside = { 5150 };
        else if (kind == u'D')
            observed.twoHosts = true;
    }
    observed.record = record;
    if (observed.freshness != Freshness::Changing)
        observed.unchangedFor = Millis(observed.freshness == Freshness::Dead ? 12000 : 3000);
    return observed;
}

QStringList specs(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list.append(QString::fromLatin1(text));
    return list;
}

ClusterObservation cluster(const QStringList &specs, Presence maintenance = Presence::Absent)
{
    ClusterObservation observation;
    for (const QString &spec : specs)
        observation.nodes.append(node(spec));
    observation.maintenance.presence = maintenance;
    if (maintenance == Presence::Present)
        observation.maintenance.note = ControlNote { QStringLiteral("alice@ops"), QString(), QStringLiteral("kernel") };
    if (maintenance == Presence::Unknown)
        observation.maintenance.problem = QStringLiteral("maintenance: Input/output error");
    return observation;
}

QString kinds(const ClusterVerdict &verdict)
{
    QStringList names;
    for (const Finding &finding : verdict.findings) {
        static const QStringList kNames { QStringLiteral("TwoHosts"), QStringLiteral("SameHostId"),
            QStringLiteral("SeveralMasters"), QStringLiteral("SeveralRunning"), QStringLiteral("MaintenanceOn"),
            QStringLiteral("NoRecords"), QStringLiteral("MasterNotChanging"), QStringLiteral("Electing"),
            QStringLiteral("NoMaster"), QStringLiteral("MaintenanceUnknown"), QStringLiteral("EndedTerm"),
            QStringLiteral("MasterApp"), QStringLiteral("MasterInStandby"), QStringLiteral("Unreadable"),
            QStringLiteral("Stale"), QStringLiteral("Dead"), QStringLiteral("Offline"), QStringLiteral("Fenced"),
            QStringLiteral("NotEligible"), QStringLiteral("StandbyFlag"), QStringLiteral("Outside"),
            QStringLiteral("NoStandbyReady") };
        QString name = kNames.at(static_cast<int>(finding.kind));
        if (!finding.nodes.isEmpty() && !finding.nodes.front().isEmpty())
            name += QLatin1Char('(') + finding.nodes.join(QLatin1Char(',')) + QLatin1Char(')');
        names.append(name);
    }
    return names.join(QLatin1Char(' '));
}

} // namespace

Q_DECLARE_METATYPE(Presence)

class TestClusterVerdict final : public QObject
{
    Q_OBJECT

private slots:
    void states_data();
    void states();
    void switchover_data();
    void switchover();
    void targetRefusalNeedsARecord();
    void olderMasterRecordsAreEndedTerms();
};

void TestClusterVerdict::states_data()
{
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<Presence>("maintenance");
    QTest::addColumn<ClusterState>("state");
    QTest::addColumn<QString>("master");
    QTest::addColumn<QString>("best");
    QTest::addColumn<QString>("findings");

    const auto row = [](const char *name, QStringList nodes, Presence maintenance, ClusterState state,
                         const char *master, const char *best, const char *findings) {
        QTest::newRow(name) << nodes << maintenance << state << QString::fromLatin1(master) << QString::fromLatin1(best)
                            << QString::fromLatin1(findings);
    };
    const Presence off = Presence::Absent;
    row("healthy", specs({ "a:master:running", "b:standby:stopped", "c:standby:stopped" }), off, ClusterState::Ok, "a",
        "b", "");
    row("highest priority is the best standby",
        specs({ "a:master:running", "b:standby:stopped", "c:standby:stopped:P150" }), off, ClusterState::Ok, "a", "c",
        "");
    row("single node", specs({ "a:master:running" }), off, ClusterState::Degraded, "a", "", "NoStandbyReady");
    row("application starting", specs({ "a:master:starting", "b:standby:stopped" }), off, ClusterState::Degraded, "a",
        "b", "MasterApp(a)");
    row("master in standby hands over", specs({ "a:master:running:S", "b:standby:stopped" }), off,
        ClusterState::Degraded, "a", "b", "MasterInStandby(a)");
    row("stale standby", specs({ "a:master:running", "b:standby:stopped", "c:standby:stopped:~" }), off,
        ClusterState::Degraded, "a", "b", "Stale(c)");
    row("dead standby says nothing more", specs({ "a:master:running", "b:standby:stopped", "c:fenced:stopped:!:X" }),
        off, ClusterState::Degraded, "a", "b", "Dead(c)");
    row("fenced and ineligible", specs({ "a:master:running", "b:fenced:stopped:X", "c:standby:stopped" }), off,
        ClusterState::Degraded, "a", "c", "Fenced(b) NotEligible(b)");
    row("standby flag", specs({ "a:master:running", "b:standby:stopped:S", "c:standby:stopped" }), off,
        ClusterState::Degraded, "a", "c", "StandbyFlag(b)");
    row("offline", specs({ "a:master:running", "b:offline:stopped:o", "c:standby:stopped" }), off,
        ClusterState::Degraded, "a", "c", "Offline(b)");
    row("unreadable", specs({ "a:master:running", "b:?:stopped", "c:standby:stopped" }), off, ClusterState::Degraded,
        "a", "c", "Unreadable(b)");
    row("maintenance unknown", specs({ "a:master:running", "b:standby:stopped" }), Presence::Unknown,
        ClusterState::Degraded, "a", "b", "MaintenanceUnknown");
    row("outside instance on the master", specs({ "a:master:running:O", "b:standby:stopped" }), off,
        ClusterState::Degraded, "a", "b", "Outside(a)");
    row("stale master is no master", specs({ "a:master:running:~:E7", "b:standby:stopped" }), off,
        ClusterState::NoMaster, "", "b", "MasterNotChanging(a)");
    row("dead master is no master", specs({ "a:master:running:!", "b:standby:stopped", "c:standby:stopped:~" }), off,
        ClusterState::NoMaster, "", "b", "MasterNotChanging(a) Stale(c)");
    row("election under way", specs({ "a:master:stopped:!", "b:candidate:stopped" }), off, ClusterState::NoMaster, "",
        "", "MasterNotChanging(a) Electing(b)");
    row("nobody master", specs({ "a:standby:stopped", "b:standby:stopped" }), off, ClusterState::NoMaster, "", "a",
        "NoMaster");
    row("no records", specs({}), off, ClusterState::NoMaster, "", "", "NoRecords");
    row("two masters", specs({ "a:master:running:E7", "b:master:stopped:E8" }), off, ClusterState::Conflict, "", "",
        "SeveralMasters(a,b)");
    row("application on two nodes", specs({ "a:master:running", "b:standby:running" }), off, ClusterState::Conflict,
        "a", "b", "SeveralRunning(a,b)");
    row("same host_id", specs({ "a:master:running", "b:standby:stopped:Hh", "c:standby:stopped:Hh" }), off,
        ClusterState::Conflict, "a", "b", "SameHostId(b,c)");
    row("two hosts write one node", specs({ "a:master:running", "b:standby:stopped:D" }), off, ClusterState::Conflict,
        "a", "b", "TwoHosts(b)");
    row("a dead second master is no conflict",
        specs({ "a:master:running:E2", "b:master:running:!:E1", "c:standby:stopped" }), off, ClusterState::Degraded,
        "a", "c", "Dead(b)");
    row("an ended term is set aside", specs({ "a:master:running:*:E1", "b:master:running:E2", "c:standby:stopped" }),
        off, ClusterState::Degraded, "b", "c", "EndedTerm(a)");
    row("without a change seen the newest term counts",
        specs({ "a:master:running:*:E1", "b:master:running:*:E2", "c:standby:stopped" }), off, ClusterState::Degraded,
        "b", "c", "EndedTerm(a)");
    row("maintenance", specs({ "a:master:running", "b:standby:stopped" }), Presence::Present, ClusterState::Maintenance,
        "a", "b", "MaintenanceOn");
    row("maintenance lists the concerns", specs({ "a:master:stopped:O", "b:standby:stopped" }), Presence::Present,
        ClusterState::Maintenance, "a", "b", "MaintenanceOn MasterApp(a) Outside(a)");
    row("maintenance outranks no master", specs({ "a:standby:stopped" }), Presence::Present, ClusterState::Maintenance,
        "", "a", "MaintenanceOn");
    row("conflict outranks maintenance", specs({ "a:master:running", "b:master:running" }), Presence::Present,
        ClusterState::Conflict, "", "", "SeveralMasters(a,b) SeveralRunning(a,b)");
}

void TestClusterVerdict::states()
{
    QFETCH(QStringList, nodes);
    QFETCH(Presence, maintenance);
    QFETCH(ClusterState, state);
    QFETCH(QString, master);
    QFETCH(QString, best);
    QFETCH(QString, findings);

    const ClusterVerdict verdict = judgeCluster(cluster(nodes, maintenance));
    QCOMPARE(kinds(verdict), findings);
    QCOMPARE(clusterStateName(verdict.state), clusterStateName(state));
    if (state != ClusterState::Conflict)
        QCOMPARE(verdict.master(), master);
    QCOMPARE(verdict.bestStandby, best);
}

void TestClusterVerdict::switchover_data()
{
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<Presence>("maintenance");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("refusal"); ///< -1: allowed

    const auto row = [](const char *name, QStringList nodes, Presence maintenance, const char *target,
                         std::optional<SwitchoverRefusal::Reason> reason) {
        QTest::newRow(name) << nodes << maintenance << QString::fromLatin1(target)
                            << (reason ? static_cast<int>(*reason) : -1);
    };
    using R = SwitchoverRefusal::Reason;
    const QStringList healthy = specs({ "a:master:running", "b:standby:stopped", "c:standby:stopped:P150" });
    const Presence off = Presence::Absent;
    row("to a standby", healthy, off, "b", std::nullopt);
    row("to the best standby", healthy, off, "", std::nullopt);
    row("in maintenance", healthy, Presence::Present, "b", R::Maintenance);
    row("to the master", healthy, off, "a", R::AlreadyMaster);
    row("to an unknown node", healthy, off, "z", R::NotRead);
    row("without a master", specs({ "a:master:running:~", "b:standby:stopped" }), off, "b", R::NoMaster);
    row("with two masters", specs({ "a:master:running", "b:master:running" }), off, "b", R::SeveralMasters);
    row("to a stale node", specs({ "a:master:running", "b:standby:stopped:~" }), off, "b", R::NotAlive);
    row("to an unreadable node", specs({ "a:master:running", "b:?:stopped" }), off, "b", R::Unreadable);
    row("to a fenced node", specs({ "a:master:running", "b:fenced:stopped" }), off, "b", R::NotStandby);
    row("to a node in standby", specs({ "a:master:running", "b:standby:stopped:S" }), off, "b", R::StandbyFlag);
    row("to an ineligible node", specs({ "a:master:running", "b:standby:stopped:X" }), off, "b", R::NotEligible);
    row("a conflict of host_ids does not stop it", specs({ "a:master:running:Hh", "b:standby:stopped:Hh" }), off, "",
        std::nullopt);
    row("nobody to go to", specs({ "a:master:running", "b:standby:stopped:X" }), off, "", R::NoTarget);
}

void TestClusterVerdict::switchover()
{
    QFETCH(QStringList, nodes);
    QFETCH(Presence, maintenance);
    QFETCH(QString, target);
    QFETCH(int, refusal);

    const ClusterObservation observation = cluster(nodes, maintenance);
    const std::optional<SwitchoverRefusal> refused = judgeCluster(observation).switchoverRefusal(observation, target);
    QCOMPARE(refused ? static_cast<int>(refused->reason) : -1, refusal);
}

void TestClusterVerdict::targetRefusalNeedsARecord()
{
    QCOMPARE(static_cast<int>(switchoverTargetRefusal(nullptr, QStringLiteral("b"))->reason),
        static_cast<int>(SwitchoverRefusal::Reason::NotRead));
    NodeObservation unread;
    unread.node = QStringLiteral("b");
    unread.problem = QStringLiteral("not read yet");
    QCOMPARE(static_cast<int>(switchoverTargetRefusal(&unread, unread.node)->reason),
        static_cast<int>(SwitchoverRefusal::Reason::Unreadable));
}

void TestClusterVerdict::olderMasterRecordsAreEndedTerms()
{
    // After a failover the dead master's last record still says master: an old term, not a second master.
    const ClusterVerdict failedOver = judgeCluster(cluster(
        specs({ "a:master:running:!:E1", "b:standby:stopped", "c:master:running:E2", "d:master:running:~:E1" })));
    QCOMPARE(failedOver.masters, QStringList { QStringLiteral("c") });
    QCOMPARE(failedOver.endedTerms, (QStringList { QStringLiteral("a"), QStringLiteral("d") }));
    // Without a live master of a newer term, a master record that stopped changing is not called ended.
    QVERIFY(judgeCluster(cluster(specs({ "a:master:running:!:E3", "b:standby:stopped" }))).endedTerms.isEmpty());
    QVERIFY(judgeCluster(cluster(specs({ "a:master:running:E3", "b:master:running:!:E4" }))).endedTerms.isEmpty());
}

QTEST_GUILESS_MAIN(TestClusterVerdict)
#include "tst_clusterverdict.moc"
