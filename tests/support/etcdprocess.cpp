#include "tests/support/etcdprocess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

#include <csignal>

namespace hacmp::test {

namespace {

QString etcdBinary()
{
    return QStandardPaths::findExecutable(QStringLiteral("etcd"));
}

/// Whether GET <endpoint>/health says {"health":"true"} within timeout.
bool healthAnswer(const QString &endpoint, Millis timeout)
{
    QEventLoop loop;
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkReply *reply = manager.get(QNetworkRequest(QUrl(endpoint + QStringLiteral("/health"))));
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeout);
    loop.exec();
    const bool healthy = reply->isFinished()
        && QJsonDocument::fromJson(reply->readAll()).object().value(QLatin1String("health")).toString()
            == QLatin1String("true");
    reply->abort();
    delete reply;
    return healthy;
}

} // namespace

EtcdProcess::EtcdProcess(int members)
{
    // All ports are held at once while they are chosen, so that no two are the same.
    QList<std::shared_ptr<QTcpServer>> probes;
    for (int i = 0; i < members; ++i) {
        Member member;
        member.name = QStringLiteral("m%1").arg(i);
        for (quint16 *port : { &member.clientPort, &member.peerPort }) {
            auto probe = std::make_shared<QTcpServer>();
            if (probe->listen(QHostAddress::LocalHost, 0))
                *port = probe->serverPort();
            probes.append(probe);
        }
        m_members.push_back(std::move(member));
    }
}

EtcdProcess::~EtcdProcess()
{
    for (Member &member : m_members) {
        if (!member.process)
            continue;
        if (member.paused)
            ::kill(pid_t(member.process->processId()), SIGCONT);
        member.process->kill();
        member.process->waitForFinished(5000);
    }
}

QString EtcdProcess::skipReason()
{
    if (etcdBinary().isEmpty())
        return QStringLiteral("no etcd binary in PATH (install Debian's etcd-server)");
    return {};
}

QString EtcdProcess::endpoint(int member) const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_members.at(member).clientPort);
}

QStringList EtcdProcess::endpoints() const
{
    QStringList urls;
    for (int i = 0; i < members(); ++i)
        urls.append(endpoint(i));
    return urls;
}

QString EtcdProcess::peerUrl(int member) const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_members.at(member).peerPort);
}

Status EtcdProcess::launch(int index)
{
    if (!m_dir.isValid())
        return Error(QStringLiteral("cannot make a temporary folder for etcd"));
    Member &member = m_members[index];
    if (member.clientPort == 0 || member.peerPort == 0)
        return Error(QStringLiteral("no free loopback port for etcd member %1").arg(member.name));
    QStringList cluster;
    for (int i = 0; i < members(); ++i)
        cluster.append(m_members.at(i).name + QLatin1Char('=') + peerUrl(i));
    const QString client = endpoint(index);
    member.process = std::make_unique<QProcess>();
    member.process->setProgram(etcdBinary());
    member.process->setArguments({ QStringLiteral("--name=") + member.name,
        QStringLiteral("--data-dir=") + m_dir.filePath(member.name + QStringLiteral(".etcd")),
        QStringLiteral("--listen-client-urls=") + client, QStringLiteral("--advertise-client-urls=") + client,
        QStringLiteral("--listen-peer-urls=") + peerUrl(index),
        QStringLiteral("--initial-advertise-peer-urls=") + peerUrl(index),
        QStringLiteral("--initial-cluster=") + cluster.join(QLatin1Char(',')),
        QStringLiteral("--initial-cluster-state=new"),
        QStringLiteral("--initial-cluster-token=hacmp-test-%1").arg(m_members.front().clientPort),
        QStringLiteral("--heartbeat-interval=50"), QStringLiteral("--election-timeout=500"),
        QStringLiteral("--logger=zap"), QStringLiteral("--log-outputs=stderr"), QStringLiteral("--log-level=warn") });
    member.process->setStandardOutputFile(QProcess::nullDevice());
    member.process->setStandardErrorFile(m_dir.filePath(member.name + QStringLiteral(".log")), QIODevice::Append);
    member.process->start();
    if (!member.process->waitForStarted(5000))
        return Error(
            QStringLiteral("etcd member %1 did not start: %2").arg(member.name, member.process->errorString()));
    member.paused = false;
    return {};
}

Status EtcdProcess::start(Millis timeout)
{
    const QString missing = skipReason();
    if (!missing.isEmpty())
        return Error(missing);
    for (int i = 0; i < members(); ++i) {
        if (const Status launched = launch(i); !launched)
            return launched;
    }
    for (int i = 0; i < members(); ++i) {
        if (!waitHealthy(i, timeout))
            return Error(QStringLiteral("etcd member %1 is not healthy after %2 ms: %3")
                             .arg(m_members.at(i).name)
                             .arg(timeout.count())
                             .arg(log(i)));
    }
    return {};
}

bool EtcdProcess::waitHealthy(int member, Millis timeout)
{
    QDeadlineTimer deadline(timeout.count());
    do {
        if (healthAnswer(endpoint(member), Millis(500)))
            return true;
        QThread::msleep(50);
    } while (!deadline.hasExpired());
    return false;
}

Status EtcdProcess::kill(int index)
{
    Member &member = m_members[index];
    if (!member.process || member.process->state() == QProcess::NotRunning)
        return Error(QStringLiteral("etcd member %1 is not running").arg(member.name));
    member.process->kill();
    if (!member.process->waitForFinished(5000))
        return Error(QStringLiteral("etcd member %1 did not end after SIGKILL").arg(member.name));
    member.paused = false;
    return {};
}

Status EtcdProcess::stop(int index)
{
    Member &member = m_members[index];
    if (!member.process || member.process->state() == QProcess::NotRunning)
        return Error(QStringLiteral("etcd member %1 is not running").arg(member.name));
    member.process->terminate();
    if (!member.process->waitForFinished(10000))
        return Error(QStringLiteral("etcd member %1 did not end after SIGTERM").arg(member.name));
    return {};
}

Status EtcdProcess::pause(int index)
{
    Member &member = m_members[index];
    if (!member.process || member.process->state() != QProcess::Running
        || ::kill(pid_t(member.process->processId()), SIGSTOP) != 0)
        return Error(QStringLiteral("cannot stop etcd member %1 with SIGSTOP").arg(member.name));
    member.paused = true;
    return {};
}

Status EtcdProcess::resume(int index)
{
    Member &member = m_members[index];
    if (!member.process || member.process->state() != QProcess::Running
        || ::kill(pid_t(member.process->processId()), SIGCONT) != 0)
        return Error(QStringLiteral("cannot resume etcd member %1 with SIGCONT").arg(member.name));
    member.paused = false;
    return {};
}

Status EtcdProcess::restart(int index, Millis timeout)
{
    const Member &member = m_members.at(index);
    if (member.process && member.process->state() != QProcess::NotRunning)
        return Error(QStringLiteral("etcd member %1 is still running").arg(member.name));
    if (const Status launched = launch(index); !launched)
        return launched;
    if (!waitHealthy(index, timeout))
        return Error(QStringLiteral("etcd member %1 is not healthy %2 ms after its restart: %3")
                         .arg(member.name)
                         .arg(timeout.count())
                         .arg(log(index)));
    return {};
}

QString EtcdProcess::log(int member) const
{
    QFile file(m_dir.filePath(m_members.at(member).name + QStringLiteral(".log")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll().right(4000));
}

} // namespace hacmp::test
