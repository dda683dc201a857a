#include "agent/daemon/guardclient.h"

#include "agent/daemon/agentlog.h"
#include "agent/guard/guardprotocol.h"
#include "shared/protocol/monotime.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>

namespace hacmp::agent {

namespace {
constexpr Millis kRetryDelay { 50 };
constexpr Millis kRefusedRetryDelay { 1000 };
constexpr Millis kRelaunchAfter { 2000 }; // a guard just launched gets this long to listen
constexpr int kReportEvery = 100; // failed connection attempts between two warnings
} // namespace

GuardClient::GuardClient(QString socketPath, QString program, QString stateDirectory, QObject *parent)
    : QObject(parent)
    , m_socketPath(std::move(socketPath))
    , m_program(std::move(program))
    , m_stateDirectory(std::move(stateDirectory))
    , m_socket(new QLocalSocket(this))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &GuardClient::tryConnect);
    connect(m_socket, &QLocalSocket::connected, this, &GuardClient::onConnected);
    connect(m_socket, &QLocalSocket::readyRead, this, &GuardClient::onReadyRead);
    connect(m_socket, &QLocalSocket::disconnected, this, &GuardClient::onDisconnected);
    connect(m_socket, &QLocalSocket::errorOccurred, this, &GuardClient::onError);
}

GuardClient::~GuardClient()
{
    // Leaving the guard without QUIT is W5's re-attach: it keeps its deadline.
    disconnect(m_socket, nullptr, this, nullptr);
}

QString GuardClient::findProgram()
{
    const QString here = QCoreApplication::applicationDirPath();
    const QStringList candidates { here + QStringLiteral("/hacmp-guard"),
        QDir::cleanPath(here + QStringLiteral("/" HACMP_GUARD_RELATIVE_DIR "/hacmp-guard")) };
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    }
    return candidates.last();
}

void GuardClient::open(std::uint64_t incarnation)
{
    m_incarnation = incarnation;
    m_opened = true;
    tryConnect();
}

void GuardClient::tryConnect()
{
    if (m_socket->state() != QLocalSocket::UnconnectedState)
        return;
    m_socket->connectToServer(m_socketPath);
}

void GuardClient::launch()
{
    qint64 pid = 0;
    m_launchedAt = monotonicNow();
    QStringList arguments { QStringLiteral("--socket"), m_socketPath };
    if (!m_stateDirectory.isEmpty())
        arguments << QStringLiteral("--state-dir") << m_stateDirectory;
    if (QProcess::startDetached(m_program, arguments, QStringLiteral("/"), &pid))
        qCInfo(lcApp, "started the guard %s (pid %lld) on %s", qUtf8Printable(m_program), pid,
            qUtf8Printable(m_socketPath));
    else
        qCCritical(lcApp,
            "could not start the guard %s: check that it is installed and executable; the agent "
            "cannot run the application without it and keeps trying",
            qUtf8Printable(m_program));
}

void GuardClient::onError(QLocalSocket::LocalSocketError error)
{
    if (m_socket->state() == QLocalSocket::ConnectedState)
        return; // onDisconnected follows
    if (error == QLocalSocket::ServerNotFoundError || error == QLocalSocket::ConnectionRefusedError) {
        if (m_launchedAt == kNever || monotonicNow() - m_launchedAt >= kRelaunchAfter)
            launch();
    }
    if (++m_failedAttempts % kReportEvery == 0)
        qCWarning(lcApp, "cannot reach the guard on %s (%s), still trying", qUtf8Printable(m_socketPath),
            qUtf8Printable(m_socket->errorString()));
    m_socket->abort();
    retryLater();
}

void GuardClient::retryLater()
{
    if (m_opened && !m_retry.isActive())
        m_retry.start(m_refused ? kRefusedRetryDelay : kRetryDelay);
}

void GuardClient::onConnected()
{
    m_failedAttempts = 0;
    send(QByteArray(guard::kHello) + ' ' + QByteArray::number(qulonglong(m_incarnation), 16).rightJustified(16, '0'));
}

void GuardClient::onReadyRead()
{
    while (m_socket->canReadLine()) {
        QByteArray line = m_socket->readLine(guard::kMaxLineBytes + 1);
        if (line.endsWith('\n'))
            line.chop(1);
        handleLine(line);
    }
    if (m_socket->bytesAvailable() > qint64(guard::kMaxLineBytes)) {
        qCWarning(lcApp, "the guard sent a line longer than %u bytes: reconnecting", guard::kMaxLineBytes);
        m_socket->abort();
    }
}

void GuardClient::handleLine(const QByteArray &line)
{
    const std::optional<GuardReply> reply = GuardReply::parse(line);
    if (!reply) {
        qCWarning(lcApp, "the guard sent a line this agent does not understand: %s", line.left(200).constData());
        return;
    }
    if (reply->kind == GuardReply::Kind::StateIdle || reply->kind == GuardReply::Kind::StateRunning) {
        const bool reconnected = !m_ready;
        m_ready = true;
        m_refused = false;
        if (reconnected && m_deadline != kNever && m_deadline > monotonicNow())
            send(QByteArray(guard::kDeadline) + ' ' + QByteArray::number(qint64(m_deadline.count())));
        emit stateReceived(*reply);
        return;
    }
    if (reply->kind == GuardReply::Kind::Error && !m_ready) {
        // Refused before the handshake: another agent is attached (two agents for one node here?).
        if (!m_refused)
            qCCritical(lcApp,
                "the guard on %s refuses this agent (%s): does another agent of this node run on this "
                "host? Retrying every second",
                qUtf8Printable(m_socketPath), qUtf8Printable(reply->text));
        m_refused = true;
        return;
    }
    if (reply->kind == GuardReply::Kind::Error)
        qCWarning(lcApp, "the guard reports: %s", qUtf8Printable(reply->text));
    emit replyReceived(*reply);
}

void GuardClient::onDisconnected()
{
    const bool wasReady = m_ready;
    m_ready = false;
    if (wasReady)
        emit connectionLost(QStringLiteral("the connection to the guard closed"));
    retryLater();
}

bool GuardClient::send(const QByteArray &line)
{
    if (m_socket->state() != QLocalSocket::ConnectedState)
        return false;
    m_socket->write(line + '\n');
    m_socket->flush();
    return true;
}

void GuardClient::setDeadline(MonoTime deadline)
{
    if (deadline <= m_deadline)
        return;
    m_deadline = deadline;
    if (m_ready)
        send(QByteArray(guard::kDeadline) + ' ' + QByteArray::number(qint64(deadline.count())));
}

bool GuardClient::start(std::uint64_t epoch, const QByteArray &spec)
{
    return m_ready && send(QByteArray(guard::kStart) + ' ' + QByteArray::number(qulonglong(epoch)) + ' ' + spec);
}

bool GuardClient::stop(Millis grace)
{
    return m_ready && send(QByteArray(guard::kStop) + ' ' + QByteArray::number(qint64(grace.count())));
}

void GuardClient::quit()
{
    m_opened = false;
    m_retry.stop();
    send(QByteArray(guard::kQuit));
}

} // namespace hacmp::agent
