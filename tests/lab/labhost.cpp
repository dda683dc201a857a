#include "tests/lab/labhost.h"

#include "tests/support/appledger.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace hacmp::lab {

namespace {

// The namespace's init: names the host, gives it its own machine id, runs the daemon and ends with it
// (which ends every process left in the namespace), unless the lab made the file stay-up before the daemon
// exited (its service stopped on a machine that stays up): then it waits for the file start-daemon (or for
// stay-up to go: the host goes down) and runs the daemon again. $0 = node, $1 = machine-id file, $2 = the
// folder of stay-up and start-daemon, then the daemon.
const QString kInitScript
    = QStringLiteral("hostname \"$0\" || exit 101\n"
                     "mount --bind \"$1\" /etc/machine-id || exit 102\n"
                     "control=\"$2\"\n"
                     "shift 2\n"
                     "while :; do\n"
                     "  \"$@\" &\n"
                     "  wait $!\n"
                     "  status=$?\n"
                     "  while [ -e \"$control/stay-up\" ] && [ ! -e \"$control/start-daemon\" ]; do\n"
                     "    sleep 0.1\n"
                     "  done\n"
                     "  [ -e \"$control/start-daemon\" ] || exit $status\n"
                     "  rm -f \"$control/stay-up\" \"$control/start-daemon\"\n"
                     "  echo \"==== the daemon starts again\"\n"
                     "done\n");

constexpr int kStartMs = 5000;

/// Ends the process when the lab ends, however it ends (the host's processes go with it).
void dieWithParent()
{
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
}

/// The PID namespace of pid ("pid:[4026531836]"), or an empty string.
QByteArray pidNamespace(const QString &pid)
{
    char target[64] = {};
    const ssize_t length
        = ::readlink(QFile::encodeName(QStringLiteral("/proc/%1/ns/pid").arg(pid)).constData(), target, sizeof target);
    return length > 0 ? QByteArray(target, length) : QByteArray();
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

LabHost::LabHost(const QString &node, const QString &dataCenter, const QString &folder, const QString &sharedSource,
    const QString &lockPath)
    : m_node(node)
    , m_dataCenter(dataCenter)
    , m_folder(folder)
    , m_lockPath(lockPath)
    , m_mount(sharedSource, folder + QStringLiteral("/shared"))
{
    QDir().mkpath(m_folder);
    QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile id(m_folder + QStringLiteral("/machine-id"));
    if (id.open(QIODevice::WriteOnly)) {
        const quint64 high = QRandomGenerator::global()->generate64();
        const quint64 low = QRandomGenerator::global()->generate64();
        id.write(QByteArray::number(high, 16).rightJustified(16, '0')
            + QByteArray::number(low, 16).rightJustified(16, '0') + '\n');
    }
}

LabHost::~LabHost()
{
    if (m_mount.stopped())
        m_mount.resume();
    crash();
}

QString LabHost::skipReason()
{
    const QString mountReason = test::HungMount::skipReason();
    if (!mountReason.isEmpty())
        return mountReason;
    const QString abortReason = test::HungMount::abortSkipReason();
    if (!abortReason.isEmpty())
        return abortReason;
    for (const char *tool : { "unshare", "nsenter", "hostname", "mount" }) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            return QStringLiteral("%1 is not installed (util-linux, hostname)").arg(QString::fromLatin1(tool));
    }
    const int probe = QProcess::execute(QStringLiteral("unshare"),
        { QStringLiteral("--uts"), QStringLiteral("--pid"), QStringLiteral("--fork"), QStringLiteral("--mount"),
            QStringLiteral("--mount-proc"), QStringLiteral("true") });
    if (probe != 0)
        return QStringLiteral("UTS, PID and mount namespaces (unshare --uts --pid --mount) are not available here");
    return QString();
}

QString LabHost::logPath() const
{
    return m_folder + QStringLiteral("/daemon.log");
}

Status LabHost::boot(LabImplementation &implementation, const QStringList &environment)
{
    if (running())
        return Error(QStringLiteral("host %1 is already up").arg(m_node));
    if (implementation.usesSharedDirectory()) {
        const Status mounted = m_mount.mount();
        if (!mounted)
            return mounted;
    }
    const QString ledger = QStringLiteral("%1/ledger-%2").arg(m_folder).arg(m_ledgers.size() + 1);
    LabHostSetup setup;
    setup.node = m_node;
    setup.dataCenter = m_dataCenter;
    setup.sharedDirectory = m_mount.mountPoint();
    setup.hostDirectory = m_folder;
    setup.lockPath = m_lockPath;
    setup.ledgerPath = ledger;
    setup.application = QStringList { QStringLiteral(HACMP_BIN_DIR "/hacmp-testapp"), QStringLiteral("--lock"),
        m_lockPath, QStringLiteral("--ledger"), ledger };
    setup.restartLimit = m_restartLimit;
    const Result<LabCommand> daemon = implementation.daemon(setup);
    if (!daemon)
        return Error(daemon.error());
    m_ledgers << ledger;
    m_application = setup.application;
    m_daemonProgram = daemon->arguments.first();
    QDir().mkpath(QFileInfo(stayUpPath()).path());
    QFile::remove(stayUpPath());
    QFile::remove(startDaemonPath());

    QFile log(logPath());
    if (log.open(QIODevice::Append))
        log.write(QStringLiteral("==== boot %1 of %2: %3\n")
                      .arg(m_ledgers.size())
                      .arg(m_node, daemon->arguments.join(u' '))
                      .toUtf8());
    log.close();
    QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : daemon->environment + environment)
        variables.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
    m_init.setProcessEnvironment(variables);
    m_init.setWorkingDirectory(daemon->workingDirectory.isEmpty() ? m_folder : daemon->workingDirectory);
    m_init.setProcessChannelMode(QProcess::MergedChannels);
    m_init.setStandardOutputFile(logPath(), QIODevice::Append);
    m_init.setChildProcessModifier(dieWithParent);
    // In a network namespace, nsenter enters it and becomes unshare (it forks only for a PID namespace).
    const QStringList network = daemon->networkNamespace.isEmpty()
        ? QStringList()
        : QStringList { QStringLiteral("nsenter"), QStringLiteral("--net=/run/netns/") + daemon->networkNamespace };
    const QStringList command = network
        + QStringList { QStringLiteral("unshare"), QStringLiteral("--uts"), QStringLiteral("--pid"),
              QStringLiteral("--fork"), QStringLiteral("--kill-child=SIGKILL"), QStringLiteral("--mount"),
              QStringLiteral("--propagation"), QStringLiteral("private"), QStringLiteral("--mount-proc"),
              QStringLiteral("sh"), QStringLiteral("-c"), kInitScript, m_node, m_folder + QStringLiteral("/machine-id"),
              QFileInfo(stayUpPath()).path() }
        + daemon->arguments;
    m_init.start(command.first(), command.mid(1));
    if (!m_init.waitForStarted(kStartMs))
        return Error(QStringLiteral("cannot start unshare for host %1: %2").arg(m_node, m_init.errorString()));
    m_initPid = childOf(m_init.processId(), {}, kStartMs);
    m_daemonPid = m_initPid > 0 ? childOf(m_initPid, m_daemonProgram, kStartMs) : 0;
    if (m_daemonPid <= 0)
        return Error(QStringLiteral("host %1 did not start its daemon; its log %2 ends with: %3")
                         .arg(m_node, logPath(), logTail(600)));
    return Status::success();
}

