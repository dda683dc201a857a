#include "shared/history/actor.h"
#include "tests/support/clusterfixture.h"
#include "tests/support/ctlprocess.h"
#include "tests/support/hungmount.h"
#include "tests/support/prerequisite.h"
#include "tests/support/recordpulse.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace hacmp;
using hacmp::test::ClusterFixture;
using hacmp::test::CtlProcess;
using hacmp::test::HungMount;
using hacmp::test::RecordPulse;

namespace {

const QString kCtl = QStringLiteral(HACMP_BIN_DIR "/hacmpctl");
const QString kWatch = QStringLiteral("0.6");

CtlProcess status(const QString &directory, QStringList more = {})
{
    return CtlProcess::run(kCtl,
        QStringList { QStringLiteral("--dir"), directory, QStringLiteral("status"), QStringLiteral("--watch"), kWatch }
            + more);
}

QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

/// Checks a JSON value against the parts of JSON Schema that status.schema.json uses: type, enum,
/// required, properties, additionalProperties: false, items, oneOf, $ref to #/$defs, minimum.
class SchemaChecker final
{
public:
    explicit SchemaChecker(QJsonObject root)
        : m_root(std::move(root))
    { }

    /// The problems found, each with the JSON path; empty when value conforms.
    QStringList check(const QJsonValue &value, const QJsonObject &schema, const QString &path) const
    {
        if (schema.contains(QLatin1String("$ref"))) {
            const QString name = schema.value(QLatin1String("$ref")).toString().section(QLatin1Char('/'), -1);
            return check(value, m_root.value(QLatin1String("$defs")).toObject().value(name).toObject(), path);
        }
        if (schema.contains(QLatin1String("oneOf"))) {
            int matching = 0;
            for (const QJsonValue &option : schema.value(QLatin1String("oneOf")).toArray())
                matching += check(value, option.toObject(), path).isEmpty() ? 1 : 0;
            return matching == 1 ? QStringList()
                                 : QStringList { QStringLiteral("%1: matches %2 of oneOf").arg(path).arg(matching) };
        }
        QStringList problems;
        if (schema.contains(QLatin1String("type")) && !hasType(value, schema.value(QLatin1String("type"))))
            return { QStringLiteral("%1: wrong type %2")
                         .arg(path,
                             QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact))) };
        if (schema.contains(QLatin1String("enum")) && !schema.value(QLatin1String("enum")).toArray().contains(value))
            problems << QStringLiteral("%1: not in enum").arg(path);
        if (schema.contains(QLatin1String("minimum")) && value.isDouble()
            && value.toDouble() < schema.value(QLatin1String("minimum")).toDouble())
            problems << QStringLiteral("%1: below minimum").arg(path);
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
            for (const QJsonValue &required : schema.value(QLatin1String("required")).toArray()) {
                if (!object.contains(required.toString()))
                    problems << QStringLiteral("%1: missing %2").arg(path, required.toString());
            }
            for (auto it = object.begin(); it != object.end(); ++it) {
                const QString child = path + QLatin1Char('.') + it.key();
                if (properties.contains(it.key()))
                    problems += check(it.value(), properties.value(it.key()).toObject(), child);
                else if (schema.value(QLatin1String("additionalProperties")) == QJsonValue(false))
                    problems << QStringLiteral("%1: not in the schema").arg(child);
            }
        }
        if (value.isArray() && schema.contains(QLatin1String("items"))) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                problems += check(array.at(i), schema.value(QLatin1String("items")).toObject(),
                    QStringLiteral("%1[%2]").arg(path).arg(i));
        }
        return problems;
    }

    QStringList check(const QJsonValue &value) const { return check(value, m_root, QStringLiteral("$")); }

private:
    static bool hasType(const QJsonValue &value, const QJsonValue &type)
    {
        if (type.isArray()) {
            for (const QJsonValue &one : type.toArray()) {
                if (hasType(value, one))
                    return true;
            }
            return false;
        }
        const QString name = type.toString();
        if (name == QLatin1String("integer"))
            return value.isDouble() && std::floor(value.toDouble()) == value.toDouble();
        if (name == QLatin1String("number"))
            return value.isDouble();
        if (name == QLatin1String("string"))
            return value.isString();
        if (name == QLatin1String("boolean"))
            return value.isBool();
        if (name == QLatin1String("object"))
            return value.isObject();
        if (name == QLatin1String("array"))
            return value.isArray();
        return name == QLatin1String("null") && value.isNull();
    }

    QJsonObject m_root;
};

