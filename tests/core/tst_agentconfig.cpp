#include "shared/config/agentconfig.h"
#include "shared/config/nodename.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;

namespace {

const QString kPath = QStringLiteral("/etc/hacmp/agent.conf");

// The smallest valid configuration; tests set or add single keys in it.
QStringList minimalLines()
{
    return {
        QStringLiteral("# minimal"), // 1
        QStringLiteral("[cluster]"), // 2
        QStringLiteral("directory = /mnt/ha/prod"), // 3
        QStringLiteral("name = prod"), // 4
        QString(), // 5
        QStringLiteral("[node]"), // 6
        QStringLiteral("name = alpha"), // 7
        QString(), // 8
        QStringLiteral("[timing]"), // 9
        QString(), // 10
        QStringLiteral("[application]"), // 11
        QStringLiteral("start = /usr/bin/app --run"), // 12
        QString(), // 13
        QStringLiteral("[notify]"), // 14
    };
}

// The minimal configuration with section.key set to value; line receives the key's line number.
QByteArray minimalWith(const QString &section, const QString &key, const QString &value, int *line = nullptr)
{
    QStringList lines = minimalLines();
    qsizetype header = lines.indexOf(QStringLiteral("[%1]").arg(section));
    if (header < 0) { // a section the minimal configuration leaves out
        lines << QString() << QStringLiteral("[%1]").arg(section);
        header = lines.size() - 1;
    }
    qsizetype index = header + 1;
    for (qsizetype i = header + 1; i < lines.size() && !lines.at(i).startsWith(QLatin1Char('[')); ++i) {
        if (lines.at(i).startsWith(key + QLatin1String(" ="))) {
            index = i;
            lines.removeAt(i);
            break;
        }
    }
    lines.insert(index, QStringLiteral("%1 = %2").arg(key, value));
    if (line)
        *line = int(index + 1);
    return lines.join(QLatin1Char('\n')).toUtf8();
}

// The minimal configuration of an etcd cluster: line 3 is the backend, line 4 the endpoints.
QStringList etcdLines()
{
    QStringList lines = minimalLines();
    lines[2] = QStringLiteral("backend = etcd"); // 3
    lines.insert(3, QStringLiteral("endpoints = https://10.0.1.5:2379")); // 4
    return lines;
}

// The minimal etcd configuration with one [cluster] key added (or replaced) after the name; line receives
// its line number.
QByteArray etcdWith(const QString &key, const QString &value, int *line = nullptr)
{
    QStringList lines = etcdLines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).startsWith(key + QLatin1String(" ="))) {
            lines.removeAt(i);
            break;
        }
    }
    const qsizetype index = lines.indexOf(QStringLiteral("name = prod")) + 1;
    lines.insert(index, QStringLiteral("%1 = %2").arg(key, value));
    if (line)
        *line = int(index + 1);
    return lines.join(QLatin1Char('\n')).toUtf8();
}

QByteArray minimal()
{
    return minimalLines().join(QLatin1Char('\n')).toUtf8();
}

const char kFullConfig[] = R"(# hacmp agent configuration, every key set
[cluster]
directory = /mnt/ha/cluster1/
name = prod-db
allow_world_writable = yes

[node]
name = alpha
priority = 200
state_directory = /var/lib/hacmp-test

; the fast profile
[timing]
interval = 250ms
io_timeout = 500ms
failover_timeout = 2s
renew_limit = 1s
stop_grace = 500ms

[application]
start = /usr/bin/my-server --config "/etc/my server/conf.yaml" --name 'a b' --literal \#1
stop = /usr/bin/my-server --stop
check = /usr/bin/curl -fsS http://localhost:8080/health
check_interval = 10s
check_timeout = 3s
detect = "my-server --config"
user = myapp
group = myapp
working_directory = /srv/myapp
environment = LANG=C.UTF-8 GREETING="hello world" EMPTY= PATH=/usr/bin:/bin
restart_limit = 5
restart_window = 30m

[notify]
command = /usr/local/bin/page-oncall --severity high
webhook = https://alerts.example.com/hooks/hacmp

[metrics]
listen = 127.0.0.1:9631
)";

} // namespace

class TestAgentConfig : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryKey();
    void appliesDefaults();
    void badValuesNameFileLineAndKey_data();
    void badValuesNameFileLineAndKey();
    void metricsListenForms_data();
    void metricsListenForms();
    void acceptsBooleanSpellings_data();
    void acceptsBooleanSpellings();
    void rejectsUnknownKey();
    void rejectsUnknownSection();
    void rejectsDuplicateKey();
    void reportsMissingRequiredKeys();
    void reportsAllErrorsTogether();
    void syntaxErrorsDoNotAddRequiredKeyNoise();
    void nodeNameOverride();
    void rejectsInvalidNodeNameOverride();
    void splitsQuotedArguments();
    void parsesEnvironment();
    void timingRulesSurfaceWithTheirName_data();
    void timingRulesSurfaceWithTheirName();
    void rejectsStateDirectoryInsideSharedDirectory();
    void loadsFromFile();
    void loadReportsMissingFile();
    void knowsItsSchema();
    void etcdBackendReadsEveryKey();
    void etcdBackendDefaults();
    void badEtcdValuesNameTheKey_data();
    void badEtcdValuesNameTheKey();
    void keysOfTheOtherBackendAreRejected();
    void etcdBackendRequiresEndpoints();
    void etcdIoTimeoutCoversTheElectionTimeout();
};

