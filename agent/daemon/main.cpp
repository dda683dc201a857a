// hacmp-agent: keeps one application running on exactly one host of a cluster (docs/architecture.md, The
// programs). This file reads the command line and the configuration; agent.h does the work.

#include "agent/daemon/agent.h"
#include "agent/daemon/agentlog.h"
#include "agent/daemon/configsafety.h"
#include "agent/daemon/hostid.h"
#include "agent/daemon/signalbridge.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <unistd.h>
#include <vector>

using namespace hacmp;
using namespace hacmp::agent;

namespace {

void printLines(FILE *stream, const QString &text)
{
    std::fprintf(stream, "%s\n", qUtf8Printable(text));
}

} // namespace

int main(int argc, char *argv[])
{
    std::vector<char *> arguments(argv, argv + argc + 1); // for a restart in place, before Qt takes its own
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hacmp-agent"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HACMP_VERSION));
    installLogFormat();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Keeps one application running on exactly one host of a "
                                                    "cluster that shares a directory (NFS, SAN)."));
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("The configuration file."),
        QStringLiteral("FILE"), QStringLiteral("/etc/hacmp/agent.conf"));
    const QCommandLineOption nodeOption(QStringLiteral("node"),
        QStringLiteral("The node name, instead of [node] name (several agents on one machine)."),
        QStringLiteral("NAME"));
    const QCommandLineOption checkOption(QStringLiteral("check-config"),
        QStringLiteral("Check the configuration (and the permissions of the file and the cluster directory), then "
                       "exit: 0 when it is fine, 1 with the problems."));
    parser.addOptions({ configOption, nodeOption, checkOption });
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    if (!parser.positionalArguments().isEmpty()) {
        printLines(stderr,
            QStringLiteral("hacmp-agent takes no arguments (got %1); see --help")
                .arg(parser.positionalArguments().join(QLatin1Char(' '))));
        return 1;
    }

    const QString node = parser.value(nodeOption);
    const Result<AgentConfig> config = AgentConfig::load(parser.value(configOption), node);
    if (!config) {
        printLines(stderr, config.error());
        return 1;
    }
    const Status safe
        = ConfigSafety::check(config.value(), ::geteuid() == 0, std::max(config->timing.ioTimeout, Millis(5000)));
    if (parser.isSet(checkOption)) {
        if (!safe) {
            printLines(stderr, safe.error());
            return 1;
        }
        printLines(stdout,
            QStringLiteral("%1: configuration of node %2 in cluster %3 is valid")
                .arg(config->path, config->node.name, config->cluster.name));
        return 0;
    }
    if (!safe) {
        printLines(stderr, safe.error() + QStringLiteral("\nThe agent does not start."));
        return 1;
    }
    const Result<QString> hostId = readHostId();
    if (!hostId) {
        printLines(stderr, hostId.error());
        return 1;
    }

    ::signal(SIGPIPE, SIG_IGN);
    // A restart in place executes the program file as it is now, so a restart after an upgrade runs the new one.
    const QByteArray program = QFile::encodeName(QCoreApplication::applicationFilePath());
    int status = 0;
    bool restart = false;
    {
        SignalBridge signalBridge({ SIGTERM, SIGINT, SIGHUP, SIGUSR2 });
        Agent agent(config.value(), node, hostId.value());
        QObject::connect(&signalBridge, &SignalBridge::received, &agent, [&agent](int number) {
            if (number == SIGHUP)
                agent.reload();
            else if (number == SIGUSR2)
                agent.requestStop(Election::StopMode::KeepApplication);
            else
                agent.requestStop();
        });
        QObject::connect(&agent, &Agent::finished, &app, &QCoreApplication::exit);
        if (const Status started = agent.start(); !started) {
            printLines(stderr, started.error());
            return 1;
        }
        status = app.exec();
        restart = status == 0 && agent.restartInPlace();
    }
    if (!restart)
        return status;
    qCInfo(lcAgent, "restarting in place: %s", program.constData());
    ::execv(program.constData(), arguments.data());
    qCCritical(lcAgent, "cannot execute %s again: %s; the guard stops the application at its deadline",
        program.constData(), std::strerror(errno));
    return 1;
}
