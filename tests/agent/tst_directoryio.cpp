// The agent's I/O on a real cluster directory: what one scan reads (records, names that are no
// records, oversized files, control files), the own record's slots, the control queue, and that a
// hung storage (a stopped bindfs server) never blocks the caller: busy lanes answer at once.
#include "agent/daemon/directoryio.h"
#include "shared/history/historyevent.h"
#include "shared/protocol/monotime.h"
#include "shared/protocol/recordcodec.h"
#include "shared/storage/clusteridentity.h"
#include "shared/storage/controlfiles.h"
#include "tests/support/hungmount.h"
#include "tests/support/prerequisite.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;
using hacmp::test::HungMount;

namespace {

constexpr Millis kIoTimeout { 200 };

QByteArray recordOf(const QString &node, std::uint64_t seq)
{
    HeartbeatRecord record;
    record.node = node;
    record.hostId = QStringLiteral("host-") + node;
    record.incarnation = 1;
    record.seq = seq;
    record.state = Role::Standby;
    return encodeSlot(record).value();
}

/// A cluster directory in a temporary folder (or at path), opened as the agent opens it.
struct Cluster
{
    explicit Cluster(const QString &path = {})
    {
        root = path.isEmpty() ? temp.path() : path;
        QDir().mkpath(root);
        made = initClusterDirectory(root, QStringLiteral("unit"));
    }
    std::shared_ptr<ClusterDirectory> open(const QString &path = {}) const
    {
        Result<std::unique_ptr<FsClusterDirectory>> opened
            = openCluster(path.isEmpty() ? root : path, QStringLiteral("unit"));
        return opened ? std::shared_ptr<ClusterDirectory>(std::move(opened).value().release()) : nullptr;
    }
    void put(const QString &relative, const QByteArray &bytes) const
    {
        QFile file(root + QLatin1Char('/') + relative);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    QByteArray get(const QString &relative) const
    {
        QFile file(root + QLatin1Char('/') + relative);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QTemporaryDir temp;
    QString root;
    Status made;
};

} // namespace

class TestDirectoryIo final : public QObject
{
    Q_OBJECT

private slots:
    void scanReadsWhatTheElectionNeeds();
    void oversizedControlFilesAreThereWithAProblem();
    void ownRecordSlotsAlternate();
    void controlQueueRunsInOrder();
    void hungStorageNeverBlocksTheCaller();
};

void TestDirectoryIo::scanReadsWhatTheElectionNeeds()
{
    Cluster cluster;
    QVERIFY2(cluster.made, qPrintable(cluster.made.error()));
    cluster.put(QStringLiteral("nodes/a.hb"), recordOf(QStringLiteral("a"), 5));
    cluster.put(QStringLiteral("nodes/b.hb"), recordOf(QStringLiteral("b"), 9));
    cluster.put(QStringLiteral("nodes/notes.txt"), "hello");
    cluster.put(QStringLiteral("nodes/bad name.hb"), "{}");
    cluster.put(QStringLiteral("nodes/.hidden.hb"), "{}");
    cluster.put(QStringLiteral("nodes/big.hb"), QByteArray(20000, 'x'));
    cluster.put(QStringLiteral("maintenance"), encodeNote(ControlNote { QStringLiteral("op"), {}, {} }));
    cluster.put(QStringLiteral("standby/a"), "garbage");
    cluster.put(QStringLiteral("standby/b"), "not ours");
    cluster.put(QStringLiteral("clear/a"), encodeNote(ControlNote {}));
    const std::shared_ptr<ClusterDirectory> directory = cluster.open();
    QVERIFY(directory);

    const MonoTime before = monotonicNow();
    const ScanReport report = DirectoryIo::scanDirectory(*directory, QStringLiteral("a"), kIoTimeout);
    QVERIFY(report.scan.listed);
    QVERIFY(report.scan.issuedAt >= before);
    QStringList nodes;
    for (const RecordReadResult &record : report.scan.records) {
        nodes << record.node;
        QVERIFY2(record.read.ok(), qPrintable(record.node + QLatin1Char(' ') + record.read.error));
        QVERIFY(record.issuedAt >= report.scan.issuedAt);
    }
    QCOMPARE(nodes, QStringList({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("big") }));
    QCOMPARE(report.scan.records.at(1).read.bytes, recordOf(QStringLiteral("b"), 9));
    QCOMPARE(report.scan.records.at(2).read.bytes.size(), 20000); // read whole: unknown content, not a failure
    QCOMPARE(report.oversizedNames, QStringList { QStringLiteral("big.hb") });
    QCOMPARE(report.invalidNames,
        QStringList({ QStringLiteral(".hidden.hb"), QStringLiteral("bad name.hb"), QStringLiteral("notes.txt") }));
    QCOMPARE(report.scan.maintenance.outcome, IoOutcome::Ok);
    QCOMPARE(report.scan.ownStandby.bytes, QByteArray("garbage")); // standby/a, not standby/b
    QCOMPARE(report.scan.switchover.outcome, IoOutcome::Absent);
    QCOMPARE(report.scan.ownClear.outcome, IoOutcome::Ok);

    const ScanReport busy = DirectoryIo::busyScan(before);
    QVERIFY(!busy.scan.listed);
    QCOMPARE(busy.scan.maintenance.outcome, IoOutcome::Busy);
    QCOMPARE(busy.scan.ownClear.outcome, IoOutcome::Busy);
}

void TestDirectoryIo::oversizedControlFilesAreThereWithAProblem()
{
    // Over the read limit, a control file is still read (its first bytes): present, with a problem that
    // says why its content is ignored; never a failed read that leaves it unknown and never removed.
    Cluster cluster;
    QVERIFY2(cluster.made, qPrintable(cluster.made.error()));
    const QByteArray huge(kControlFileReadLimit + 4096, 'x');
    cluster.put(QStringLiteral("maintenance"), huge);
    cluster.put(QStringLiteral("switchover"), huge);
    const std::shared_ptr<ClusterDirectory> directory = cluster.open();
    QVERIFY(directory);
    const ScanReport report = DirectoryIo::scanDirectory(*directory, QStringLiteral("a"), kIoTimeout);
    QCOMPARE(report.scan.maintenance.outcome, IoOutcome::Ok);
    const NoteRead maintenance = interpretNote(report.scan.maintenance, maintenancePath());
    QCOMPARE(maintenance.presence, Presence::Present);
    QVERIFY2(maintenance.problem.contains(QLatin1String("larger than")), qPrintable(maintenance.problem));
    const SwitchoverRead switchover = interpretSwitchover(report.scan.switchover, switchoverPath());
    QCOMPARE(switchover.presence, Presence::Present);
    QVERIFY(!switchover.request); // the master refuses it and removes it
}

void TestDirectoryIo::ownRecordSlotsAlternate()
{
    Cluster cluster;
    QVERIFY2(cluster.made, qPrintable(cluster.made.error()));
    DirectoryIo io(cluster.open(), QStringLiteral("a"), kIoTimeout);
    int lastSlot = -1;
    for (std::uint64_t seq = 1; seq <= 3; ++seq) {
        const int slot = slotForNextWrite(lastSlot);
        std::optional<Status> written;
        MonoTime completedAt = kNever;
        const MonoTime issuedAt = monotonicNow();
        QVERIFY(io.writeRecord(slot, recordOf(QStringLiteral("a"), seq), 0, [&](Status status, MonoTime at) {
            written = status;
            completedAt = at;
        }));
        QTRY_VERIFY(written.has_value());
        QVERIFY2(*written, qPrintable(written->error()));
        QVERIFY(completedAt >= issuedAt);
        lastSlot = slot;
    }
    std::optional<FileRead> own;
    QVERIFY(io.readOwnRecord([&](const FileRead &read) { own = read; }));
    QTRY_VERIFY(own.has_value());
    QCOMPARE(own->bytes.size(), kRecordFileSize);
    QCOMPARE(newestValidSlot(own->bytes, QStringLiteral("a")), lastSlot);
    QCOMPARE(decodeRecordFile(own->bytes, QStringLiteral("a")).record.seq, std::uint64_t(3));
}

void TestDirectoryIo::controlQueueRunsInOrder()
{
    Cluster cluster;
    QVERIFY2(cluster.made, qPrintable(cluster.made.error()));
    cluster.put(QStringLiteral("switchover"), "{}");
    DirectoryIo io(cluster.open(), QStringLiteral("a"), kIoTimeout);
    for (int i = 1; i <= 3; ++i) {
        HistoryEvent event;
        event.event = QStringLiteral("role_change");
        event.node = QStringLiteral("a");
        event.detail = QString::number(i);
        io.appendHistory(event);
    }
    std::optional<Status> removed;
    io.remove(switchoverPath(), [&](const Status &status) { removed = status; });
    std::optional<Result<QStringList>> listed;
    io.list(QStringLiteral("history"), [&](const Result<QStringList> &names) { listed = names; });
    QVERIFY(!io.controlIdle());
    QTRY_VERIFY(listed.has_value());
    QVERIFY(io.controlIdle());
    QVERIFY(removed && *removed);
    QCOMPARE(cluster.get(QStringLiteral("switchover")), QByteArray());
    QVERIFY(listed->ok());
    QCOMPARE(listed->value(), QStringList { QStringLiteral("a.jsonl") });
    const QList<QByteArray> lines = cluster.get(QStringLiteral("history/a.jsonl")).trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const std::optional<HistoryEvent> event = decodeHistoryLine(lines.at(i));
        QVERIFY(event);
        QCOMPARE(event->detail, QString::number(i + 1));
        QCOMPARE(event->writer, QStringLiteral("a"));
    }
}

void TestDirectoryIo::hungStorageNeverBlocksTheCaller()
{
    if (const QString reason = HungMount::skipReason(); !reason.isEmpty())
        HACMP_MISSING_PREREQUISITE(reason);
    HungMount mount;
    const Status mounted = mount.mount();
    QVERIFY2(mounted, qPrintable(mounted.error()));
    Cluster cluster(mount.source());
    QVERIFY2(cluster.made, qPrintable(cluster.made.error()));
    DirectoryIo io(cluster.open(mount.mountPoint()), QStringLiteral("a"), kIoTimeout);
    QVERIFY(mount.stop());

    QList<ScanReport> reports;
    QElapsedTimer clock;
    clock.start();
    io.scan([&](ScanReport report) { reports << report; }); // hangs on the storage
    io.scan([&](ScanReport report) { reports << report; }); // waits behind it (younger than io_timeout)
    io.scan([&](ScanReport report) { reports << report; }); // nothing more may wait: Busy at once
    std::optional<Status> written;
    QVERIFY(io.writeRecord(0, recordOf(QStringLiteral("a"), 1), 0, [&](Status status, MonoTime) { written = status; }));
    QVERIFY(!io.writeRecord(1, recordOf(QStringLiteral("a"), 2), 0, [](Status, MonoTime) {})); // W1: the lane is busy
    io.appendHistory(HistoryEvent {});
    QVERIFY(clock.elapsed() < 100); // the caller never waited
    QTRY_COMPARE_WITH_TIMEOUT(reports.size(), 1, 1000);
    QVERIFY(!reports.first().scan.listed);
    QCOMPARE(reports.first().scan.maintenance.outcome, IoOutcome::Busy);

    QTest::qWait(int(kIoTimeout.count()) + 50); // the hung scan is older than io_timeout now
    io.scan([&](ScanReport report) { reports << report; });
    QTRY_COMPARE_WITH_TIMEOUT(reports.size(), 2, 1000);
    QCOMPARE(reports.last().scan.maintenance.outcome, IoOutcome::Busy);
    QVERIFY(!written.has_value());

    QVERIFY(mount.resume()); // the hung calls return; the waiting scan runs
    QTRY_COMPARE_WITH_TIMEOUT(reports.size(), 4, 5000);
    QVERIFY(reports.last().scan.listed);
    QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(io.controlIdle(), 5000);
}

QTEST_GUILESS_MAIN(TestDirectoryIo)
#include "tst_directoryio.moc"