void TestAgentConfig::readsEveryKey()
{
    const Result<AgentConfig> result = AgentConfig::parse(QByteArray(kFullConfig), kPath);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    const AgentConfig &config = *result;

    QCOMPARE(config.path, kPath);
    QCOMPARE(config.cluster.directory, QStringLiteral("/mnt/ha/cluster1"));
    QCOMPARE(config.cluster.name, QStringLiteral("prod-db"));
    QCOMPARE(config.cluster.allowWorldWritable, true);

    QCOMPARE(config.node.name, QStringLiteral("alpha"));
    QCOMPARE(config.node.priority, 200);
    QCOMPARE(config.node.stateDirectory, QStringLiteral("/var/lib/hacmp-test"));

    QCOMPARE(config.timing, Timing::fast());

    const AgentConfig::Application &app = config.application;
    QCOMPARE(app.start,
        QStringList({ QStringLiteral("/usr/bin/my-server"), QStringLiteral("--config"),
            QStringLiteral("/etc/my server/conf.yaml"), QStringLiteral("--name"), QStringLiteral("a b"),
            QStringLiteral("--literal"), QStringLiteral("#1") }));
    QCOMPARE(app.stop, QStringList({ QStringLiteral("/usr/bin/my-server"), QStringLiteral("--stop") }));
    QCOMPARE(app.check,
        QStringList({ QStringLiteral("/usr/bin/curl"), QStringLiteral("-fsS"),
            QStringLiteral("http://localhost:8080/health") }));
    QCOMPARE(app.checkInterval, Millis(10000));
    QCOMPARE(app.checkTimeout, Millis(3000));
    QCOMPARE(app.detect, QStringLiteral("my-server --config"));
    QCOMPARE(app.user, QStringLiteral("myapp"));
    QCOMPARE(app.group, QStringLiteral("myapp"));
    QCOMPARE(app.workingDirectory, QStringLiteral("/srv/myapp"));
    QCOMPARE(app.environment,
        QStringList({ QStringLiteral("LANG=C.UTF-8"), QStringLiteral("GREETING=hello world"), QStringLiteral("EMPTY="),
            QStringLiteral("PATH=/usr/bin:/bin") }));
    QCOMPARE(app.restartLimit, 5);
    QCOMPARE(app.restartWindow, Millis(30 * 60 * 1000));

    QCOMPARE(config.notify.command,
        QStringList(
            { QStringLiteral("/usr/local/bin/page-oncall"), QStringLiteral("--severity"), QStringLiteral("high") }));
    QCOMPARE(config.notify.webhook, QUrl(QStringLiteral("https://alerts.example.com/hooks/hacmp")));
    QCOMPARE(config.metrics.address, QStringLiteral("127.0.0.1"));
    QCOMPARE(config.metrics.port, quint16(9631));
    QCOMPARE(config.metrics.listen(), QStringLiteral("127.0.0.1:9631"));
}

void TestAgentConfig::appliesDefaults()
{
    // Without [node] name the host name is used; skip that part where the host name is not a valid node name.
    QByteArray text = minimal();
    text.replace("name = alpha\n", "");
    const QString host = AgentConfig::hostNodeName();
    const Result<AgentConfig> result = AgentConfig::parse(text, kPath);
    if (!isValidNodeName(host)) {
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(QLatin1String("set [node] name")), qPrintable(result.error()));
        QSKIP("the host name does not give a valid node name");
    }
    QVERIFY2(result.ok(), qPrintable(result.error()));
    const AgentConfig &config = *result;

    QVERIFY(!host.contains(QLatin1Char('.')));
    QCOMPARE(config.node.name, host);
    QCOMPARE(config.cluster.allowWorldWritable, false);
    QCOMPARE(config.node.priority, 100);
    QCOMPARE(config.node.stateDirectory, QStringLiteral("/var/lib/hacmp"));
    QCOMPARE(config.timing, Timing::defaults());
    QCOMPARE(config.timing.interval, Millis(1000));
    QCOMPARE(config.timing.ioTimeout, Millis(2000));
    QCOMPARE(config.timing.failoverTimeout, Millis(10000));
    QCOMPARE(config.timing.renewLimit, Millis(5000));
    QCOMPARE(config.timing.stopGrace, Millis(3000));
    QVERIFY(config.application.stop.isEmpty());
    QVERIFY(config.application.check.isEmpty());
    QCOMPARE(config.application.checkInterval, Millis(5000));
    QCOMPARE(config.application.checkTimeout, Millis(5000));
    QVERIFY(config.application.detect.isEmpty());
    QVERIFY(config.application.user.isEmpty());
    QVERIFY(config.application.group.isEmpty());
    QVERIFY(config.application.workingDirectory.isEmpty());
    QVERIFY(config.application.environment.isEmpty());
    QCOMPARE(config.application.restartLimit, 3);
    QCOMPARE(config.application.restartWindow, Millis(10 * 60 * 1000));
    QVERIFY(config.notify.command.isEmpty());
    QVERIFY(config.notify.webhook.isEmpty());
    QVERIFY(!config.metrics.enabled());
}

