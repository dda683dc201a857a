#include "shared/storage/fsclusterdirectory.h"
#include "shared/storage/iolane.h"
#include "tests/support/hungmount.h"
#include "tests/support/prerequisite.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QScopeGuard>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <future>

using namespace hacmp;
using hacmp::test::HungMount;

namespace {

/// Waits until lane is idle without running the event loop (QTRY_* would deliver queued calls).
bool waitIdle(const IoLane &lane, Millis limit)
{
    QElapsedTimer timer;
    timer.start();
    while (lane.busy()) {
        if (timer.elapsed() > limit.count())
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

} // namespace

/// IoLane: one job at a time on its own thread, deadlines for the caller, delivery to a Qt thread, and a
/// real hung file system (a stopped bindfs process) that blocks only the lane.
class TestIoLane final : public QObject
{
    Q_OBJECT

private slots:
    void postRunsTheJobOnTheLaneThread();
    void busyWhileAJobRuns();
    void callWithDeadlineReturnsTheResult();
    void callsInARowAreNeverBusy();
    void callWithDeadlineTimesOutOnABlockedJob();
    void callWithDeadlineOnABusyLaneReturnsAtOnce();
    void postToDeliversOnTheContextThread();
    void postToDeliversOnTheMainThread();
    void postToSkipsAContextDestroyedBeforeTheJobEnds();
    void postToSkipsAContextDestroyedBeforeDelivery();
    void destructorWaitsForAShortJob();
    void destructorGivesUpOnAHungJob();
    void hungFileSystemBlocksOnlyTheLane();
};

void TestIoLane::postRunsTheJobOnTheLaneThread()
{
    IoLane lane;
    std::promise<std::thread::id> ranOn;
    std::future<std::thread::id> result = ranOn.get_future();
    QVERIFY(lane.post([&ranOn] { ranOn.set_value(std::this_thread::get_id()); }));
    QCOMPARE(result.wait_for(std::chrono::seconds(5)), std::future_status::ready);
    QVERIFY(result.get() != std::this_thread::get_id());
}

void TestIoLane::busyWhileAJobRuns()
{
    IoLane lane;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    QVERIFY(!lane.busy());
    QVERIFY(lane.post([released] { released.wait(); }));
    QVERIFY(lane.busy());
    int ranSecond = 0;
    QVERIFY(!lane.post([&ranSecond] { ++ranSecond; }));
    release.set_value();
    QTRY_VERIFY_WITH_TIMEOUT(!lane.busy(), 5000);
    QCOMPARE(ranSecond, 0);
    std::promise<void> third;
    QVERIFY(lane.post([&third] { third.set_value(); }));
    QCOMPARE(third.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
}

void TestIoLane::callWithDeadlineReturnsTheResult()
{
    IoLane lane;
    const std::optional<QString> result = callWithDeadline<QString>(
        lane, [] { return QStringLiteral("done"); }, Millis(5000));
    QVERIFY(result.has_value());
    QCOMPARE(*result, QStringLiteral("done"));
    QVERIFY(!lane.busy());
}

void TestIoLane::callsInARowAreNeverBusy()
{
    IoLane lane;
    for (int i = 0; i < 300; ++i) {
        const std::optional<int> result = callWithDeadline<int>(
            lane, [i] { return i; }, Millis(5000));
        QVERIFY2(result.has_value(), qPrintable(QStringLiteral("call %1 was refused").arg(i)));
        QCOMPARE(*result, i);
    }

    // The same for deliveries: done() posts the next job on the lane.
    QEventLoop loop;
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    int delivered = 0;
    bool refused = false;
    std::function<void(int)> next = [&](int value) {
        delivered = value;
        if (value < 100
            && !postTo<int>(
                lane, this, [value] { return value + 1; }, next))
            refused = true;
        if (value == 100 || refused)
            loop.quit();
    };
    QVERIFY(postTo<int>(
        lane, this, [] { return 1; }, next));
    loop.exec();
    QVERIFY(!refused);
    QCOMPARE(delivered, 100);
}

void TestIoLane::callWithDeadlineTimesOutOnABlockedJob()
{
    IoLane lane;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    auto finished = std::make_shared<std::atomic<bool>>(false);
    const Millis deadline(100);

    QElapsedTimer timer;
    timer.start();
    const std::optional<QString> result = callWithDeadline<QString>(
        lane,
        [released, finished] {
            released.wait();
            finished->store(true);
            return QStringLiteral("too late");
        },
        deadline);
    const qint64 elapsed = timer.elapsed();

    QVERIFY(!result.has_value());
    QVERIFY2(elapsed >= deadline.count() - 5, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed <= deadline.count() + 50, qPrintable(QString::number(elapsed)));
    QVERIFY(lane.busy());
    QVERIFY(!finished->load());

    // The job finishes later and stores its result in state the caller no longer looks at.
    release.set_value();
    QTRY_VERIFY_WITH_TIMEOUT(finished->load(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!lane.busy(), 5000);
}

void TestIoLane::callWithDeadlineOnABusyLaneReturnsAtOnce()
{
    IoLane lane;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    const auto unblock = qScopeGuard([&release] { release.set_value(); });
    QVERIFY(lane.post([released] { released.wait(); }));

    QElapsedTimer timer;
    timer.start();
    const std::optional<int> result = callWithDeadline<int>(
        lane, [] { return 1; }, Millis(2000));
    QVERIFY(!result.has_value());
    QVERIFY2(timer.elapsed() < 500, "a busy lane must be refused at once, not waited for");
}

void TestIoLane::postToDeliversOnTheContextThread()
{
    QThread contextThread;
    contextThread.start();
    const auto stop = qScopeGuard([&contextThread] {
        contextThread.quit();
        contextThread.wait();
    });
    auto context = std::make_unique<QObject>();
    context->moveToThread(&contextThread);

    IoLane lane;
    std::atomic<QThread *> deliveredOn { nullptr };
    std::atomic<int> value { 0 };
    std::atomic<QThread *> jobRanOn { nullptr };
    QVERIFY(postTo<int>(
        lane, context.get(),
        [&jobRanOn] {
            jobRanOn = QThread::currentThread();
            return 7;
        },
        [&](int result) {
            value = result;
            deliveredOn = QThread::currentThread();
        }));
    QTRY_VERIFY_WITH_TIMEOUT(deliveredOn.load() != nullptr, 5000);
    QCOMPARE(deliveredOn.load(), &contextThread);
    QCOMPARE(value.load(), 7);
    QVERIFY(jobRanOn.load() != &contextThread);
    QVERIFY(jobRanOn.load() != QThread::currentThread());
    context.release()->deleteLater(); // destroyed in its own thread, when that thread finishes at the latest
}

void TestIoLane::postToDeliversOnTheMainThread()
{
    IoLane lane;
    QObject context;
    QThread *deliveredOn = nullptr;
    QString value;
    QVERIFY(postTo<QString>(
        lane, &context, [] { return QStringLiteral("read"); },
        [&](QString result) {
            value = result;
            deliveredOn = QThread::currentThread();
        }));
    QTRY_VERIFY_WITH_TIMEOUT(deliveredOn != nullptr, 5000);
    QCOMPARE(deliveredOn, QThread::currentThread());
    QCOMPARE(value, QStringLiteral("read"));
}

void TestIoLane::postToSkipsAContextDestroyedBeforeTheJobEnds()
{
    IoLane lane;
    auto context = std::make_unique<QObject>();
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    bool called = false;
    QVERIFY(postTo<int>(
        lane, context.get(),
        [released] {
            released.wait();
            return 1;
        },
        [&called](int) { called = true; }));
    context.reset();
    release.set_value();
    QTRY_VERIFY_WITH_TIMEOUT(!lane.busy(), 5000);
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
    QVERIFY(!called);
}

void TestIoLane::postToSkipsAContextDestroyedBeforeDelivery()
{
    IoLane lane;
    auto context = std::make_unique<QObject>();
    bool called = false;
    QVERIFY(postTo<int>(
        lane, context.get(), [] { return 1; }, [&called](int) { called = true; }));
    QVERIFY(waitIdle(lane, Millis(5000))); // the delivery is queued now, not run: no event loop ran
    QVERIFY(!called);
    context.reset();
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
    QVERIFY(!called);
}

void TestIoLane::destructorWaitsForAShortJob()
{
    auto lane = std::make_unique<IoLane>(Millis(5000));
    auto finished = std::make_shared<std::atomic<bool>>(false);
    QVERIFY(lane->post([finished] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        finished->store(true);
    }));
    lane.reset();
    QVERIFY(finished->load());
}

void TestIoLane::destructorGivesUpOnAHungJob()
{
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    auto finished = std::make_shared<std::atomic<bool>>(false);
    const Millis grace(100);
    auto lane = std::make_unique<IoLane>(grace);
    QVERIFY(lane->post([released, finished] {
        released.wait();
        finished->store(true);
    }));

    QElapsedTimer timer;
    timer.start();
    lane.reset();
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed >= grace.count() - 5, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed <= grace.count() + 200, qPrintable(QString::number(elapsed)));
    QVERIFY(!finished->load());

    // The detached thread still ends cleanly once its call returns.
    release.set_value();
    QTRY_VERIFY_WITH_TIMEOUT(finished->load(), 5000);
}

// A stopped FUSE server makes every call on its mount hang, as a dead hard-mounted NFS server does.
void TestIoLane::hungFileSystemBlocksOnlyTheLane()
{
    if (const QString reason = HungMount::skipReason(); !reason.isEmpty())
        HACMP_MISSING_PREREQUISITE(reason);
    HungMount mount;
    QVERIFY(QDir().mkpath(mount.source() + QStringLiteral("/nodes")));
    const QByteArray record(8192, 'r');
    {
        QFile file(mount.source() + QStringLiteral("/nodes/n1.hb"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(record), qint64(record.size()));
    }

    IoLane lane;
    IoLane asyncLane;
    std::shared_ptr<FsClusterDirectory> directory;
    // Declared last, so it runs first: resume the server, let the lanes return, close the directory (the
    // mount's destructor then unmounts).
    const auto cleanup = qScopeGuard([&] {
        if (mount.stopped())
            mount.resume();
        QElapsedTimer waited;
        waited.start();
        while ((lane.busy() || asyncLane.busy()) && waited.elapsed() < 5000)
            QThread::msleep(10);
        directory.reset();
    });
    if (const Status mounted = mount.mount(); !mounted)
        HACMP_MISSING_PREREQUISITE(mounted.error());

    auto opened = FsClusterDirectory::open(mount.mountPoint());
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    directory = std::move(opened).value();
    auto readRecord = [directory] { return directory->readFile(QStringLiteral("nodes/n1.hb"), 8192); };

    const std::optional<FileRead> healthy = callWithDeadline<FileRead>(lane, readRecord, Millis(5000));
    QVERIFY(healthy.has_value());
    QCOMPARE(healthy->outcome, IoOutcome::Ok);
    QCOMPARE(healthy->bytes, record);

    QVERIFY(mount.stop());

    const Millis deadline(300);
    QElapsedTimer timer;
    timer.start();
    const std::optional<FileRead> hung = callWithDeadline<FileRead>(lane, readRecord, deadline);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(!hung.has_value(), "the read on the stopped file system should not have returned");
    QVERIFY2(elapsed <= deadline.count() + 200, qPrintable(QString::number(elapsed)));
    QVERIFY2(lane.busy(), "the lane's thread should still be blocked in the kernel");

    // An event-loop caller: the delivery waits, the event loop does not.
    std::optional<FileRead> delivered;
    QVERIFY(postTo<FileRead>(asyncLane, this, readRecord, [&delivered](FileRead read) { delivered = read; }));
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(10);
    QTRY_VERIFY_WITH_TIMEOUT(ticks >= 10, 2000);
    QVERIFY(!delivered.has_value());
    QVERIFY(asyncLane.busy());

    QVERIFY(mount.resume());
    QTRY_VERIFY_WITH_TIMEOUT(delivered.has_value(), 5000);
    QCOMPARE(delivered->outcome, IoOutcome::Ok);
    QCOMPARE(delivered->bytes, record);
    QTRY_VERIFY_WITH_TIMEOUT(!lane.busy(), 5000);
}

QTEST_GUILESS_MAIN(TestIoLane)
#include "tst_iolane.moc"
