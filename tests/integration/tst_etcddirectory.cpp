#include "shared/etcd/etcdclient.h"
#include "shared/etcd/etcdclusterdirectory.h"
#include "shared/storage/iolane.h"
#include "tests/support/etcdprocess.h"
#include "tests/support/prerequisite.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <memory>
#include <set>
#include <unistd.h>

using namespace hacmp;
using hacmp::test::EtcdProcess;

namespace {

/// Answers every HTTP request on a loopback port with the same 200 response, whatever it asked: a server
/// that is not etcd (a wrong port, a proxy's page, a damaged answer). It serves on a thread of its own, as a
/// real server would: EtcdClient blocks its calling thread (the test's) until the answer or the deadline.
class CannedHttpServer final
{
public:
    explicit CannedHttpServer(QByteArray body)
    {
        m_context->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_context, [this, body] { listen(body); }, Qt::BlockingQueuedConnection);
    }
    ~CannedHttpServer()
    {
        QMetaObject::invokeMethod(
            m_context, [context = m_context] { delete context; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    Q_DISABLE_COPY_MOVE(CannedHttpServer)
    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

private:
    /// On m_thread: the server, and its answer to each connection once its request's head arrived.
    void listen(const QByteArray &body)
    {
        auto *server = new QTcpServer(m_context);
        server->listen(QHostAddress::LocalHost, 0);
        m_port = server->serverPort();
        QObject::connect(server, &QTcpServer::newConnection, server, [server, body] {
            while (QTcpSocket *socket = server->nextPendingConnection()) {
                auto request = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, body, request] {
                    *request += socket->readAll();
                    if (!request->contains("\r\n\r\n"))
                        return;
                    socket->write(QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                    "Connection: close\r\nContent-Length: ")
                        + QByteArray::number(body.size()) + QByteArrayLiteral("\r\n\r\n") + body);
                    socket->disconnectFromHost();
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QThread m_thread;
    QObject *m_context = new QObject; ///< on m_thread: the server's parent
    quint16 m_port = 0;
};

/// Passes what clients send on to an upstream endpoint and its answers back, except the answers to
/// transactions that put (reads are transactions too): a member that executes a write and whose answer
/// is lost (a cut link, a reply after the client's deadline). Serves on a thread of its own.
class SwallowingProxy final
{
public:
    explicit SwallowingProxy(const QString &upstream)
    {
        m_context->moveToThread(&m_thread);
        m_thread.start();
        const auto port = quint16(QUrl(upstream).port());
        QMetaObject::invokeMethod(
            m_context, [this, port] { listen(port); }, Qt::BlockingQueuedConnection);
    }
    ~SwallowingProxy()
    {
        QMetaObject::invokeMethod(
            m_context, [context = m_context] { delete context; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    Q_DISABLE_COPY_MOVE(SwallowingProxy)
    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

private:
    /// On m_thread: each client connection gets its own upstream connection; once a put went through it,
    /// upstream's answers are dropped.
    void listen(quint16 upstreamPort)
    {
        auto *server = new QTcpServer(m_context);
        server->listen(QHostAddress::LocalHost, 0);
        m_port = server->serverPort();
        QObject::connect(server, &QTcpServer::newConnection, server, [server, upstreamPort] {
            while (QTcpSocket *client = server->nextPendingConnection()) {
                auto *upstream = new QTcpSocket(client);
                auto swallow = std::make_shared<bool>(false);
                upstream->connectToHost(QHostAddress::LocalHost, upstreamPort);
                QObject::connect(client, &QTcpSocket::readyRead, upstream, [client, upstream, swallow] {
                    const QByteArray request = client->readAll();
                    *swallow = *swallow || request.contains("\"request_put\"");
                    upstream->write(request);
                });
                QObject::connect(upstream, &QTcpSocket::readyRead, upstream, [client, upstream, swallow] {
                    const QByteArray answer = upstream->readAll();
                    if (!*swallow)
                        client->write(answer);
                });
                QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            }
        });
    }

    QThread m_thread;
    QObject *m_context = new QObject; ///< on m_thread: the server's parent
    quint16 m_port = 0;
};

/// An address where nothing listens.
QString refusingEndpoint()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
}

std::shared_ptr<EtcdClient> makeClient(const QStringList &endpoints, Millis deadline = Millis(2000),
    const QString &user = QString(), const QString &password = QString())
{
    EtcdClientConfig config;
    config.endpoints = endpoints;
    config.deadline = deadline;
    config.user = user;
    config.password = password;
    Result<std::unique_ptr<EtcdClient>> client = EtcdClient::create(config);
    if (!client) {
        qWarning("%s", qUtf8Printable(client.error()));
        return {};
    }
    return std::shared_ptr<EtcdClient>(std::move(client).value());
}

std::unique_ptr<EtcdClusterDirectory> makeDirectory(std::shared_ptr<EtcdClient> client, const QString &prefix)
{
    Result<std::unique_ptr<EtcdClusterDirectory>> directory = EtcdClusterDirectory::open(std::move(client), prefix);
    return directory ? std::move(directory).value() : nullptr;
}

/// The local ports of this process's established TCP connections to port (from /proc/self/fd and
/// /proc/net/tcp and tcp6): one per connection the client keeps to a member.
std::set<quint16> connectionsTo(quint16 port)
{
    std::set<QByteArray> ownSockets;
    const QDir descriptors(QStringLiteral("/proc/self/fd"));
    for (const QString &name : descriptors.entryList(QDir::Files | QDir::System)) {
        char target[64] = {};
        const ssize_t length = ::readlink(QFile::encodeName(descriptors.filePath(name)).constData(), target,
            sizeof target - 1); // "socket:[inode]"
        const QByteArray link(target, length > 0 ? int(length) : 0);
        if (link.startsWith("socket:[") && link.endsWith(']'))
            ownSockets.insert(link.mid(8).chopped(1));
    }
    std::set<quint16> ports;
    for (const QString &table : { QStringLiteral("/proc/net/tcp"), QStringLiteral("/proc/net/tcp6") }) {
        QFile file(table);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        file.readLine(); // the header
        while (!file.atEnd()) {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            const QList<QByteArray> fields = file.readLine().simplified().split(' ');
            if (fields.size() < 10 || fields.at(3) != "01" || !ownSockets.count(fields.at(9)))
                continue;
            const QList<QByteArray> local = fields.at(1).split(':');
            const QList<QByteArray> remote = fields.at(2).split(':');
            if (remote.size() == 2 && local.size() == 2 && remote.at(1).toUShort(nullptr, 16) == port)
                ports.insert(local.at(1).toUShort(nullptr, 16));
        }
    }
    return ports;
}

QByteArray slot(char fill)
{
    return QByteArray(4096, fill);
}

} // namespace

/// EtcdClient and EtcdClusterDirectory against real etcd processes: the ClusterDirectory contract, the
/// foreign-writer check of writeAt, failover between endpoints, a cluster without quorum (never Absent),
/// answers that are not etcd's, and authentication.
class TestEtcdDirectory final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void readOfMissingKeyIsAbsent();
    void writeAtFillsTheTwoSlotsOfARecord();
    void writeAtPastTheEndFillsWithZeros();
    void readRespectsTheCapAndPrefixCuts();
    void replaceWholeAndRemove();
    void appendAddsOneKeyPerChunkInOrder();
    void appendContinuesAfterAnotherWriter();
    void renameMovesSmallAndLargeFiles();
    void listGivesSortedImmediateChildren();
    void aFolderIsNotReadAsAFile();
    void invalidPathsAreRejected_data();
    void invalidPathsAreRejected();
    void describeNamesEndpointsAndPrefix();
    void worksOnAnIoLane();
    void foreignWriterIsRefused();
    void newIncarnationAdoptsItsRecord();
    void foreignWriteAfterTheFirstReadIsRefused();
    void aTermIsClaimedOnce();
    void aDamagedTermKeyRefusesClaims();

    void badEndpointUrlsAreRefused_data();
    void badEndpointUrlsAreRefused();
    void answersThatAreNotEtcdAreClearErrors_data();
    void answersThatAreNotEtcdAreClearErrors();
    void refusedEndpointIsLeftForTheNext();
    void memberStatusAnswersPerEndpoint();

    void keepsItsConnectionBetweenCallsAndThreads();
    void timedOutCallLeavesNoReplyBehind();
    void failoverPastKilledAndPausedMembers();
    void quorumLostIsNeverAbsent();
    void unansweredWriteThatLandedIsOwn();
    void writeThatLandedBeforeTheNextEndpointIsOwn();
    void authenticatesAndRenewsItsToken();
    void httpsWithClientCertificates();
    void tlsFilesAreChecked();

private:
    /// A directory on the shared single-member cluster under a prefix of its own.
    std::unique_ptr<EtcdClusterDirectory> freshDirectory();

    std::unique_ptr<EtcdProcess> m_etcd;
    std::shared_ptr<EtcdClient> m_client;
    int m_prefixes = 0;
};

void TestEtcdDirectory::initTestCase()
{
    const QString missing = EtcdProcess::skipReason();
    if (!missing.isEmpty())
        HACMP_MISSING_PREREQUISITE(missing);
    m_etcd = std::make_unique<EtcdProcess>(1);
    const Status started = m_etcd->start();
    QVERIFY2(started.ok(), qPrintable(started.error()));
    m_client = makeClient(m_etcd->endpoints());
    QVERIFY(m_client);
}

void TestEtcdDirectory::cleanupTestCase()
{
    m_client.reset();
    m_etcd.reset();
}

std::unique_ptr<EtcdClusterDirectory> TestEtcdDirectory::freshDirectory()
{
    return makeDirectory(m_client, QStringLiteral("/hacmp/test%1/").arg(++m_prefixes));
}

void TestEtcdDirectory::readOfMissingKeyIsAbsent()
{
    const auto directory = freshDirectory();
    QVERIFY(directory);
    const FileRead read = directory->readFile(QStringLiteral("nodes/alpha.hb"), 8193);
    QCOMPARE(read.outcome, IoOutcome::Absent);
    QVERIFY(read.bytes.isEmpty());
    const Result<qint64> size = directory->fileSize(QStringLiteral("nodes/alpha.hb"));
    QVERIFY(size.ok());
    QCOMPARE(*size, qint64(0));
}

void TestEtcdDirectory::writeAtFillsTheTwoSlotsOfARecord()
{
    const auto directory = freshDirectory();
    const QString path = QStringLiteral("nodes/alpha.hb");
    QVERIFY(directory->writeAt(path, 0, slot('a')).ok());
    FileRead read = directory->readFile(path, 8193);
    QCOMPARE(read.outcome, IoOutcome::Ok);
    QCOMPARE(read.bytes, slot('a'));

    QVERIFY(directory->writeAt(path, 4096, slot('b')).ok());
    QCOMPARE(directory->readFile(path, 8193).bytes, slot('a') + slot('b'));
    QVERIFY(directory->writeAt(path, 0, slot('c')).ok());
    QCOMPARE(directory->readFile(path, 8193).bytes, slot('c') + slot('b'));

    // One key holds the whole two-slot value: what another node's reader gets.
    const EtcdResult<EtcdRange> key = m_client->get(directory->keyOf(path));
    QVERIFY(key.ok());
    QCOMPARE(key->kvs.size(), 1);
    QCOMPARE(key->kvs.first().value, slot('c') + slot('b'));
    QCOMPARE(*directory->fileSize(path), qint64(8192));
}

void TestEtcdDirectory::writeAtPastTheEndFillsWithZeros()
{
    const auto directory = freshDirectory();
    QVERIFY(directory->writeAt(QStringLiteral("f"), 4, QByteArrayLiteral("xy")).ok());
    QCOMPARE(directory->readFile(QStringLiteral("f"), 100).bytes, QByteArray(4, '\0') + "xy");
    QVERIFY(!directory->writeAt(QStringLiteral("f"), -1, QByteArrayLiteral("x")).ok());
}

void TestEtcdDirectory::readRespectsTheCapAndPrefixCuts()
{
    const auto directory = freshDirectory();
    QVERIFY(directory->replaceWhole(QStringLiteral("big"), QByteArray(9000, 'x')).ok());
    const FileRead whole = directory->readFile(QStringLiteral("big"), 8193);
    QCOMPARE(whole.outcome, IoOutcome::Failed);
    QVERIFY2(whole.error.contains(QLatin1String("larger than the limit of 8193 bytes")), qPrintable(whole.error));
    QVERIFY2(whole.error.contains(directory->describe() + QLatin1String("big")), qPrintable(whole.error));
    const FileRead prefix = directory->readPrefix(QStringLiteral("big"), 100);
    QCOMPARE(prefix.outcome, IoOutcome::Ok);
    QCOMPARE(prefix.bytes, QByteArray(100, 'x'));
}

void TestEtcdDirectory::replaceWholeAndRemove()
{
    const auto directory = freshDirectory();
    const QString path = QStringLiteral("maintenance");
    QVERIFY(directory->replaceWhole(path, QByteArrayLiteral("first\n")).ok());
    QCOMPARE(directory->readFile(path, 100).bytes, QByteArrayLiteral("first\n"));
    QVERIFY(directory->replaceWhole(path, QByteArrayLiteral("second\n")).ok());
    QCOMPARE(directory->readFile(path, 100).bytes, QByteArrayLiteral("second\n"));
    QVERIFY(directory->replaceWhole(path, QByteArray()).ok());
    const FileRead empty = directory->readFile(path, 100);
    QCOMPARE(empty.outcome, IoOutcome::Ok);
    QVERIFY(empty.bytes.isEmpty());
    QVERIFY(directory->remove(path).ok());
    QCOMPARE(directory->readFile(path, 100).outcome, IoOutcome::Absent);
    QVERIFY(directory->remove(path).ok());

    // A replaced file loses its appended chunks too.
    QVERIFY(directory->append(QStringLiteral("log"), QByteArrayLiteral("line\n")).ok());
    QVERIFY(directory->replaceWhole(QStringLiteral("log"), QByteArrayLiteral("new\n")).ok());
    QCOMPARE(directory->readFile(QStringLiteral("log"), 100).bytes, QByteArrayLiteral("new\n"));
    QVERIFY(directory->remove(QStringLiteral("log")).ok());
    const EtcdResult<EtcdRange> left = m_client->getPrefix(directory->keyOf(QStringLiteral("log")), true);
    QVERIFY(left.ok());
    QVERIFY(left->kvs.isEmpty());
}

void TestEtcdDirectory::appendAddsOneKeyPerChunkInOrder()
{
    const auto directory = freshDirectory();
    const QString path = QStringLiteral("history/alpha.log");
    QByteArray expected;
    for (int i = 1; i <= 12; ++i) {
        const QByteArray line = "event " + QByteArray::number(i) + '\n';
        QVERIFY(directory->append(path, line).ok());
        expected += line;
    }
    const FileRead read = directory->readFile(path, 1 << 20);
    QCOMPARE(read.outcome, IoOutcome::Ok);
    QCOMPARE(read.bytes, expected); // 10 sorts after 9: the sequence is zero-padded
    QCOMPARE(*directory->fileSize(path), qint64(expected.size()));
    // The size of an unchanged file is known from its keys; every change, by anyone, shows.
    const QString sized = QStringLiteral("history/bravo.log");
    QVERIFY(directory->append(sized, expected).ok());
    QCOMPARE(*directory->fileSize(sized), qint64(expected.size()));
    QCOMPARE(*directory->fileSize(sized), qint64(expected.size()));
    const auto other = makeDirectory(m_client, QStringLiteral("/hacmp/test%1/").arg(m_prefixes));
    QVERIFY(other->append(sized, "more\n").ok());
    QCOMPARE(*directory->fileSize(sized), qint64(expected.size() + 5));
    QVERIFY(other->replaceWhole(sized, "x").ok());
    QCOMPARE(*directory->fileSize(sized), qint64(1));
    QVERIFY(other->remove(sized).ok());
    QCOMPARE(*directory->fileSize(sized), qint64(0));
    QVERIFY(other->replaceWhole(sized, "y").ok());
    QCOMPARE(*directory->fileSize(sized), qint64(1));

    const EtcdResult<EtcdRange> keys = m_client->getPrefix(directory->keyOf(path) + '/', true);
    QVERIFY(keys.ok());
    QCOMPARE(keys->kvs.size(), 12);
    QCOMPARE(keys->kvs.first().key, directory->keyOf(path) + "/00000000000000000001");
    QCOMPARE(keys->kvs.last().key, directory->keyOf(path) + "/00000000000000000012");
}

void TestEtcdDirectory::appendContinuesAfterAnotherWriter()
{
    const auto first = freshDirectory();
    const auto second = makeDirectory(m_client, QStringLiteral("/hacmp/test%1/").arg(m_prefixes));
    const QString path = QStringLiteral("history/alpha.log");
    QVERIFY(first->append(path, QByteArrayLiteral("1\n")).ok());
    QVERIFY(second->append(path, QByteArrayLiteral("2\n")).ok());
    // first still expects sequence 2: its compare fails, it looks again and appends after the other.
    QVERIFY(first->append(path, QByteArrayLiteral("3\n")).ok());
    QCOMPARE(second->readFile(path, 100).bytes, QByteArrayLiteral("1\n2\n3\n"));
}

void TestEtcdDirectory::renameMovesSmallAndLargeFiles()
{
    const auto directory = freshDirectory();
    const QString current = QStringLiteral("history/alpha.log");
    const QString rotated = QStringLiteral("history/alpha.log.1");
    QVERIFY(directory->append(current, QByteArrayLiteral("a\n")).ok());
    QVERIFY(directory->append(current, QByteArrayLiteral("b\n")).ok());
    QVERIFY(directory->rename(current, rotated).ok());
    QCOMPARE(directory->readFile(current, 100).outcome, IoOutcome::Absent);
    QCOMPARE(directory->readFile(rotated, 100).bytes, QByteArrayLiteral("a\nb\n"));
    // The current file starts again at the first chunk.
    QVERIFY(directory->append(current, QByteArrayLiteral("c\n")).ok());
    QCOMPARE(directory->readFile(current, 100).bytes, QByteArrayLiteral("c\n"));

    // Larger than one transaction may carry (etcd's 1.5 MiB request limit): copied in pieces, old one replaced.
    QByteArray large;
    for (int i = 0; i < 10; ++i) {
        const QByteArray chunk(200 * 1024, char('k' + i));
        QVERIFY(directory->append(current, chunk).ok());
        large += chunk;
    }
    QVERIFY(directory->rename(current, rotated).ok());
    QCOMPARE(directory->readFile(current, 100).outcome, IoOutcome::Absent);
    const FileRead moved = directory->readFile(rotated, 4 << 20);
    QCOMPARE(moved.outcome, IoOutcome::Ok);
    QCOMPARE(moved.bytes.size(), large.size() + 2);
    QVERIFY(moved.bytes == QByteArrayLiteral("c\n") + large);
    QCOMPARE(*directory->list(QStringLiteral("history")), QStringList { QStringLiteral("alpha.log.1") });

    const Status missing = directory->rename(current, rotated);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().contains(QLatin1String("no such file")), qPrintable(missing.error()));
}

void TestEtcdDirectory::listGivesSortedImmediateChildren()
{
    const auto directory = freshDirectory();
    QVERIFY(directory->writeAt(QStringLiteral("nodes/charlie.hb"), 0, slot('c')).ok());
    QVERIFY(directory->writeAt(QStringLiteral("nodes/alpha.hb"), 0, slot('a')).ok());
    QVERIFY(directory->writeAt(QStringLiteral("nodes/bravo.hb"), 0, slot('b')).ok());
    QVERIFY(directory->replaceWhole(QStringLiteral("cluster"), QByteArrayLiteral("name=t\n")).ok());
    QVERIFY(directory->append(QStringLiteral("history/alpha.log"), QByteArrayLiteral("x\n")).ok());
    QVERIFY(directory->append(QStringLiteral("history/alpha.log"), QByteArrayLiteral("y\n")).ok());
    QVERIFY(directory->replaceWhole(QStringLiteral("standby/bravo"), QByteArrayLiteral("1\n")).ok());

    QCOMPARE(*directory->list(QString()),
        (QStringList { QStringLiteral("cluster"), QStringLiteral("history"), QStringLiteral("nodes"),
            QStringLiteral("standby") }));
    QCOMPARE(*directory->list(QStringLiteral("nodes")),
        (QStringList { QStringLiteral("alpha.hb"), QStringLiteral("bravo.hb"), QStringLiteral("charlie.hb") }));
    QCOMPARE(*directory->list(QStringLiteral("history")), QStringList { QStringLiteral("alpha.log") });
    const Result<QStringList> none = directory->list(QStringLiteral("clear"));
    QVERIFY(none.ok());
    QVERIFY(none->isEmpty());
    // A sibling prefix ("nodes2") is not inside "nodes".
    QVERIFY(directory->replaceWhole(QStringLiteral("nodes2/x"), QByteArrayLiteral("1")).ok());
    QCOMPARE(directory->list(QStringLiteral("nodes"))->size(), 3);
}

void TestEtcdDirectory::aFolderIsNotReadAsAFile()
{
    const auto directory = freshDirectory();
    QVERIFY(directory->writeAt(QStringLiteral("nodes/alpha.hb"), 0, slot('a')).ok());
    const FileRead read = directory->readFile(QStringLiteral("nodes"), 8193);
    QCOMPARE(read.outcome, IoOutcome::Failed);
    QVERIFY2(read.error.contains(QLatin1String("is a folder")), qPrintable(read.error));
    QVERIFY(!directory->append(QStringLiteral("nodes"), QByteArrayLiteral("x")).ok());
}

void TestEtcdDirectory::invalidPathsAreRejected_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("empty") << QString();
    QTest::newRow("absolute") << QStringLiteral("/nodes/a.hb");
    QTest::newRow("dotdot") << QStringLiteral("../other/cluster");
    QTest::newRow("dot") << QStringLiteral("nodes/./a.hb");
    QTest::newRow("double slash") << QStringLiteral("nodes//a.hb");
    QTest::newRow("trailing slash") << QStringLiteral("nodes/");
}

void TestEtcdDirectory::invalidPathsAreRejected()
{
    QFETCH(QString, path);
    const auto directory = freshDirectory();
    const FileRead read = directory->readFile(path, 10);
    QCOMPARE(read.outcome, IoOutcome::Failed);
    QVERIFY2(read.error.contains(QLatin1String("invalid path")), qPrintable(read.error));
    QVERIFY(!directory->writeAt(path, 0, "x").ok());
    QVERIFY(!directory->replaceWhole(path, "x").ok());
    QVERIFY(!directory->append(path, "x").ok());
    QVERIFY(!directory->remove(path).ok());
    QVERIFY(!directory->rename(path, QStringLiteral("x")).ok());
    QVERIFY(!directory->fileSize(path).ok());
}

void TestEtcdDirectory::describeNamesEndpointsAndPrefix()
{
    const auto directory = makeDirectory(m_client, QStringLiteral("/hacmp/prod/"));
    QCOMPARE(
        directory->describe(), QStringLiteral("etcd://127.0.0.1:%1/hacmp/prod/").arg(QUrl(m_etcd->endpoint(0)).port()));
    QCOMPARE(EtcdClusterDirectory::defaultPrefix(QStringLiteral("prod")), QStringLiteral("/hacmp/prod/"));
    QVERIFY(!EtcdClusterDirectory::open(m_client, QStringLiteral("/hacmp/prod")).ok());
    QVERIFY(!EtcdClusterDirectory::open(m_client, QString()).ok());
}

void TestEtcdDirectory::worksOnAnIoLane()
{
    // The agent calls the directory from IoLane threads, which Qt did not start.
    std::shared_ptr<EtcdClusterDirectory> directory = freshDirectory();
    IoLane lane;
    const std::optional<Status> written = callWithDeadline<Status>(
        lane, [directory] { return directory->writeAt(QStringLiteral("nodes/alpha.hb"), 0, slot('l')); }, Millis(5000));
    QVERIFY(written.has_value());
    QVERIFY2(written->ok(), qPrintable(written->error()));
    const std::optional<FileRead> read = callWithDeadline<FileRead>(
        lane, [directory] { return directory->readFile(QStringLiteral("nodes/alpha.hb"), 8193); }, Millis(5000));
    QVERIFY(read.has_value());
    QCOMPARE(read->outcome, IoOutcome::Ok);
    QCOMPARE(read->bytes, slot('l'));
}

void TestEtcdDirectory::foreignWriterIsRefused()
{
    const auto mine = freshDirectory();
    const auto duplicate = makeDirectory(m_client, QStringLiteral("/hacmp/test%1/").arg(m_prefixes));
    const QString path = QStringLiteral("nodes/alpha.hb");
    QVERIFY(mine->writeAt(path, 0, slot('m')).ok());
    QVERIFY(mine->writeAt(path, 4096, slot('m')).ok());
    // A second writer of the same record (a duplicate node name, an old incarnation) writes in between.
    QVERIFY(duplicate->writeAt(path, 0, slot('d')).ok());
    // A scan that sees the foreign write does not make it this node's own.
    QCOMPARE(mine->readFile(path, 8193).bytes, slot('d') + slot('m'));

    const Status refused = mine->writeAt(path, 4096, slot('n'));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QLatin1String("another writer")), qPrintable(refused.error()));
    QVERIFY2(refused.error().contains(mine->describe() + path), qPrintable(refused.error()));
    QVERIFY2(refused.error().contains(QLatin1String("same name")), qPrintable(refused.error()));
    // Nothing was overwritten, and it stays refused.
    QCOMPARE(mine->readFile(path, 8193).bytes, slot('d') + slot('m'));
    QVERIFY(!mine->writeAt(path, 0, slot('n')).ok());
    QVERIFY(duplicate->writeAt(path, 4096, slot('e')).ok());
}

void TestEtcdDirectory::newIncarnationAdoptsItsRecord()
{
    const QString path = QStringLiteral("nodes/alpha.hb");
    QString prefix;
    {
        const auto before = freshDirectory();
        prefix = QStringLiteral("/hacmp/test%1/").arg(m_prefixes);
        QVERIFY(before->writeAt(path, 0, slot('1')).ok());
    }
    // A restarted agent reads its record first (to learn the newest slot), then writes the other slot.
    const auto after = makeDirectory(m_client, prefix);
    QCOMPARE(after->readFile(path, 8193).bytes, slot('1'));
    QVERIFY(after->writeAt(path, 4096, slot('2')).ok());
    QCOMPARE(after->readFile(path, 8193).bytes, slot('1') + slot('2'));
}

void TestEtcdDirectory::aTermIsClaimedOnce()
{
    const auto alpha = freshDirectory();
    const auto bravo = makeDirectory(m_client, QStringLiteral("/hacmp/test%1/").arg(m_prefixes));
    const QString alphaRecord = QStringLiteral("nodes/alpha.hb");
    const QString bravoRecord = QStringLiteral("nodes/bravo.hb");
    QVERIFY(alpha->writeAt(alphaRecord, 0, slot('a')).ok());
    QVERIFY(bravo->writeAt(bravoRecord, 0, slot('b')).ok());

    // The first claim of epoch 7 takes the term key with its record, in one transaction.
    const Status first = alpha->writeClaim(alphaRecord, 4096, slot('A'), 7);
    QVERIFY2(first.ok(), qPrintable(first.error()));
    QCOMPARE(alpha->readFile(alphaRecord, 8193).bytes, slot('a') + slot('A'));
    const QByteArray term = alpha->readFile(EtcdClusterDirectory::termPath(), 1000).bytes;
    QCOMPARE(QJsonDocument::fromJson(term).object().value(QLatin1String("epoch")).toString(), QStringLiteral("7"));
    QCOMPARE(QJsonDocument::fromJson(term).object().value(QLatin1String("record")).toString(), alphaRecord);

    // A second claim of the same epoch, or of a lower one, writes nothing and says who holds the term.
    for (const std::uint64_t epoch : { 7, 5 }) {
        const Status refused = bravo->writeClaim(bravoRecord, 4096, slot('B'), epoch);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("%1 claimed epoch 7").arg(alphaRecord)),
            qPrintable(refused.error()));
        QVERIFY2(refused.error().contains(bravo->describe() + bravoRecord), qPrintable(refused.error()));
        QCOMPARE(bravo->readFile(bravoRecord, 8193).bytes, slot('b'));
    }
    // A refused claim does not lock the writer out of its record (nobody else wrote it).
    QVERIFY(bravo->writeAt(bravoRecord, 4096, slot('c')).ok());
    // A higher epoch is claimed; heartbeats (writeAt) leave the term key alone.
    QVERIFY(bravo->writeClaim(bravoRecord, 0, slot('C'), 8).ok());
    QVERIFY(alpha->writeAt(alphaRecord, 0, slot('x')).ok());
    QCOMPARE(QJsonDocument::fromJson(alpha->readFile(EtcdClusterDirectory::termPath(), 1000).bytes)
                 .object()
                 .value(QLatin1String("epoch"))
                 .toString(),
        QStringLiteral("8"));
}