void TestAgentConfig::badValuesNameFileLineAndKey_data()
{
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // part of the message that says what is wrong or expected

    auto row = [](const char *section, const char *key, const char *value, const char *expected) {
        QTest::addRow("%s.%s=%s", section, key, value) << QString::fromUtf8(section) << QString::fromUtf8(key)
                                                       << QString::fromUtf8(value) << QString::fromUtf8(expected);
    };
    row("cluster", "directory", "mnt/ha", "absolute path");
    row("cluster", "directory", "", "is empty");
    row("cluster", "directory", "\"/mnt/ha", "one quoted string");
    row("cluster", "name", "-prod", "not a valid cluster name");
    row("cluster", "name", "prod cluster", "not a valid cluster name");
    row("cluster", "name", "", "not a valid cluster name");
    row("cluster", "allow_world_writable", "maybe", "true, false, yes, no, on, off, 1 or 0");
    row("cluster", "backend", "zookeeper", "directory (a shared directory, the default) or etcd");
    row("node", "name", "alpha beta", "not valid");
    row("node", "name", "a/b", "not valid");
    row("node", "priority", "high", "whole number from 0 to 1000000");
    row("node", "priority", "-1", "out of range");
    row("node", "priority", "1000001", "out of range");
    row("node", "priority", "99999999999", "0 to 1000000");
    row("node", "state_directory", "var/lib/hacmp", "absolute path");
    row("timing", "interval", "1", "unit is missing");
    row("timing", "interval", "0s", "greater than zero");
    row("timing", "io_timeout", "fast", "not a valid duration");
    row("timing", "failover_timeout", "-10s", "negative");
    row("timing", "renew_limit", "5x", "unknown unit");
    row("timing", "stop_grace", "1.0005s", "whole number of milliseconds");
    row("application", "start", "/usr/bin/app \"--unterminated", "unterminated double quote");
    row("application", "start", "", "is empty");
    row("application", "stop", "/usr/bin/app 'oops", "unterminated single quote");
    row("application", "check", "/usr/bin/check \\", "lone backslash");
    row("application", "check_interval", "0ms", "greater than zero");
    row("application", "check_timeout", "abc", "not a valid duration");
    row("application", "detect", "\"unbalanced", "one quoted string");
    row("application", "detect", "server (unclosed", "is not a valid regular expression");
    row("application", "user", "my user", "not a valid user name");
    row("application", "group", "wheel:x", "not a valid group name");
    row("application", "working_directory", "srv/app", "absolute path");
    row("application", "environment", "1KEY=x", "has an invalid entry");
    row("application", "environment", "NOEQUALS", "has an invalid entry");
    row("application", "environment", "A-B=1", "has an invalid entry");
    row("application", "environment", "A=1 B=2 A=3", "sets variable A twice");
    row("application", "environment", "A=\"x", "unterminated double quote");
    row("application", "restart_limit", "1001", "whole number from 0 to 1000");
    row("application", "restart_limit", "three", "not a whole number");
    row("application", "restart_window", "10", "unit is missing");
    row("notify", "command", "\"/usr/bin/page", "unterminated double quote");
    row("notify", "webhook", "ftp://example.com/hook", "http or https URL");
    row("notify", "webhook", "not a url", "http or https URL");
    row("notify", "webhook", "https://", "http or https URL");
    row("metrics", "listen", "9631", "not an IP address and port");
    row("metrics", "listen", "localhost:9631", "not an IP address and port");
    row("metrics", "listen", "::1:9631", "such as 127.0.0.1:9631 or [::1]:9631");
    row("metrics", "listen", "127.0.0.1", "not an IP address and port");
    row("metrics", "listen", "127.0.0.1:0", "no port between 1 and 65535");
    row("metrics", "listen", "127.0.0.1:65536", "no port between 1 and 65535");
    row("metrics", "listen", "127.0.0.1:http", "no port between 1 and 65535");
}

