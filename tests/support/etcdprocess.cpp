#include "tests/support/etcdprocess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <optional>
#include <sys/prctl.h>

namespace hacmp::test {

namespace {

QString etcdBinary()
{
    return QStandardPaths::findExecutable(QStringLiteral("etcd"));
}

/// Runs openssl with arguments in folder; an error with its output when it fails.
Status runOpenssl(const QString &folder, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(folder);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(20000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Error(QStringLiteral("openssl %1 failed: %2")
                         .arg(arguments.join(QLatin1Char(' ')), QString::fromLocal8Bit(process.readAll())));
    return {};
}

/// The body of GET url when it answers within timeout (with tls, as the test client).
std::optional<QByteArray> httpGet(const QString &url, Millis timeout, const std::optional<QSslConfiguration> &tls)
{
    QEventLoop loop;
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request { QUrl(url) };
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (tls)
        request.setSslConfiguration(*tls);
    QNetworkReply *reply = manager.get(request);
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeout);
    loop.exec();
    std::optional<QByteArray> body;
    if (reply->isFinished() && reply->error() == QNetworkReply::NoError)
        body = reply->readAll();
    reply->abort();
    delete reply;
    return body;
}

/// Whether GET <endpoint>/health says {"health":"true"} within timeout.
bool healthAnswer(const QString &endpoint, Millis timeout, const std::optional<QSslConfiguration> &tls)
{
    const std::optional<QByteArray> body = httpGet(endpoint + QStringLiteral("/health"), timeout, tls);
    return body
        && QJsonDocument::fromJson(*body).object().value(QLatin1String("health")).toString() == QLatin1String("true");
}

/// The first port of the kernel's ephemeral range, from which outgoing connections take their local ports.
int ephemeralPortsStart()
{
    QFile range(QStringLiteral("/proc/sys/net/ipv4/ip_local_port_range"));
    bool ok = false;
    const int first
        = range.open(QIODevice::ReadOnly) ? QByteArray(range.readAll().simplified()).split(' ').value(0).toInt(&ok) : 0;
    return ok ? first : 32768;
}

/// A loopback port where nothing listens, below the ephemeral range (so that no outgoing connection of this
/// machine, e.g. of agents of another cluster, takes it before etcd listens on it) and above 10000 (never
/// 2379 or 2380), and not handed out before in this process (clusters made at once in several threads).
/// 0 when none was found.
quint16 freePort()
{
    static QMutex mutex;
    static QSet<quint16> given;
    constexpr int kFirst = 10000;
    const int end = ephemeralPortsStart();
    const QMutexLocker locker(&mutex);
    for (int attempt = 0; end > kFirst && attempt < 1000; ++attempt) {
        const auto port = quint16(kFirst + QRandomGenerator::global()->bounded(end - kFirst));
        QTcpServer probe;
        if (given.contains(port) || !probe.listen(QHostAddress::LocalHost, port))
            continue;
        given.insert(port);
        return port;
    }
    return 0;
}

/// The test client's TLS configuration from the files of a cluster made with tls (none without), or an error
/// when they cannot be read.
Result<std::optional<QSslConfiguration>> clientTls(const EtcdProcess &etcd, bool withTls)
{
    if (!withTls)
        return std::optional<QSslConfiguration>();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(etcd.caFile()));
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(etcd.clientCertFile());
    QFile key(etcd.clientKeyFile());
    if (certificates.isEmpty() || !key.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot read the test client's certificate or key"));
    tls.setLocalCertificate(certificates.first());
    tls.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
    return std::optional(tls);
}

} // namespace

EtcdProcess::EtcdProcess(int members, bool tls, Millis electionTimeout, QStringList extraArguments)
    : m_tls(tls)
    , m_electionTimeout(electionTimeout)
    , m_extraArguments(std::move(extraArguments))
{
    for (int i = 0; i < members; ++i) {
        Member member;
        member.name = QStringLiteral("m%1").arg(i);
        member.clientPort = freePort();
        member.peerPort = freePort();
        m_members.push_back(std::move(member));
    }
}

EtcdProcess::EtcdProcess(
    const QList<Placement> &placements, Millis electionTimeout, bool preVote, const QString &dataParent)
    : m_dir(dataParent + QStringLiteral("/hacmp-etcd-XXXXXX"))
    , m_electionTimeout(electionTimeout)
    , m_preVote(preVote)
{
    for (const Placement &placement : placements) {
        Member member;
        member.name = QStringLiteral("m%1").arg(m_members.size());
        member.networkNamespace = placement.networkNamespace;
        member.address = placement.address;
        member.clientPort = 12379;
        member.peerPort = 12380;
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

QString EtcdProcess::skipReason(bool tls)
{
    if (etcdBinary().isEmpty())
        return QStringLiteral("no etcd binary in PATH (install Debian's etcd-server)");
    if (tls && QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
        return QStringLiteral("no openssl in PATH (install Debian's openssl) for the test certificates");
    return {};
}

QString EtcdProcess::placementSkipReason()
{
    for (const char *tool : { "nsenter", "etcdctl" }) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            return QStringLiteral("no %1 in PATH (install Debian's util-linux and etcd-client)")
                .arg(QString::fromLatin1(tool));
    }
    return {};
}

QString EtcdProcess::endpoint(int member) const
{
    return QStringLiteral("%1://%2:%3")
        .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"), m_members.at(member).address)
        .arg(m_members.at(member).clientPort);
}

Status EtcdProcess::makeCertificates()
{
    const QString folder = m_dir.path();
    QFile extensions(m_dir.filePath(QStringLiteral("extensions.cnf")));
    if (!extensions.open(QIODevice::WriteOnly)
        || extensions.write("[server]\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n"
                            "[client]\nextendedKeyUsage=clientAuth\n")
            < 0)
        return Error(QStringLiteral("cannot write %1").arg(extensions.fileName()));
    extensions.close();
    const QStringList ecKey { QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes") };
    if (const Status ca = runOpenssl(folder,
            QStringList { QStringLiteral("req"), QStringLiteral("-x509") } + ecKey
                + QStringList { QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                    QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=hacmp test CA") });
        !ca)
        return ca;
    for (const QString &name : { QStringLiteral("server"), QStringLiteral("client") }) {
        if (const Status request = runOpenssl(folder,
                QStringList { QStringLiteral("req") } + ecKey
                    + QStringList { QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
                        name + QStringLiteral(".csr"), QStringLiteral("-subj"),
                        QStringLiteral("/CN=hacmp test ") + name });
            !request)
            return request;
        if (const Status signedCertificate = runOpenssl(folder,
                { QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), name + QStringLiteral(".csr"),
                    QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                    QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"),
                    QStringLiteral("-out"), name + QStringLiteral(".pem"), QStringLiteral("-extfile"),
                    QStringLiteral("extensions.cnf"), QStringLiteral("-extensions"), name });
            !signedCertificate)
            return signedCertificate;
    }
    return {};
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
    return QStringLiteral("http://%1:%2").arg(m_members.at(member).address).arg(m_members.at(member).peerPort);
}

QStringList EtcdProcess::placed(int member, const QStringList &arguments) const
{
    const QString &networkNamespace = m_members.at(member).networkNamespace;
    if (networkNamespace.isEmpty())
        return arguments;
    return QStringList { QStringLiteral("nsenter"), QStringLiteral("--net=/run/netns/") + networkNamespace }
    + arguments;
}

Result<QString> EtcdProcess::etcdctl(int member, const QStringList &arguments, Millis timeout) const
{
    const QStringList command = placed(member,
        QStringList { QStringLiteral("etcdctl"), QStringLiteral("--endpoints=") + endpoint(member),
            QStringLiteral("--command-timeout=%1ms").arg(timeout.count()) }
            + arguments);
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(command.first(), command.mid(1));
    if (!process.waitForFinished(int(timeout.count()) + 5000)) {
        process.kill();
        process.waitForFinished();
        return Error(QStringLiteral("%1 did not finish").arg(command.join(QLatin1Char(' '))));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Error(QStringLiteral("%1 failed: %2")
                         .arg(command.join(QLatin1Char(' ')), QString::fromLocal8Bit(process.readAllStandardError())));
    return QString::fromUtf8(process.readAllStandardOutput());
}

int EtcdProcess::leader() const
{
    // etcdctl prints the 64-bit ids as JSON numbers: compared as text, they keep every digit.
    static const QRegularExpression memberId(QStringLiteral("\"member_id\":(\\d+)"));
    static const QRegularExpression leaderId(QStringLiteral("\"leader\":(\\d+)"));
    for (int member = 0; member < members(); ++member) {
        const QProcess *process = m_members.at(member).process.get();
        if (!process || process->state() != QProcess::Running || m_members.at(member).paused)
            continue;
        const Result<QString> status = etcdctl(member,
            { QStringLiteral("endpoint"), QStringLiteral("status"), QStringLiteral("-w"), QStringLiteral("json") },
            Millis(1000));
        if (!status)
            continue;
        const QString self = memberId.match(*status).captured(1);
        const QString followed = leaderId.match(*status).captured(1);
        if (self.isEmpty() || followed.isEmpty() || followed == QLatin1String("0"))
            continue;
        if (self == followed)
            return member;
    }
    return -1;
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
    const QStringList command = placed(index, { etcdBinary() });
    member.process->setProgram(command.first());
    member.process->setArguments(command.mid(1)
        + QStringList { QStringLiteral("--name=") + member.name,
            QStringLiteral("--data-dir=") + m_dir.filePath(member.name + QStringLiteral(".etcd")),
            QStringLiteral("--listen-client-urls=") + client, QStringLiteral("--advertise-client-urls=") + client,
            QStringLiteral("--listen-peer-urls=") + peerUrl(index),
            QStringLiteral("--initial-advertise-peer-urls=") + peerUrl(index),
            QStringLiteral("--initial-cluster=") + cluster.join(QLatin1Char(',')),
            QStringLiteral("--initial-cluster-state=new"),
            QStringLiteral("--initial-cluster-token=hacmp-test-%1").arg(m_members.front().clientPort),
            QStringLiteral("--heartbeat-interval=%1").arg(qMax<qint64>(10, m_electionTimeout.count() / 10)),
            QStringLiteral("--election-timeout=%1").arg(m_electionTimeout.count()), QStringLiteral("--logger=zap"),
            QStringLiteral("--log-outputs=stderr"), QStringLiteral("--log-level=warn") });
    if (m_preVote)
        member.process->setArguments(member.process->arguments() + QStringList { QStringLiteral("--pre-vote=true") });
    member.process->setArguments(member.process->arguments() + m_extraArguments);
    if (m_tls) {
        member.process->setArguments(member.process->arguments()
            + QStringList { QStringLiteral("--cert-file=") + m_dir.filePath(QStringLiteral("server.pem")),
                QStringLiteral("--key-file=") + m_dir.filePath(QStringLiteral("server.key")),
                QStringLiteral("--client-cert-auth"), QStringLiteral("--trusted-ca-file=") + caFile() });
    }
    // A test that crashes must not leave members running: they die with it.
    member.process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
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
    const bool anyPlaced = std::any_of(
        m_members.cbegin(), m_members.cend(), [](const Member &member) { return !member.networkNamespace.isEmpty(); });
    QString missing = skipReason(m_tls);
    if (missing.isEmpty() && anyPlaced)
        missing = placementSkipReason();
    if (!missing.isEmpty())
        return Error(missing);
    if (!m_dir.isValid())
        return Error(QStringLiteral("cannot make a temporary folder for etcd"));
    if (m_tls) {
        if (const Status made = makeCertificates(); !made)
            return made;
    }
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
    if (!m_members.at(member).networkNamespace.isEmpty()) {
        // Only its namespace reaches it.
        do {
            if (etcdctl(member, { QStringLiteral("endpoint"), QStringLiteral("health") }, Millis(500)))
                return true;
            QThread::msleep(50);
        } while (!deadline.hasExpired());
        return false;
    }
    const Result<std::optional<QSslConfiguration>> tls = clientTls(*this, m_tls);
    if (!tls)
        return false;
    do {
        if (healthAnswer(endpoint(member), Millis(500), *tls))
            return true;
        QThread::msleep(50);
    } while (!deadline.hasExpired());
    return false;
}

QByteArray EtcdProcess::metrics(int member, Millis timeout) const
{
    const Result<std::optional<QSslConfiguration>> tls = clientTls(*this, m_tls);
    if (!tls)
        return {};
    return httpGet(endpoint(member) + QStringLiteral("/metrics"), timeout, *tls).value_or(QByteArray());
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