void TestEtcdDirectory::aDamagedTermKeyRefusesClaims()
{
    const auto directory = freshDirectory();
    const QString record = QStringLiteral("nodes/alpha.hb");
    QVERIFY(directory->replaceWhole(EtcdClusterDirectory::termPath(), "not json").ok());
    const Status refused = directory->writeClaim(record, 0, slot('a'), 1);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(directory->describe() + EtcdClusterDirectory::termPath()),
        qPrintable(refused.error()));
    QVERIFY2(refused.error().contains(QLatin1String("not json")), qPrintable(refused.error()));
    const QString remedy
        = QStringLiteral("etcdctl del ") + QString::fromUtf8(directory->keyOf(EtcdClusterDirectory::termPath()));
    QVERIFY2(refused.error().contains(remedy), qPrintable(refused.error()));
    QCOMPARE(directory->readFile(record, 8193).outcome, IoOutcome::Absent);
    // Deleted, the key is written again by the next claim.
    QVERIFY(directory->remove(EtcdClusterDirectory::termPath()).ok());
    QVERIFY(directory->writeClaim(record, 0, slot('a'), 1).ok());
    QCOMPARE(directory->readFile(EtcdClusterDirectory::termPath(), 1000).outcome, IoOutcome::Ok);
}

void TestEtcdDirectory::foreignWriteAfterTheFirstReadIsRefused()
{
    const auto mine = freshDirectory();
    const auto duplicate = makeDirectory(m_client, QStringLiteral("/hacmp/test%1/").arg(m_prefixes));
    const QString path = QStringLiteral("nodes/alpha.hb");
    QVERIFY(duplicate->writeAt(path, 0, slot('1')).ok());
    // This node reads its record at startup (it adopts what it sees), then another writer changes it.
    QCOMPARE(mine->readFile(path, 8193).bytes, slot('1'));
    QVERIFY(duplicate->writeAt(path, 4096, slot('2')).ok());
    const Status refused = mine->writeAt(path, 4096, slot('m'));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QLatin1String("another writer")), qPrintable(refused.error()));
    QCOMPARE(duplicate->readFile(path, 8193).bytes, slot('1') + slot('2'));

    // The same when the first read found no record: one created meanwhile is someone else's.
    const QString other = QStringLiteral("nodes/bravo.hb");
    QCOMPARE(mine->readFile(other, 8193).outcome, IoOutcome::Absent);
    QVERIFY(duplicate->writeAt(other, 0, slot('d')).ok());
    QVERIFY(!mine->writeAt(other, 0, slot('m')).ok());
    QCOMPARE(duplicate->readFile(other, 8193).bytes, slot('d'));
}

