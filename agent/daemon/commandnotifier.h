#pragma once

#include "shared/protocol/monotime.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QQueue>
#include <QStringList>
#include <QTimer>

namespace hacmp::agent {

/// [notify] command: runs the command once per event with the event's JSON on its standard input,
/// at most one at a time and each for at most a timeout, from a bounded queue; an event that finds
/// the queue full is dropped and counted. A slow or hanging command never delays the agent.
class CommandNotifier final : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype kQueueLimit = 100;
    static constexpr Millis kTimeout { 10000 };

    explicit CommandNotifier(QObject *parent = nullptr);
    ~CommandNotifier() override;
    Q_DISABLE_COPY_MOVE(CommandNotifier)

    /// An empty command turns notification off (queued events are dropped).
    void setCommand(const QStringList &command, Millis timeout = kTimeout);
    void notify(const QByteArray &eventJson);

    quint64 dropped() const { return m_dropped; }
    /// Whether a command runs or events wait.
    bool busy() const { return m_process || !m_queue.isEmpty(); }

signals:
    /// A command ended (successfully or not), for tests and logs.
    void delivered(bool ok);

private:
    void runNext();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onTimeout();
    void finish(bool ok, const QString &problem);

    QStringList m_command;
    Millis m_timeout = kTimeout;
    QQueue<QByteArray> m_queue;
    QPointer<QProcess> m_process;
    QTimer m_deadline;
    quint64 m_dropped = 0;
};

} // namespace hacmp::agent
