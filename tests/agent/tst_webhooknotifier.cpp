// [notify] webhook against a small HTTP server of the test: the event's JSON is POSTed; a failing server
// gets retries with back-off until it accepts or the attempts are used up; a full queue drops.
#include "agent/daemon/webhooknotifier.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

namespace {

/// Answers each POST with the next status of a script (the last one repeats), and keeps the bodies.
class ScriptedServer final : public QObject
{
public:
    explicit ScriptedServer(QList<int> statuses)
        : m_statuses(std::move(statuses))
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(m_server.serverPort())); }
    QList<QByteArray> bodies;

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const qsizetype lengthAt = buffer.toLower().indexOf("content-length:");
        const qsizetype length = lengthAt < 0
            ? 0
            : buffer.mid(lengthAt + 15, buffer.indexOf('\r', lengthAt) - lengthAt - 15).trimmed().toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        bodies << buffer.mid(headerEnd + 4, length);
        const int status = m_statuses.value(bodies.size() - 1, m_statuses.last());
        socket->write(QByteArray("HTTP/1.1 ") + QByteArray::number(status)
            + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        m_buffers.remove(socket);
    }

    QTcpServer m_server;
    QList<int> m_statuses;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestWebhookNotifier final : public QObject
{
    Q_OBJECT

private slots:
    void postsTheEvent();
    void retriesWithBackoffThenGivesUp();
    void fullQueueDrops();
};

void TestWebhookNotifier::postsTheEvent()
{
    ScriptedServer server({ 200 });
    WebhookNotifier notifier;
    QSignalSpy delivered(&notifier, &WebhookNotifier::delivered);
    notifier.setUrl(server.url());
    notifier.notify(R"({"event":"role_change"})");
    notifier.notify(R"({"event":"app_start"})");
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 2, 5000);
    QVERIFY(delivered.first().first().toBool());
    QCOMPARE(server.bodies, QList<QByteArray>({ R"({"event":"role_change"})", R"({"event":"app_start"})" }));
}

void TestWebhookNotifier::retriesWithBackoffThenGivesUp()
{
    ScriptedServer server({ 500, 503, 200, 500 });
    WebhookNotifier notifier;
    QSignalSpy delivered(&notifier, &WebhookNotifier::delivered);
    notifier.setUrl(server.url(), Millis(1000), Millis(50));
    notifier.notify("{\"n\":1}"); // fails twice, then accepted
    notifier.notify("{\"n\":2}"); // fails every attempt
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 2, 10000);
    QCOMPARE(delivered.at(0).first().toBool(), true);
    QCOMPARE(delivered.at(1).first().toBool(), false);
    QCOMPARE(server.bodies.size(), 3 + WebhookNotifier::kAttempts);
    QCOMPARE(notifier.dropped(), quint64(1));
}

void TestWebhookNotifier::fullQueueDrops()
{
    WebhookNotifier notifier;
    notifier.setUrl(QUrl(QStringLiteral("http://127.0.0.1:9/")), Millis(200), Millis(10000));
    for (qsizetype i = 0; i < WebhookNotifier::kQueueLimit + 3; ++i)
        notifier.notify("{}");
    QCOMPARE(notifier.dropped(), quint64(3));
}

QTEST_GUILESS_MAIN(TestWebhookNotifier)
#include "tst_webhooknotifier.moc"