void TestAgentConfig::metricsListenForms_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::newRow("IPv4") << QStringLiteral("127.0.0.1:9631") << QStringLiteral("127.0.0.1") << 9631;
    QTest::newRow("every interface") << QStringLiteral("0.0.0.0:9100") << QStringLiteral("0.0.0.0") << 9100;
    QTest::newRow("IPv6") << QStringLiteral("[::1]:9631") << QStringLiteral("::1") << 9631;
    QTest::newRow("IPv6 any") << QStringLiteral("[::]:1") << QStringLiteral("::") << 1;
}

void TestAgentConfig::metricsListenForms()
{
    QFETCH(QString, value);
    QFETCH(QString, address);
    QFETCH(int, port);
    const Result<AgentConfig> result
        = AgentConfig::parse(minimalWith(QStringLiteral("metrics"), QStringLiteral("listen"), value), kPath);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result.value().metrics.address, address);
    QCOMPARE(int(result.value().metrics.port), port);
    QCOMPARE(result.value().metrics.listen(), value);
}

void TestAgentConfig::badValuesNameFileLineAndKey()
{
    QFETCH(QString, section);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);

    int line = 0;
    const Result<AgentConfig> result = AgentConfig::parse(minimalWith(section, key, value, &line), kPath);
    QVERIFY(!result.ok());
    const QString message = result.error();
    const QString where = QStringLiteral("%1:%2: [%3] %4").arg(kPath).arg(line).arg(section, key);
    QVERIFY2(message.startsWith(where), qPrintable(QStringLiteral("expected '%1' in: %2").arg(where, message)));
    QVERIFY2(message.contains(expected), qPrintable(message));
    if (!value.isEmpty())
        QVERIFY2(message.contains(value), qPrintable(message));
    // One mistake gives one message, without follow-up errors (such as a timing rule on a rejected value).
    QCOMPARE(message.count(QLatin1Char('\n')), 0);
}

void TestAgentConfig::acceptsBooleanSpellings_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("expected");

    QTest::newRow("true") << QStringLiteral("true") << true;
    QTest::newRow("TRUE") << QStringLiteral("TRUE") << true;
    QTest::newRow("yes") << QStringLiteral("yes") << true;
    QTest::newRow("on") << QStringLiteral("on") << true;
    QTest::newRow("1") << QStringLiteral("1") << true;
    QTest::newRow("false") << QStringLiteral("false") << false;
    QTest::newRow("No") << QStringLiteral("No") << false;
    QTest::newRow("off") << QStringLiteral("off") << false;
    QTest::newRow("0") << QStringLiteral("0") << false;
}

void TestAgentConfig::acceptsBooleanSpellings()
{
    QFETCH(QString, value);
    QFETCH(bool, expected);

    const Result<AgentConfig> result = AgentConfig::parse(
        minimalWith(QStringLiteral("cluster"), QStringLiteral("allow_world_writable"), value), kPath);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->cluster.allowWorldWritable, expected);
}

void TestAgentConfig::rejectsUnknownKey()
{
    int line = 0;
    const Result<AgentConfig> result = AgentConfig::parse(
        minimalWith(QStringLiteral("timing"), QStringLiteral("intervall"), QStringLiteral("1s"), &line), kPath);
    QVERIFY(!result.ok());
    QCOMPARE(result.error(),
        QStringLiteral("%1:%2: unknown key [timing] intervall (did you mean interval?); known keys: interval, "
                       "io_timeout, failover_timeout, renew_limit, stop_grace")
            .arg(kPath)
            .arg(line));
}

void TestAgentConfig::rejectsUnknownSection()
{
    QByteArray text = minimal();
    text.append("\n[timng]\ninterval = 1s\n");
    const Result<AgentConfig> result = AgentConfig::parse(text, kPath);
    QVERIFY(!result.ok());
    QVERIFY2(
        result.error().startsWith(QStringLiteral("%1:15: unknown section [timng] (did you mean timing?)").arg(kPath)),
        qPrintable(result.error()));
    QVERIFY(result.error().contains(QLatin1String("known sections: cluster, node, timing, application, notify")));
    // The keys inside an unknown section are not reported one by one.
    QCOMPARE(result.error().count(QLatin1Char('\n')), 0);
}

void TestAgentConfig::rejectsDuplicateKey()
{
    QByteArray text = minimal();
    text.replace("[timing]\n", "[timing]\ninterval = 1s\ninterval = 2s\n");
    const Result<AgentConfig> result = AgentConfig::parse(text, kPath);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(
                 QStringLiteral("%1:11: duplicate key [timing] interval (first set on line 10)").arg(kPath)),
        qPrintable(result.error()));
}

