#pragma once

#include "agent/daemon/instancematcher.h"
#include "shared/protocol/monotime.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <sys/types.h>

namespace hacmp::agent {

/// Finds the instances of the application on this host that the guard does not hold (docs/protocol.md M-b,
/// and the rule that a start never doubles an instance): every interval, and on demand right before a
/// start, it reads /proc and reports the processes the InstanceMatcher accepts. stopStrays() ends them:
/// SIGTERM, then SIGKILL after stop_grace. Excluded: the agent itself and its children (its check and
/// stop commands), and the process group of the application the guard holds (or any guard of this host).
class StrayDetector final : public QObject
{
    Q_OBJECT

public:
    /// heldPid: the pid of the application the guard holds (the leader of its process group), or 0.
    explicit StrayDetector(std::function<std::int64_t()> heldPid, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(StrayDetector)

    void configure(InstanceMatcher matcher, Millis interval);
    /// Searches every interval from now on (the first search runs at once).
    void start();
    /// One search now, returned and not reported (the caller hands it on).
    QList<std::int64_t> searchNow();
    /// SIGTERM to the strays found last, SIGKILL grace later to those still there.
    void stopStrays(Millis grace);

    /// Whether pid is an instance outside the guard: not self, not a child of self, not in the
    /// process group of heldPid or of an application that any hacmp-guard started.
    static bool isStray(pid_t pid, pid_t self, std::int64_t heldPid);

signals:
    /// After every periodic search: the instances outside the guard (empty when none).
    void found(const QList<std::int64_t> &pids);

private:
    void killRemaining(const QList<pid_t> &pids);

    std::function<std::int64_t()> m_heldPid;
    InstanceMatcher m_matcher;
    QTimer m_timer;
    QList<std::int64_t> m_strays;
};

} // namespace hacmp::agent
