// What the agent refuses beyond a valid configuration: a configuration file (or its folder) others than
// root may change, when it runs as root; a world-writable cluster directory, unless allowed.
#include "agent/daemon/configsafety.h"
#include "tests/support/prerequisite.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace hacmp;
using namespace hacmp::agent;

class TestConfigSafety final : public QObject
{
    Q_OBJECT

private slots:
    void configFileMustBeRootsAlone_data();
    void configFileMustBeRootsAlone();
    void worldWritableClusterDirectory_data();
    void worldWritableClusterDirectory();
    void etcdBackendHasNoDirectoryToCheck();
};

void TestConfigSafety::configFileMustBeRootsAlone_data()
{
    QTest::addColumn<int>("fileMode");
    QTest::addColumn<int>("folderMode");
    QTest::addColumn<int>("owner"); // -1: leave it
    QTest::addColumn<QString>("problem"); // empty: accepted
    QTest::newRow("0644 in 0755") << 0644 << 0755 << -1 << QString();
    QTest::newRow("0600 in 0700") << 0600 << 0700 << -1 << QString();
    QTest::newRow("world-writable file") << 0666 << 0755 << -1 << QStringLiteral("chmod go-w");
    QTest::newRow("world-writable folder") << 0644 << 0777 << -1 << QStringLiteral("The folder of the configuration");
    QTest::newRow("owned by another user") << 0644 << 0755 << 1234 << QStringLiteral("owned by uid 1234");
}

void TestConfigSafety::configFileMustBeRootsAlone()
{
    QFETCH(int, fileMode);
    QFETCH(int, folderMode);
    QFETCH(int, owner);
    QFETCH(QString, problem);
    if (::geteuid() != 0)
        HACMP_MISSING_PREREQUISITE(QStringLiteral("the agent checks ownership by root only when it runs as root"));
    QTemporaryDir temp;
    const QString folder = temp.path() + QStringLiteral("/etc");
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/agent.conf");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(fileMode)), 0);
    QCOMPARE(::chmod(QFile::encodeName(folder).constData(), mode_t(folderMode)), 0);
    if (owner >= 0)
        QCOMPARE(::chown(QFile::encodeName(path).constData(), uid_t(owner), gid_t(-1)), 0);
    const QStringList problems = ConfigSafety::checkConfigFile(path, true);
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        return;
    }
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(problem), qPrintable(problems.first()));
    QVERIFY2(problems.first().contains(owner >= 0 || fileMode == 0666 ? path : folder), qPrintable(problems.first()));
    QVERIFY(ConfigSafety::checkConfigFile(path, false).isEmpty()); // not root: not the agent's concern
}

void TestConfigSafety::worldWritableClusterDirectory_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("02775") << 02775 << false << true;
    QTest::newRow("0777") << 0777 << false << false;
    QTest::newRow("01777, sticky does not help") << 01777 << false << false;
    QTest::newRow("0777 allowed") << 0777 << true << true;
}

void TestConfigSafety::worldWritableClusterDirectory()
{
    QFETCH(int, mode);
    QFETCH(bool, allowed);
    QFETCH(bool, accepted);
    QTemporaryDir temp;
    AgentConfig config;
    config.path = temp.path() + QStringLiteral("/agent.conf");
    config.cluster.directory = temp.path() + QStringLiteral("/shared");
    config.cluster.allowWorldWritable = allowed;
    QVERIFY(QDir().mkpath(config.cluster.directory));
    QCOMPARE(::chmod(QFile::encodeName(config.cluster.directory).constData(), mode_t(mode)), 0);
    const QStringList problems = ConfigSafety::checkClusterDirectory(config);
    QCOMPARE(problems.isEmpty(), accepted);
    if (!accepted) {
        QVERIFY2(problems.first().contains(QLatin1String("allow_world_writable")), qPrintable(problems.first()));
        QVERIFY2(problems.first().contains(config.cluster.directory), qPrintable(problems.first()));
    }
    QCOMPARE(ConfigSafety::check(config, false, Millis(2000)).ok(), accepted);

    config.cluster.directory = temp.path() + QStringLiteral("/missing");
    const QStringList missing = ConfigSafety::checkClusterDirectory(config);
    QCOMPARE(missing.size(), 1);
    QVERIFY2(missing.first().contains(QLatin1String("mounted")), qPrintable(missing.first()));
}

void TestConfigSafety::etcdBackendHasNoDirectoryToCheck()
{
    AgentConfig config;
    config.path = QStringLiteral("/etc/hacmp/agent.conf");
    config.cluster.backend = AgentConfig::Cluster::Backend::Etcd;
    config.cluster.etcd.endpoints = { QStringLiteral("https://10.0.1.5:2379") };
    // No path is stat()ed (an empty one would fail): etcd's TLS and users guard its keys.
    QVERIFY(ConfigSafety::checkClusterDirectory(config).isEmpty());
    const Status status = ConfigSafety::check(config, false, Millis(2000));
    QVERIFY2(status.ok(), qPrintable(status.error()));
}

QTEST_GUILESS_MAIN(TestConfigSafety)
#include "tst_configsafety.moc"
