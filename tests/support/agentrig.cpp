#include "tests/support/agentrig.h"

#include "shared/storage/clusteridentity.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>
#include <csignal>
#include <unistd.h>

namespace hacmp::test {

Timing AgentRig::testTiming()
{
    Timing timing;
    timing.interval = Millis(100);
    timing.ioTimeout = Millis(200);
    timing.failoverTimeout = Millis(1000);
    timing.renewLimit = Millis(500);
    timing.stopGrace = Millis(200);
    return timing;
}

QString AgentRig::agentPath()
{
    return QStringLiteral(HACMP_BIN_DIR "/hacmp-agent");
}
QString AgentRig::guardPath()
{
    return QStringLiteral(HACMP_BIN_DIR "/hacmp-guard");
}
QString AgentRig::testAppPath()
{
    return QStringLiteral(HACMP_BIN_DIR "/hacmp-testapp");
}

AgentRig::AgentRig(const Timing &timing, const QString &clusterName)
    : m_timing(timing)
    , m_clusterName(clusterName)
{
    m_cluster = m_temp.path() + QStringLiteral("/cluster");
    QDir().mkpath(m_cluster);
    const Status made = initClusterDirectory(m_cluster, m_clusterName);
    if (!made)
        m_error = made.error();
    Result<std::unique_ptr<FsClusterDirectory>> opened = openCluster(m_cluster, m_clusterName);
    if (opened)
        m_directory = std::move(opened).value();
    else
        m_error = opened.error();
    // Agents find instances of their start program outside their guard and stop them: with a program of
    // its own, a rig's agents never take another test's hacmp-testapp (ctest -j2) for one started by hand.
    if (!QFile::copy(testAppPath(), applicationPath()))
        m_error = QStringLiteral("cannot copy %1 to %2").arg(testAppPath(), applicationPath());
}

AgentRig::~AgentRig()
{
    QList<qint64> pids;
    for (auto &[label, agent] : m_agents) {
        if (agent->state() != QProcess::NotRunning) {
            ::kill(pid_t(agent->processId()), SIGCONT);
            agent->kill();
            agent->waitForFinished(2000);
        }
    }
    static const QRegularExpression guardPid(QStringLiteral("started the guard .* \\(pid (\\d+)\\)"));
    for (const QString &label : std::as_const(m_labels)) {
        QRegularExpressionMatchIterator it = guardPid.globalMatch(log(label));
        while (it.hasNext())
            pids << it.next().captured(1).toLongLong();
    }
    for (const Instance &instance : ledger().instances)
        pids << instance.pid;
    for (const qint64 pid : std::as_const(pids))
        ::kill(pid_t(pid), SIGKILL);
    for (int i = 0; i < 100 && !std::all_of(pids.cbegin(), pids.cend(), processGone); ++i)
        QTest::qWait(20);
}

void AgentRig::useEtcd(const QStringList &endpoints, Millis electionTimeout)
{
    m_etcdEndpoints = endpoints;
    m_etcdElectionTimeout = electionTimeout;
}

void AgentRig::addNode(const QString &label, const QString &appArguments, const QString &extraConfig,
    const QString &node, const QString &directory)
{
    m_labels << label;
    const auto ms = [](Millis value) { return QStringLiteral("%1ms").arg(value.count()); };
    QString text;
    if (m_etcdEndpoints.isEmpty())
        text += QStringLiteral("[cluster]\ndirectory = %1\nname = %2\n")
                    .arg(directory.isEmpty() ? m_cluster : directory, m_clusterName);
    else
        text += QStringLiteral("[cluster]\nbackend = etcd\nendpoints = %1\nname = %2\nelection_timeout = %3\n")
                    .arg(m_etcdEndpoints.join(QLatin1Char(' ')), m_clusterName, ms(m_etcdElectionTimeout));
    text += QStringLiteral("[node]\nname = %1\nstate_directory = %2\n")
                .arg(node.isEmpty() ? label : node, path(QStringLiteral("state-") + label));
    text += QStringLiteral("[timing]\ninterval = %1\nio_timeout = %2\nfailover_timeout = %3\nrenew_limit = "
                           "%4\nstop_grace = %5\n")
                .arg(ms(m_timing.interval), ms(m_timing.ioTimeout), ms(m_timing.failoverTimeout),
                    ms(m_timing.renewLimit), ms(m_timing.stopGrace));
    text += QStringLiteral("[application]\nstart = %1 --lock %2 --ledger %3 %4\n")
                .arg(applicationPath(), path(QStringLiteral("lock")), path(QStringLiteral("ledger-") + label),
                    appArguments);
    text += extraConfig;
    QFile config(configPath(label));
    if (!config.open(QIODevice::WriteOnly) || config.write(text.toUtf8()) < 0)
        m_error = QStringLiteral("cannot write ") + config.fileName();
}

bool AgentRig::startNodes(const QStringList &labels)
{
    if (!m_error.isEmpty())
        return false;
    for (const QString &label : labels)
        addNode(label);
    for (const QString &label : labels) {
        if (!start(label)) {
            m_error = QStringLiteral("the agent of %1 did not start: %2").arg(label, log(label));
            return false;
        }
    }
    return true;
}

bool AgentRig::start(
    const QString &label, const QStringList &environment, const QString &hostIdFile, const QStringList &wrapper)
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : environment)
        variables.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
    process->setProcessEnvironment(variables);
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setStandardOutputFile(logPath(label), QIODevice::Append);
    QStringList command = wrapper + QStringList { agentPath(), QStringLiteral("--config"), configPath(label) };
    if (!hostIdFile.isEmpty()) {
        command = QStringList { QStringLiteral("unshare"), QStringLiteral("--mount"), QStringLiteral("--propagation"),
            QStringLiteral("private"), QStringLiteral("sh"), QStringLiteral("-c"),
            QStringLiteral("mount --bind \"$0\" /etc/machine-id && exec \"$@\""), hostIdFile }
            + command;
    }
    process->setProgram(command.first());
    process->setArguments(command.mid(1));
    process->start();
    const bool started = process->waitForStarted(5000);
    m_agents[label] = std::move(process);
    return started;
}