qint64 LabHost::childOf(qint64 parent, const QString &program, int ms)
{
    // The init runs hostname and mount before the daemon: wait for the child that runs program.
    const QString children = QStringLiteral("/proc/%1/task/%1/children").arg(parent);
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < ms) {
        if (!QFileInfo::exists(children))
            return 0;
        const QStringList pids = readText(children).split(u' ', Qt::SkipEmptyParts);
        for (const QString &pid : pids) {
            const QString arguments = readText(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (program.isEmpty() || arguments.section(QChar(0), 0, 0) == program)
                return pid.toLongLong();
        }
        QThread::msleep(2);
    }
    return 0;
}

bool LabHost::waitDown(int ms)
{
    return m_init.state() == QProcess::NotRunning || m_init.waitForFinished(ms);
}

void LabHost::signalStop(int signal, Millis timeout, bool everyProcess, const QElapsedTimer &took) const
{
    if (everyProcess) {
        // The host goes down, ending what is left, the moment its daemon exits: the daemon is held until the
        // others have ended.
        ::kill(pid_t(m_daemonPid), SIGSTOP);
        QStringList others = processes();
        others.removeAll(QString::number(m_initPid));
        others.removeAll(QString::number(m_daemonPid));
        for (const QString &pid : std::as_const(others))
            ::kill(pid_t(pid.toLongLong()), signal);
        while (took.elapsed() < timeout.count() && std::any_of(others.cbegin(), others.cend(), [](const QString &pid) {
            return !test::processGone(pid.toLongLong());
        }))
            QThread::msleep(20);
    }
    ::kill(pid_t(m_daemonPid), signal);
    if (everyProcess)
        ::kill(pid_t(m_daemonPid), SIGCONT);
}

bool LabHost::stop(int signal, Millis timeout, bool everyProcess)
{
    if (!running())
        return true;
    QElapsedTimer took;
    took.start();
    QFile::remove(stayUpPath()); // the host goes down with its daemon (at once if stopDaemon() stopped it)
    if (daemonRunning())
        signalStop(signal, timeout, everyProcess, took);
    if (waitDown(int(std::max<qint64>(0, timeout.count() - took.elapsed()))))
        return true;
    crash();
    return false;
}