void TestAgentConfig::reportsMissingRequiredKeys()
{
    const QByteArray text = "[cluster]\n[node]\nname = alpha\n";
    const Result<AgentConfig> result = AgentConfig::parse(text, kPath);
    QVERIFY(!result.ok());
    const QStringList errors = result.error().split(QLatin1Char('\n'));
    QCOMPARE(errors.size(), 3);
    QVERIFY2(errors.at(0).startsWith(QStringLiteral("%1:1: [cluster] directory is required").arg(kPath)),
        qPrintable(errors.at(0)));
    QVERIFY2(errors.at(1).startsWith(QStringLiteral("%1:1: [cluster] name is required").arg(kPath)),
        qPrintable(errors.at(1)));
    QVERIFY2(errors.at(2).startsWith(QStringLiteral("%1: [application] start is required").arg(kPath)),
        qPrintable(errors.at(2)));
    QVERIFY2(errors.at(2).contains(QLatin1String("under a new [application] section")), qPrintable(errors.at(2)));
}

void TestAgentConfig::reportsAllErrorsTogether()
{
    QByteArray text = minimal();
    text.replace("[timing]\n", "[timing]\ninterval = soon\n");
    text.replace("name = alpha\n", "name = alpha\npriority = max\n");
    text.append("\nwebhook = gopher://x\n");
    const Result<AgentConfig> result = AgentConfig::parse(text, kPath);
    QVERIFY(!result.ok());
    const QStringList errors = result.error().split(QLatin1Char('\n'));
    QCOMPARE(errors.size(), 3);
    QVERIFY2(errors.at(0).startsWith(QStringLiteral("%1:8: [node] priority").arg(kPath)), qPrintable(errors.at(0)));
    QVERIFY2(errors.at(1).startsWith(QStringLiteral("%1:11: [timing] interval").arg(kPath)), qPrintable(errors.at(1)));
    QVERIFY2(errors.at(2).startsWith(QStringLiteral("%1:17: [notify] webhook").arg(kPath)), qPrintable(errors.at(2)));
}

void TestAgentConfig::syntaxErrorsDoNotAddRequiredKeyNoise()
{
    QByteArray text = minimal();
    text.replace("start = /usr/bin/app --run", "start /usr/bin/app --run");
    text.replace("[timing]\n", "[timing]\nstop_grace = never\n");
    const Result<AgentConfig> result = AgentConfig::parse(text, kPath);
    QVERIFY(!result.ok());
    const QStringList errors = result.error().split(QLatin1Char('\n'));
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors.at(0).startsWith(QStringLiteral("%1:13: malformed line").arg(kPath)), qPrintable(errors.at(0)));
    QVERIFY2(
        errors.at(1).startsWith(QStringLiteral("%1:10: [timing] stop_grace").arg(kPath)), qPrintable(errors.at(1)));
}

void TestAgentConfig::nodeNameOverride()
{
    const Result<AgentConfig> result = AgentConfig::parse(minimal(), kPath, QStringLiteral("beta-2"));
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->node.name, QStringLiteral("beta-2"));

    // The override also wins over a [node] name that would be invalid.
    const Result<AgentConfig> overInvalid
        = AgentConfig::parse(minimalWith(QStringLiteral("node"), QStringLiteral("name"), QStringLiteral("not valid")),
            kPath, QStringLiteral("gamma"));
    QVERIFY2(overInvalid.ok(), qPrintable(overInvalid.error()));
    QCOMPARE(overInvalid->node.name, QStringLiteral("gamma"));

    const Result<AgentConfig> without = AgentConfig::parse(minimal(), kPath);
    QVERIFY2(without.ok(), qPrintable(without.error()));
    QCOMPARE(without->node.name, QStringLiteral("alpha"));
}

void TestAgentConfig::rejectsInvalidNodeNameOverride()
{
    const Result<AgentConfig> result = AgentConfig::parse(minimal(), kPath, QStringLiteral("../etc"));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(QLatin1String("command line")), qPrintable(result.error()));
    QVERIFY2(result.error().contains(QLatin1String("../etc")), qPrintable(result.error()));
}

void TestAgentConfig::splitsQuotedArguments()
{
    const Result<AgentConfig> result = AgentConfig::parse(
        minimalWith(QStringLiteral("application"), QStringLiteral("start"),
            QStringLiteral("\"/opt/my app/bin/run\" --title \"say \\\"hi\\\"\" 'it''s' a\\ b C:\\\\x")),
        kPath);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->application.start,
        QStringList({ QStringLiteral("/opt/my app/bin/run"), QStringLiteral("--title"), QStringLiteral("say \"hi\""),
            QStringLiteral("its"), QStringLiteral("a b"), QStringLiteral("C:\\x") }));
}

