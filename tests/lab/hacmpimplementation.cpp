#include "tests/lab/hacmpimplementation.h"

#include "shared/config/commandline.h"

#include <QFile>
#include <QProcess>

#include <csignal>

namespace hacmp::lab {

namespace {

QString ms(Millis value)
{
    return QStringLiteral("%1ms").arg(value.count());
}

/// The cluster name the lab's directories are made for.
QString clusterName()
{
    return QStringLiteral("lab");
}

QString ctlPath()
{
    return QStringLiteral(HACMP_BIN_DIR "/hacmpctl");
}

} // namespace

Status HacmpImplementation::prepareCluster(const QString &sharedSource)
{
    const Result<QString> made
        = ctl(sharedSource, { QStringLiteral("init"), QStringLiteral("--cluster"), clusterName() });
    return made ? Status::success() : Status(Error(made.error()));
}

QString HacmpImplementation::timingSection(const QString &node) const
{
    const QString custom = m_timingOverrides.value(node);
    if (!custom.isEmpty())
        return custom;
    return QStringLiteral("[timing]\ninterval = %1\nio_timeout = %2\nfailover_timeout = %3\nrenew_limit = %4\n"
                          "stop_grace = %5\n")
        .arg(ms(m_timing.interval), ms(m_timing.ioTimeout), ms(m_timing.failoverTimeout), ms(m_timing.renewLimit),
            ms(m_timing.stopGrace));
}

void HacmpImplementation::overrideTiming(const QString &node, const QString &timingSection)
{
    m_timingOverrides.insert(node, timingSection);
}

Result<LabCommand> HacmpImplementation::daemon(const LabHostSetup &setup)
{
    QString text = QStringLiteral("[cluster]\ndirectory = %1\nname = %2\n").arg(setup.sharedDirectory, clusterName());
    text += QStringLiteral("[node]\nname = %1\npriority = %2\nstate_directory = %3/state\n")
                .arg(setup.node)
                .arg(setup.priority)
                .arg(setup.hostDirectory);
    text += timingSection(setup.node);
    text += QStringLiteral("[application]\nstart = %1\nrestart_limit = %2\n")
                .arg(joinCommandLine(setup.application))
                .arg(setup.restartLimit);
    QFile config(setup.hostDirectory + QStringLiteral("/agent.conf"));
    if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate) || config.write(text.toUtf8()) < 0)
        return Error(
            QStringLiteral("cannot write the agent configuration %1: %2").arg(config.fileName(), config.errorString()));
    LabCommand command;
    command.arguments
        = QStringList { QStringLiteral(HACMP_BIN_DIR "/hacmp-agent"), QStringLiteral("--config"), config.fileName() };
    return command;
}

int HacmpImplementation::stopSignal() const
{
    return SIGTERM;
}

Millis HacmpImplementation::stopTimeout() const
{
    // R5: the application's stop (up to stop_grace after SIGTERM), a few intervals of records, the exit.
    return m_timing.stopGrace + 8 * m_timing.interval + 2 * m_timing.ioTimeout;
}

Millis HacmpImplementation::failoverBudget() const
{
    // T3 plus the application's start and a margin for a loaded machine.
    return m_timing.failoverBound() + Millis(2500);
}

Millis HacmpImplementation::joinTime() const
{
    // A starting node becomes standby after it has observed every other node for failover_timeout.
    return m_timing.failoverTimeout + 2 * m_timing.interval;
}

Status HacmpImplementation::setMaintenance(const QString &sharedSource, bool on)
{
    const Result<QString> done = ctl(sharedSource,
        { QStringLiteral("maintenance"), on ? QStringLiteral("on") : QStringLiteral("off"), QStringLiteral("--reason"),
            QStringLiteral("failover lab") });
    return done ? Status::success() : Status(Error(done.error()));
}

Result<QString> HacmpImplementation::ctl(const QString &sharedSource, const QStringList &arguments) const
{
    QProcess process;
    process.start(ctlPath(), QStringList { QStringLiteral("--dir"), sharedSource } + arguments);
    if (!process.waitForFinished(15000)) {
        process.kill();
        process.waitForFinished();
        return Error(QStringLiteral("hacmpctl %1 did not finish within 15 s").arg(arguments.join(u' ')));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Error(QStringLiteral("hacmpctl %1 failed with status %2: %3")
                         .arg(arguments.join(u' '))
                         .arg(process.exitCode())
                         .arg(QString::fromUtf8(process.readAllStandardError()).trimmed()));
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace hacmp::lab
