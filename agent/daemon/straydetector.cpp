#include "straydetector.h"

#include "agentlog.h"
#include "processes.h"

#include <QCoreApplication>
#include <QFile>

#include <csignal>
#include <unistd.h>

namespace hacmp::agent {

namespace {

/// The parent pid of pid from /proc, or -1.
pid_t parentOf(pid_t pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.read(4096);
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 1 ? pid_t(fields.at(1).toLong()) : -1;
}

} // namespace

StrayDetector::StrayDetector(std::function<std::int64_t()> heldPid, QObject *parent)
    : QObject(parent)
    , m_heldPid(std::move(heldPid))
{
    connect(&m_timer, &QTimer::timeout, this, &StrayDetector::search);
}

StrayDetector::~StrayDetector()
{
    if (m_pgrep)
        discardProcess(m_pgrep);
}

void StrayDetector::configure(const QString &pattern, Millis interval)
{
    m_pattern = pattern;
    m_timer.setInterval(interval);
    if (m_pattern.isEmpty()) {
        m_timer.stop();
        m_strays.clear();
        return;
    }
    if (!m_timer.isActive())
        m_timer.start();
}

bool StrayDetector::isStray(pid_t pid, pid_t self, std::int64_t heldPid)
{
    if (pid <= 0 || pid == self)
        return false;
    if (heldPid > 0 && (pid == heldPid || ::getpgid(pid) == pid_t(heldPid)))
        return false; // the application the guard holds, and its process group
    return parentOf(pid) != self; // not the agent's own check or stop command
}

QList<pid_t> StrayDetector::strays(const QByteArray &pgrepOutput, pid_t self, std::int64_t heldPid)
{
    QList<pid_t> found;
    for (const QByteArray &line : pgrepOutput.split('\n')) {
        bool ok = false;
        const pid_t pid = pid_t(line.trimmed().toLong(&ok));
        if (ok && isStray(pid, self, heldPid))
            found.append(pid);
    }
    return found;
}

void StrayDetector::search()
{
    if (m_pgrep || m_pattern.isEmpty())
        return; // the previous search has not finished
    m_pgrep = new QProcess(this);
    m_pgrep->setStandardInputFile(QProcess::nullDevice());
    connect(m_pgrep, &QProcess::finished, this, &StrayDetector::onFinished);
    connect(m_pgrep, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        if (!m_errorReported)
            qCWarning(lcApp, "cannot run pgrep for [application] detect: %s", qUtf8Printable(m_pgrep->errorString()));
        m_errorReported = true;
        QProcess *process = m_pgrep;
        m_pgrep = nullptr;
        discardProcess(process);
    });
    m_pgrep->start(QStringLiteral("pgrep"), { QStringLiteral("-f"), QStringLiteral("--"), m_pattern });
}

void StrayDetector::onFinished(int exitCode, QProcess::ExitStatus status)
{
    QProcess *process = m_pgrep;
    m_pgrep = nullptr;
    const QByteArray output = process->readAllStandardOutput();
    const QByteArray errors = process->readAllStandardError();
    discardProcess(process);
    if (status != QProcess::NormalExit || exitCode > 1) { // 1: nothing matched
        if (!m_errorReported)
            qCWarning(
                lcApp, "pgrep for [application] detect failed (status %d): %s", exitCode, errors.trimmed().constData());
        m_errorReported = true;
        return;
    }
    m_strays = strays(output, pid_t(QCoreApplication::applicationPid()), m_heldPid());
    emit found(!m_strays.isEmpty());
}

void StrayDetector::stopStrays(Millis grace)
{
    const pid_t self = pid_t(QCoreApplication::applicationPid());
    QList<pid_t> pids;
    for (const pid_t pid : std::as_const(m_strays)) {
        if (isStray(pid, self, m_heldPid()))
            pids.append(pid);
    }
    for (const pid_t pid : std::as_const(pids)) {
        qCWarning(lcApp, "stopping an instance the guard does not hold: pid %d", int(pid));
        ::kill(pid, SIGTERM);
    }
    if (!pids.isEmpty())
        QTimer::singleShot(grace, this, [this, pids] { killRemaining(pids); });
}

void StrayDetector::killRemaining(const QList<pid_t> &pids)
{
    for (const pid_t pid : pids) {
        if (::kill(pid, 0) == 0) {
            qCWarning(lcApp, "instance pid %d did not stop within stop_grace: SIGKILL", int(pid));
            ::kill(pid, SIGKILL);
        }
    }
}

} // namespace hacmp::agent
