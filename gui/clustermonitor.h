#pragma once

#include "gui/clusterassessor.h"
#include "gui/directorypoll.h"
#include "shared/history/historytail.h"
#include "shared/history/operatoraction.h"
#include "shared/storage/iolane.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace hacmp {
class FsClusterDirectory;
}

namespace hacmp::console {

/// Watches one cluster directory for the console: every interval it reads the records and control
/// files on one I/O lane and the new history bytes on another, and carries out operator actions on a
/// third, each with a deadline (docs/architecture.md, Storage I/O off the event loop). Results arrive on the
/// UI thread; the UI never waits on the directory, and a poll that has not answered within io_timeout
/// turns the snapshot into DIRECTORY NOT RESPONDING while the window keeps working.
class ClusterMonitor final : public QObject
{
    Q_OBJECT

public:
    ClusterMonitor(QString path, Timing timing, MonoClock clock, QObject *parent = nullptr);
    ~ClusterMonitor() override;
    Q_DISABLE_COPY_MOVE(ClusterMonitor)

    /// Opens the directory (on the poll lane) and starts polling every interval.
    void start();
    /// Polls now rather than at the next interval (when no poll is outstanding).
    void refresh();
    /// Carries out an action on the write lane; false when an earlier action has not returned yet.
    bool submit(const OperatorAction &action);

    const ClusterSnapshot &snapshot() const { return m_assessor.last(); }
    const QString &path() const { return m_path; }
    /// Sets the writer name before start() (tests use it to tell consoles apart).
    void setActor(const QString &actor) { m_actor = actor; }

signals:
    void snapshotChanged(const hacmp::console::ClusterSnapshot &snapshot);
    /// New history events (sorted); reset: they replace everything received before.
    void historyUpdated(const QList<hacmp::HistoryEvent> &events, bool reset);
    /// An action finished: error is empty on success. late: it finished after actionDelayed was emitted.
    void actionFinished(const hacmp::OperatorAction &action, const QString &error, bool late);
    /// An action has not finished within io_timeout; it may still finish later.
    void actionDelayed(const hacmp::OperatorAction &action);

private:
    struct Opened
    {
        std::shared_ptr<FsClusterDirectory> directory;
        QString clusterName;
        QString error;
    };
    struct HistoryResult
    {
        bool ok = false;
        HistoryUpdate update;
        QString error;
    };

    void tick();
    void postOpen();
    void opened(const Opened &result);
    void postPoll();
    void polled(const PollResult &result);
    void checkDeadline();
    void publish(const ClusterSnapshot &snapshot);
    void postHistory();
    void historyRead(HistoryResult result);

    QString m_path;
    Timing m_timing;
    MonoClock m_clock;
    QString m_actor;
    ClusterAssessor m_assessor;
    std::shared_ptr<FsClusterDirectory> m_directory;
    std::shared_ptr<HistoryTail> m_tail;
    std::shared_ptr<OperatorLog> m_operatorLog;
    QString m_openError;
    QString m_lastHistoryError;
    ClusterState m_lastState = ClusterState::NotResponding;
    bool m_published = false;
    MonoTime m_pollPostedAt = kNever; ///< kNever: no poll or open outstanding
    QTimer m_timer;
    // Declared last, destroyed first: jobs still running hold shared pointers only.
    std::unique_ptr<IoLane> m_pollLane;
    std::unique_ptr<IoLane> m_historyLane;
    std::unique_ptr<IoLane> m_writeLane;
};

} // namespace hacmp::console