void TestEtcdDirectory::badEndpointUrlsAreRefused_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::newRow("no scheme") << QStringLiteral("127.0.0.1:2379");
    QTest::newRow("other scheme") << QStringLiteral("ftp://127.0.0.1:2379");
    QTest::newRow("path") << QStringLiteral("http://127.0.0.1:2379/v3");
    QTest::newRow("no host") << QStringLiteral("http://:2379");
    QTest::newRow("garbage") << QStringLiteral("http://exa mple:x");
}

void TestEtcdDirectory::badEndpointUrlsAreRefused()
{
    QFETCH(QString, endpoint);
    EtcdClientConfig config;
    config.endpoints = { QStringLiteral("http://127.0.0.1:1"), endpoint };
    const Result<std::unique_ptr<EtcdClient>> client = EtcdClient::create(config);
    QVERIFY(!client.ok());
    QVERIFY2(client.error().contains(QLatin1Char('"') + endpoint + QLatin1Char('"')), qPrintable(client.error()));
    QVERIFY2(client.error().contains(QLatin1String("http:// or https://")), qPrintable(client.error()));
}

void TestEtcdDirectory::answersThatAreNotEtcdAreClearErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("html page") << QByteArrayLiteral("<html>welcome</html>") << QStringLiteral("not etcd's JSON");
    QTest::newRow("json array") << QByteArrayLiteral("[1,2]") << QStringLiteral("not etcd's JSON");
    QTest::newRow("no header") << QByteArrayLiteral("{\"kvs\":[]}") << QStringLiteral("no \"header\"");
    QTest::newRow("kvs not an array") << QByteArrayLiteral("{\"header\":{\"revision\":\"3\"},\"kvs\":7,\"responses\":[{"
                                                           "\"response_range\":{\"kvs\":7}}]}")
                                      << QStringLiteral("\"kvs\" is not an array");
    QTest::newRow("bad base64") << QByteArrayLiteral(
        "{\"header\":{},\"kvs\":[{\"key\":\"!!!\"}],\"responses\":[{\"response_range\":{\"kvs\":[{"
        "\"key\":\"!!!\"}]}}]}") << QStringLiteral("not valid base64");
    QTest::newRow("huge revision") << QByteArrayLiteral("{\"header\":{\"revision\":1e300},\"kvs\":[]}")
                                   << QStringLiteral("\"revision\" is not an integer");
    QTest::newRow("bad revision") << QByteArrayLiteral("{\"header\":{\"revision\":\"soon\"}}")
                                  << QStringLiteral("\"revision\" is not an integer");
}