bool LabHost::stopDaemon(int signal, Millis timeout, bool everyProcess)
{
    if (!daemonRunning())
        return true;
    QElapsedTimer took;
    took.start();
    QFile stayUp(stayUpPath());
    if (!stayUp.open(QIODevice::WriteOnly))
        return false;
    stayUp.close();
    signalStop(signal, timeout, everyProcess, took);
    while (took.elapsed() < timeout.count() && daemonRunning())
        QThread::msleep(10);
    return !daemonRunning();
}

Status LabHost::startDaemon()
{
    if (!running())
        return Error(QStringLiteral("host %1 is down: boot it instead").arg(m_node));
    if (daemonRunning())
        return Error(QStringLiteral("the daemon of host %1 already runs").arg(m_node));
    QFile start(startDaemonPath());
    if (!start.open(QIODevice::WriteOnly))
        return Error(QStringLiteral("cannot write %1: %2").arg(start.fileName(), start.errorString()));
    start.close();
    // The old daemon, a zombie until the init has reaped it, has no command line: it cannot match.
    m_daemonPid = childOf(m_initPid, m_daemonProgram, kStartMs);
    if (m_daemonPid <= 0)
        return Error(QStringLiteral("host %1 did not start its daemon again; its log %2 ends with: %3")
                         .arg(m_node, logPath(), logTail(600)));
    return Status::success();
}

bool LabHost::daemonRunning() const
{
    return running() && m_daemonPid > 0 && !test::processGone(m_daemonPid);
}

Status LabHost::runByHand(const QStringList &arguments)
{
    if (!running() || m_initPid <= 0)
        return Error(QStringLiteral("host %1 is down").arg(m_node));
    QFile log(logPath());
    if (log.open(QIODevice::Append))
        log.write(QStringLiteral("==== by hand on %1: %2\n").arg(m_node, arguments.join(u' ')).toUtf8());
    log.close();
    // An operator's shell on the host: the host's namespaces, none of the daemon's environment.
    QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
    for (const QString &name : variables.keys()) {
        if (name.startsWith(QLatin1String("HACMP_")))
            variables.remove(name);
    }
    QProcess nsenter;
    nsenter.setProgram(QStringLiteral("nsenter"));
    nsenter.setArguments(QStringList { QStringLiteral("--target"), QString::number(m_initPid), QStringLiteral("--uts"),
                             QStringLiteral("--pid"), QStringLiteral("--mount"), QStringLiteral("--net"),
                             QStringLiteral("--wd=") + m_folder, QStringLiteral("--") }
        + arguments);
    nsenter.setProcessEnvironment(variables);
    nsenter.setStandardInputFile(QProcess::nullDevice());
    nsenter.setStandardOutputFile(logPath(), QIODevice::Append);
    nsenter.setStandardErrorFile(logPath(), QIODevice::Append);
    if (!nsenter.startDetached())
        return Error(QStringLiteral("cannot run nsenter for host %1: %2").arg(m_node, nsenter.errorString()));
    return Status::success();
}

void LabHost::crash()
{
    if (!running())
        return;
    if (m_initPid > 0)
        ::kill(pid_t(m_initPid), SIGKILL);
    m_init.kill(); // --kill-child: unshare's death also kills the namespace's init
    m_init.waitForFinished(kStartMs);
}

bool LabHost::freezeDaemon()
{
    return running() && ::kill(pid_t(m_daemonPid), SIGSTOP) == 0;
}

bool LabHost::thawDaemon()
{
    return running() && ::kill(pid_t(m_daemonPid), SIGCONT) == 0;
}

bool LabHost::signalProcess(qint64 hostPid, int signal) const
{
    for (const QString &pid : processes()) {
        // "NSpid:\t<pid here>\t<pid in the host>"
        const QString status = readText(QStringLiteral("/proc/%1/status").arg(pid));
        const qsizetype at = status.indexOf(QLatin1String("\nNSpid:"));
        if (at < 0)
            continue;
        const QStringList ids = status.mid(at + 7).section(u'\n', 0, 0).split(u'\t', Qt::SkipEmptyParts);
        if (ids.size() == 2 && ids.last().toLongLong() == hostPid)
            return ::kill(pid_t(pid.toLongLong()), signal) == 0;
    }
    return false;
}

QStringList LabHost::processes() const
{
    QStringList found;
    if (!running() || m_initPid <= 0)
        return found;
    const QByteArray namespaceOfHost = pidNamespace(QString::number(m_initPid));
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (pid.toLongLong() > 0 && pidNamespace(pid) == namespaceOfHost)
            found.append(pid);
    }
    return found;
}

QString LabHost::stayUpPath() const
{
    return m_folder + QStringLiteral("/init/stay-up");
}

QString LabHost::startDaemonPath() const
{
    return m_folder + QStringLiteral("/init/start-daemon");
}

QString LabHost::logTail(int bytes) const
{
    return readText(logPath()).right(bytes);
}

} // namespace hacmp::lab
