#include "gui/confirmdialog.h"
#include "gui/consoleoptions.h"
#include "gui/consoleresources.h"
#include "gui/endpointspane.h"
#include "gui/mainwindow.h"
#include "gui/statebanner.h"
#include "shared/etcd/clusterstore.h"
#include "shared/etcd/etcdclient.h"
#include "shared/etcd/etcdclusterdirectory.h"
#include "shared/history/actor.h"
#include "shared/storage/controlfiles.h"
#include "tests/support/etcdprocess.h"
#include "tests/support/prerequisite.h"
#include "tests/support/recordwriter.h"

#include <QAction>
#include <QColor>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using namespace hacmp::console;
using hacmp::test::EtcdProcess;
using hacmp::test::RecordWriter;

namespace {

const QString kCluster = QStringLiteral("lab");

} // namespace

/// The console on an etcd cluster of three real members (EtcdProcess): it opens the cluster that [cluster]
/// of an agent.conf names, shows the master and nodes whose records are written into etcd with the agents'
/// codec, writes an operator's maintenance into the etcd key, and shows a killed member as down in its
/// endpoints pane while the cluster keeps answering.
class TestConsoleEtcd final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void opensTheConfiguredEtcdCluster();
    void maintenanceToggleWritesTheEtcdKey();
    void anotherClustersPrefixIsRefused();
    void endpointsPaneShowsAKilledMemberAsDown();
    void screenshotOfTheEtcdCluster();
    void quorumLostIsEtcdNotResponding();

private:
    /// Writes node's record as its agent would (seq + 1, the other slot, wall time now) into etcd.
    Status writeRecord(const QString &node) { return m_records->write(node); }
    QString writeConfig(const QString &file, const QString &name, const QStringList &endpoints);

    QTemporaryDir m_temp;
    std::unique_ptr<EtcdProcess> m_etcd;
    QString m_config;
    std::unique_ptr<ClusterDirectory> m_store; ///< the agents' side: records and checks
    std::unique_ptr<RecordWriter> m_records;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleEtcd::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    initResources();
    const QString missing = EtcdProcess::skipReason();
    if (!missing.isEmpty())
        HACMP_MISSING_PREREQUISITE(missing);
    m_etcd = std::make_unique<EtcdProcess>(3);
    const Status started = m_etcd->start();
    QVERIFY2(started.ok(), qPrintable(started.error()));
    m_config = writeConfig(QStringLiteral("agent.conf"), kCluster, m_etcd->endpoints());
    const Result<AgentConfig> config = AgentConfig::load(m_config);
    QVERIFY2(config.ok(), qPrintable(config.error()));
    const Status made = initEtcdCluster(config->cluster, Millis(2000));
    QVERIFY2(made.ok(), qPrintable(made.error()));
    Result<std::unique_ptr<ClusterDirectory>> store = openClusterStore(config->cluster, Millis(2000));
    QVERIFY2(store.ok(), qPrintable(store.error()));
    m_store = std::move(store).value();
    m_records = std::make_unique<RecordWriter>(*m_store);

    HeartbeatRecord &a = m_records->record(QStringLiteral("a"));
    a.state = Role::Master;
    a.epoch = 7;
    a.app = { AppState::Running, 321, QString(), {} };
    for (const QString &node : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }) {
        const Status written = writeRecord(node);
        QVERIFY2(written.ok(), qPrintable(written.error()));
    }
}

void TestConsoleEtcd::cleanupTestCase()
{
    m_records.reset();
    m_store.reset();
    m_etcd.reset();
}

QString TestConsoleEtcd::writeConfig(const QString &file, const QString &name, const QStringList &endpoints)
{
    const QString path = m_temp.filePath(file);
    QFile out(path);
    const QByteArray text
        = QStringLiteral("[cluster]\nbackend = etcd\nendpoints = %1\nname = %2\nprefix = /hacmp/%3/\n"
                         "election_timeout = 500ms\n[node]\nname = alpha\n[timing]\ninterval = 250ms\nio_timeout = 1s\n"
                         "failover_timeout = 3s\nrenew_limit = 2s\nstop_grace = 500ms\n"
                         "[application]\nstart = /usr/bin/app\n")
              .arg(endpoints.join(QStringLiteral(", ")), name, kCluster)
              .toUtf8();
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size())
        return QString();
    return path;
}