QJsonObject loadSchema()
{
    QFile file(QStringLiteral(HACMP_SOURCE_DIR "/agent/ctl/status.schema.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

/// The ways a cluster can look, for the decision table.
enum class Scenario {
    Healthy,
    StaleStandby,
    FencedStandby,
    IneligibleStandby,
    StandbyFlag,
    UnreadableRecord,
    MasterAppStarting,
    StaleMaster,
    CandidateOnly,
    NoRecords,
    TwoMasters,
    AppOnTwoNodes,
    DuplicateHostId,
    Maintenance,
    ConflictInMaintenance,
    OutsideInstanceOnMaster,
    OutsideInstanceInMaintenance,
};

/// A three-node cluster: a master of epoch 7 running the application, b and c eligible standbys.
void buildThreeNodes(ClusterFixture &cluster)
{
    HeartbeatRecord &a = cluster.record(QStringLiteral("a"));
    a.state = Role::Master;
    a.epoch = 7;
    a.started = 7;
    a.priority = 100;
    a.app = AppStatus { AppState::Running, 4242, utcNowIso(), {} };
    cluster.record(QStringLiteral("b")).priority = 90;
    cluster.record(QStringLiteral("c")).priority = 80;
}

} // namespace

/// `hacmpctl status`, run as the real binary against real directories whose records a RecordPulse keeps
/// changing (alive) or leaves alone (stale).
class TestCtlStatus final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void healthyClusterIsOkWithATable();
    void deadMastersRecordIsAnOldTerm();
    void states_data();
    void states();
    void jsonConformsToTheSchema_data();
    void jsonConformsToTheSchema();
    void masterSinceAndLastFailoverComeFromTheHistory();
    void skewIsEstimatedFromChangingRecords();
    void missingDirectoryIsUnreachable();
    void directoryThatIsNoClusterIsUnreachable();
    void hungDirectoryAnswersWithinTheDeadline();
    void configGivesTheDirectoryAndTheInterval();
    void configOfAnotherClusterIsRefused();
    void withoutDirOrConfigTheDefaultConfigurationIsUsed();
    void badArguments_data();
    void badArguments();
    void colourOnlyOnATerminal();

private:
    QJsonObject m_schema;
};

void TestCtlStatus::initTestCase()
{
    QVERIFY2(QFileInfo::exists(kCtl), qPrintable(kCtl));
    m_schema = loadSchema();
    QVERIFY2(!m_schema.isEmpty(), "agent/ctl/status.schema.json is missing or not JSON");
}

void TestCtlStatus::healthyClusterIsOkWithATable()
{
    ClusterFixture cluster;
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    buildThreeNodes(cluster);
    RecordPulse pulse(cluster);
    for (const QString &node : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") })
        pulse.add(node);

    const CtlProcess run = status(cluster.path());
    QVERIFY2(pulse.error().isEmpty(), qPrintable(pulse.error()));
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.firstLine().startsWith(QStringLiteral("OK: a is master (epoch 7), application running; standby ready: "
                                                       "b, c")),
        qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("master: a, epoch 7")), qPrintable(run.describe()));
    const QStringList lines = run.out.split(QLatin1Char('\n'));
    const auto row = [&lines](const QString &node) {
        for (const QString &line : lines) {
            if (line.startsWith(node + QLatin1Char(' ')))
                return line.simplified();
        }
        return QString();
    };
    QVERIFY2(row(QStringLiteral("a")).startsWith(QStringLiteral("a master changing running 4242 100 yes off 0.1.0")),
        qPrintable(run.describe()));
    QVERIFY2(row(QStringLiteral("b")).startsWith(QStringLiteral("b standby changing stopped - 90 yes off 0.1.0")),
        qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("maintenance: off")), qPrintable(run.describe()));
    QVERIFY2(
        run.out.contains(QStringLiteral("a short watch cannot prove that a node is dead")), qPrintable(run.describe()));
    QVERIFY2(!run.out.contains(QLatin1Char('\x1b')), "no colour when standard output is not a terminal");
}

