// The agent's configuration (shared/config/agentconfig.h), read on top of the INI reader and the command-line
// splitter. Invariants: a configuration is accepted only when it is valid INI and holds what an agent cannot
// run without: an absolute cluster directory (or, with backend = etcd, http or https endpoints, a key prefix
// between slashes and an io_timeout that covers election_timeout + 500 ms), a cluster and a node name, a
// start command and valid timing.
#include "tests/fuzz/fuzzsupport.h"

#include "shared/config/agentconfig.h"
#include "shared/config/inifile.h"

using namespace hacmp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text = fuzz::bytesOf(data, size).toByteArray();
    const QString path = QStringLiteral("/etc/hacmp/agent.conf");
    // The override keeps the result independent of this machine's host name.
    const Result<AgentConfig> config = AgentConfig::parse(text, path, QStringLiteral("alpha"));
    if (!config) {
        FUZZ_CHECK(!config.error().isEmpty());
        return 0;
    }
    FUZZ_CHECK(IniFile::parse(text, path));
    if (config->cluster.usesEtcd()) {
        FUZZ_CHECK(config->cluster.directory.isEmpty());
        FUZZ_CHECK(!config->cluster.etcd.endpoints.isEmpty());
        for (const QString &endpoint : config->cluster.etcd.endpoints)
            FUZZ_CHECK(endpoint.startsWith(QLatin1String("http://")) || endpoint.startsWith(QLatin1String("https://")));
        FUZZ_CHECK(config->cluster.etcd.prefix.startsWith(QLatin1Char('/')));
        FUZZ_CHECK(config->cluster.etcd.prefix.endsWith(QLatin1Char('/')));
        FUZZ_CHECK(config->cluster.etcd.certFile.isEmpty() == config->cluster.etcd.keyFile.isEmpty());
        FUZZ_CHECK(config->cluster.etcd.user.isEmpty() == config->cluster.etcd.passwordFile.isEmpty());
        FUZZ_CHECK(config->cluster.etcd.electionTimeout.count() > 0);
        FUZZ_CHECK(config->timing.ioTimeout >= config->cluster.etcd.electionTimeout + AgentConfig::kEtcdElectionMargin);
    } else {
        FUZZ_CHECK(config->cluster.directory.startsWith(QLatin1Char('/')));
        FUZZ_CHECK(config->cluster.etcd.endpoints.isEmpty());
    }
    FUZZ_CHECK(!config->cluster.name.isEmpty());
    FUZZ_CHECK(config->node.name == QLatin1String("alpha"));
    FUZZ_CHECK(!config->application.start.isEmpty());
    FUZZ_CHECK(config->timing.validate());
    return 0;
}
