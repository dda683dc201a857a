#include "agent/daemon/straydetector.h"

#include "agent/daemon/agentlog.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

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

/// Whether pid runs under a guard: the leader of its process group (the application the guard started in
/// a group of its own) is a child of hacmp-guard. Each host runs one agent; several agents on one host (a
/// demo, tests) each hold their own application, which is no instance outside a guard either.
bool heldByAGuard(pid_t pid)
{
    const pid_t group = ::getpgid(pid);
    for (const pid_t member : { pid, group }) {
        const pid_t parent = member > 0 ? parentOf(member) : -1;
        if (parent <= 0)
            continue;
        const QString exe = QFile::symLinkTarget(QStringLiteral("/proc/%1/exe").arg(parent));
        if (QFileInfo(exe).fileName().startsWith(QLatin1String("hacmp-guard")))
            return true;
    }
    return false;
}

} // namespace

StrayDetector::StrayDetector(std::function<std::int64_t()> heldPid, QObject *parent)
    : QObject(parent)
    , m_heldPid(std::move(heldPid))
{
    connect(&m_timer, &QTimer::timeout, this, [this] { emit found(searchNow()); });
}

void StrayDetector::configure(InstanceMatcher matcher, Millis interval)
{
    m_matcher = std::move(matcher);
    m_timer.setInterval(interval);
}

void StrayDetector::start()
{
    m_timer.start();
    emit found(searchNow());
}

bool StrayDetector::isStray(pid_t pid, pid_t self, std::int64_t heldPid)
{
    if (pid <= 0 || pid == self)
        return false;
    if (heldPid > 0 && (pid == heldPid || ::getpgid(pid) == pid_t(heldPid)))
        return false; // the application the guard holds, and its process group
    return parentOf(pid) != self && !heldByAGuard(pid); // not the agent's own check or stop command
}

QList<std::int64_t> StrayDetector::searchNow()
{
    m_strays.clear();
    if (m_matcher.active()) {
        const pid_t self = pid_t(QCoreApplication::applicationPid());
        const std::int64_t held = m_heldPid();
        const auto wanted = [this](QByteArrayView exe) { return m_matcher.mayMatchExecutable(exe); };
        for (const ProcessEntry &process : listProcesses(wanted)) {
            if (m_matcher.matches(process) && isStray(process.pid, self, held))
                m_strays.append(process.pid);
        }
    }
    return m_strays;
}

void StrayDetector::stopStrays(Millis grace)
{
    const pid_t self = pid_t(QCoreApplication::applicationPid());
    QList<pid_t> pids;
    for (const std::int64_t pid : std::as_const(m_strays)) {
        if (isStray(pid_t(pid), self, m_heldPid()))
            pids.append(pid_t(pid));
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