void TestEtcdDirectory::answersThatAreNotEtcdAreClearErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    CannedHttpServer server(body);
    const auto directory = makeDirectory(makeClient({ server.endpoint() }), QStringLiteral("/hacmp/x/"));
    const FileRead read = directory->readFile(QStringLiteral("cluster"), 100);
    QCOMPARE(read.outcome, IoOutcome::Failed);
    QVERIFY2(read.error.contains(expected), qPrintable(read.error));
    QVERIFY2(read.error.contains(QUrl(server.endpoint()).authority()), qPrintable(read.error));
    QVERIFY(!directory->writeAt(QStringLiteral("nodes/a.hb"), 0, slot('x')).ok());
    QVERIFY(!directory->list(QStringLiteral("nodes")).ok());
}

void TestEtcdDirectory::refusedEndpointIsLeftForTheNext()
{
    CannedHttpServer notEtcd(QByteArrayLiteral("<html>proxy</html>"));
    const QString refusing = refusingEndpoint();
    const auto client = makeClient({ refusing, notEtcd.endpoint(), m_etcd->endpoint(0) });
    const auto directory = makeDirectory(client, QStringLiteral("/hacmp/test%1/").arg(++m_prefixes));
    QVERIFY(directory->replaceWhole(QStringLiteral("cluster"), QByteArrayLiteral("name=t\n")).ok());
    QCOMPARE(client->preferredEndpoint(), 2);
    QCOMPARE(directory->readFile(QStringLiteral("cluster"), 100).bytes, QByteArrayLiteral("name=t\n"));

    // Only endpoints that refuse: Failed at once (not TimedOut), and the message names each.
    const auto nowhere = makeDirectory(makeClient({ refusing, refusingEndpoint() }), QStringLiteral("/hacmp/t/"));
    QElapsedTimer clock;
    clock.start();
    const FileRead read = nowhere->readFile(QStringLiteral("cluster"), 100);
    QCOMPARE(read.outcome, IoOutcome::Failed);
    QVERIFY(clock.elapsed() < 1500);
    QVERIFY2(read.error.contains(QUrl(refusing).authority()), qPrintable(read.error));
}