void TestAgentConfig::parsesEnvironment()
{
    const Result<AgentConfig> result = AgentConfig::parse(
        minimalWith(QStringLiteral("application"), QStringLiteral("environment"),
            QStringLiteral("  _X=1   JAVA_OPTS=\"-Xmx1g -Dname=a b\" URL='http://h/?a=1&b=2'  EQ=a=b ")),
        kPath);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->application.environment,
        QStringList({ QStringLiteral("_X=1"), QStringLiteral("JAVA_OPTS=-Xmx1g -Dname=a b"),
            QStringLiteral("URL=http://h/?a=1&b=2"), QStringLiteral("EQ=a=b") }));

    const Result<AgentConfig> empty = AgentConfig::parse(
        minimalWith(QStringLiteral("application"), QStringLiteral("environment"), QString()), kPath);
    QVERIFY2(empty.ok(), qPrintable(empty.error()));
    QVERIFY(empty->application.environment.isEmpty());
}

void TestAgentConfig::timingRulesSurfaceWithTheirName_data()
{
    QTest::addColumn<QByteArray>("timing");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("advice");

    QTest::newRow("T1: edge profile with long stop_grace")
        << QByteArray("interval = 1s\nio_timeout = 0.5s\nfailover_timeout = 6s\nrenew_limit = 5.5s\nstop_grace = 3s\n")
        << QStringLiteral("T1") << QStringLiteral("raise failover_timeout or lower renew_limit");
    QTest::newRow("T2: renew_limit above failover_timeout") << QByteArray(
        "renew_limit = 20s\n") << QStringLiteral("T2") << QStringLiteral("raise failover_timeout or lower renew_limit");
    QTest::newRow("T2: renew_limit too short for interval + io_timeout")
        << QByteArray("io_timeout = 4s\n") << QStringLiteral("T2") << QStringLiteral("raise renew_limit");
}

void TestAgentConfig::timingRulesSurfaceWithTheirName()
{
    QFETCH(QByteArray, timing);
    QFETCH(QString, rule);
    QFETCH(QString, advice);

    QByteArray text = minimal();
    text.replace(QByteArray("[timing]\n"), QByteArray(QByteArray("[timing]\n") + timing));
    const Result<AgentConfig> result = AgentConfig::parse(text, kPath);
    QVERIFY(!result.ok());
    QVERIFY2(
        result.error().startsWith(QStringLiteral("%1:9: %2 violated").arg(kPath, rule)), qPrintable(result.error()));
    QVERIFY2(result.error().contains(advice), qPrintable(result.error()));
}

void TestAgentConfig::rejectsStateDirectoryInsideSharedDirectory()
{
    int line = 0;
    const Result<AgentConfig> result
        = AgentConfig::parse(minimalWith(QStringLiteral("node"), QStringLiteral("state_directory"),
                                 QStringLiteral("/mnt/ha/prod/state"), &line),
            kPath);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().startsWith(QStringLiteral("%1:%2: [node] state_directory").arg(kPath).arg(line)),
        qPrintable(result.error()));
    QVERIFY(result.error().contains(QLatin1String("local to this host")));

    const Result<AgentConfig> sibling = AgentConfig::parse(
        minimalWith(QStringLiteral("node"), QStringLiteral("state_directory"), QStringLiteral("/mnt/ha/prod-state")),
        kPath);
    QVERIFY2(sibling.ok(), qPrintable(sibling.error()));
}

void TestAgentConfig::loadsFromFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("agent.conf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kFullConfig);
    file.close();

    const Result<AgentConfig> result = AgentConfig::load(path, QStringLiteral("delta"));
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->path, path);
    QCOMPARE(result->node.name, QStringLiteral("delta"));
    QCOMPARE(result->cluster.name, QStringLiteral("prod-db"));

    QVERIFY(file.open(QIODevice::Append));
    file.write("[notify]\n");
    file.write("oops\n");
    file.close();
    const Result<AgentConfig> broken = AgentConfig::load(path);
    QVERIFY(!broken.ok());
    QVERIFY2(broken.error().contains(path + QLatin1String(":41: malformed line")), qPrintable(broken.error()));
}

void TestAgentConfig::loadReportsMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing.conf"));
    const Result<AgentConfig> result = AgentConfig::load(path);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(path), qPrintable(result.error()));
}

void TestAgentConfig::knowsItsSchema()
{
    QCOMPARE(AgentConfig::knownSections(),
        QStringList({ QStringLiteral("cluster"), QStringLiteral("node"), QStringLiteral("timing"),
            QStringLiteral("application"), QStringLiteral("notify"), QStringLiteral("metrics") }));
    QCOMPARE(AgentConfig::knownKeys(QStringLiteral("notify")),
        QStringList({ QStringLiteral("command"), QStringLiteral("webhook") }));
    QVERIFY(AgentConfig::knownKeys(QStringLiteral("nope")).isEmpty());
}

