#pragma once

#include "shared/protocol/electionrunner.h"

#include <QMap>

#include <optional>

namespace hacmp::test {

/// Drives one Election against a perfect, instantaneous directory held in memory, with a fake
/// clock, so decision tables can put the machine in a state and look at what it decides. Its actions are
/// carried out by the ElectionRunner the agent uses; only the effects are in memory.
class ElectionDriver final : private ElectionEffects
{
public:
    /// wallClock: ElectionConfig::wallClock (unset: records carry no wall time).
    explicit ElectionDriver(const QString &node = QStringLiteral("a"), int priority = 100,
        Timing timing = Timing::fast(), std::function<QString(Millis)> wallClock = {});

    Election &machine() { return m_runner->election(); }
    MonoTime now() const { return m_now; }
    void advance(Millis by) { m_now += by; }
    const Timing &timing() const { return m_timing; }

    /// A peer's record, with a fresh seq (so observers see it change: alive).
    HeartbeatRecord &peer(const QString &node);
    void putPeer(const QString &node);
    void putRawPeer(const QString &node, const QByteArray &bytes) { m_files.insert(node, bytes); }
    void removePeer(const QString &node)
    {
        m_files.remove(node);
        m_peers.remove(node);
    }
    /// Peers whose record keeps changing on every step; others stay frozen (and die after F).
    void setAlive(const QString &node, bool alive) { m_frozen[node] = !alive; }

    void setMaintenance(bool on) { m_maintenance = on; }
    /// hacmpctl clear: a clear/<node> request for this node, removed once carried out.
    void setClearRequest(bool on) { m_clearRequest = on; }
    bool clearRequestPresent() const { return m_clearRequest; }
    void setStandby(bool on) { m_standby = on; }
    /// Writes app/<node> with this request (hacmpctl run or stop-app); absent again once the election removes it.
    void setAppRequest(const AppRequest &request) { m_appRequest = encodeAppRequest(request); }
    void setRawAppRequest(const QByteArray &bytes) { m_appRequest = bytes; }
    bool appRequestPresent() const { return m_appRequest.has_value(); }
    void setSwitchover(const QString &target, std::uint64_t epoch);
    void clearSwitchover() { m_switchover.reset(); }
    void setReadsFail(bool fail) { m_readsFail = fail; }
    /// Own writes fail (storage lost for this node).
    void setWritesFail(bool fail) { m_writesFail = fail; }
    /// Claim writes fail, writing nothing, as the etcd store's term key refuses an epoch claimed before.
    void setClaimsRefused(bool refused) { m_claimsRefused = refused; }
    /// The application takes its time to stop: a stop is reported only by appExits().
    void setStopHangs(bool hangs) { m_stopHangs = hangs; }

    /// One interval: tick, then every scan and write it asked for completes at once.
    ElectionActions step();
    /// Steps until the role is reached or maxSteps passed; returns whether it was reached.
    bool stepUntil(Role role, int maxSteps = 200);
    /// Executes actions the test obtained from the machine directly (and what follows from them).
    ElectionActions feed(ElectionActions actions);
    /// The application exits by itself (or is stopped by hand).
    ElectionActions appExits(AppExitCause cause, int status);

    /// Everything the machine asked for so far, in order.
    const ElectionActions &history() const { return m_history; }
    template <typename T> QList<T> actionsOf(const ElectionActions &actions) const
    {
        QList<T> found;
        for (const ElectionAction &action : actions) {
            if (const T *typed = std::get_if<T>(&action))
                found.append(*typed);
        }
        return found;
    }
    bool appRunning() const { return m_appRunning; }
    std::optional<HeartbeatRecord> ownRecord() const;
    bool switchoverPresent() const { return m_switchover.has_value(); }
    /// The epochs the effects were asked to claim (writeSlot's claimedEpoch), one per claim write.
    const QList<std::uint64_t> &claimedEpochs() const { return m_claimedEpochs; }

private:
    ScanResult scanResult(std::uint64_t id);
    ElectionActions execute(ElectionActions actions);

    // ElectionEffects, in memory; completions are carried out after the action that caused them
    void writeSlot(std::uint64_t id, int slot, const QByteArray &bytes, std::uint64_t claimedEpoch) override;
    void scan(std::uint64_t id, bool final) override;
    Status saveMarks(const LocalMarks &marks) override;
    QList<std::int64_t> searchOutsideGuard() override { return {}; }
    void startApplication(std::uint64_t epoch, const QString &reason) override;
    void stopApplication(const QString &reason) override;
    void stopOutsideGuard(const QString &) override { }
    void setGuardDeadline(MonoTime) override { }
    void removeControlFile(const QString &path) override;
    void record(const EventAction &) override { }
    void exit(int, bool) override { }

    Timing m_timing;
    QString m_node;
    MonoTime m_now { 100000 };
    std::unique_ptr<ElectionRunner> m_runner;
    ElectionActions m_completions;
    QMap<QString, QByteArray> m_files;
    QMap<QString, HeartbeatRecord> m_peers;
    QMap<QString, bool> m_frozen;
    bool m_maintenance = false;
    bool m_clearRequest = false;
    bool m_standby = false;
    std::optional<QByteArray> m_switchover;
    std::optional<QByteArray> m_appRequest;
    bool m_readsFail = false;
    bool m_writesFail = false;
    bool m_claimsRefused = false;
    bool m_stopHangs = false;
    bool m_appRunning = false;
    ElectionActions m_history;
    QList<std::uint64_t> m_claimedEpochs;
};

} // namespace hacmp::test
