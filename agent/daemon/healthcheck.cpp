#include "agent/daemon/healthcheck.h"

#include "agent/daemon/processes.h"

namespace hacmp::agent {

HealthCheck::HealthCheck(QObject *parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    connect(&m_interval, &QTimer::timeout, this, &HealthCheck::run);
    connect(&m_deadline, &QTimer::timeout, this, &HealthCheck::onTimeout);
}

HealthCheck::~HealthCheck()
{
    drop();
}

void HealthCheck::configure(const QStringList &command, Millis interval, Millis timeout, const QStringList &environment)
{
    m_command = command;
    m_environment = environment;
    m_timeout = timeout;
    m_interval.setInterval(interval);
    setEnabled(m_enabled);
}

void HealthCheck::setEnabled(bool enabled)
{
    m_enabled = enabled && !m_command.isEmpty();
    if (m_enabled) {
        if (!m_interval.isActive())
            m_interval.start();
        return;
    }
    m_interval.stop();
    drop();
}

void HealthCheck::run()
{
    if (!m_enabled || m_process)
        return;
    m_process = new QProcess(this);
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::finished, this, &HealthCheck::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        const QString why = QStringLiteral("the check command %1 could not be started (%2)")
                                .arg(m_command.first(), m_process->errorString());
        drop();
        emit failed(why);
    });
    m_deadline.start(m_timeout);
    startCommand(*m_process, m_command, m_environment);
}

void HealthCheck::onFinished(int exitCode, QProcess::ExitStatus status)
{
    const QString output = QString::fromLocal8Bit(m_process->readAllStandardError().left(500)).trimmed();
    drop();
    if (status == QProcess::NormalExit && exitCode == 0)
        return;
    QString why = status == QProcess::NormalExit
        ? QStringLiteral("the check command exited with status %1").arg(exitCode)
        : QStringLiteral("the check command crashed");
    if (!output.isEmpty())
        why += QStringLiteral(": ") + output;
    emit failed(why);
}

void HealthCheck::onTimeout()
{
    drop();
    emit failed(QStringLiteral("the check command did not finish within check_timeout (%1 ms)").arg(m_timeout.count()));
}

void HealthCheck::drop()
{
    m_deadline.stop();
    if (!m_process)
        return;
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    discardProcess(process);
}

} // namespace hacmp::agent
