#include "agent/daemon/startspec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hacmp::agent {

QStringList applicationEnvironment(const AgentConfig &config, std::uint64_t epoch)
{
    QStringList environment = config.application.environment;
    environment << QStringLiteral("HACMP_EPOCH=%1").arg(epoch) << QStringLiteral("HACMP_NODE=") + config.node.name
                << QStringLiteral("HACMP_CLUSTER_DIR=") + config.cluster.directory;
    return environment;
}

QByteArray encodeStartSpec(const AgentConfig &config, std::uint64_t epoch)
{
    const AgentConfig::Application &application = config.application;
    const QJsonObject spec {
        { QStringLiteral("argv"), QJsonArray::fromStringList(application.start) },
        { QStringLiteral("env"), QJsonArray::fromStringList(applicationEnvironment(config, epoch)) },
        { QStringLiteral("user"), application.user },
        { QStringLiteral("group"), application.group },
        { QStringLiteral("cwd"), application.workingDirectory },
        { QStringLiteral("stop_grace_ms"), qint64(config.timing.stopGrace.count()) },
        { QStringLiteral("node"), config.node.name },
        { QStringLiteral("cluster_dir"), config.cluster.directory },
    };
    return QJsonDocument(spec).toJson(QJsonDocument::Compact);
}

} // namespace hacmp::agent