void TestCtlStatus::states_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says"); ///< expected in the first line

    QTest::newRow("healthy") << Scenario::Healthy << QStringLiteral("OK") << 0 << QStringLiteral("a is master");
    QTest::newRow("stale standby") << Scenario::StaleStandby << QStringLiteral("DEGRADED") << 1
                                   << QStringLiteral("c: stale, no change seen in");
    QTest::newRow("fenced standby") << Scenario::FencedStandby << QStringLiteral("DEGRADED") << 1
                                    << QStringLiteral("c: fenced");
    QTest::newRow("ineligible standby") << Scenario::IneligibleStandby << QStringLiteral("DEGRADED") << 1
                                        << QStringLiteral("c: not eligible");
    QTest::newRow("standby flag") << Scenario::StandbyFlag << QStringLiteral("DEGRADED") << 1
                                  << QStringLiteral("c: standby flag set");
    QTest::newRow("unreadable record") << Scenario::UnreadableRecord << QStringLiteral("DEGRADED") << 1
                                       << QStringLiteral("c: record unreadable");
    QTest::newRow("application starting on the master") << Scenario::MasterAppStarting << QStringLiteral("DEGRADED")
                                                        << 1 << QStringLiteral("application on master a is starting");
    QTest::newRow("stale master") << Scenario::StaleMaster << QStringLiteral("NO MASTER") << 2
                                  << QStringLiteral("master a (epoch 7): no change seen in");
    QTest::newRow("election under way") << Scenario::CandidateOnly << QStringLiteral("NO MASTER") << 2
                                        << QStringLiteral("b is candidate");
    QTest::newRow("no records") << Scenario::NoRecords << QStringLiteral("NO MASTER") << 2
                                << QStringLiteral("no agent has started");
    QTest::newRow("two masters") << Scenario::TwoMasters << QStringLiteral("CONFLICT") << 2
                                 << QStringLiteral("two masters: a (epoch 7) and b (epoch 8)");
    QTest::newRow("application on two nodes") << Scenario::AppOnTwoNodes << QStringLiteral("CONFLICT") << 2
                                              << QStringLiteral("application running on a and b");
    QTest::newRow("duplicate host_id") << Scenario::DuplicateHostId << QStringLiteral("CONFLICT") << 2
                                       << QStringLiteral("nodes b and c report the same host_id host-b");
    QTest::newRow("maintenance") << Scenario::Maintenance << QStringLiteral("MAINTENANCE") << 0
                                 << QStringLiteral("by alice@ops: kernel update");
    QTest::newRow("instance outside the guard")
        << Scenario::OutsideInstanceOnMaster << QStringLiteral("DEGRADED") << 1
        << QStringLiteral("a: application running outside the guard (pid 5150)");
    QTest::newRow("instance outside the guard in maintenance")
        << Scenario::OutsideInstanceInMaintenance << QStringLiteral("MAINTENANCE") << 0
        << QStringLiteral("a: application running outside the guard (pid 5150, 5151)");
    QTest::newRow("conflict outranks maintenance")
        << Scenario::ConflictInMaintenance << QStringLiteral("CONFLICT") << 2 << QStringLiteral("two masters");
}

