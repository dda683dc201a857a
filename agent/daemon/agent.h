#pragma once

#include "agent/daemon/agentmetrics.h"
#include "agent/daemon/applicationcontrol.h"
#include "agent/daemon/guardclient.h"
#include "agent/daemon/guardendfile.h"
#include "agent/daemon/healthcheck.h"
#include "agent/daemon/localmarksstore.h"
#include "agent/daemon/maintenancesince.h"
#include "agent/daemon/straydetector.h"
#include "agent/daemon/systemdnotifier.h"
#include "shared/config/agentconfig.h"
#include "shared/protocol/election.h"
#include "shared/protocol/electionrunner.h"
#include "shared/storage/iolane.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>

namespace hacmp::agent {

class DirectoryIo;
class DirectoryWatcher;
class EventReporter;
class MetricsEndpoint;
struct ScanReport;

/// The agent: carries out the actions of the Election (shared/protocol/election.h) through an ElectionRunner, with
/// the real shared directory, the guard and the application as its effects, and feeds it the
/// monotonic time, the directory's answers and the application's fate. It owns every timer; the event
/// loop never waits on the storage (DirectoryIo). Startup: open the directory (rule D), read the own
/// record (which slot holds the newest write) and say HELLO to the guard; then the machine starts,
/// continuing the guard's running term if there is one (W5).
class Agent final : public QObject, private ElectionEffects
{
    Q_OBJECT

public:
    /// nodeOverride: the --node option, kept for reloads.
    Agent(AgentConfig config, QString nodeOverride, QString hostId, QObject *parent = nullptr);
    ~Agent() override;
    Q_DISABLE_COPY_MOVE(Agent)

    /// Opens the shared directory and starts; an error says why the agent cannot run.
    Status start();
    /// SIGTERM, SIGINT: a clean stop (hand over, write offline, exit; in maintenance the application is
    /// left to the guard). SIGUSR2: KeepApplication, a restart in place (restartInPlace() says so after).
    void requestStop(Election::StopMode mode = Election::StopMode::Clean);
    /// Whether the agent ended for a restart in place: the process should execute itself again.
    bool restartInPlace() const { return m_restartInPlace; }
    /// SIGHUP: reload the configuration file.
    void reload();
    /// The port of the metrics endpoint ([metrics] listen), 0 without one.
    quint16 metricsPort() const;

signals:
    /// The agent has ended; the process should exit with exitCode.
    void finished(int exitCode);

private:
    // startup
    void readOwnRecord();
    void onOwnRecord(const FileRead &read);
    void onGuardState(const GuardReply &state);
    void begin();
    /// Writes the guard's end file, if any, to the history as the end of its term, and removes it.
    void recordGuardEnd();

    // the machine
    void tick();
    void feed(ElectionActions actions);
    void onScan(std::uint64_t id, ScanReport report);
    void onWriteDone(std::uint64_t id, int slot, const Status &status, MonoTime completedAt);

    // ElectionEffects
    void writeSlot(std::uint64_t id, int slot, const QByteArray &bytes, std::uint64_t claimedEpoch) override;
    void scan(std::uint64_t id, bool final) override;
    Status saveMarks(const LocalMarks &marks) override;
    QList<std::int64_t> searchOutsideGuard() override;
    void startApplication(std::uint64_t epoch, const QString &reason) override;
    void stopApplication(const QString &reason) override;
    void stopOutsideGuard(const QString &reason) override;
    void setGuardDeadline(MonoTime leaseUntil) override;
    void removeControlFile(const QString &path) override;
    void record(const EventAction &event) override;
    void exit(int status, bool leaveApplication) override;

    // around the machine
    void applyConfig();
    void onReloaded(const Result<AgentConfig> &loaded, const Status &safety);
    void updateSupervision();
    void updateStatus();
    void hardExit();
    void finish(int exitCode);
    /// Warns when clear/ or app/ of the directory cannot be listed (made by a newer hacmpctl init).
    void warnAboutMissingFolders();
    /// A path of the store for messages: "/mnt/ha/nodes/x.hb", "etcd://host:2379/hacmp/prod/nodes/x.hb".
    QString storePath(const QString &relativePath) const;
    /// The metrics' text for a scrape: the counters kept so far and a snapshot of the election now.
    QByteArray scrapeMetrics();

    AgentConfig m_config;
    QString m_nodeOverride;
    QString m_hostId;
    std::uint64_t m_incarnation;
    LocalMarksStore m_marks;
    LocalMarks m_initialMarks;
    GuardEndFile m_guardEnd;

    std::shared_ptr<ClusterDirectory> m_directory;
    std::unique_ptr<DirectoryIo> m_io;
    std::unique_ptr<EventReporter> m_events;
    std::unique_ptr<DirectoryWatcher> m_watcher;
    GuardClient m_guard;
    ApplicationControl m_app;
    HealthCheck m_check;
    StrayDetector m_strays;
    SystemdNotifier m_systemd;
    IoLane m_reloadLane;
    std::unique_ptr<ElectionRunner> m_runner;
    std::unique_ptr<AgentMetrics> m_metrics; ///< only with [metrics] listen
    std::unique_ptr<MetricsEndpoint> m_metricsEndpoint;

    QTimer m_tick;
    QTimer m_wake; ///< an extra tick when the election wants to decide before the next one (Election::wakeAt)
    QTimer m_ownRecordRetry;
    QTimer m_hardExit;
    bool m_ownRecordRead = false;
    int m_lastConfirmedSlot = -1;
    std::optional<GuardReply> m_guardState;

    bool m_stopping = false;
    bool m_restartInPlace = false;
    bool m_exiting = false;
    std::optional<std::uint64_t> m_checkEpoch; ///< the epoch the health check was configured for
    QSet<QString> m_reportedNames;
    QSet<QString> m_failingReads; ///< nodes whose record reads fail (logged once)
    MaintenanceSince m_maintenanceSince;
    bool m_listFailing = false; ///< nodes/ could not be listed in the last scan (logged once)
};

} // namespace hacmp::agent
