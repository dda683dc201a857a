#include "gui/consoleresources.h"
#include "gui/mainwindow.h"
#include "gui/statebanner.h"
#include "tests/support/clusterfixture.h"
#include "tests/support/hungmount.h"
#include "tests/support/prerequisite.h"

#include <QAction>
#include <QElapsedTimer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

using namespace hacmp;
using namespace hacmp::console;
using hacmp::test::ClusterFixture;
using hacmp::test::HungMount;

namespace {

/// The longest time the event loop went without running a 10 ms timer.
class LoopLatency final
{
public:
    LoopLatency()
    {
        m_since.start();
        QObject::connect(&m_timer, &QTimer::timeout, [this] { m_worst = std::max(m_worst, m_since.restart()); });
        m_timer.start(10);
    }
    qint64 worst() const { return m_worst; }
    void reset()
    {
        m_worst = 0;
        m_since.restart();
    }

private:
    QTimer m_timer;
    QElapsedTimer m_since;
    qint64 m_worst = 0;
};

} // namespace

/// A directory on a hung file system (a stopped bindfs, like a dead hard-mounted NFS server): the banner
/// turns to DIRECTORY NOT RESPONDING while the window keeps answering, and comes back when it answers.
class TestHungDirectory final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void windowKeepsAnsweringWhileTheDirectoryHangs();
};

void TestHungDirectory::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    initResources();
}

void TestHungDirectory::windowKeepsAnsweringWhileTheDirectoryHangs()
{
    if (const QString reason = HungMount::skipReason(); !reason.isEmpty())
        HACMP_MISSING_PREREQUISITE(reason);
    HungMount mount;
    ClusterFixture cluster(QStringLiteral("lab"), mount.source());
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    cluster.record(QStringLiteral("a")).state = Role::Master;
    cluster.record(QStringLiteral("a")).epoch = 3;
    QVERIFY(cluster.writeRecord(QStringLiteral("a")).ok());
    QVERIFY(cluster.writeRecord(QStringLiteral("b")).ok());
    if (const Status mounted = mount.mount(); !mounted)
        HACMP_MISSING_PREREQUISITE(mounted.error());

    auto window = std::make_unique<MainWindow>(nullptr, Timing::fast(), MonoClock(monotonicNow));
    window->show();
    window->openCluster(mount.mountPoint());
    QTRY_VERIFY_WITH_TIMEOUT(window->maintenanceAction()->isEnabled(), 5000);
    QVERIFY(window->banner()->stateText() != QStringLiteral("DIRECTORY NOT RESPONDING"));

    LoopLatency latency;
    QVERIFY(mount.stop());
    QElapsedTimer hung;
    hung.start();
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->stateText(), QStringLiteral("DIRECTORY NOT RESPONDING"), 5000);
    // Detected after io_timeout (500 ms) at the next interval (250 ms), with slack for a loaded machine.
    QVERIFY2(hung.elapsed() < 2000, qPrintable(QString::number(hung.elapsed())));
    QVERIFY(window->banner()->detailText().contains(mount.mountPoint()));
    QVERIFY(!window->maintenanceAction()->isEnabled());
    QVERIFY(window->maintenanceButton()->toolTip().contains(QStringLiteral("not responding")));

    // The operator keeps using the window: tabs, timeline zoom, a refresh.
    auto *tabs = window->findChild<QTabWidget *>();
    for (int i = 0; i < 6; ++i) {
        tabs->setCurrentIndex(i % 3);
        window->monitor()->refresh();
        QTest::qWait(100);
    }
    qInfo("worst event loop latency while the directory hung: %lld ms", latency.worst());
    QVERIFY2(
        latency.worst() < 200, qPrintable(QStringLiteral("the event loop stalled for %1 ms").arg(latency.worst())));
    QCOMPARE(window->banner()->stateText(), QStringLiteral("DIRECTORY NOT RESPONDING"));

    // Closing the window while the directory hangs does not hang either.
    QVERIFY(mount.resume());
    QTRY_VERIFY_WITH_TIMEOUT(window->banner()->stateText() != QStringLiteral("DIRECTORY NOT RESPONDING"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(window->maintenanceAction()->isEnabled(), 5000);
    QVERIFY(mount.stop());
    QTRY_COMPARE_WITH_TIMEOUT(window->banner()->stateText(), QStringLiteral("DIRECTORY NOT RESPONDING"), 5000);
    QElapsedTimer closing;
    closing.start();
    window.reset();
    QVERIFY2(closing.elapsed() < 1000, qPrintable(QString::number(closing.elapsed())));
    QVERIFY(mount.resume());
}

QTEST_MAIN(TestHungDirectory)
#include "tst_hungdirectory.moc"
