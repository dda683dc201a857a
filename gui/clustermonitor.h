#pragma once

#include "gui/clusterassessor.h"
#include "gui/clustersource.h"
#include "gui/directorypoll.h"
#include "gui/endpointhealth.h"
#include "shared/history/historytail.h"
#include "shared/history/operatoraction.h"
#include "shared/storage/iolane.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace hacmp::console {

class EtcdHealthPoll;

/// Watches one cluster store (a directory or an etcd cluster, any ClusterDirectory) for the console: every
/// interval it reads the records and control files on one I/O lane and the new history bytes on another, and
/// carries out operator actions on a third, each with a deadline (docs/architecture.md, Storage I/O off the
/// event loop); on etcd it also asks each endpoint about its member (EtcdHealthPoll). Results arrive on the
/// UI thread; the UI never waits on the store, and a poll that has not answered within io_timeout turns the
/// snapshot into NOT RESPONDING while the window keeps working.
class ClusterMonitor final : public QObject
{
    Q_OBJECT

public:
    ClusterMonitor(ClusterSource source, Timing timing, MonoClock clock, QObject *parent = nullptr);
    ~ClusterMonitor() override;
    Q_DISABLE_COPY_MOVE(ClusterMonitor)

    /// Opens the store (on the poll lane) and starts polling every interval.
    void start();
    /// Polls now rather than at the next interval (when no poll is outstanding).
    void refresh();
    /// Carries out an action on the write lane; false when an earlier action has not returned yet.
    bool submit(const OperatorAction &action);

    const ClusterSnapshot &snapshot() const { return m_assessor.last(); }
    const ClusterSource &source() const { return m_source; }
    /// The health of each etcd endpoint as last checked; empty for a directory or before the first answer.
    const QList<EndpointHealth> &endpointHealth() const;
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
    /// The etcd endpoints answered (or did not) a check of their health.
    void endpointsChecked(const QList<hacmp::console::EndpointHealth> &health);

private:
    struct Opened
    {
        std::shared_ptr<ClusterDirectory> directory;
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

    ClusterSource m_source;
    QString m_description; ///< m_source.describe(), for messages
    Timing m_timing;
    MonoClock m_clock;
    QString m_actor;
    ClusterAssessor m_assessor;
    std::shared_ptr<ClusterDirectory> m_directory;
    std::shared_ptr<HistoryTail> m_tail;
    std::shared_ptr<OperatorLog> m_operatorLog;
    QString m_openError;
    QString m_lastHistoryError;
    ClusterState m_lastState = ClusterState::NotResponding;
    bool m_published = false;
    MonoTime m_pollPostedAt = kNever; ///< kNever: no poll or open outstanding
    QTimer m_timer;
    std::unique_ptr<EtcdHealthPoll> m_health; ///< etcd only
    // Declared last, destroyed first: jobs still running hold shared pointers only.
    std::unique_ptr<IoLane> m_pollLane;
    std::unique_ptr<IoLane> m_historyLane;
    std::unique_ptr<IoLane> m_writeLane;
};

} // namespace hacmp::console