void TestCtlStatus::states()
{
    QFETCH(Scenario, scenario);
    QFETCH(QString, state);
    QFETCH(int, exitCode);
    QFETCH(QString, says);

    ClusterFixture cluster;
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    RecordPulse pulse(cluster);
    if (scenario != Scenario::NoRecords)
        buildThreeNodes(cluster);
    HeartbeatRecord &a = cluster.record(QStringLiteral("a"));
    HeartbeatRecord &b = cluster.record(QStringLiteral("b"));
    HeartbeatRecord &c = cluster.record(QStringLiteral("c"));
    QStringList alive { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
    switch (scenario) {
    case Scenario::Healthy:
    case Scenario::NoRecords:
        break;
    case Scenario::StaleStandby:
        alive.removeAll(QStringLiteral("c"));
        QVERIFY(cluster.writeRecord(QStringLiteral("c")));
        break;
    case Scenario::FencedStandby:
        c.state = Role::Fenced;
        break;
    case Scenario::IneligibleStandby:
        c.eligible = false;
        break;
    case Scenario::StandbyFlag:
        QVERIFY(cluster.setStandby(QStringLiteral("c"), QStringLiteral("alice@ops"), QStringLiteral("disk")));
        break;
    case Scenario::UnreadableRecord: {
        alive.removeAll(QStringLiteral("c"));
        QFile garbage(cluster.path() + QStringLiteral("/nodes/c.hb"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
        break;
    }
    case Scenario::MasterAppStarting:
        a.app = AppStatus { AppState::Starting, 0, {}, {} };
        break;
    case Scenario::StaleMaster:
        alive.removeAll(QStringLiteral("a"));
        QVERIFY(cluster.writeRecord(QStringLiteral("a")));
        break;
    case Scenario::CandidateOnly:
        a.state = Role::Offline;
        a.app = {};
        alive.removeAll(QStringLiteral("a"));
        QVERIFY(cluster.writeRecord(QStringLiteral("a")));
        b.state = Role::Candidate;
        b.epoch = 8;
        break;
    case Scenario::TwoMasters:
    case Scenario::ConflictInMaintenance:
        b.state = Role::Master;
        b.epoch = 8;
        if (scenario == Scenario::ConflictInMaintenance)
            QVERIFY(cluster.setMaintenance(QStringLiteral("alice@ops"), QStringLiteral("kernel update")));
        break;
    case Scenario::AppOnTwoNodes:
        b.app = AppStatus { AppState::Running, 99, {}, {} };
        break;
    case Scenario::DuplicateHostId:
        c.hostId = b.hostId;
        break;
    case Scenario::Maintenance:
        QVERIFY(cluster.setMaintenance(QStringLiteral("alice@ops"), QStringLiteral("kernel update")));
        break;
    case Scenario::OutsideInstanceOnMaster:
        a.app.outside = { 5150 };
        break;
    case Scenario::OutsideInstanceInMaintenance:
        QVERIFY(cluster.setMaintenance(QStringLiteral("alice@ops"), QStringLiteral("app upgrade")));
        a.app = AppStatus { AppState::Running, 0, {}, { 5150, 5151 } }; // stopped by hand, started by hand
        break;
    }
    if (scenario != Scenario::NoRecords) {
        for (const QString &node : std::as_const(alive))
            pulse.add(node);
    }

    const CtlProcess run = status(cluster.path());
    QVERIFY2(pulse.error().isEmpty(), qPrintable(pulse.error()));
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.describe()));
    QVERIFY2(run.firstLine().startsWith(state + QLatin1Char(':')), qPrintable(run.describe()));
    QVERIFY2(run.firstLine().contains(says), qPrintable(run.describe()));
}

void TestCtlStatus::jsonConformsToTheSchema_data()
{
    QTest::addColumn<bool>("rich"); ///< maintenance, switchover, standby flag, a stale and an unreadable node
    QTest::newRow("healthy") << false;
    QTest::newRow("everything set") << true;
}

void TestCtlStatus::jsonConformsToTheSchema()
{
    QFETCH(bool, rich);
    ClusterFixture cluster;
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    buildThreeNodes(cluster);
    RecordPulse pulse(cluster);
    pulse.add(QStringLiteral("a"));
    pulse.add(QStringLiteral("b"));
    if (rich) {
        QVERIFY(cluster.writeRecord(QStringLiteral("c")));
        QFile garbage(cluster.path() + QStringLiteral("/nodes/d.hb"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("torn");
        garbage.close();
        QVERIFY(cluster.setMaintenance(QStringLiteral("alice@ops"), QStringLiteral("kernel update")));
        QVERIFY(cluster.setStandby(QStringLiteral("b"), QStringLiteral("bob@ops"), QStringLiteral("disk")));
        QVERIFY(ControlFiles(cluster.directory())
                    .requestSwitchover({ QStringLiteral("b"), 7, QStringLiteral("bob@ops"), utcNowIso() }));
        QVERIFY(cluster.appendHistory(QStringLiteral("a"),
            { HistoryEvent { {}, {}, 0, 7, QStringLiteral("role_change"), QStringLiteral("a"),
                QStringLiteral("master of epoch 7") } }));
    } else {
        pulse.add(QStringLiteral("c"));
    }

    const CtlProcess run = status(cluster.path(), { QStringLiteral("--json") });
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8());
    QVERIFY2(document.isObject(), qPrintable(run.describe()));
    const QJsonObject object = document.object();
    const QStringList problems = SchemaChecker(m_schema).check(object);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n')) + QLatin1Char('\n') + run.out));
    QCOMPARE(object.value(QLatin1String("exit_code")).toInt(), run.exitCode);
    QCOMPARE(object.value(QLatin1String("nodes")).toArray().size(), rich ? 4 : 3);
    QCOMPARE(object.value(QLatin1String("watch_ms")).toInt(), 600);
    if (!rich) {
        QCOMPARE(object.value(QLatin1String("state")).toString(), QStringLiteral("OK"));
        QCOMPARE(object.value(QLatin1String("master")).toObject().value(QLatin1String("node")).toString(),
            QStringLiteral("a"));
        return;
    }
    QCOMPARE(object.value(QLatin1String("state")).toString(), QStringLiteral("MAINTENANCE"));
    QCOMPARE(object.value(QLatin1String("maintenance")).toObject().value(QLatin1String("who")).toString(),
        QStringLiteral("alice@ops"));
    QCOMPARE(object.value(QLatin1String("switchover")).toObject().value(QLatin1String("target")).toString(),
        QStringLiteral("b"));
    QCOMPARE(
        object.value(QLatin1String("master")).toObject().value(QLatin1String("since")).toString().isEmpty(), false);
    const QJsonArray nodes = object.value(QLatin1String("nodes")).toArray();
    QCOMPARE(nodes.at(1).toObject().value(QLatin1String("standby_flag")).toBool(), true);
    QCOMPARE(nodes.at(2).toObject().value(QLatin1String("heartbeat")).toString(), QStringLiteral("stale"));
    QVERIFY(nodes.at(2).toObject().value(QLatin1String("skew_estimate_ms")).isNull());
    QVERIFY(nodes.at(3).toObject().value(QLatin1String("role")).isNull());
    QVERIFY(!nodes.at(3).toObject().value(QLatin1String("problem")).toString().isEmpty());
}

void TestCtlStatus::masterSinceAndLastFailoverComeFromTheHistory()
{
    ClusterFixture cluster;
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    buildThreeNodes(cluster);
    const auto line = [](const char *time, const char *event, quint64 epoch, const char *detail) {
        return HistoryEvent { QLatin1String(time), {}, 0, epoch, QLatin1String(event), {}, QLatin1String(detail) };
    };
    const auto about = [](HistoryEvent event, const QString &node) {
        event.node = node;
        return event;
    };
    QVERIFY(cluster.appendHistory(QStringLiteral("b"),
        { about(line("2024-05-01T10:00:00.000Z", "role_change", 6, "master of epoch 6"), QStringLiteral("b")),
            about(line("2024-05-01T10:00:01.000Z", "app_start", 6, "pid 7"), QStringLiteral("b")),
            about(line("2024-05-01T11:00:00.000Z", "role_change", 6, "master -> stopping: application failed"),
                QStringLiteral("b")),
            about(line("2024-05-01T11:00:01.000Z", "app_exit", 6, "status 1"), QStringLiteral("b")) }));
    QVERIFY(cluster.appendHistory(QStringLiteral("a"),
        { about(line("2024-05-01T11:00:05.000Z", "role_change", 7, "master of epoch 7"), QStringLiteral("a")),
            about(line("2024-05-01T11:00:06.500Z", "app_start", 7, "pid 4242"), QStringLiteral("a")) }));
    RecordPulse pulse(cluster);
    for (const QString &node : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") })
        pulse.add(node);

    const CtlProcess run = status(cluster.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("master: a, epoch 7, since 2024-05-01T11:00:05.000Z (failover)")),
        qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("last failover: 2024-05-01T11:00:05.000Z b -> a (epoch 7), failover: b "
                                             "stood down: application failed; downtime 5.5s")),
        qPrintable(run.describe()));
}

void TestCtlStatus::skewIsEstimatedFromChangingRecords()
{
    ClusterFixture cluster;
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    buildThreeNodes(cluster);
    RecordPulse pulse(cluster);
    pulse.add(QStringLiteral("a"));
    pulse.add(QStringLiteral("c"));
    // b's clock is 30 s ahead.
    QTimer ahead;
    bool written = true;
    connect(&ahead, &QTimer::timeout, this, [&cluster, &written] {
        cluster.record(QStringLiteral("b")).wallTime
            = QDateTime::currentDateTimeUtc().addSecs(30).toString(Qt::ISODateWithMs);
        written = written && cluster.writeRecord(QStringLiteral("b"), true).ok();
    });
    ahead.start(100);

    const CtlProcess run = status(cluster.path(), { QStringLiteral("--json") });
    QVERIFY(written);
    const QJsonArray nodes = parseObject(run.out).value(QLatin1String("nodes")).toArray();
    QCOMPARE(nodes.size(), 3);
    const QJsonObject b = nodes.at(1).toObject();
    const double estimate = b.value(QLatin1String("skew_estimate_ms")).toDouble();
    const double uncertainty = b.value(QLatin1String("skew_uncertainty_ms")).toDouble();
    QVERIFY2(std::abs(estimate - 30000) <= uncertainty + 300, qPrintable(run.out)); // + the write's own latency
    QVERIFY2(uncertainty <= 500, qPrintable(run.out));
    const double own = nodes.at(0).toObject().value(QLatin1String("skew_estimate_ms")).toDouble();
    QVERIFY2(std::abs(own) <= 500, qPrintable(run.out));
}

void TestCtlStatus::missingDirectoryIsUnreachable()
{
    QTemporaryDir temp;
    const QString missing = temp.path() + QStringLiteral("/not-mounted");
    const CtlProcess run = status(missing);
    QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
    QVERIFY2(run.firstLine().startsWith(QStringLiteral("DIRECTORY UNREACHABLE: ")), qPrintable(run.describe()));
    QVERIFY2(run.firstLine().contains(missing), qPrintable(run.describe()));

    const CtlProcess json = status(missing, { QStringLiteral("--json") });
    QCOMPARE(json.exitCode, 3);
    const QJsonObject object = parseObject(json.out);
    QVERIFY2(SchemaChecker(m_schema).check(object).isEmpty(), qPrintable(json.out));
    QCOMPARE(object.value(QLatin1String("state")).toString(), QStringLiteral("DIRECTORY UNREACHABLE"));
}

void TestCtlStatus::directoryThatIsNoClusterIsUnreachable()
{
    QTemporaryDir temp; // an empty folder: what an unmounted mount point looks like
    const CtlProcess run = status(temp.path());
    QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
    QVERIFY2(run.firstLine().startsWith(QStringLiteral("DIRECTORY UNREACHABLE: ")), qPrintable(run.describe()));
    QVERIFY2(run.firstLine().contains(temp.path() + QStringLiteral("/cluster is missing")), qPrintable(run.describe()));
    QVERIFY2(run.firstLine().contains(QStringLiteral("hacmpctl init")), qPrintable(run.describe()));
}

void TestCtlStatus::hungDirectoryAnswersWithinTheDeadline()
{
    if (const QString reason = HungMount::skipReason(); !reason.isEmpty())
        HACMP_MISSING_PREREQUISITE(reason);
    HungMount mount;
    {
        ClusterFixture cluster(QStringLiteral("demo"), mount.source());
        QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
        buildThreeNodes(cluster);
        QVERIFY(cluster.writeRecord(QStringLiteral("a")));
    }
    if (const Status mounted = mount.mount(); !mounted)
        HACMP_MISSING_PREREQUISITE(mounted.error());
    const CtlProcess healthy = CtlProcess::run(kCtl,
        { QStringLiteral("--dir"), mount.mountPoint(), QStringLiteral("--io-timeout"), QStringLiteral("1"),
            QStringLiteral("status"), QStringLiteral("--watch"), QStringLiteral("0.3") });
    QVERIFY2(healthy.exitCode == 2, qPrintable(healthy.describe())); // reachable; the lone record is stale

    QVERIFY(mount.stop());
    for (const QStringList &more : { QStringList {}, QStringList { QStringLiteral("--json") } }) {
        const CtlProcess run = CtlProcess::run(kCtl,
            QStringList { QStringLiteral("--dir"), mount.mountPoint(), QStringLiteral("--io-timeout"),
                QStringLiteral("1"), QStringLiteral("status") }
                + more,
            Millis(10000));
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        QVERIFY2(run.elapsedMs < 3000, qPrintable(run.describe()));
        QVERIFY2(
            run.err.contains(mount.mountPoint() + QStringLiteral(": directory not responding (no answer within 1 s)")),
            qPrintable(run.describe()));
        if (more.isEmpty())
            QVERIFY2(
                run.firstLine().startsWith(QStringLiteral("DIRECTORY NOT RESPONDING")), qPrintable(run.describe()));
        else
            QCOMPARE(parseObject(run.out).value(QLatin1String("state")).toString(),
                QStringLiteral("DIRECTORY NOT RESPONDING"));
    }
    // Every other command gives up the same way.
    const CtlProcess maintenance = CtlProcess::run(kCtl,
        { QStringLiteral("--dir"), mount.mountPoint(), QStringLiteral("--io-timeout"), QStringLiteral("0.5"),
            QStringLiteral("maintenance") },
        Millis(10000));
    QVERIFY2(maintenance.exitCode == 3, qPrintable(maintenance.describe()));
    QVERIFY2(maintenance.err.contains(QStringLiteral("directory not responding (no answer within 0.5 s)")),
        qPrintable(maintenance.describe()));
    QVERIFY(mount.resume());
}

void TestCtlStatus::configGivesTheDirectoryAndTheInterval()
{
    ClusterFixture cluster(QStringLiteral("prod"));
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    buildThreeNodes(cluster);
    RecordPulse pulse(cluster);
    for (const QString &node : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") })
        pulse.add(node);
    QTemporaryDir temp;
    const QString config = temp.path() + QStringLiteral("/agent.conf");
    {
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("[cluster]\ndirectory = %1\nname = prod\n[node]\nname = a\n[timing]\n"
                                  "interval = 250ms\nio_timeout = 500ms\nfailover_timeout = 2s\nrenew_limit = 1s\n"
                                  "stop_grace = 500ms\n[application]\nstart = /bin/true\n")
                       .arg(cluster.path())
                       .toUtf8());
    }
    const CtlProcess run = CtlProcess::run(
        kCtl, { QStringLiteral("--config"), config, QStringLiteral("status"), QStringLiteral("--json") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonObject object = parseObject(run.out);
    QCOMPARE(object.value(QLatin1String("interval_ms")).toInt(), 250);
    QCOMPARE(object.value(QLatin1String("interval_configured")).toBool(), true);
    QCOMPARE(object.value(QLatin1String("watch_ms")).toInt(), 375);
    QCOMPARE(object.value(QLatin1String("cluster")).toString(), QStringLiteral("prod"));
    // The options may follow the command, too.
    const CtlProcess after = CtlProcess::run(kCtl,
        { QStringLiteral("status"), QStringLiteral("--config"), config, QStringLiteral("--watch"),
            QStringLiteral("0.3") });
    QVERIFY2(after.exitCode == 0, qPrintable(after.describe()));
}

void TestCtlStatus::configOfAnotherClusterIsRefused()
{
    ClusterFixture cluster(QStringLiteral("prod"));
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    QTemporaryDir temp;
    const QString config = temp.path() + QStringLiteral("/agent.conf");
    {
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("[cluster]\ndirectory = %1\nname = test\n[node]\nname = a\n[application]\n"
                                  "start = /bin/true\n")
                       .arg(cluster.path())
                       .toUtf8());
    }
    const CtlProcess run = CtlProcess::run(kCtl, { QStringLiteral("--config"), config, QStringLiteral("status") });
    QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
    QVERIFY2(
        run.firstLine().contains(QStringLiteral("\"prod\"")) && run.firstLine().contains(QStringLiteral("\"test\"")),
        qPrintable(run.describe()));

    const CtlProcess broken = CtlProcess::run(
        kCtl, { QStringLiteral("--config"), temp.path() + QStringLiteral("/missing.conf"), QStringLiteral("status") });
    QVERIFY2(broken.exitCode == 3, qPrintable(broken.describe()));
    QVERIFY2(broken.out.contains(QStringLiteral("missing.conf")), qPrintable(broken.describe()));
}

void TestCtlStatus::withoutDirOrConfigTheDefaultConfigurationIsUsed()
{
    const QString defaultConfig = QStringLiteral("/etc/hacmp/agent.conf");
    if (QFileInfo::exists(defaultConfig))
        QSKIP("this host has /etc/hacmp/agent.conf; the test needs a host without one");
    const CtlProcess run = CtlProcess::run(kCtl, { QStringLiteral("status") });
    QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
    QVERIFY2(run.firstLine().startsWith(QStringLiteral("DIRECTORY UNREACHABLE: ")), qPrintable(run.describe()));
    QVERIFY2(run.out.contains(defaultConfig), qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("--dir DIR")), qPrintable(run.describe()));
}

void TestCtlStatus::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("names");
    QTest::newRow("bad watch") << QStringList { QStringLiteral("status"), QStringLiteral("--watch"),
        QStringLiteral("soon") }
                               << QStringLiteral("--watch \"soon\"");
    QTest::newRow("zero watch") << QStringList { QStringLiteral("status"), QStringLiteral("--watch"),
        QStringLiteral("0") } << QStringLiteral("--watch \"0\"");
    QTest::newRow("extra argument") << QStringList { QStringLiteral("status"), QStringLiteral("now") }
                                    << QStringLiteral("\"now\"");
    QTest::newRow("unknown option") << QStringList { QStringLiteral("status"), QStringLiteral("--verbose") }
                                    << QStringLiteral("verbose");
    QTest::newRow("dir and config") << QStringList { QStringLiteral("--dir"), QStringLiteral("/x"),
        QStringLiteral("--config"), QStringLiteral("/y"), QStringLiteral("status") }
                                    << QStringLiteral("--config");
    QTest::newRow("bad io timeout") << QStringList { QStringLiteral("status"), QStringLiteral("--io-timeout"),
        QStringLiteral("-1") } << QStringLiteral("--io-timeout");
}

