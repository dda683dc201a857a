// hacmp-testapp: the managed application of the guard's and the agent's tests and of the fault lab.
// Its ledger is the oracle: one line per event, appended with O_APPEND in a single write, so that the
// lines of instances on several hosts sharing one ledger never mix. An exclusive flock on the lock
// file proves that two instances never run at once: the second one writes CONFLICT and exits 3.
//
//   hacmp-testapp --lock FILE --ledger FILE [--exit-after MS] [--exit-code N] [--ignore-term]
//
// Ledger lines (times in CLOCK_MONOTONIC milliseconds, "-" for an unset variable):
//   START <pid> <HACMP_EPOCH> <HACMP_NODE> <ms>   after taking the lock
//   ALIVE <pid> <ms>                              every 100 ms while it runs
//   STOP <pid> <ms>                               on SIGTERM (not with --ignore-term), then exit 0
//   CONFLICT <pid> <ms>                           the lock is held by another instance; exit 3

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_termSocket[2] = { -1, -1 };

void onTerm(int)
{
    const int savedErrno = errno;
    const char byte = 1;
    const ssize_t ignored = ::write(g_termSocket[0], &byte, 1);
    static_cast<void>(ignored);
    errno = savedErrno;
}

QByteArray monotonicMs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return QByteArray::number(static_cast<qint64>(now.tv_sec) * 1000 + now.tv_nsec / 1000000);
}

QByteArray variable(const char *name)
{
    const QByteArray value = qgetenv(name);
    return value.isEmpty() ? QByteArray("-") : value;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "hacmp-testapp: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The managed application of hacmp's tests; its ledger is the oracle."));
    parser.addHelpOption();
    const QCommandLineOption lockOption(
        QStringLiteral("lock"), QStringLiteral("Exclusive lock file."), QStringLiteral("file"));
    const QCommandLineOption ledgerOption(
        QStringLiteral("ledger"), QStringLiteral("Ledger to append to."), QStringLiteral("file"));
    const QCommandLineOption exitAfterOption(
        QStringLiteral("exit-after"), QStringLiteral("Exit after MS milliseconds."), QStringLiteral("ms"));
    const QCommandLineOption exitCodeOption(QStringLiteral("exit-code"),
        QStringLiteral("Exit status for --exit-after."), QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption ignoreTermOption(QStringLiteral("ignore-term"), QStringLiteral("Ignore SIGTERM."));
    parser.addOptions({ lockOption, ledgerOption, exitAfterOption, exitCodeOption, ignoreTermOption });
    parser.process(app);
    if (!parser.isSet(lockOption) || !parser.isSet(ledgerOption))
        return fail(QStringLiteral("--lock FILE and --ledger FILE are required"));

    if (parser.isSet(ignoreTermOption)) {
        std::signal(SIGTERM, SIG_IGN);
    } else {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_termSocket) != 0)
            return fail(QStringLiteral("socketpair failed"));
        std::signal(SIGTERM, onTerm);
    }

    const QByteArray ledgerPath = QFile::encodeName(parser.value(ledgerOption));
    const int ledger = ::open(ledgerPath.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    const QByteArray lockPath = QFile::encodeName(parser.value(lockOption));
    const int lock = ::open(lockPath.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (ledger < 0 || lock < 0)
        return fail(QStringLiteral("cannot open %1 or %2").arg(parser.value(ledgerOption), parser.value(lockOption)));
    const QByteArray pid = QByteArray::number(::getpid());
    const auto append = [ledger](const QByteArray &line) {
        const QByteArray text = line + '\n';
        const ssize_t ignored = ::write(ledger, text.constData(), static_cast<size_t>(text.size()));
        static_cast<void>(ignored);
    };

    if (::flock(lock, LOCK_EX | LOCK_NB) != 0) {
        append("CONFLICT " + pid + ' ' + monotonicMs());
        return 3;
    }
    append("START " + pid + ' ' + variable("HACMP_EPOCH") + ' ' + variable("HACMP_NODE") + ' ' + monotonicMs());

    QTimer alive;
    alive.setTimerType(Qt::PreciseTimer);
    QObject::connect(&alive, &QTimer::timeout, &app, [&] { append("ALIVE " + pid + ' ' + monotonicMs()); });
    alive.start(100);

    if (g_termSocket[1] >= 0) {
        auto *term = new QSocketNotifier(g_termSocket[1], QSocketNotifier::Read, &app);
        QObject::connect(term, &QSocketNotifier::activated, &app, [&] {
            append("STOP " + pid + ' ' + monotonicMs());
            app.exit(0);
        });
    }
    if (parser.isSet(exitAfterOption)) {
        const int code = parser.value(exitCodeOption).toInt();
        QTimer::singleShot(
            parser.value(exitAfterOption).toInt(), Qt::PreciseTimer, &app, [&app, code] { app.exit(code); });
    }
    return app.exec();
}
