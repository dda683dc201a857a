#include "agent/daemon/directoryio.h"

#include "agent/daemon/agentlog.h"
#include "shared/config/nodename.h"
#include "shared/history/historywriter.h"
#include "shared/protocol/monotime.h"
#include "shared/protocol/recordcodec.h"
#include "shared/storage/controlfiles.h"

#include <chrono>

namespace hacmp::agent {

namespace {

const QString &nodesFolder()
{
    static const QString folder = QStringLiteral("nodes");
    return folder;
}

const QString &recordSuffix()
{
    static const QString suffix = QStringLiteral(".hb");
    return suffix;
}

/// A storage call's duration for the metrics, finer than MonoClock's milliseconds (which the protocol's times
/// keep using).
double storageSecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

FileRead busyRead()
{
    return FileRead { IoOutcome::Busy, {}, QStringLiteral("an earlier scan has not returned yet") };
}

} // namespace

/// The history writer and the directory it writes to, owned together by the jobs that use them.
struct DirectoryIo::HistorySink
{
    HistorySink(std::shared_ptr<ClusterDirectory> target, const QString &writer)
        : directory(std::move(target))
        , history(*directory, writer)
    { }
    std::shared_ptr<ClusterDirectory> directory;
    HistoryWriter history;
};

DirectoryIo::DirectoryIo(std::shared_ptr<ClusterDirectory> directory, QString node, Millis ioTimeout, QObject *parent)
    : QObject(parent)
    , m_directory(std::move(directory))
    , m_node(std::move(node))
    , m_ioTimeout(ioTimeout)
    , m_history(std::make_shared<HistorySink>(m_directory, m_node))
{ }

QString DirectoryIo::recordPath(const QString &node)
{
    return nodesFolder() + QLatin1Char('/') + node + recordSuffix();
}

ScanReport DirectoryIo::scanDirectory(ClusterDirectory &directory, const QString &node, Millis ioTimeout)
{
    ScanReport report;
    const auto timedRead
        = [&](const QString &path, qsizetype limit, MonoTime *issuedAt = nullptr, bool prefix = false) {
              const MonoTime issued = monotonicNow();
              const auto started = std::chrono::steady_clock::now();
              FileRead read = prefix ? directory.readPrefix(path, limit) : directory.readFile(path, limit);
              const bool answered = read.outcome == IoOutcome::Ok || read.outcome == IoOutcome::Absent;
              const bool late = monotonicNow() - issued > ioTimeout;
              report.samples.append(
                  StorageSample { StorageSample::Operation::Read, storageSecondsSince(started), answered && !late });
              if (late)
                  read = FileRead { IoOutcome::TimedOut, {},
                      QStringLiteral("%1: no answer within io_timeout (%2 ms)").arg(path).arg(ioTimeout.count()) };
              if (issuedAt)
                  *issuedAt = issued;
              return read;
          };
    report.scan.issuedAt = monotonicNow();
    const auto listStarted = std::chrono::steady_clock::now();
    const Result<QStringList> names = directory.list(nodesFolder());
    report.samples.append(
        StorageSample { StorageSample::Operation::List, storageSecondsSince(listStarted), names.ok() });
    report.scan.listed = names.ok();
    if (!names)
        report.listError = names.error();
    for (const QString &name : names ? names.value() : QStringList()) {
        const QString peer = name.chopped(recordSuffix().size());
        if (!name.endsWith(recordSuffix()) || !isValidNodeName(peer)) {
            report.invalidNames << name;
            continue;
        }
        RecordReadResult record;
        record.node = peer;
        record.read = timedRead(recordPath(peer), kRecordFileSize + 1, &record.issuedAt);
        if (record.read.outcome == IoOutcome::Failed) {
            // Larger than a record: read it (its first kOversizedRecordLimit bytes, where an agent's writes
            // land) so that it counts as a successful read of content nobody understands, which stops
            // blocking once it has not changed for F (O1, O2). A failed read would make every candidate
            // wait for ever (R2).
            const Result<qint64> size = directory.fileSize(recordPath(peer));
            if (size && size.value() > kRecordFileSize) {
                record.read = timedRead(recordPath(peer), kOversizedRecordLimit, &record.issuedAt, true);
                report.oversizedNames << name;
            }
        }
        report.scan.records.append(record);
    }
    // A control file is read by its first bytes: one too large is there (maintenance holds; a switchover or
    // clear request is refused or carried out and removed), with a problem its reader reports.
    report.scan.maintenance = timedRead(maintenancePath(), kControlFileReadLimit, nullptr, true);
    report.scan.switchover = timedRead(switchoverPath(), kControlFileReadLimit, nullptr, true);
    report.scan.ownStandby = timedRead(standbyPath(node), kControlFileReadLimit, nullptr, true);
    report.scan.ownClear = timedRead(clearPath(node), kControlFileReadLimit, nullptr, true);
    report.scan.ownAppRequest = timedRead(appRequestPath(node), kControlFileReadLimit, nullptr, true);
    return report;
}

ScanReport DirectoryIo::busyScan(MonoTime now)
{
    ScanReport report;
    report.scan.issuedAt = now;
    report.scan.listed = false;
    report.scan.maintenance = report.scan.switchover = report.scan.ownStandby = report.scan.ownClear
        = report.scan.ownAppRequest = busyRead();
    report.listError = busyRead().error;
    return report;
}

bool DirectoryIo::readOwnRecord(std::function<void(FileRead)> done)
{
    auto directory = m_directory;
    const QString path = recordPath(m_node);
    return postTo<FileRead>(
        m_recordLane, this, [directory, path] { return directory->readFile(path, kRecordFileSize + 1); },
        std::move(done));
}

bool DirectoryIo::writeRecord(
    int slot, const QByteArray &bytes, std::uint64_t claimedEpoch, std::function<void(Status, MonoTime)> done)
{
    auto directory = m_directory;
    const QString path = recordPath(m_node);
    struct Outcome
    {
        Status status;
        MonoTime completedAt;
        double seconds = 0;
    };
    const bool posted = postTo<Outcome>(
        m_recordLane, this,
        [directory, path, slot, bytes, claimedEpoch] {
            const auto started = std::chrono::steady_clock::now();
            const Status written = claimedEpoch != 0
                ? directory->writeClaim(path, slotOffset(slot), bytes, claimedEpoch)
                : directory->writeAt(path, slotOffset(slot), bytes);
            return Outcome { written, monotonicNow(), storageSecondsSince(started) };
        },
        [this, done = std::move(done)](const Outcome &outcome) {
            const bool late = outcome.seconds * 1000 > double(m_ioTimeout.count());
            report(StorageSample { StorageSample::Operation::Write, outcome.seconds, outcome.status.ok() && !late });
            done(outcome.status, outcome.completedAt);
        });
    if (!posted)
        report(StorageSample { StorageSample::Operation::Write, std::nullopt, false });
    return posted;
}

void DirectoryIo::scan(std::function<void(ScanReport)> done)
{
    const MonoTime now = monotonicNow();
    if (m_scanRunningSince == kNever) {
        startScan(std::move(done));
        return;
    }
    if (!m_scanQueued && now - m_scanRunningSince <= m_ioTimeout) {
        m_scanQueued = std::move(done);
        return;
    }
    report(StorageSample { StorageSample::Operation::List, std::nullopt, false });
    QMetaObject::invokeMethod(
        this, [done = std::move(done), now] { done(busyScan(now)); }, Qt::QueuedConnection);
}

void DirectoryIo::startScan(std::function<void(ScanReport)> done)
{
    auto directory = m_directory;
    const QString node = m_node;
    const Millis ioTimeout = m_ioTimeout;
    m_scanRunningSince = monotonicNow();
    const bool posted = postTo<ScanReport>(
        m_scanLane, this, [directory, node, ioTimeout] { return scanDirectory(*directory, node, ioTimeout); },
        [this, done](ScanReport report) {
            for (const StorageSample &sample : std::as_const(report.samples))
                this->report(sample);
            m_scanRunningSince = kNever;
            if (m_scanQueued)
                startScan(std::exchange(m_scanQueued, {}));
            done(std::move(report));
        });
    if (posted)
        return;
    m_scanRunningSince = kNever;
    const MonoTime now = monotonicNow();
    report(StorageSample { StorageSample::Operation::List, std::nullopt, false });
    QMetaObject::invokeMethod(
        this, [done, now] { done(busyScan(now)); }, Qt::QueuedConnection);
}

void DirectoryIo::remove(const QString &relativePath, std::function<void(Status)> done)
{
    auto directory = m_directory;
    enqueueControl(ControlJob { [directory, relativePath] { return directory->remove(relativePath); },
        QStringLiteral("removing ") + relativePath, std::move(done) });
}

void DirectoryIo::appendHistory(const HistoryEvent &event)
{
    auto sink = m_history;
    auto seconds = std::make_shared<std::optional<double>>(); // none: dropped before it was made
    enqueueControl(ControlJob { [sink, event, seconds] {
                                   const auto started = std::chrono::steady_clock::now();
                                   const Status appended = sink->history.append(event);
                                   *seconds = storageSecondsSince(started);
                                   return appended;
                               },
        QStringLiteral("appending to the history"),
        [this, seconds](const Status &status) {
            const bool late = *seconds && **seconds * 1000 > double(m_ioTimeout.count());
            report(StorageSample { StorageSample::Operation::Append, *seconds, status.ok() && *seconds && !late });
        } });
}

void DirectoryIo::list(const QString &relativeFolder, std::function<void(Result<QStringList>)> done)
{
    auto directory = m_directory;
    auto result = std::make_shared<std::optional<Result<QStringList>>>();
    enqueueControl(ControlJob { [directory, relativeFolder, result] {
                                   result->emplace(directory->list(relativeFolder));
                                   return Status();
                               },
        QStringLiteral("listing ") + relativeFolder,
        [done, result](
            const Status &status) { done(*result ? **result : Result<QStringList>(Error(status.error()))); } });
}

void DirectoryIo::report(const StorageSample &sample) const
{
    if (m_sampleSink)
        m_sampleSink(sample);
}

void DirectoryIo::enqueueControl(ControlJob job)
{
    if (m_control.size() >= kControlQueueLimit) {
        if (m_controlDropped++ % 100 == 0)
            qCWarning(lcIo, "the storage does not keep up (%lld jobs waiting): dropped %s (%llu dropped so far)",
                qlonglong(m_control.size()), qUtf8Printable(job.what), m_controlDropped);
        if (job.done)
            QMetaObject::invokeMethod(
                this, [done = job.done] { done(Error(QStringLiteral("dropped: the storage does not keep up"))); },
                Qt::QueuedConnection);
        return;
    }
    m_control.enqueue(std::move(job));
    pumpControl();
}

void DirectoryIo::pumpControl()
{
    if (m_controlRunning)
        return;
    if (m_control.isEmpty()) {
        emit controlDrained();
        return;
    }
    ControlJob job = m_control.dequeue();
    m_controlRunning = true;
    const QString what = job.what;
    auto done = job.done;
    postTo<Status>(m_controlLane, this, std::move(job.job), [this, what, done](Status status) {
        m_controlRunning = false;
        if (!status)
            qCWarning(lcIo, "%s failed: %s", qUtf8Printable(what), qUtf8Printable(status.error()));
        if (done)
            done(status);
        pumpControl();
    });
}

} // namespace hacmp::agent