void TestEtcdDirectory::memberStatusAnswersPerEndpoint()
{
    const QString refusing = refusingEndpoint();
    const auto client = makeClient({ m_etcd->endpoint(0), refusing });
    const QList<EtcdResult<EtcdMemberStatus>> statuses = client->memberStatus();
    QCOMPARE(statuses.size(), 2);
    QVERIFY2(statuses.at(0).ok(), qPrintable(statuses.at(0).ok() ? QString() : statuses.at(0).error().message));
    QVERIFY(statuses.at(0)->version.startsWith(QLatin1String("3.")));
    QVERIFY(statuses.at(0)->memberId != 0);
    QCOMPARE(statuses.at(0)->leaderId, statuses.at(0)->memberId); // a single member leads itself
    QVERIFY(statuses.at(0)->dbSize > 0);
    QCOMPARE(statuses.at(0)->endpoint, m_etcd->endpoint(0));
    QVERIFY(!statuses.at(1).ok());
    QCOMPARE(statuses.at(1).error().failure, EtcdFailure::Unreachable);
    QVERIFY2(statuses.at(1).error().message.contains(refusing), qPrintable(statuses.at(1).error().message));
}

void TestEtcdDirectory::keepsItsConnectionBetweenCallsAndThreads()
{
    EtcdProcess etcd(1);
    const Status started = etcd.start();
    QVERIFY2(started.ok(), qPrintable(started.error()));
    const auto client = makeClient(etcd.endpoints());
    const quint16 port = quint16(QUrl(etcd.endpoint(0)).port());
    QVERIFY(connectionsTo(port).empty());
    std::set<quint16> seen;
    for (int i = 0; i < 50; ++i) {
        QVERIFY(client->put(QByteArrayLiteral("/reuse/key"), QByteArray::number(i)).ok());
        const std::set<quint16> open = connectionsTo(port);
        QCOMPARE(open.size(), size_t(1)); // open between calls, not one per call
        seen.insert(open.begin(), open.end());
    }
    // An IoLane's thread (the agent's) goes through the same connection.
    IoLane lane;
    for (int i = 0; i < 20; ++i) {
        const std::optional<bool> read = callWithDeadline<bool>(
            lane, [client] { return client->get(QByteArrayLiteral("/reuse/key")).ok(); }, Millis(5000));
        QVERIFY(read.has_value() && *read);
        const std::set<quint16> open = connectionsTo(port);
        seen.insert(open.begin(), open.end());
    }
    QCOMPARE(seen.size(), size_t(1));
}

