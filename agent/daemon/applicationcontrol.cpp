#include "agent/daemon/applicationcontrol.h"

#include "agent/daemon/agentlog.h"
#include "agent/daemon/processes.h"
#include "agent/daemon/startspec.h"

namespace hacmp::agent {

ApplicationControl::ApplicationControl(GuardClient &guard, AgentConfig config, QObject *parent)
    : QObject(parent)
    , m_guard(guard)
    , m_config(std::move(config))
{
    m_stopCommandTimeout.setSingleShot(true);
    connect(&m_stopCommandTimeout, &QTimer::timeout, this, &ApplicationControl::onStopCommandDone);
    connect(&m_guard, &GuardClient::replyReceived, this, &ApplicationControl::onReply);
    connect(&m_guard, &GuardClient::connectionLost, this, &ApplicationControl::onGuardLost);
}

void ApplicationControl::start(std::uint64_t epoch)
{
    m_state = State::Starting;
    m_pid = 0;
    m_epoch = epoch;
    m_stopAsked = false;
    m_healthFailure.clear();
    qCInfo(lcApp, "starting the application (epoch %llu): %s", qulonglong(epoch),
        qUtf8Printable(m_config.application.start.join(QLatin1Char(' '))));
    if (m_guard.start(epoch, encodeStartSpec(m_config, epoch)))
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            finish(AppExit { AppExitCause::Exited, 0, QStringLiteral("the guard is not connected: not started") });
        },
        Qt::QueuedConnection);
}

void ApplicationControl::adopt(std::int64_t pid, std::uint64_t epoch)
{
    m_state = State::Running;
    m_pid = pid;
    m_epoch = epoch;
    m_stopAsked = false;
    m_healthFailure.clear();
}

void ApplicationControl::stop(const QString &reason)
{
    if (m_state == State::None) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                emit exited(AppExit { AppExitCause::Stopped, 0, QStringLiteral("it was not running") });
            },
            Qt::QueuedConnection);
        return;
    }
    if (m_stopAsked)
        return;
    m_stopAsked = true;
    qCInfo(lcApp, "stopping the application (pid %lld): %s", qlonglong(m_pid), qUtf8Printable(reason));
    if (m_stopCommand) // a stop for a failed health check is under way: STOP follows it
        return;
    if (m_state == State::Running && !m_config.application.stop.isEmpty())
        runStopCommand();
    else
        sendStop();
}

void ApplicationControl::failHealth(const QString &why)
{
    if (m_state != State::Running || m_stopAsked || !m_healthFailure.isEmpty())
        return;
    m_healthFailure = why;
    qCWarning(lcApp, "the application (pid %lld) failed its health check: %s; stopping it", qlonglong(m_pid),
        qUtf8Printable(why));
    if (!m_config.application.stop.isEmpty())
        runStopCommand();
    else
        sendStop();
}

void ApplicationControl::runStopCommand()
{
    const QStringList &command = m_config.application.stop;
    m_stopCommand = new QProcess(this);
    if (!m_config.application.workingDirectory.isEmpty())
        m_stopCommand->setWorkingDirectory(m_config.application.workingDirectory);
    m_stopCommand->setProcessChannelMode(QProcess::ForwardedChannels);
    m_stopCommand->setStandardInputFile(QProcess::nullDevice());
    connect(m_stopCommand, &QProcess::finished, this, &ApplicationControl::onStopCommandDone);
    connect(m_stopCommand, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            onStopCommandDone();
    });
    m_stopCommandTimeout.start(m_config.timing.stopGrace);
    startCommand(*m_stopCommand, command, applicationEnvironment(m_config, m_epoch));
}

void ApplicationControl::onStopCommandDone()
{
    if (!m_stopCommand)
        return;
    m_stopCommandTimeout.stop();
    QProcess *command = std::exchange(m_stopCommand, nullptr);
    command->disconnect(this);
    if (command->state() != QProcess::NotRunning)
        qCWarning(lcApp, "the stop command did not finish within stop_grace (%lld ms): killed",
            qlonglong(m_config.timing.stopGrace.count()));
    else if (command->error() == QProcess::FailedToStart)
        qCWarning(lcApp, "the stop command %s could not be started: %s",
            qUtf8Printable(m_config.application.stop.first()), qUtf8Printable(command->errorString()));
    else if (command->exitStatus() != QProcess::NormalExit || command->exitCode() != 0)
        qCWarning(lcApp, "the stop command failed (exit status %d)", command->exitCode());
    discardProcess(command);
    if (m_state != State::None)
        sendStop();
}

void ApplicationControl::sendStop()
{
    if (!m_guard.stop(m_config.timing.stopGrace))
        qCWarning(lcApp, "cannot send STOP: the guard is not connected");
}

void ApplicationControl::onReply(const GuardReply &reply)
{
    switch (reply.kind) {
    case GuardReply::Kind::Started:
        if (m_state != State::Starting)
            return;
        m_state = State::Running;
        m_pid = reply.pid;
        qCInfo(lcApp, "the application runs, pid %lld", qlonglong(m_pid));
        emit started(m_pid);
        return;
    case GuardReply::Kind::Refused:
        if (m_state != State::Starting)
            return;
        finish(AppExit {
            reply.text.contains(QLatin1String("deadline")) ? AppExitCause::GuardDeadline : AppExitCause::Exited, 0,
            QStringLiteral("the guard refused to start it: ") + reply.text });
        return;
    case GuardReply::Kind::Exited: {
        if (m_state == State::None)
            return;
        AppExit exit { AppExitCause::Exited, reply.status, {} };
        if (reply.cause == QLatin1String("deadline")) {
            exit.cause = AppExitCause::GuardDeadline;
            exit.detail = QStringLiteral("the guard stopped it at the lease deadline");
        } else if (m_stopAsked) {
            exit.cause = AppExitCause::Stopped;
            exit.detail = QStringLiteral("stopped");
        } else if (!m_healthFailure.isEmpty()) {
            exit.detail = QStringLiteral("health check failed: ") + m_healthFailure;
        } else if (reply.cause == QLatin1String("signaled")) {
            exit.detail = QStringLiteral("killed by signal %1").arg(reply.status);
        } else {
            exit.detail = QStringLiteral("%1 with status %2").arg(reply.cause).arg(reply.status);
        }
        finish(exit);
        return;
    }
    case GuardReply::Kind::StateIdle:
    case GuardReply::Kind::StateRunning:
    case GuardReply::Kind::Error:
        return;
    }
}

void ApplicationControl::onGuardLost(const QString &why)
{
    if (m_state == State::None)
        return;
    finish(AppExit { m_stopAsked ? AppExitCause::Stopped : AppExitCause::Exited, 0,
        why + QStringLiteral(": the guard died, and the application with it") });
}

void ApplicationControl::finish(AppExit exit)
{
    m_state = State::None;
    m_pid = 0;
    m_stopAsked = false;
    m_healthFailure.clear();
    if (m_stopCommand) {
        m_stopCommandTimeout.stop();
        QProcess *command = std::exchange(m_stopCommand, nullptr);
        command->disconnect(this);
        discardProcess(command);
    }
    qCInfo(lcApp, "the application ended: %s", qUtf8Printable(exit.detail));
    emit exited(exit);
}

} // namespace hacmp::agent
