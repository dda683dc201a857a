#include "agent/daemon/commandnotifier.h"

#include "agent/daemon/agentlog.h"
#include "agent/daemon/processes.h"

namespace hacmp::agent {

CommandNotifier::CommandNotifier(QObject *parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &CommandNotifier::onTimeout);
}

CommandNotifier::~CommandNotifier()
{
    if (m_process)
        discardProcess(m_process);
}

void CommandNotifier::setCommand(const QStringList &command, Millis timeout)
{
    m_command = command;
    m_timeout = timeout;
    if (m_command.isEmpty())
        m_queue.clear();
}

void CommandNotifier::notify(const QByteArray &eventJson)
{
    if (m_command.isEmpty())
        return;
    if (m_queue.size() >= kQueueLimit) {
        ++m_dropped;
        qCWarning(lcAgent, "[notify] command: %lld events waiting, event dropped (%llu dropped so far)",
            qlonglong(m_queue.size()), m_dropped);
        return;
    }
    m_queue.enqueue(eventJson);
    runNext();
}

void CommandNotifier::runNext()
{
    if (m_process || m_queue.isEmpty() || m_command.isEmpty())
        return;
    const QByteArray event = m_queue.dequeue();
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::ForwardedChannels);
    connect(m_process, &QProcess::finished, this, &CommandNotifier::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(false, QStringLiteral("could not be started: ") + m_process->errorString());
    });
    connect(m_process, &QProcess::started, this, [this, event] {
        m_process->write(event);
        m_process->closeWriteChannel();
    });
    m_deadline.start(m_timeout);
    startCommand(*m_process, m_command);
}

void CommandNotifier::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (status == QProcess::NormalExit && exitCode == 0)
        finish(true, {});
    else
        finish(false,
            status == QProcess::NormalExit ? QStringLiteral("exited with status %1").arg(exitCode)
                                           : QStringLiteral("crashed"));
}

void CommandNotifier::onTimeout()
{
    finish(false, QStringLiteral("did not finish within %1 ms: killed").arg(m_timeout.count()));
}

void CommandNotifier::finish(bool ok, const QString &problem)
{
    m_deadline.stop();
    if (m_process) {
        QProcess *process = m_process;
        m_process = nullptr;
        process->disconnect(this);
        discardProcess(process);
    }
    if (!ok)
        qCWarning(lcAgent, "[notify] command %s %s", qUtf8Printable(m_command.value(0)), qUtf8Printable(problem));
    emit delivered(ok);
    runNext();
}

} // namespace hacmp::agent