void TestCtlStatus::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, names);
    const CtlProcess run = CtlProcess::run(kCtl, arguments);
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(names), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("hacmpctl")), qPrintable(run.describe()));
    if (arguments.constFirst() == QLatin1String("status"))
        QVERIFY2(run.err.contains(QStringLiteral("Usage: hacmpctl [--dir DIR | --config FILE] status")),
            qPrintable(run.describe()));
}

void TestCtlStatus::colourOnlyOnATerminal()
{
    const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
    if (script.isEmpty())
        HACMP_MISSING_PREREQUISITE(
            QStringLiteral("script (util-linux) is not installed: no pseudo-terminal to test colour on"));
    ClusterFixture cluster;
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    buildThreeNodes(cluster);
    RecordPulse pulse(cluster);
    for (const QString &node : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") })
        pulse.add(node);
    const QString command = QStringLiteral("%1 --dir %2 status --watch 0.4").arg(kCtl, cluster.path());
    const CtlProcess run = CtlProcess::run(script, { QStringLiteral("-qec"), command, QStringLiteral("/dev/null") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("\x1b[32mOK\x1b[0m: a is master")), qPrintable(run.describe()));
}

void TestCtlStatus::deadMastersRecordIsAnOldTerm()
{
    ClusterFixture cluster;
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    buildThreeNodes(cluster);
    HeartbeatRecord &b = cluster.record(QStringLiteral("b"));
    b.state = Role::Master; // the last record of the master before a, which died
    b.epoch = 6;
    b.app = AppStatus { AppState::Running, 77, utcNowIso(), {} };
    QVERIFY(cluster.writeRecord(QStringLiteral("b")));
    RecordPulse pulse(cluster);
    pulse.add(QStringLiteral("a"));
    pulse.add(QStringLiteral("c"));

    const CtlProcess run = status(cluster.path());
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe())); // DEGRADED (b is stale), not CONFLICT
    QVERIFY2(run.firstLine().startsWith(QLatin1String("DEGRADED")), qPrintable(run.describe()));
    const QStringList rows = run.out.split(QLatin1Char('\n'));
    const auto row
        = std::find_if(rows.cbegin(), rows.cend(), [](const QString &line) { return line.startsWith(u'b'); });
    QVERIFY2(row != rows.cend() && row->contains(QLatin1String("old master")), qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QLatin1String("master: a, epoch 7")), qPrintable(run.describe()));
}

QTEST_GUILESS_MAIN(TestCtlStatus)
#include "tst_ctlstatus.moc"