void TestAgentConfig::etcdBackendReadsEveryKey()
{
    QStringList lines = etcdLines();
    lines[3] = QStringLiteral("endpoints = HTTPS://10.0.1.5:2379, https://10.0.2.5:2379   http://[fd00::3]:2379");
    lines.insert(5,
        QStringLiteral(
            "prefix = /ha/prod-1/\nca_file = /etc/hacmp/etcd/ca.pem\ncert_file = /etc/hacmp/etcd/client.pem\n"
            "key_file = /etc/hacmp/etcd/client.key\nuser = hacmp\npassword_file = /etc/hacmp/etcd/password"));
    const Result<AgentConfig> result = AgentConfig::parse(lines.join(QLatin1Char('\n')).toUtf8(), kPath);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    const AgentConfig::Cluster &cluster = result->cluster;
    QCOMPARE(cluster.backend, AgentConfig::Cluster::Backend::Etcd);
    QVERIFY(cluster.directory.isEmpty());
    QCOMPARE(cluster.name, QStringLiteral("prod"));
    QCOMPARE(cluster.etcd.endpoints,
        QStringList({ QStringLiteral("https://10.0.1.5:2379"), QStringLiteral("https://10.0.2.5:2379"),
            QStringLiteral("http://[fd00::3]:2379") }));
    QCOMPARE(cluster.etcd.prefix, QStringLiteral("/ha/prod-1/"));
    QCOMPARE(cluster.etcd.caFile, QStringLiteral("/etc/hacmp/etcd/ca.pem"));
    QCOMPARE(cluster.etcd.certFile, QStringLiteral("/etc/hacmp/etcd/client.pem"));
    QCOMPARE(cluster.etcd.keyFile, QStringLiteral("/etc/hacmp/etcd/client.key"));
    QCOMPARE(cluster.etcd.user, QStringLiteral("hacmp"));
    QCOMPARE(cluster.etcd.passwordFile, QStringLiteral("/etc/hacmp/etcd/password"));
}

void TestAgentConfig::etcdBackendDefaults()
{
    const Result<AgentConfig> directory = AgentConfig::parse(minimal(), kPath);
    QVERIFY2(directory.ok(), qPrintable(directory.error()));
    QCOMPARE(directory->cluster.backend, AgentConfig::Cluster::Backend::Directory);
    QVERIFY(directory->cluster.etcd.endpoints.isEmpty());

    const Result<AgentConfig> explicitDirectory = AgentConfig::parse(
        minimalWith(QStringLiteral("cluster"), QStringLiteral("backend"), QStringLiteral("directory")), kPath);
    QVERIFY2(explicitDirectory.ok(), qPrintable(explicitDirectory.error()));
    QCOMPARE(explicitDirectory->cluster.directory, QStringLiteral("/mnt/ha/prod"));

    const Result<AgentConfig> etcd = AgentConfig::parse(etcdLines().join(QLatin1Char('\n')).toUtf8(), kPath);
    QVERIFY2(etcd.ok(), qPrintable(etcd.error()));
    QCOMPARE(etcd->cluster.etcd.prefix, QStringLiteral("/hacmp/prod/"));
    QCOMPARE(etcd->cluster.backend, AgentConfig::Cluster::Backend::Etcd);
    QVERIFY(etcd->cluster.etcd.caFile.isEmpty());
    QVERIFY(etcd->cluster.etcd.user.isEmpty());
}

void TestAgentConfig::badEtcdValuesNameTheKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    auto row = [](const char *key, const char *value, const char *expected) {
        QTest::addRow("%s=%s", key, value)
            << QString::fromUtf8(key) << QString::fromUtf8(value) << QString::fromUtf8(expected);
    };
    row("endpoints", "10.0.1.5:2379", "not an http:// or https:// URL");
    row("endpoints", "https://10.0.1.5:2379 ftp://10.0.2.5:2379", "has ftp://10.0.2.5:2379 that is not");
    row("endpoints", "https://10.0.1.5:2379/v3", "without a path");
    row("endpoints", "https://a:2379 https://a:2379", "names a member twice");
    row("endpoints", "https://a:2379 HTTPS://a:2379", "names a member twice");
    row("endpoints", "", "is empty");
    row("endpoints", " , ", "is empty");
    row("prefix", "hacmp/prod/", "starts and ends with \"/\"");
    row("prefix", "/hacmp/prod", "such as /hacmp/prod/");
    row("prefix", "/hacmp//prod/", "is not a key prefix");
    row("ca_file", "ca.pem", "absolute path of a PEM file");
    row("cert_file", "/etc/hacmp/client.pem", "without key_file");
    row("key_file", "/etc/hacmp/client.key", "without cert_file");
    row("user", "hacmp", "without password_file");
    row("user", "\"two words\"", "not an etcd user name");
    row("password_file", "/etc/hacmp/etcd.password", "without user");
    row("password_file", "password", "readable by root only");
    row("election_timeout", "0s", "is not greater than zero");
    row("election_timeout", "soon", "election_timeout");
}