void TestEtcdDirectory::timedOutCallLeavesNoReplyBehind()
{
    EtcdProcess etcd(1);
    const Status started = etcd.start();
    QVERIFY2(started.ok(), qPrintable(started.error()));
    const Millis deadline(800);
    const auto client = makeClient(etcd.endpoints(), deadline);
    const quint16 port = quint16(QUrl(etcd.endpoint(0)).port());
    const QByteArray key = QByteArrayLiteral("/timeout/key");
    const EtcdResult<EtcdWrite> before = client->put(key, QByteArrayLiteral("before"));
    QVERIFY(before.ok());
    QCOMPARE(connectionsTo(port).size(), size_t(1));

    // The member keeps the connection and never answers: the call ends at its deadline, and its request is
    // aborted, which closes the kept connection.
    QVERIFY(etcd.pause(0).ok());
    QElapsedTimer clock;
    clock.start();
    const EtcdResult<EtcdRange> unanswered = client->get(key);
    QVERIFY(!unanswered.ok());
    QCOMPARE(unanswered.error().failure, EtcdFailure::TimedOut);
    QVERIFY2(clock.elapsed() < deadline.count() + 300, qPrintable(QString::number(clock.elapsed())));
    QTRY_VERIFY_WITH_TIMEOUT(connectionsTo(port).empty(), 2000);

    // Once it answers again, each call gets its own answer (a put's, then a range's), none of the late one.
    QVERIFY(etcd.resume(0).ok());
    const EtcdResult<EtcdWrite> after = client->put(key, QByteArrayLiteral("after"));
    QVERIFY2(after.ok(), qPrintable(after.ok() ? QString() : after.error().message));
    QVERIFY(after->revision > before->revision);
    const EtcdResult<EtcdRange> read = client->get(key);
    QVERIFY(read.ok());
    QCOMPARE(read->kvs.size(), 1);
    QCOMPARE(read->kvs.first().value, QByteArrayLiteral("after"));
    QCOMPARE(read->revision, after->revision);
}

