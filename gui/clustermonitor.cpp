#include "gui/clustermonitor.h"

#include "gui/consolelog.h"
#include "gui/etcdhealthpoll.h"
#include "gui/texts.h"
#include "shared/history/actor.h"

#include <QLoggingCategory>

namespace hacmp::console {

namespace {

/// How long closing the console waits for a lane blocked on a hung directory before leaving it behind.
constexpr Millis kLaneShutdownGrace { 100 };
} // namespace

ClusterMonitor::ClusterMonitor(ClusterSource source, Timing timing, MonoClock clock, QObject *parent)
    : QObject(parent)
    , m_source(std::move(source))
    , m_description(m_source.describe())
    , m_timing(timing)
    , m_clock(std::move(clock))
    , m_actor(currentActor())
    , m_assessor(m_description, timing)
    , m_tail(std::make_shared<HistoryTail>())
    , m_pollLane(std::make_unique<IoLane>(kLaneShutdownGrace))
    , m_historyLane(std::make_unique<IoLane>(kLaneShutdownGrace))
    , m_writeLane(std::make_unique<IoLane>(kLaneShutdownGrace))
{
    m_assessor.setOnEtcd(m_source.usesEtcd());
    m_timer.setInterval(int(m_timing.interval.count()));
    connect(&m_timer, &QTimer::timeout, this, &ClusterMonitor::tick);
    if (m_source.usesEtcd()) {
        m_health = std::make_unique<EtcdHealthPoll>(m_source.cluster(), m_timing.ioTimeout);
        connect(m_health.get(), &EtcdHealthPoll::checked, this, &ClusterMonitor::endpointsChecked);
    }
}

ClusterMonitor::~ClusterMonitor() = default;

const QList<EndpointHealth> &ClusterMonitor::endpointHealth() const
{
    static const QList<EndpointHealth> none;
    return m_health ? m_health->last() : none;
}

void ClusterMonitor::start()
{
    m_timer.start();
    tick();
}

void ClusterMonitor::refresh()
{
    if (m_directory && !m_pollLane->busy())
        postPoll();
    if (m_directory && !m_historyLane->busy())
        postHistory();
}

void ClusterMonitor::tick()
{
    checkDeadline();
    if (!m_pollLane->busy()) {
        if (m_directory)
            postPoll();
        else
            postOpen();
    }
    if (m_directory && !m_historyLane->busy())
        postHistory();
    if (m_health)
        m_health->check();
}

void ClusterMonitor::checkDeadline()
{
    if (m_pollPostedAt == kNever)
        return;
    const Millis waited = m_clock() - m_pollPostedAt;
    if (waited <= m_timing.ioTimeout)
        return;
    const QString why = m_source.usesEtcd()
        ? tr("%1 has not answered for %2 (io_timeout is %3): the etcd cluster may have lost its quorum, or this "
             "computer cannot reach its members; see the endpoints.")
              .arg(m_description, durationText(waited), durationText(m_timing.ioTimeout))
        : tr("%1 has not answered for %2 (io_timeout is %3): the storage may be hung, for example an NFS server "
             "that is down.")
              .arg(m_description, durationText(waited), durationText(m_timing.ioTimeout));
    publish(m_assessor.notResponding(why, waited, m_clock()));
}

void ClusterMonitor::postOpen()
{
    m_pollPostedAt = m_clock();
    const ClusterSource source = m_source;
    const Millis ioTimeout = m_timing.ioTimeout;
    postTo<Opened>(
        *m_pollLane, this,
        [source, ioTimeout]() -> Opened {
            Result<ClusterSource::Opened> opened = source.open(ioTimeout);
            if (!opened)
                return Opened { nullptr, QString(), opened.error() };
            ClusterSource::Opened store = std::move(opened).value();
            return Opened { std::shared_ptr<ClusterDirectory>(std::move(store.store)), store.clusterName, QString() };
        },
        [this](Opened result) { opened(result); });
}

void ClusterMonitor::opened(const Opened &result)
{
    m_pollPostedAt = kNever;
    if (!result.directory) {
        if (result.error != m_openError)
            qCWarning(lcConsole, "%s", qUtf8Printable(result.error));
        m_openError = result.error;
        publish(m_assessor.notResponding(result.error, Millis(0), m_clock()));
        return;
    }
    m_openError.clear();
    m_directory = result.directory;
    m_operatorLog = std::make_shared<OperatorLog>(*m_directory, m_actor);
    m_assessor.setClusterName(result.clusterName);
    postPoll();
    postHistory();
}

void ClusterMonitor::postPoll()
{
    m_pollPostedAt = m_clock();
    const std::shared_ptr<ClusterDirectory> directory = m_directory;
    const MonoClock clock = m_clock;
    // The permission check is the file system's (access(2)); etcd's permissions show when a write is refused.
    const QString writableCheckPath = m_source.directoryPath();
    postTo<PollResult>(
        *m_pollLane, this,
        [directory, clock, writableCheckPath] { return pollDirectory(*directory, clock, writableCheckPath); },
        [this](PollResult result) { polled(result); });
}

void ClusterMonitor::polled(const PollResult &result)
{
    m_pollPostedAt = kNever;
    publish(m_assessor.apply(result, m_clock()));
}

void ClusterMonitor::publish(const ClusterSnapshot &snapshot)
{
    // Changes of state go to the log too (stderr, or the journal), for a record of what the operator saw.
    if (!m_published || snapshot.state != m_lastState)
        qCInfo(lcConsole, "%s: %s%s", qUtf8Printable(m_description), qUtf8Printable(clusterStateName(snapshot.state)),
            qUtf8Printable(snapshot.reasons.isEmpty() ? QString() : QStringLiteral(": ") + snapshot.reasons.front()));
    m_published = true;
    m_lastState = snapshot.state;
    emit snapshotChanged(snapshot);
}

void ClusterMonitor::postHistory()
{
    const std::shared_ptr<ClusterDirectory> directory = m_directory;
    const std::shared_ptr<HistoryTail> tail = m_tail;
    postTo<HistoryResult>(
        *m_historyLane, this,
        [directory, tail] {
            Result<HistoryUpdate> update = tail->refresh(*directory);
            if (!update)
                return HistoryResult { false, {}, update.error() };
            return HistoryResult { true, std::move(update).value(), QString() };
        },
        [this](HistoryResult result) { historyRead(std::move(result)); });
}

void ClusterMonitor::historyRead(HistoryResult result)
{
    if (!result.ok) {
        if (result.error != m_lastHistoryError)
            qCWarning(lcConsole, "%s", qUtf8Printable(result.error));
        m_lastHistoryError = result.error;
        return;
    }
    m_lastHistoryError.clear();
    for (const QString &problem : std::as_const(result.update.problems))
        qCWarning(lcConsole, "%s", qUtf8Printable(problem));
    if (result.update.reset || !result.update.events.isEmpty())
        emit historyUpdated(result.update.events, result.update.reset);
}

bool ClusterMonitor::submit(const OperatorAction &action)
{
    if (!m_operatorLog)
        return false;
    struct Progress
    {
        bool done = false;
        bool delayed = false;
    };
    auto progress = std::make_shared<Progress>();
    const std::shared_ptr<OperatorLog> log = m_operatorLog;
    const std::shared_ptr<ClusterDirectory> directory = m_directory; // the log writes through it
    const bool posted = postTo<QString>(
        *m_writeLane, this, [log, directory, action] { return log->apply(action, utcNowIso()).error(); },
        [this, action, progress](QString error) {
            progress->done = true;
            if (!error.isEmpty())
                qCWarning(lcConsole, "%s", qUtf8Printable(error));
            emit actionFinished(action, error, progress->delayed);
            refresh();
        });
    if (!posted)
        return false;
    QTimer::singleShot(m_timing.ioTimeout, this, [this, action, progress] {
        if (progress->done)
            return;
        progress->delayed = true;
        emit actionDelayed(action);
    });
    return true;
}

} // namespace hacmp::console
