#include "tests/lab/hacmpimplementation.h"

#include "shared/config/commandline.h"
#include "tests/support/etcdagents.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
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

/// The raft election timeout of the sites' etcd members.
constexpr Millis kEtcdElectionTimeout { 500 };

} // namespace

HacmpImplementation::HacmpImplementation(Store store)
    : m_store(store)
    , m_timing(store == Store::EtcdSites ? test::fastEtcdTiming() : Timing::fast())
{ }

QString HacmpImplementation::name() const
{
    return m_store == Store::EtcdSites ? QStringLiteral("hacmp-etcd") : QStringLiteral("hacmp");
}

QString HacmpImplementation::unavailable() const
{
    return m_store == Store::EtcdSites ? EtcdSites::skipReason() : QString();
}

Status HacmpImplementation::prepareCluster(const QString &sharedSource)
{
    if (m_store == Store::EtcdSites) {
        m_sites = std::make_unique<EtcdSites>(kEtcdElectionTimeout);
        if (const Status started = m_sites->start(); !started)
            return started;
        // An operator's configuration: hacmpctl takes the cluster from it.
        LabHostSetup operatorSetup;
        operatorSetup.node = QStringLiteral("operator");
        operatorSetup.hostDirectory = QFileInfo(sharedSource).path() + QStringLiteral("/operator");
        operatorSetup.application = QStringList { QStringLiteral("true") };
        QDir().mkpath(operatorSetup.hostDirectory);
        const Result<QString> written = writeConfiguration(operatorSetup);
        if (!written)
            return Error(written.error());
        m_ctlConfig = *written;
    }
    const QStringList init = m_store == Store::EtcdSites
        ? QStringList { QStringLiteral("init") }
        : QStringList { QStringLiteral("init"), QStringLiteral("--cluster"), clusterName() };
    const Result<QString> made = ctl(sharedSource, init);
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

QString HacmpImplementation::configuration(const LabHostSetup &setup) const
{
    QString text = m_sites
        ? QStringLiteral("[cluster]\nbackend = etcd\nendpoints = %1\nname = %2\nelection_timeout = %3\n")
              .arg(m_sites->endpoints().join(QStringLiteral(", ")), clusterName(), ms(m_sites->electionTimeout()))
        : QStringLiteral("[cluster]\ndirectory = %1\nname = %2\n").arg(setup.sharedDirectory, clusterName());
    text += QStringLiteral("[node]\nname = %1\npriority = %2\nstate_directory = %3/state\n")
                .arg(m_nodeNames.value(setup.node, setup.node))
                .arg(setup.priority)
                .arg(setup.hostDirectory);
    text += timingSection(setup.node);
    text += QStringLiteral("[application]\nstart = %1\nrestart_limit = %2\n")
                .arg(joinCommandLine(setup.application))
                .arg(setup.restartLimit);
    return text;
}

Result<QString> HacmpImplementation::writeConfiguration(const LabHostSetup &setup) const
{
    QFile config(setup.hostDirectory + QStringLiteral("/agent.conf"));
    if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate) || config.write(configuration(setup).toUtf8()) < 0)
        return Error(
            QStringLiteral("cannot write the agent configuration %1: %2").arg(config.fileName(), config.errorString()));
    return config.fileName();
}

void HacmpImplementation::overrideNodeName(const QString &host, const QString &node)
{
    m_nodeNames.insert(host, node);
}

Result<LabCommand> HacmpImplementation::daemon(const LabHostSetup &setup)
{
    const Result<QString> config = writeConfiguration(setup);
    if (!config)
        return Error(config.error());
    LabCommand command;
    command.arguments
        = QStringList { QStringLiteral(HACMP_BIN_DIR "/hacmp-agent"), QStringLiteral("--config"), *config };
    if (m_sites)
        command.networkNamespace = m_sites->networkNamespace(m_sites->siteOf(setup.dataCenter));
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
    // With the etcd sites, only a site reaches the members: hacmpctl runs in one, as an operator there would.
    const QStringList command = m_sites
        ? QStringList { QStringLiteral("nsenter"), QStringLiteral("--net=/run/netns/") + m_sites->operatorNamespace(),
              test::ctlPath(), QStringLiteral("--config"), m_ctlConfig }
        : QStringList { test::ctlPath(), QStringLiteral("--dir"), sharedSource };
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(command.first(), command.mid(1) + arguments);
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
