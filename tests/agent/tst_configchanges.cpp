// What a reload (SIGHUP) may apply to a running agent and what needs a restart, key by key.
#include "agent/daemon/configchanges.h"

#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

namespace {

const char kBase[] = R"([cluster]
directory = /mnt/ha
name = prod
[node]
name = alpha
priority = 100
state_directory = /var/lib/hacmp
[timing]
interval = 250ms
io_timeout = 500ms
failover_timeout = 2s
renew_limit = 1s
stop_grace = 500ms
[application]
start = /usr/bin/server
restart_limit = 3
[notify]
command = /usr/bin/page
[metrics]
listen = 127.0.0.1:9631
)";

AgentConfig parsed(const QByteArray &text)
{
    const Result<AgentConfig> config = AgentConfig::parse(text, QStringLiteral("agent.conf"));
    if (!config)
        qFatal("test configuration rejected: %s", qPrintable(config.error()));
    return config.value();
}

} // namespace

class TestConfigChanges final : public QObject
{
    Q_OBJECT

private slots:
    void classifiesEachKey_data();
    void classifiesEachKey();
    void etcdKeysNeedARestartButElectionTimeout();
};

void TestConfigChanges::classifiesEachKey_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QStringList>("applied");
    QTest::addColumn<QStringList>("needRestart");
    const auto row
        = [](const char *name, const char *from, const char *to, QStringList applied, QStringList needRestart) {
              QTest::newRow(name) << QByteArray(from) << QByteArray(to) << applied << needRestart;
          };
    row("nothing", "priority = 100", "priority = 100", {}, {});
    row("priority", "priority = 100", "priority = 200", { QStringLiteral("[node] priority") }, {});
    row("interval", "interval = 250ms", "interval = 200ms", {}, { QStringLiteral("[timing] interval") });
    row("renew_limit", "renew_limit = 1s", "renew_limit = 900ms", {}, { QStringLiteral("[timing] renew_limit") });
    row("stop_grace", "stop_grace = 500ms", "stop_grace = 400ms", {}, { QStringLiteral("[timing] stop_grace") });
    row("node name", "name = alpha", "name = beta", {}, { QStringLiteral("[node] name") });
    row("directory", "directory = /mnt/ha", "directory = /mnt/other", {}, { QStringLiteral("[cluster] directory") });
    row("state directory", "state_directory = /var/lib/hacmp", "state_directory = /var/lib/other", {},
        { QStringLiteral("[node] state_directory") });
    row("start command", "start = /usr/bin/server", "start = /usr/bin/server --fast",
        { QStringLiteral("[application] start") }, {});
    row("restart budget", "restart_limit = 3", "restart_limit = 5", { QStringLiteral("[application] restart_limit") },
        {});
    row("notify", "command = /usr/bin/page", "command = /usr/bin/mail", { QStringLiteral("[notify] command") }, {});
    row("metrics", "listen = 127.0.0.1:9631", "listen = 0.0.0.0:9631", {}, { QStringLiteral("[metrics] listen") });
}

void TestConfigChanges::classifiesEachKey()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QStringList, applied);
    QFETCH(QStringList, needRestart);
    const QByteArray base(kBase);
    QVERIFY(base.contains(from));
    const ConfigChanges changes = ConfigChanges::between(parsed(base), parsed(QByteArray(base).replace(from, to)));
    QCOMPARE(changes.applied, applied);
    QCOMPARE(changes.needRestart, needRestart);
    QCOMPARE(changes.empty(), applied.isEmpty() && needRestart.isEmpty());
}

void TestConfigChanges::etcdKeysNeedARestartButElectionTimeout()
{
    // The etcd rule (io_timeout >= election_timeout + 500 ms) needs a longer io_timeout than kBase's.
    QByteArray directory(kBase);
    directory.replace("interval = 250ms\nio_timeout = 500ms\nfailover_timeout = 2s\nrenew_limit = 1s",
        "interval = 250ms\nio_timeout = 1s\nfailover_timeout = 4s\nrenew_limit = 2s");
    QByteArray etcd = QByteArray(directory).replace(
        "directory = /mnt/ha", "backend = etcd\nendpoints = https://10.0.1.5:2379\nelection_timeout = 500ms");
    ConfigChanges changes = ConfigChanges::between(parsed(directory), parsed(etcd));
    QCOMPARE(changes.needRestart,
        QStringList({ QStringLiteral("[cluster] backend"), QStringLiteral("[cluster] directory"),
            QStringLiteral("[cluster] endpoints"), QStringLiteral("[cluster] prefix") }));
    QCOMPARE(changes.applied, QStringList { QStringLiteral("[cluster] election_timeout") });

    // election_timeout only feeds the check at start and reload: a reload takes it.
    changes = ConfigChanges::between(
        parsed(etcd), parsed(QByteArray(etcd).replace("election_timeout = 500ms", "election_timeout = 400ms")));
    QVERIFY(changes.needRestart.isEmpty());
    QCOMPARE(changes.applied, QStringList { QStringLiteral("[cluster] election_timeout") });
}

QTEST_GUILESS_MAIN(TestConfigChanges)
#include "tst_configchanges.moc"
