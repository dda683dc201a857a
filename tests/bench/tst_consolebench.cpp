#include "gui/consoleresources.h"
#include "gui/failovermodel.h"
#include "gui/historyfilterproxy.h"
#include "gui/historymodel.h"
#include "gui/mainwindow.h"
#include "gui/nodetablemodel.h"
#include "tests/support/clusterfixture.h"
#include "tests/support/demohistory.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace hacmp;
using namespace hacmp::console;
using hacmp::test::ClusterFixture;
using hacmp::test::DemoHistory;

namespace {

constexpr int kNodes = 32;
constexpr int kEvents = 200000;

/// A field of /proc/self/status in MiB ("VmRSS": the resident set).
double statusMiB(const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

/// Runs the real hacmp-console on directory until it has shown the first snapshot and history and written a
/// screenshot; its wall time and peak resident set (of the child, from getrusage).
struct ProcessFigures
{
    qint64 ms = -1;
    double peakMiB = -1;
    QString errors;
};

ProcessFigures runConsole(const QString &directory, const QString &picture)
{
    ProcessFigures figures;
    QProcess console;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), QFileInfo(picture).absolutePath());
    console.setProcessEnvironment(environment);
    QElapsedTimer timer;
    timer.start();
    console.start(QStringLiteral(HACMP_BIN_DIR "/hacmp-console"),
        { QStringLiteral("--screenshot"), picture, QStringLiteral("--dir"), directory });
    if (!console.waitForFinished(60000)) {
        console.kill();
        console.waitForFinished();
    }
    figures.errors = QString::fromLocal8Bit(console.readAllStandardError());
    if (console.exitStatus() != QProcess::NormalExit || console.exitCode() != 0)
        return figures;
    figures.ms = timer.elapsed();
    rusage usage {};
    if (::getrusage(RUSAGE_CHILDREN, &usage) == 0)
        figures.peakMiB = double(usage.ru_maxrss) / 1024.0;
    return figures;
}

} // namespace

/// How long the console takes to show a cluster of 32 nodes with 200 000 history events, and the peak
/// memory it needs (targets: under 1 s and under 200 MB). Prints figures; fails only when not everything
/// was loaded.
class TestConsoleBench final : public QObject
{
    Q_OBJECT

private slots:
    void loadsALongHistory();

private:
    QTemporaryDir m_temp;
};

void TestConsoleBench::loadsALongHistory()
{
    QStandardPaths::setTestModeEnabled(true);
    initResources();
    ClusterFixture cluster(QStringLiteral("bench"));
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    QStringList nodes;
    for (int i = 1; i <= kNodes; ++i)
        nodes.append(QStringLiteral("node%1").arg(i, 2, 10, QLatin1Char('0')));
    int written = 0;
    {
        DemoHistory history(nodes, QStringLiteral("ops@desk"), 11);
        const QDateTime end = QDateTime::currentDateTimeUtc();
        history.run(end.addDays(-60), end, Millis(4 * 3600 * 1000), 290);
        for (auto it = history.byWriter().cbegin(); it != history.byWriter().cend(); ++it)
            QVERIFY(cluster.appendHistory(it.key(), it.value()).ok());
        written = history.eventCount();
        for (const QString &node : std::as_const(nodes)) {
            HeartbeatRecord &record = cluster.record(node);
            if (node == history.master()) {
                record.state = Role::Master;
                record.epoch = history.epoch();
                record.app = { AppState::Running, 999, QString(), {} };
            }
            QVERIFY(cluster.writeRecord(node).ok());
        }
    }
    QVERIFY2(written >= kEvents && written < kEvents * 11 / 10, qPrintable(QString::number(written)));

    // The real program, as an operator starts it: its own process, its peak memory.
    const ProcessFigures process = runConsole(cluster.path(), m_temp.filePath(QStringLiteral("bench.png")));
    QVERIFY2(process.ms >= 0, qPrintable(process.errors));

    // The same load inside this process, to time its parts.
    MainWindow window(nullptr, Timing::defaults(), MonoClock(monotonicNow));
    window.resize(1280, 880);
    window.show();
    QSignalSpy shown(&window, &MainWindow::firstDataShown);
    QElapsedTimer timer;
    timer.start();
    window.openCluster(cluster.path());
    QVERIFY(shown.wait(60000));
    QCoreApplication::processEvents(); // the views lay out what the models got
    const qint64 loadMs = timer.elapsed();
    QCOMPARE(window.historyModel()->rowCount(), written);
    QCOMPARE(window.nodeModel()->rowCount(), kNodes);
    QVERIFY(window.failoverModel()->rowCount() > 1);

    // A refresh with a few new lines costs only those lines.
    const int failovers = window.failoverModel()->rowCount();
    HistoryEvent line;
    line.event = QLatin1String(historyevents::AppRestart);
    line.node = nodes.front();
    QVERIFY(cluster.appendHistory(QStringLiteral("ops@desk"), { line, line, line }).ok());
    timer.restart();
    window.monitor()->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(window.historyModel()->rowCount(), written + 3, 10000);
    const qint64 refreshMs = timer.elapsed();
    QCOMPARE(window.failoverModel()->rowCount(), failovers);

    // Filtering all rows by text.
    timer.restart();
    window.historyFilter()->setSearchText(QStringLiteral("disk replacement"));
    const qint64 filterMs = timer.elapsed();
    const int matches = window.historyFilter()->rowCount();
    window.historyFilter()->setSearchText(QString());

    qInfo("console load: %d history events, %d nodes, %d changes of master: %lld ms from opening the directory to "
          "showing it (target < 1000 ms)",
        written, kNodes, failovers, loadMs);
    qInfo("console process: start, load, render and save a screenshot in %lld ms; peak RSS %.0f MiB (target < 200 MB)",
        process.ms, process.peakMiB);
    qInfo("console refresh with 3 new events: %lld ms; text filter over all events: %lld ms (%d matches)", refreshMs,
        filterMs, matches);
    qInfo("this test process after the load: RSS %.0f MiB (with the generated history it made)", statusMiB("VmRSS"));
}

QTEST_MAIN(TestConsoleBench)
#include "tst_consolebench.moc"
