#include "tests/support/clusterfixture.h"
#include "tests/support/demohistory.h"

#include <QColor>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using hacmp::test::ClusterFixture;
using hacmp::test::DemoHistory;

/// `hacmp-console --screenshot FILE --dir DIR` renders the real window of a demo cluster offscreen and
/// exits. Set HACMP_SCREENSHOT_OUT=PATH to keep the picture (docs/console.png is made this way), and
/// HACMP_TIMELINE_SCREENSHOT_OUT=PATH for the timeline after a failover (docs/console-timeline.png).
class TestScreenshot final : public QObject
{
    Q_OBJECT

private slots:
    void rendersTheDemoCluster();
    void rendersTheTimelineAfterAFailover();
    void needsADirectory();

private:
    int runConsole(const QStringList &arguments, QString *errors);
    QTemporaryDir m_home;
};

int TestScreenshot::runConsole(const QStringList &arguments, QString *errors)
{
    QProcess console;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path()); // no recent list of the tester's
    environment.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
    console.setProcessEnvironment(environment);
    console.start(QStringLiteral(HACMP_BIN_DIR "/hacmp-console"), arguments);
    if (!console.waitForFinished(40000)) {
        console.kill();
        console.waitForFinished();
        *errors = QStringLiteral("hacmp-console did not exit within 40 s");
        return -1;
    }
    *errors = QString::fromLocal8Bit(console.readAllStandardError());
    return console.exitStatus() == QProcess::NormalExit ? console.exitCode() : -1;
}

void TestScreenshot::rendersTheDemoCluster()
{
    ClusterFixture cluster(QStringLiteral("demo"));
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    const QStringList nodes { QStringLiteral("alpha"), QStringLiteral("bravo"), QStringLiteral("charlie") };
    DemoHistory history(nodes, QStringLiteral("ops@desk"), 7);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    history.run(now.addSecs(-30 * 3600), now.addSecs(-20 * 60), Millis(4 * 3600 * 1000), 16);
    for (auto it = history.byWriter().cbegin(); it != history.byWriter().cend(); ++it)
        QVERIFY(cluster.appendHistory(it.key(), it.value()).ok());

    for (const QString &node : nodes) {
        HeartbeatRecord &record = cluster.record(node);
        record.started = history.epoch();
        if (node == history.master()) {
            record.state = Role::Master;
            record.epoch = history.epoch();
            record.app = { AppState::Running, 24017, QString(), {} };
        }
        QVERIFY(cluster.writeRecord(node).ok());
    }
    HeartbeatRecord &delta = cluster.record(QStringLiteral("delta"));
    delta.state = Role::Offline;
    delta.priority = 50;
    QVERIFY(cluster.writeRecord(QStringLiteral("delta")).ok());

    const QString picture = m_home.filePath(QStringLiteral("console.png"));
    QString errors;
    QCOMPARE(
        runConsole({ QStringLiteral("--screenshot"), picture, QStringLiteral("--dir"), cluster.path() }, &errors), 0);
    QImage image(picture);
    QVERIFY2(!image.isNull(), qPrintable(errors));
    QCOMPARE(image.size(), QSize(1280, 880));
    // The banner shows DEGRADED (delta is offline) in its colour, somewhere down the left edge.
    bool bannerFound = false;
    for (int y = 0; y < 200 && !bannerFound; ++y)
        bannerFound = image.pixelColor(12, y) == QColor(0xb4, 0x53, 0x09);
    QVERIFY2(bannerFound, "the banner's DEGRADED colour is not in the picture");

    const QString keep = qEnvironmentVariable("HACMP_SCREENSHOT_OUT");
    if (!keep.isEmpty()) {
        QFile::remove(keep);
        QVERIFY(QFile::copy(picture, keep));
    }
}

void TestScreenshot::rendersTheTimelineAfterAFailover()
{
    ClusterFixture cluster(QStringLiteral("demo"));
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    const QStringList nodes { QStringLiteral("alpha"), QStringLiteral("bravo"), QStringLiteral("charlie") };
    DemoHistory history(nodes, QStringLiteral("ops@desk"), 7);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    history.run(now.addSecs(-30 * 3600), now.addSecs(-60 * 60), Millis(4 * 3600 * 1000), 16);
    const QString from = history.master();
    const QString to = from == nodes[0] ? nodes[1] : nodes[0];
    history.addFailover(now.addSecs(-12 * 60), to);
    for (auto it = history.byWriter().cbegin(); it != history.byWriter().cend(); ++it)
        QVERIFY(cluster.appendHistory(it.key(), it.value()).ok());
    for (const QString &node : nodes) {
        HeartbeatRecord &record = cluster.record(node);
        record.started = history.epoch();
        if (node == to) {
            record.state = Role::Master;
            record.epoch = history.epoch();
            record.app = { AppState::Running, 24017, QString(), {} };
        }
        QVERIFY(cluster.writeRecord(node).ok());
    }

    const QString picture = m_home.filePath(QStringLiteral("timeline.png"));
    QString errors;
    QCOMPARE(runConsole({ QStringLiteral("--screenshot"), picture, QStringLiteral("--tab"), QStringLiteral("timeline"),
                            QStringLiteral("--dir"), cluster.path() },
                 &errors),
        0);
    QImage image(picture);
    QVERIFY2(!image.isNull(), qPrintable(errors));
    // The downtime of the failover, shaded red, is in the picture's lower half (the timeline tab).
    int reddish = 0;
    for (int y = image.height() / 2; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            const QColor color = image.pixelColor(x, y);
            reddish += color.red() - color.green() > 60 && color.red() - color.blue() > 60;
        }
    }
    QVERIFY2(reddish > 20, "no downtime shaded on the timeline");

    const QString keep = qEnvironmentVariable("HACMP_TIMELINE_SCREENSHOT_OUT");
    if (!keep.isEmpty()) {
        QFile::remove(keep);
        QVERIFY(QFile::copy(picture, keep));
    }
}

void TestScreenshot::needsADirectory()
{
    QString errors;
    QCOMPARE(runConsole({ QStringLiteral("--screenshot"), m_home.filePath(QStringLiteral("x.png")) }, &errors), 2);
    QVERIFY2(errors.contains(QStringLiteral("--dir")), qPrintable(errors));
}

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