void TestEtcdDirectory::failoverPastKilledAndPausedMembers()
{
    EtcdProcess etcd(3);
    const Status started = etcd.start();
    QVERIFY2(started.ok(), qPrintable(started.error()));
    const Millis deadline(3000);
    const auto client = makeClient(etcd.endpoints(), deadline);
    const auto directory = makeDirectory(client, QStringLiteral("/hacmp/failover/"));
    const QString path = QStringLiteral("nodes/alpha.hb");
    QVERIFY(directory->writeAt(path, 0, slot('0')).ok());
    QCOMPARE(client->preferredEndpoint(), 0);

    // Member 0 (the endpoint tried first) killed: every request still succeeds within the deadline.
    QVERIFY(etcd.kill(0).ok());
    QElapsedTimer clock;
    for (int i = 1; i <= 5; ++i) {
        clock.restart();
        const Status written = directory->writeAt(path, (i % 2) * 4096, slot(char('0' + i)));
        QVERIFY2(written.ok(), qPrintable(written.error()));
        const FileRead read = directory->readFile(path, 8193);
        QCOMPARE(read.outcome, IoOutcome::Ok);
        QVERIFY2(clock.elapsed() < 2 * deadline.count(), qPrintable(QString::number(clock.elapsed())));
    }
    QVERIFY(client->preferredEndpoint() != 0);

    // Member 0 back; the member the client now prefers paused (it accepts connections and never answers):
    // the next request waits out its share of the deadline there and is answered by another member.
    const Status restarted = etcd.restart(0);
    QVERIFY2(restarted.ok(), qPrintable(restarted.error()));
    const int paused = client->preferredEndpoint();
    QVERIFY(etcd.pause(paused).ok());
    clock.restart();
    const Status written = directory->writeAt(path, 0, slot('p'));
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QVERIFY2(clock.elapsed() < deadline.count(), qPrintable(QString::number(clock.elapsed())));
    QVERIFY(client->preferredEndpoint() != paused);
    // The member that answered is remembered: the following requests do not wait on the paused one.
    clock.restart();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(directory->readFile(path, 8193).outcome, IoOutcome::Ok);
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(etcd.resume(paused).ok());
}

void TestEtcdDirectory::quorumLostIsNeverAbsent()
{
    EtcdProcess etcd(3);
    const Status started = etcd.start();
    QVERIFY2(started.ok(), qPrintable(started.error()));
    const Millis deadline(1500);
    const auto client = makeClient(etcd.endpoints(), deadline);
    const auto directory = makeDirectory(client, QStringLiteral("/hacmp/quorum/"));
    QVERIFY(directory->replaceWhole(QStringLiteral("cluster"), QByteArrayLiteral("name=q\n")).ok());
    QVERIFY(directory->writeAt(QStringLiteral("nodes/alpha.hb"), 0, slot('a')).ok());

    QVERIFY(etcd.kill(0).ok());
    QVERIFY(etcd.kill(1).ok());
    QElapsedTimer clock;
    // Present and missing keys alike: no answer is not "no such key".
    for (const QString &path : { QStringLiteral("cluster"), QStringLiteral("nodes/alpha.hb"),
             QStringLiteral("nodes/missing.hb"), QStringLiteral("maintenance") }) {
        clock.restart();
        const FileRead read = directory->readFile(path, 8193);
        QVERIFY2(read.outcome == IoOutcome::TimedOut || read.outcome == IoOutcome::Failed,
            qPrintable(path + QLatin1String(": ") + ioOutcomeName(read.outcome)));
        QVERIFY2(!read.error.isEmpty(), qPrintable(path));
        QVERIFY2(clock.elapsed() < deadline.count() + 1000, qPrintable(QString::number(clock.elapsed())));
    }
    clock.restart();
    QVERIFY(!directory->writeAt(QStringLiteral("nodes/alpha.hb"), 4096, slot('b')).ok());
    QVERIFY(!directory->list(QStringLiteral("nodes")).ok());
    QVERIFY(!directory->fileSize(QStringLiteral("cluster")).ok());
    QVERIFY2(clock.elapsed() < 3 * (deadline.count() + 1000), qPrintable(QString::number(clock.elapsed())));

    // Quorum back: the same client answers again.
    QVERIFY(etcd.restart(0).ok());
    QTRY_COMPARE_WITH_TIMEOUT(directory->readFile(QStringLiteral("cluster"), 100).outcome, IoOutcome::Ok, 10000);
    QCOMPARE(directory->readFile(QStringLiteral("nodes/missing.hb"), 100).outcome, IoOutcome::Absent);
}

void TestEtcdDirectory::unansweredWriteThatLandedIsOwn()
{
    // An election timeout far longer than the followers' pause: the leader keeps its term (it steps down
    // only after an election timeout without a quorum) and commits the write once they are back, after the
    // client gave up, even on a loaded machine.
    EtcdProcess etcd(3, false, Millis(3000));
    const Status started = etcd.start();
    QVERIFY2(started.ok(), qPrintable(started.error()));
    // The client talks to the leader only.
    int leader = -1;
    for (int attempt = 0; attempt < 50 && leader < 0; ++attempt) {
        const QList<EtcdResult<EtcdMemberStatus>> statuses = makeClient(etcd.endpoints())->memberStatus();
        for (int i = 0; i < statuses.size(); ++i) {
            if (statuses.at(i).ok() && statuses.at(i)->leaderId != 0
                && statuses.at(i)->leaderId == statuses.at(i)->memberId)
                leader = i;
        }
        if (leader < 0)
            QTest::qWait(100);
    }
    QVERIFY(leader >= 0);
    const auto client = makeClient({ etcd.endpoint(leader) }, Millis(200));
    const auto directory = makeDirectory(client, QStringLiteral("/hacmp/uncertain/"));
    const QString path = QStringLiteral("nodes/alpha.hb");
    QVERIFY(directory->writeAt(path, 0, slot('1')).ok());

    QElapsedTimer paused;
    paused.start();
    for (int i = 0; i < 3; ++i) {
        if (i != leader)
            QVERIFY(etcd.pause(i).ok());
    }
    const Status unanswered = directory->writeAt(path, 4096, slot('2'));
    QVERIFY(!unanswered.ok());
    QTest::qWait(int(qMax<qint64>(0, 350 - paused.elapsed())));
    for (int i = 0; i < 3; ++i) {
        if (i != leader)
            QVERIFY(etcd.resume(i).ok());
    }
    const auto observer = makeDirectory(makeClient(etcd.endpoints()), QStringLiteral("/hacmp/uncertain/"));
    QTRY_COMPARE_WITH_TIMEOUT(observer->readFile(path, 8193).bytes, slot('1') + slot('2'), 5000);

    // The key changed since this node's last acknowledged write, but to exactly what it tried to write: its
    // own write, not a foreign one.
    const Status next = directory->writeAt(path, 0, slot('3'));
    QVERIFY2(next.ok(), qPrintable(next.error()));
    QCOMPARE(observer->readFile(path, 8193).bytes, slot('3') + slot('2'));
}

void TestEtcdDirectory::writeThatLandedBeforeTheNextEndpointIsOwn()
{
    // The first endpoint executes every request and never answers a transaction; the call then sends the
    // same write to the member directly, where the compare fails on the revision of its own first attempt.
    SwallowingProxy lost(m_etcd->endpoint(0));
    const auto client = makeClient({ lost.endpoint(), m_etcd->endpoint(0) }, Millis(1000));
    const auto directory = makeDirectory(client, QStringLiteral("/hacmp/test%1/").arg(++m_prefixes));
    const QString path = QStringLiteral("nodes/alpha.hb");
    QCOMPARE(directory->readFile(path, 8193).outcome, IoOutcome::Absent); // through the proxy
    QCOMPARE(client->preferredEndpoint(), 0);
    const Status written = directory->writeAt(path, 0, slot('a'));
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QCOMPARE(client->preferredEndpoint(), 1);
    QVERIFY(directory->writeAt(path, 4096, slot('b')).ok());
    QCOMPARE(directory->readFile(path, 8193).bytes, slot('a') + slot('b'));

    // A foreign write is still refused.
    const auto foreign = makeDirectory(m_client, QStringLiteral("/hacmp/test%1/").arg(m_prefixes));
    QVERIFY(foreign->replaceWhole(path, slot('f')).ok());
    QVERIFY(!directory->writeAt(path, 0, slot('d')).ok());
}

