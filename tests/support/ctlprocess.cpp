#include "tests/support/ctlprocess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>

namespace hacmp::test {

CtlProcess CtlProcess::run(const QString &program, const QStringList &arguments, Millis limit)
{
    CtlProcess result;
    QProcess process;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    clock.start();
    process.start(program, arguments);
    deadline.start(int(limit.count()));
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    result.elapsedMs = clock.elapsed();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        result.err = QStringLiteral("did not finish within %1 ms").arg(limit.count());
        return result;
    }
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    if (process.exitStatus() == QProcess::NormalExit && process.error() != QProcess::FailedToStart)
        result.exitCode = process.exitCode();
    else
        result.err += QStringLiteral("\n(did not exit normally: %1)").arg(process.errorString());
    return result;
}

QString CtlProcess::describe() const
{
    return QStringLiteral("exit %1 after %2 ms\nstdout:\n%3\nstderr:\n%4").arg(exitCode).arg(elapsedMs).arg(out, err);
}

} // namespace hacmp::test
