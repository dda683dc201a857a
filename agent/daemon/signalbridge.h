#pragma once

#include <QList>
#include <QObject>
#include <QSocketNotifier>

namespace hacmp::agent {

/// Unix signals as Qt signals, by the documented pattern (docs/architecture.md, Unix signals): the handler
/// only writes the signal's number into a socketpair; a QSocketNotifier reads it on the event loop,
/// where everything else may happen. One instance per process.
class SignalBridge final : public QObject
{
    Q_OBJECT

public:
    /// Catches the signals in numbers (e.g. SIGTERM, SIGINT, SIGHUP) from now on.
    explicit SignalBridge(const QList<int> &numbers, QObject *parent = nullptr);
    ~SignalBridge() override;
    Q_DISABLE_COPY_MOVE(SignalBridge)

signals:
    void received(int signalNumber);

private:
    static void handle(int signalNumber);
    void onReadable();

    QList<int> m_signals;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace hacmp::agent