void AgentRig::editConfig(const QString &label, const QString &from, const QString &to)
{
    QFile config(configPath(label));
    QVERIFY(config.open(QIODevice::ReadWrite));
    const QString text = QString::fromUtf8(config.readAll());
    QVERIFY(text.contains(from));
    config.resize(0);
    config.write(QString(text).replace(from, to).toUtf8());
}

QString AgentRig::ownHostSkipReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("needs root: each agent gets its own /etc/machine-id in a mount namespace");
    if (QProcess::execute(QStringLiteral("unshare"), { QStringLiteral("--mount"), QStringLiteral("true") }) != 0)
        return QStringLiteral("mount namespaces (unshare --mount) are not available here");
    return QString();
}

QString AgentRig::ownHostId(const QString &label)
{
    const QString file = path(QStringLiteral("machine-id-") + label);
    QFile id(file);
    const QByteArray hex = QCryptographicHash::hash(label.toUtf8(), QCryptographicHash::Md5).toHex();
    if (!id.open(QIODevice::WriteOnly) || id.write(hex + '\n') < 0)
        m_error = QStringLiteral("cannot write ") + file;
    return file;
}

void AgentRig::signal(const QString &label, int number)
{
    ::kill(pid_t(m_agents.at(label)->processId()), number);
}

bool AgentRig::finished(const QString &label, int ms)
{
    QProcess &process = *m_agents.at(label);
    return process.state() == QProcess::NotRunning || process.waitForFinished(ms);
}

AppLedger AgentRig::ledger() const
{
    QStringList files;
    for (const QString &label : m_labels)
        files << path(QStringLiteral("ledger-") + label);
    return AppLedger::read(files);
}

QString AgentRig::log(const QString &label) const
{
    QFile file(logPath(label));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString AgentRig::logs() const
{
    QString all;
    for (const QString &label : m_labels)
        all += QStringLiteral("---- %1\n%2").arg(label, log(label).right(6000));
    return all;
}

} // namespace hacmp::test
