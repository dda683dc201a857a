#include "agent/daemon/processes.h"

#include <QProcessEnvironment>

namespace hacmp::agent {

void discardProcess(QProcess *process)
{
    if (process->state() == QProcess::NotRunning) {
        process->deleteLater();
        return;
    }
    QObject::connect(process, &QProcess::finished, process, &QObject::deleteLater);
    process->kill();
}

void startCommand(QProcess &process, const QStringList &command, const QStringList &environment)
{
    if (!environment.isEmpty()) {
        QProcessEnvironment merged = QProcessEnvironment::systemEnvironment();
        for (const QString &entry : environment)
            merged.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
        process.setProcessEnvironment(merged);
    }
    process.start(command.first(), command.mid(1));
}

} // namespace hacmp::agent