void TestAgentConfig::badEtcdValuesNameTheKey()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    int line = 0;
    const Result<AgentConfig> result = AgentConfig::parse(etcdWith(key, value, &line), kPath);
    QVERIFY(!result.ok());
    const QString message = result.error();
    const QString where = QStringLiteral("%1:%2: [cluster] %3").arg(kPath).arg(line).arg(key);
    QVERIFY2(message.startsWith(where), qPrintable(QStringLiteral("expected '%1' in: %2").arg(where, message)));
    QVERIFY2(message.contains(expected), qPrintable(message));
    QCOMPARE(message.count(QLatin1Char('\n')), 0);
}

void TestAgentConfig::keysOfTheOtherBackendAreRejected()
{
    int line = 0;
    Result<AgentConfig> result
        = AgentConfig::parse(etcdWith(QStringLiteral("directory"), QStringLiteral("/mnt/ha"), &line), kPath);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().startsWith(
                 QStringLiteral("%1:%2: [cluster] directory: is only for backend = directory").arg(kPath).arg(line)),
        qPrintable(result.error()));
    result = AgentConfig::parse(etcdWith(QStringLiteral("allow_world_writable"), QStringLiteral("true"), &line), kPath);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(QLatin1String("[cluster] allow_world_writable: is only for backend = directory")),
        qPrintable(result.error()));

    result = AgentConfig::parse(minimalWith(QStringLiteral("cluster"), QStringLiteral("endpoints"),
                                    QStringLiteral("https://10.0.1.5:2379"), &line),
        kPath);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().startsWith(
                 QStringLiteral("%1:%2: [cluster] endpoints: is only for backend = etcd; add backend = etcd")
                     .arg(kPath)
                     .arg(line)),
        qPrintable(result.error()));
    result = AgentConfig::parse(
        minimalWith(QStringLiteral("cluster"), QStringLiteral("password_file"), QStringLiteral("/p")), kPath);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(QLatin1String("[cluster] password_file: is only for backend = etcd")),
        qPrintable(result.error()));
}

void TestAgentConfig::etcdBackendRequiresEndpoints()
{
    QStringList lines = etcdLines();
    lines.removeAt(3);
    const Result<AgentConfig> result = AgentConfig::parse(lines.join(QLatin1Char('\n')).toUtf8(), kPath);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().startsWith(QStringLiteral("%1:2: [cluster] endpoints is required").arg(kPath)),
        qPrintable(result.error()));
    // ... and not the directory.
    QVERIFY2(!result.error().contains(QLatin1String("directory")), qPrintable(result.error()));
}

void TestAgentConfig::etcdIoTimeoutCoversTheElectionTimeout()
{
    // The default io_timeout (2 s) covers the default election_timeout (1 s) + 500 ms.
    const Result<AgentConfig> defaults = AgentConfig::parse(etcdLines().join(QLatin1Char('\n')).toUtf8(), kPath);
    QVERIFY2(defaults.ok(), qPrintable(defaults.error()));
    QCOMPARE(defaults->cluster.etcd.electionTimeout, Millis(1000));

    // io_timeout 1400 ms < 1 s + 500 ms: refused, at the io_timeout line, naming both keys.
    QStringList lines = etcdLines();
    const qsizetype timing = lines.indexOf(QStringLiteral("[timing]"));
    lines.insert(timing + 1, QStringLiteral("io_timeout = 1400ms"));
    const int ioLine = int(timing + 2);
    Result<AgentConfig> result = AgentConfig::parse(lines.join(QLatin1Char('\n')).toUtf8(), kPath);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().startsWith(QStringLiteral("%1:%2: [timing] io_timeout").arg(kPath).arg(ioLine)),
        qPrintable(result.error()));
    QVERIFY2(result.error().contains(QLatin1String("[cluster] election_timeout (1s)")), qPrintable(result.error()));
    QVERIFY2(result.error().contains(QLatin1String("at least 1.5s")), qPrintable(result.error()));

    // Exactly on the bound is enough; a shorter etcd election allows a shorter io_timeout.
    lines[timing + 1] = QStringLiteral("io_timeout = 1500ms");
    result = AgentConfig::parse(lines.join(QLatin1Char('\n')).toUtf8(), kPath);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    lines[timing + 1] = QStringLiteral("io_timeout = 800ms");
    lines.insert(lines.indexOf(QStringLiteral("name = prod")) + 1, QStringLiteral("election_timeout = 300ms"));
    result = AgentConfig::parse(lines.join(QLatin1Char('\n')).toUtf8(), kPath);
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->cluster.etcd.electionTimeout, Millis(300));

    // The key belongs to the etcd backend only.
    result = AgentConfig::parse(
        minimalWith(QStringLiteral("cluster"), QStringLiteral("election_timeout"), QStringLiteral("1s")), kPath);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(QLatin1String("[cluster] election_timeout: is only for backend = etcd")),
        qPrintable(result.error()));
}

QTEST_GUILESS_MAIN(TestAgentConfig)
#include "tst_agentconfig.moc"
