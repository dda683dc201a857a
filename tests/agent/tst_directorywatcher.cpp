// Control files changed on this host wake the agent early: a change is reported within about 100 ms,
// and a burst of changes at most once per 100 ms.
#include "agent/daemon/directorywatcher.h"

#include "shared/storage/clusteridentity.h"
#include "shared/storage/controlfiles.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

class TestDirectoryWatcher final : public QObject
{
    Q_OBJECT

private slots:
    void controlFileChangesWakeTheAgent();
};

void TestDirectoryWatcher::controlFileChangesWakeTheAgent()
{
    QTemporaryDir temp;
    QVERIFY(initClusterDirectory(temp.path(), QStringLiteral("unit")));
    Result<std::unique_ptr<FsClusterDirectory>> directory = openCluster(temp.path(), QStringLiteral("unit"));
    QVERIFY(directory);
    ControlFiles controls(*directory.value());
    DirectoryWatcher watcher(temp.path());
    QSignalSpy changed(&watcher, &DirectoryWatcher::changed);
    QTest::qWait(100); // the watches are added on the watcher's thread

    QElapsedTimer clock;
    clock.start();
    QVERIFY(controls.setMaintenance(ControlNote { QStringLiteral("op"), {}, {} }));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 1000);
    qInfo("maintenance on reported after %lld ms", clock.elapsed());
    QVERIFY(clock.elapsed() < 500);

    QTest::qWait(150);
    changed.clear();
    clock.restart();
    for (int i = 0; i < 20; ++i) { // a burst: standby files, as fast as possible
        QVERIFY(controls.setStandby(QStringLiteral("n%1").arg(i), ControlNote {}));
        QVERIFY(controls.clearStandby(QStringLiteral("n%1").arg(i)));
    }
    const qint64 burst = clock.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 1000);
    QTest::qWait(250);
    QVERIFY2(changed.size() <= 2 + burst / 100, qPrintable(QString::number(changed.size())));
    changed.clear();
    QVERIFY(controls.clearMaintenance()); // a watch of a removed file is gone; the folder's is not
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 1000);
}

QTEST_GUILESS_MAIN(TestDirectoryWatcher)
#include "tst_directorywatcher.moc"