void TestConsoleEtcd::init()
{
    const Result<ConsoleOptions> options
        = ConsoleOptions::parse({ QStringLiteral("hacmp-console"), QStringLiteral("--config"), m_config },
            m_temp.filePath(QStringLiteral("none.conf")));
    QVERIFY2(options.ok(), qPrintable(options.error()));
    QVERIFY(options->cluster.usesEtcd());
    m_window = std::make_unique<MainWindow>(nullptr, options->timing, MonoClock(monotonicNow));
    m_window->show();
    m_window->openCluster(options->cluster);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->maintenanceAction()->isEnabled(), 10000);
}

void TestConsoleEtcd::cleanup()
{
    m_window.reset();
}

void TestConsoleEtcd::opensTheConfiguredEtcdCluster()
{
    const ClusterSnapshot &snapshot = m_window->monitor()->snapshot();
    QVERIFY(snapshot.responding);
    QCOMPARE(snapshot.clusterName, kCluster);
    QCOMPARE(snapshot.master(), QStringLiteral("a"));
    QCOMPARE(snapshot.masterEpoch(), quint64(7));
    QCOMPARE(snapshot.nodes.size(), 3);
    QVERIFY2(snapshot.writable, qPrintable(snapshot.writeProblem));

    // The store is named where the operator looks: the status bar and the banner.
    const QString store = QStringLiteral("etcd://127.0.0.1:%1").arg(QUrl(m_etcd->endpoint(0)).port());
    QVERIFY2(m_window->storeText().contains(store), qPrintable(m_window->storeText()));
    QVERIFY2(m_window->storeText().endsWith(QStringLiteral("/hacmp/lab/")), qPrintable(m_window->storeText()));
    QVERIFY2(m_window->banner()->detailText().contains(store), qPrintable(m_window->banner()->detailText()));

    // A record written into etcd reaches the window: b becomes standby.
    QVERIFY(writeRecord(QStringLiteral("b")).ok());
    QVERIFY(ControlFiles(*m_store)
                .setStandby(QStringLiteral("b"), { QStringLiteral("ops@desk"), utcNowIso(), QStringLiteral("disk") })
                .ok());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->monitor()->snapshot().node(QStringLiteral("b"))
            && m_window->monitor()->snapshot().node(QStringLiteral("b"))->standby,
        5000);
    QVERIFY(ControlFiles(*m_store).clearStandby(QStringLiteral("b")).ok());
}

