#include "agent/daemon/configchanges.h"

namespace hacmp::agent {

ConfigChanges ConfigChanges::between(const AgentConfig &running, const AgentConfig &loaded)
{
    ConfigChanges changes;
    const auto compare = [&](const char *section, const char *key, bool differs, bool restart) {
        if (!differs)
            return;
        const QString name = QStringLiteral("[%1] %2").arg(QLatin1String(section), QLatin1String(key));
        (restart ? changes.needRestart : changes.applied).append(name);
    };
    const auto &a = running;
    const auto &b = loaded;
    compare("cluster", "backend", a.cluster.backend != b.cluster.backend, true);
    compare("cluster", "directory", a.cluster.directory != b.cluster.directory, true);
    const AgentConfig::Etcd &e = a.cluster.etcd;
    const AgentConfig::Etcd &f = b.cluster.etcd;
    compare("cluster", "endpoints", e.endpoints != f.endpoints, true);
    compare("cluster", "prefix", e.prefix != f.prefix, true);
    compare("cluster", "ca_file", e.caFile != f.caFile, true);
    compare("cluster", "cert_file", e.certFile != f.certFile, true);
    compare("cluster", "key_file", e.keyFile != f.keyFile, true);
    compare("cluster", "user", e.user != f.user, true);
    compare("cluster", "password_file", e.passwordFile != f.passwordFile, true);
    compare("cluster", "election_timeout", e.electionTimeout != f.electionTimeout, false);
    compare("cluster", "name", a.cluster.name != b.cluster.name, true);
    compare("cluster", "allow_world_writable", a.cluster.allowWorldWritable != b.cluster.allowWorldWritable, false);
    compare("node", "name", a.node.name != b.node.name, true);
    compare("node", "priority", a.node.priority != b.node.priority, false);
    compare("node", "state_directory", a.node.stateDirectory != b.node.stateDirectory, true);
    compare("timing", "interval", a.timing.interval != b.timing.interval, true);
    compare("timing", "io_timeout", a.timing.ioTimeout != b.timing.ioTimeout, true);
    compare("timing", "failover_timeout", a.timing.failoverTimeout != b.timing.failoverTimeout, true);
    compare("timing", "renew_limit", a.timing.renewLimit != b.timing.renewLimit, true);
    compare("timing", "stop_grace", a.timing.stopGrace != b.timing.stopGrace, true);
    const AgentConfig::Application &x = a.application;
    const AgentConfig::Application &y = b.application;
    compare("application", "start", x.start != y.start, false);
    compare("application", "stop", x.stop != y.stop, false);
    compare("application", "check", x.check != y.check, false);
    compare("application", "check_interval", x.checkInterval != y.checkInterval, false);
    compare("application", "check_timeout", x.checkTimeout != y.checkTimeout, false);
    compare("application", "detect", x.detect != y.detect, false);
    compare("application", "user", x.user != y.user, false);
    compare("application", "group", x.group != y.group, false);
    compare("application", "working_directory", x.workingDirectory != y.workingDirectory, false);
    compare("application", "environment", x.environment != y.environment, false);
    compare("application", "restart_limit", x.restartLimit != y.restartLimit, false);
    compare("application", "restart_window", x.restartWindow != y.restartWindow, false);
    compare("notify", "command", a.notify.command != b.notify.command, false);
    compare("notify", "webhook", a.notify.webhook != b.notify.webhook, false);
    compare("metrics", "listen", a.metrics != b.metrics, true);
    return changes;
}

} // namespace hacmp::agent
