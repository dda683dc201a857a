#pragma once

#include "shared/history/historyevent.h"
#include "shared/protocol/election.h"
#include "shared/storage/clusterdirectory.h"
#include "shared/storage/iolane.h"

#include <QObject>
#include <QQueue>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>

namespace hacmp::agent {

/// A storage call of the agent, timed on the lane that made it (for the metrics, agent/daemon/agentmetrics.h).
struct StorageSample
{
    enum class Operation { Read, Write, List, Append }; ///< Append: a line to the history
    Operation operation = Operation::Read;
    std::optional<double> seconds; ///< how long it took; none when it was not made (the lane was busy)
    bool ok = true; ///< false: it failed, took longer than io_timeout, or could not be made (a busy lane)
};

/// What one scan of the shared directory read: the Election's ScanResult, plus what the agent logs: the
/// entries of nodes/ that are no record of a valid node name, and why nodes/ could not be listed.
struct ScanReport
{
    ScanResult scan;
    QStringList invalidNames;
    QStringList oversizedNames; ///< record files larger than a record (their first kOversizedRecordLimit bytes read)
    QString listError; ///< why nodes/ could not be listed
    QList<StorageSample> samples; ///< the list and every read, timed
};

/// All the agent's I/O on the shared directory, off the event loop (docs/architecture.md, Storage I/O):
/// one IoLane for the own record, one for scans, one for control-file removal and history appends.
/// Jobs hold the directory by shared_ptr, so a job blocked on a dead NFS server is simply left behind.
/// Completions arrive on the event loop of this object's thread. Nothing queues without bound: a
/// record write or read finds its lane busy and says so; a scan waits behind at most one running scan
/// younger than io_timeout and is otherwise answered at once with Busy reads; the control queue is
/// bounded and drops (counted, logged) when full.
class DirectoryIo final : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype kControlQueueLimit = 1000;
    /// Of a record file larger than a record, this much is read: its content, unknown, for O1's fingerprint.
    static constexpr qsizetype kOversizedRecordLimit = 1024 * 1024;

    DirectoryIo(std::shared_ptr<ClusterDirectory> directory, QString node, Millis ioTimeout, QObject *parent = nullptr);

    /// The relative path of node's record.
    static QString recordPath(const QString &node);
    /// One scan, blocking (it runs on the scan lane): every <node>.hb of nodes/ (at most
    /// kRecordFileSize + 1 bytes each; of a larger file, its first kOversizedRecordLimit bytes),
    /// maintenance, switchover, standby/<node> and clear/<node>; a read that takes longer than
    /// ioTimeout gets the TimedOut outcome.
    static ScanReport scanDirectory(ClusterDirectory &directory, const QString &node, Millis ioTimeout);
    /// A scan answered without trying: nothing listed, every read Busy.
    static ScanReport busyScan(MonoTime now);

    /// Reads the own record; false when the record lane is busy.
    bool readOwnRecord(std::function<void(FileRead)> done);
    /// Writes one encoded slot of the own record in place (with claimedEpoch, R2's claim write of that epoch:
    /// ClusterDirectory::writeClaim); done gets the outcome and the monotonic time at completion. False when the
    /// record lane is busy (an earlier call has not returned).
    bool writeRecord(
        int slot, const QByteArray &bytes, std::uint64_t claimedEpoch, std::function<void(Status, MonoTime)> done);
    /// Scans; done is always called, on the event loop.
    void scan(std::function<void(ScanReport)> done);
    /// Removes a control file (switchover, clear/<node>); done (optional) gets the outcome.
    void remove(const QString &relativePath, std::function<void(Status)> done = {});
    /// Appends an event to history/<node>.jsonl (timed: an Append sample).
    void appendHistory(const HistoryEvent &event);
    /// Lists a folder through the control queue (done gets the result or the error).
    void list(const QString &relativeFolder, std::function<void(Result<QStringList>)> done);

    /// Gets every timed call of the record and scan lanes and every history append, on the event loop (the metrics).
    void setSampleSink(std::function<void(const StorageSample &)> sink) { m_sampleSink = std::move(sink); }

    /// Whether the control queue has nothing left to do.
    bool controlIdle() const { return !m_controlRunning && m_control.isEmpty(); }

signals:
    /// The control queue became idle.
    void controlDrained();

private:
    struct ControlJob
    {
        std::function<Status()> job;
        QString what;
        std::function<void(Status)> done;
    };
    struct HistorySink;

    void startScan(std::function<void(ScanReport)> done);
    void enqueueControl(ControlJob job);
    void pumpControl();
    void report(const StorageSample &sample) const;

    std::shared_ptr<ClusterDirectory> m_directory;
    QString m_node;
    Millis m_ioTimeout;
    IoLane m_recordLane;
    IoLane m_scanLane;
    IoLane m_controlLane;
    std::shared_ptr<HistorySink> m_history;

    MonoTime m_scanRunningSince = kNever;
    std::function<void(ScanReport)> m_scanQueued;

    QQueue<ControlJob> m_control;
    bool m_controlRunning = false;
    quint64 m_controlDropped = 0;
    std::function<void(const StorageSample &)> m_sampleSink;
};

} // namespace hacmp::agent
