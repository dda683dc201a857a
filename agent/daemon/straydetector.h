#pragma once

#include "monotime.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <functional>
#include <sys/types.h>

namespace hacmp::agent {

/// The optional [application] detect pattern: every interval `pgrep -f -- <pattern>` runs in the
/// background and reports the instances that the guard does not hold (protocol.md M-b, and strays on
/// a node that is not master). stopStrays() ends them: SIGTERM, then SIGKILL after stop_grace.
/// Excluded: the agent itself and its children (its check and stop commands), and the process group
/// of the application the guard holds.
class StrayDetector final : public QObject
{
    Q_OBJECT

public:
    /// heldPid: the pid of the application the guard holds (the leader of its process group), or 0.
    explicit StrayDetector(std::function<std::int64_t()> heldPid, QObject *parent = nullptr);
    ~StrayDetector() override;
    Q_DISABLE_COPY_MOVE(StrayDetector)

    /// An empty pattern turns detection off.
    void configure(const QString &pattern, Millis interval);
    /// SIGTERM to the strays found last, SIGKILL grace later to those still there.
    void stopStrays(Millis grace);

    /// Whether pid is an instance outside the guard: not self, not a child of self, not in the
    /// process group of heldPid.
    static bool isStray(pid_t pid, pid_t self, std::int64_t heldPid);
    /// The pids of pgrep's output that are strays.
    static QList<pid_t> strays(const QByteArray &pgrepOutput, pid_t self, std::int64_t heldPid);

signals:
    /// After every completed search: whether instances outside the guard run.
    void found(bool present);

private:
    void search();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void killRemaining(const QList<pid_t> &pids);

    std::function<std::int64_t()> m_heldPid;
    QString m_pattern;
    QTimer m_timer;
    QPointer<QProcess> m_pgrep;
    QList<pid_t> m_strays;
    bool m_errorReported = false;
};

} // namespace hacmp::agent
