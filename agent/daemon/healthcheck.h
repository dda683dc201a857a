#pragma once

#include "shared/protocol/monotime.h"

#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QStringList>
#include <QTimer>

namespace hacmp::agent {

/// The optional [application] check command: while enabled (the master's application runs) it runs
/// every check_interval, one at a time, and reports a non-zero exit, a crash or a run longer than
/// check_timeout as failed() (docs/protocol.md, Local failures of the application). Never blocks.
class HealthCheck final : public QObject
{
    Q_OBJECT

public:
    explicit HealthCheck(QObject *parent = nullptr);
    ~HealthCheck() override;
    Q_DISABLE_COPY_MOVE(HealthCheck)

    /// An empty command turns the check off.
    void configure(const QStringList &command, Millis interval, Millis timeout, const QStringList &environment);
    /// Runs the check while enabled; disabling drops a check under way.
    void setEnabled(bool enabled);

signals:
    void failed(const QString &why);

private:
    void run();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onTimeout();
    void drop();

    QStringList m_command;
    QStringList m_environment;
    Millis m_timeout { 5000 };
    bool m_enabled = false;
    QTimer m_interval;
    QTimer m_deadline;
    QPointer<QProcess> m_process;
};

} // namespace hacmp::agent
