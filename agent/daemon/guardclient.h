#pragma once

#include "agent/daemon/guardreply.h"
#include "shared/protocol/monotime.h"

#include <QLocalSocket>
#include <QObject>
#include <QTimer>

namespace hacmp::agent {

/// The agent's end of the conversation with hacmp-guard (guard/guardprotocol.h, docs/protocol.md W3, W5):
/// starts the guard detached when nobody listens on its socket, so that it outlives the agent, says
/// HELLO, and turns the guard's lines into signals. It never blocks: connecting, launching and
/// reconnecting after the guard died all run on the event loop.
class GuardClient final : public QObject
{
    Q_OBJECT

public:
    /// stateDirectory: given to a guard it starts (--state-dir), for its end file; empty for none.
    GuardClient(QString socketPath, QString program, QString stateDirectory = {}, QObject *parent = nullptr);
    ~GuardClient() override;
    Q_DISABLE_COPY_MOVE(GuardClient)

    /// Where the guard binary is: beside the agent (a build tree) or in the installed libexec folder.
    static QString findProgram();

    /// Connects, starting the guard when needed, and says HELLO; stateReceived follows, and again
    /// after every reconnection.
    void open(std::uint64_t incarnation);
    /// Whether the guard answered HELLO on the current connection.
    bool ready() const { return m_ready; }
    /// Sends the absolute lease deadline; it is sent again after a reconnection while in the future.
    void setDeadline(MonoTime deadline);
    /// START; false when the guard is not connected (nothing was sent).
    bool start(std::uint64_t epoch, const QByteArray &spec);
    /// STOP; false when the guard is not connected.
    bool stop(Millis grace);
    /// QUIT, for a clean stop: the guard stops the application (if any) and exits.
    void quit();

    const QString &socketPath() const { return m_socketPath; }

signals:
    /// The answer to HELLO: StateIdle or StateRunning.
    void stateReceived(const hacmp::agent::GuardReply &state);
    /// Started, Refused, Exited or Error.
    void replyReceived(const hacmp::agent::GuardReply &reply);
    /// The connection closed after the handshake: the guard died (the application with it).
    void connectionLost(const QString &why);

private:
    void tryConnect();
    void launch();
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onError(QLocalSocket::LocalSocketError error);
    void retryLater();
    bool send(const QByteArray &line);
    void handleLine(const QByteArray &line);

    QString m_socketPath;
    QString m_program;
    QString m_stateDirectory;
    QLocalSocket *m_socket;
    QTimer m_retry;
    std::uint64_t m_incarnation = 0;
    bool m_opened = false;
    bool m_ready = false;
    bool m_refused = false; ///< the guard refused this connection (another agent is attached)
    MonoTime m_launchedAt = kNever;
    int m_failedAttempts = 0;
    MonoTime m_deadline = kNever;
};

} // namespace hacmp::agent