void TestEtcdDirectory::authenticatesAndRenewsItsToken()
{
    const QString etcdctl = QStandardPaths::findExecutable(QStringLiteral("etcdctl"));
    if (etcdctl.isEmpty())
        HACMP_MISSING_PREREQUISITE(QStringLiteral("no etcdctl in PATH (install Debian's etcd-client)"));
    EtcdProcess etcd(1);
    const Status started = etcd.start();
    QVERIFY2(started.ok(), qPrintable(started.error()));
    auto run = [&](const QStringList &arguments) {
        QProcess process;
        process.start(etcdctl, QStringList { QStringLiteral("--endpoints=") + etcd.endpoint(0) } + arguments);
        return process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit
            && process.exitCode() == 0;
    };
    QVERIFY(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("root:s3cret") }));
    QVERIFY(run({ QStringLiteral("auth"), QStringLiteral("enable") }));

    const auto client = makeClient(etcd.endpoints(), Millis(2000), QStringLiteral("root"), QStringLiteral("s3cret"));
    const auto directory = makeDirectory(client, QStringLiteral("/hacmp/auth/"));
    const Status written = directory->writeAt(QStringLiteral("nodes/alpha.hb"), 0, slot('a'));
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QCOMPARE(directory->readFile(QStringLiteral("nodes/alpha.hb"), 8193).bytes, slot('a'));

    // Without a user, or with a wrong password: refused, and the message says why.
    const FileRead anonymous = makeDirectory(makeClient(etcd.endpoints()), QStringLiteral("/hacmp/auth/"))
                                   ->readFile(QStringLiteral("nodes/alpha.hb"), 8193);
    QCOMPARE(anonymous.outcome, IoOutcome::Failed);
    QVERIFY2(anonymous.error.contains(QLatin1String("user name is empty")), qPrintable(anonymous.error));
    const FileRead wrong
        = makeDirectory(makeClient(etcd.endpoints(), Millis(2000), QStringLiteral("root"), QStringLiteral("wrong")),
            QStringLiteral("/hacmp/auth/"))
              ->readFile(QStringLiteral("nodes/alpha.hb"), 8193);
    QCOMPARE(wrong.outcome, IoOutcome::Failed);
    QVERIFY2(wrong.error.contains(QLatin1String("authenticate user root")), qPrintable(wrong.error));

    // A restarted member has forgotten every token: the client authenticates again, once, by itself.
    QVERIFY(etcd.stop(0).ok());
    const Status restarted = etcd.restart(0);
    QVERIFY2(restarted.ok(), qPrintable(restarted.error()));
    const Status again = directory->writeAt(QStringLiteral("nodes/alpha.hb"), 4096, slot('b'));
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QCOMPARE(directory->readFile(QStringLiteral("nodes/alpha.hb"), 8193).bytes, slot('a') + slot('b'));
}

void TestEtcdDirectory::httpsWithClientCertificates()
{
    const QString missing = EtcdProcess::skipReason(true);
    if (!missing.isEmpty())
        HACMP_MISSING_PREREQUISITE(missing);
    EtcdProcess etcd(1, true);
    const Status started = etcd.start();
    QVERIFY2(started.ok(), qPrintable(started.error()));
    QVERIFY(etcd.endpoint(0).startsWith(QLatin1String("https://")));

    EtcdClientConfig config;
    config.endpoints = etcd.endpoints();
    config.caFile = etcd.caFile();
    config.certFile = etcd.clientCertFile();
    config.keyFile = etcd.clientKeyFile();
    Result<std::unique_ptr<EtcdClient>> client = EtcdClient::create(config);
    QVERIFY2(client.ok(), qPrintable(client.error()));
    const auto directory = makeDirectory(std::move(client).value(), QStringLiteral("/hacmp/tls/"));
    const Status written = directory->writeAt(QStringLiteral("nodes/alpha.hb"), 0, slot('t'));
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QCOMPARE(directory->readFile(QStringLiteral("nodes/alpha.hb"), 8193).bytes, slot('t'));
    QCOMPARE(*directory->list(QStringLiteral("nodes")), QStringList { QStringLiteral("alpha.hb") });

    // Without the CA the member's certificate is not trusted; without a client certificate the member
    // refuses the handshake. Either way: Failed, naming the endpoint, never Absent.
    for (const bool withCa : { false, true }) {
        EtcdClientConfig partial;
        partial.endpoints = etcd.endpoints();
        partial.deadline = Millis(2000);
        if (withCa)
            partial.caFile = etcd.caFile();
        Result<std::unique_ptr<EtcdClient>> refused = EtcdClient::create(partial);
        QVERIFY(refused.ok());
        const FileRead read = makeDirectory(std::move(refused).value(), QStringLiteral("/hacmp/tls/"))
                                  ->readFile(QStringLiteral("nodes/alpha.hb"), 8193);
        QCOMPARE(read.outcome, IoOutcome::Failed);
        QVERIFY2(read.error.contains(QUrl(etcd.endpoint(0)).authority()), qPrintable(read.error));
    }
}

void TestEtcdDirectory::tlsFilesAreChecked()
{
    EtcdClientConfig config;
    config.endpoints = { QStringLiteral("https://127.0.0.1:1") };
    config.caFile = QStringLiteral("/nonexistent/ca.pem");
    Result<std::unique_ptr<EtcdClient>> client = EtcdClient::create(config);
    QVERIFY(!client.ok());
    QVERIFY2(client.error().contains(QLatin1String("ca_file /nonexistent/ca.pem")), qPrintable(client.error()));

    config.caFile.clear();
    config.certFile = QStringLiteral("/nonexistent/client.pem");
    client = EtcdClient::create(config);
    QVERIFY(!client.ok());
    QVERIFY2(client.error().contains(QLatin1String("cert_file and key_file go together")), qPrintable(client.error()));

    config.keyFile = QStringLiteral("/nonexistent/client.key");
    client = EtcdClient::create(config);
    QVERIFY(!client.ok());
    QVERIFY2(client.error().contains(QLatin1String("cert_file /nonexistent/client.pem")), qPrintable(client.error()));

    config = {};
    config.endpoints = { QStringLiteral("http://127.0.0.1:1") };
    config.user = QStringLiteral("root");
    client = EtcdClient::create(config);
    QVERIFY(!client.ok());
    QVERIFY2(client.error().contains(QLatin1String("user root has no password")), qPrintable(client.error()));
}

QTEST_GUILESS_MAIN(TestEtcdDirectory)
#include "tst_etcddirectory.moc"