void TestConsoleEtcd::maintenanceToggleWritesTheEtcdKey()
{
    QAction *toggle = m_window->maintenanceAction();
    QVERIFY(!toggle->isChecked());
    toggle->trigger();
    ConfirmDialog *dialog = m_window->openDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("etcd upgrade"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(ControlFiles(*m_store).maintenance().presence == Presence::Present, 5000);
    const NoteRead note = ControlFiles(*m_store).maintenance();
    QCOMPARE(note.note->who, currentActor());
    QCOMPARE(note.note->why, QStringLiteral("etcd upgrade"));
    // It is the key under the prefix, as hacmpctl and the agents read it.
    EtcdClientConfig config;
    config.endpoints = m_etcd->endpoints();
    Result<std::unique_ptr<EtcdClient>> client = EtcdClient::create(config);
    QVERIFY(client.ok());
    const EtcdResult<EtcdRange> key = client.value()->get(QByteArrayLiteral("/hacmp/lab/maintenance"));
    QVERIFY(key.ok());
    QCOMPARE(key->kvs.size(), 1);
    QVERIFY2(key->kvs.front().value.contains("etcd upgrade"), key->kvs.front().value.constData());
    QTRY_VERIFY_WITH_TIMEOUT(toggle->isChecked(), 5000);
    QCOMPARE(m_window->monitor()->snapshot().state, ClusterState::Maintenance);

    // Off again, through the same dialog.
    toggle->trigger();
    dialog = m_window->openDialog();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(ControlFiles(*m_store).maintenance().presence == Presence::Absent, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!toggle->isChecked(), 5000);
}

void TestConsoleEtcd::anotherClustersPrefixIsRefused()
{
    // A configuration whose prefix holds cluster "lab" but whose name is another: never watched as that one.
    const QString wrong = writeConfig(QStringLiteral("wrong.conf"), QStringLiteral("prod"), m_etcd->endpoints());
    const Result<AgentConfig> config = AgentConfig::load(wrong);
    QVERIFY2(config.ok(), qPrintable(config.error()));
    ClusterMonitor monitor(ClusterSource::configured(config->cluster, wrong), config->timing, MonoClock(monotonicNow));
    QSignalSpy snapshots(&monitor, &ClusterMonitor::snapshotChanged);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(!snapshots.isEmpty(), 5000);
    QCOMPARE(monitor.snapshot().state, ClusterState::NotResponding);
    const QString reasons = monitor.snapshot().reasons.join(QLatin1Char(' '));
    QVERIFY2(
        reasons.contains(wrong) && reasons.contains(QLatin1String("[cluster] prefix and name")), qPrintable(reasons));
    QVERIFY(!monitor.submit({ OperatorAction::Kind::MaintenanceOn, QString(), 0, QStringLiteral("x") }));
}

void TestConsoleEtcd::endpointsPaneShowsAKilledMemberAsDown()
{
    EndpointsPane *pane = m_window->endpointsPane();
    QVERIFY(pane->isVisible());
    QCOMPARE(pane->rows(), 3);
    for (int row = 0; row < 3; ++row)
        QCOMPARE(pane->text(row, EndpointsPane::Endpoint), m_etcd->endpoint(row));
    // Every member up, exactly one of them the leader (once the first election is over).
    const auto count = [pane](const QString &state) {
        int rows = 0;
        for (int row = 0; row < pane->rows(); ++row)
            rows += pane->text(row, EndpointsPane::State) == state ? 1 : 0;
        return rows;
    };
    QTRY_VERIFY_WITH_TIMEOUT(
        count(QStringLiteral("up, leader")) == 1 && count(QStringLiteral("up, follower")) == 2, 10000);

    QVERIFY(m_etcd->kill(2).ok());
    QTRY_COMPARE_WITH_TIMEOUT(pane->text(2, EndpointsPane::State), QStringLiteral("down"), 5000);
    QVERIFY2(pane->text(2, EndpointsPane::Details).contains(QUrl(m_etcd->endpoint(2)).host()),
        qPrintable(pane->text(2, EndpointsPane::Details)));
    QVERIFY(pane->text(0, EndpointsPane::State).startsWith(QLatin1String("up")));
    // Two of three members keep the quorum: the cluster still answers and may be changed.
    QVERIFY(writeRecord(QStringLiteral("a")).ok());
    QTest::qWait(1000);
    QVERIFY(m_window->monitor()->snapshot().responding);
    QVERIFY(m_window->maintenanceAction()->isEnabled());
}

void TestConsoleEtcd::screenshotOfTheEtcdCluster()
{
    // The real program, as an operator starts it: --config, one member still down. Keep the picture with
    // HACMP_ETCD_SCREENSHOT_OUT=PATH.
    const QString picture = m_temp.filePath(QStringLiteral("console-etcd.png"));
    QProcess console;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_temp.path());
    environment.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
    console.setProcessEnvironment(environment);
    console.start(QStringLiteral(HACMP_BIN_DIR "/hacmp-console"),
        { QStringLiteral("--screenshot"), picture, QStringLiteral("--config"), m_config });
    QVERIFY(console.waitForFinished(40000));
    QCOMPARE(console.exitCode(), 0);
    const QImage image(picture);
    QVERIFY2(!image.isNull(), console.readAllStandardError().constData());
    QCOMPARE(image.size(), QSize(1280, 880));
    // The banner shows OK in its colour: two members of three are a quorum.
    bool bannerFound = false;
    for (int y = 0; y < 200 && !bannerFound; ++y)
        bannerFound = image.pixelColor(12, y) == QColor(0x15, 0x80, 0x3d);
    QVERIFY2(bannerFound, "the banner's OK colour is not in the picture");
    const QString keep = qEnvironmentVariable("HACMP_ETCD_SCREENSHOT_OUT");
    if (!keep.isEmpty()) {
        QFile::remove(keep);
        QVERIFY(QFile::copy(picture, keep));
    }
}

void TestConsoleEtcd::quorumLostIsEtcdNotResponding()
{
    // Member 2 is down since endpointsPaneShowsAKilledMemberAsDown; without member 1 too there is no quorum.
    QVERIFY(m_etcd->kill(1).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->banner()->stateText(), QStringLiteral("ETCD NOT RESPONDING"), 10000);
    QVERIFY(!m_window->maintenanceAction()->isEnabled());
    QVERIFY2(m_window->maintenanceButton()->toolTip().contains(QLatin1String("etcd")),
        qPrintable(m_window->maintenanceButton()->toolTip()));
    EndpointsPane *pane = m_window->endpointsPane();
    QTRY_COMPARE_WITH_TIMEOUT(pane->text(1, EndpointsPane::State), QStringLiteral("down"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(pane->text(0, EndpointsPane::State), QStringLiteral("up, no leader"), 10000);
    QVERIFY2(
        m_window->windowTitle().contains(QLatin1String("ETCD NOT RESPONDING")), qPrintable(m_window->windowTitle()));
}

QTEST_MAIN(TestConsoleEtcd)
#include "tst_consoleetcd.moc"
