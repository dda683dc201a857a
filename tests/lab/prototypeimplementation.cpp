#include "tests/lab/prototypeimplementation.h"

#include <QDir>
#include <QFile>

#include <csignal>

namespace hacmp::lab {

namespace {

Millis seconds(double value)
{
    return Millis(qRound64(value * 1000));
}

} // namespace

PrototypeImplementation::PrototypeImplementation(const QString &seedFolder)
    : m_script(PrototypeScript::fromSeed(seedFolder))
{ }

Status PrototypeImplementation::prepareCluster(const QString &sharedSource)
{
    if (!m_script)
        return Error(m_script.error());
    const QString heartbeats = PrototypeScript::heartbeatDirectory(sharedSource);
    if (!QDir().mkpath(heartbeats))
        return Error(QStringLiteral("cannot create the prototype's heartbeat folder %1").arg(heartbeats));
    return Status::success();
}

Result<LabCommand> PrototypeImplementation::daemon(const LabHostSetup &setup)
{
    if (!m_script)
        return Error(m_script.error());
    const Result<QString> script = m_script->adapted({ setup.application, setup.sharedDirectory, setup.hostDirectory });
    if (!script)
        return Error(script.error());
    // The name the seed's systemd instructions give the script.
    const QString path = setup.hostDirectory + QStringLiteral("/heartbeat.sh");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(script->toUtf8()) < 0 || !file.flush())
        return Error(QStringLiteral("cannot write the prototype script %1: %2").arg(path, file.errorString()));
    // HACMP_NODE names the host in the application's ledger (hacmp's agent sets it; the script does not).
    return LabCommand { { QStringLiteral("/bin/bash"), path }, { QStringLiteral("HACMP_NODE=") + setup.node },
        setup.hostDirectory, QString() };
}

int PrototypeImplementation::stopSignal() const
{
    // systemctl stop: SIGTERM to the script and to what it started (stopsEveryProcess).
    return SIGTERM;
}

Millis PrototypeImplementation::stopTimeout() const
{
    return Millis(5000);
}

Millis PrototypeImplementation::failoverBudget() const
{
    // Its slowest takeover: a standby that checked just before the fault sleeps in killInstance and loopTime,
    // then sees the heartbeat faileOverTime old (+1 s: whole seconds), then waits before it starts; a margin.
    return seconds(PrototypeScript::kSeedKillWaitSeconds * PrototypeScript::kTimeScale + PrototypeScript::kLoopSeconds
        + PrototypeScript::kFailoverSeconds + 1 + PrototypeScript::kSeedStartDelaySeconds * PrototypeScript::kTimeScale
        + 3);
}

Millis PrototypeImplementation::joinTime() const
{
    // A booting host that finds a master first sleeps loopTime and the killInstance wait; only then does it
    // look at the master's heartbeat and can take over.
    return seconds(
        PrototypeScript::kLoopSeconds + PrototypeScript::kSeedKillWaitSeconds * PrototypeScript::kTimeScale + 1);
}

Status PrototypeImplementation::setMaintenance(const QString &sharedSource, bool on)
{
    QFile file(PrototypeScript::maintenancePath(sharedSource));
    if (on ? file.open(QIODevice::WriteOnly) : (!file.exists() || file.remove()))
        return Status::success();
    return Error(QStringLiteral("cannot turn the prototype's maintenance %1 with %2: %3")
                     .arg(on ? QStringLiteral("on") : QStringLiteral("off"), file.fileName(), file.errorString()));
}

} // namespace hacmp::lab
