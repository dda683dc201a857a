#include "gui/consoleoptions.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using namespace hacmp::console;

/// The console's command line: --dir, the cluster (a directory or etcd) and timing of an agent.conf,
/// --screenshot, and errors
/// that name what is wrong.
class TestConsoleOptions final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dirWithoutConfigUsesTheDefaultTiming();
    void configGivesDirectoryAndTiming();
    void dirOverridesTheConfigsDirectory();
    void brokenDefaultConfigIsAWarning();
    void brokenGivenConfigIsAnError();
    void etcdConfigGivesTheEtcdCluster();
    void tabChoosesTheFirstTab();
    void badArguments_data();
    void badArguments();

private:
    QString writeConfig(const QString &name, const QByteArray &text);
    QStringList arguments(std::initializer_list<QString> rest) const;

    QTemporaryDir m_temp;
};

void TestConsoleOptions::initTestCase()
{
    QVERIFY(m_temp.isValid());
}

QString TestConsoleOptions::writeConfig(const QString &name, const QByteArray &text)
{
    const QString path = m_temp.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return QString();
    return path;
}

QStringList TestConsoleOptions::arguments(std::initializer_list<QString> rest) const
{
    QStringList list { QStringLiteral("hacmp-console") };
    for (const QString &argument : rest)
        list.append(argument);
    return list;
}

void TestConsoleOptions::dirWithoutConfigUsesTheDefaultTiming()
{
    const Result<ConsoleOptions> options
        = ConsoleOptions::parse(arguments({ QStringLiteral("--dir"), QStringLiteral("/mnt/ha") }),
            m_temp.filePath(QStringLiteral("none.conf")));
    QVERIFY2(options.ok(), qPrintable(options.error()));
    QCOMPARE(options->cluster.directoryPath(), QStringLiteral("/mnt/ha"));
    QCOMPARE(options->timing, Timing::defaults());
    QVERIFY(options->configUsed.isEmpty());
    QVERIFY(options->screenshot.isEmpty());
}

void TestConsoleOptions::configGivesDirectoryAndTiming()
{
    const QString config = writeConfig(QStringLiteral("agent.conf"),
        "[cluster]\ndirectory = /mnt/ha/prod\nname = prod\n[node]\nname = alpha\n[timing]\ninterval = 250ms\n"
        "io_timeout = 500ms\nfailover_timeout = 2s\nrenew_limit = 1s\nstop_grace = 500ms\n[application]\n"
        "start = /usr/bin/app\n");
    const Result<ConsoleOptions> options = ConsoleOptions::parse(arguments({}), config);
    QVERIFY2(options.ok(), qPrintable(options.error()));
    QCOMPARE(options->cluster.directoryPath(), QStringLiteral("/mnt/ha/prod"));
    QCOMPARE(options->timing, Timing::fast());
    QCOMPARE(options->configUsed, config);

    const Result<ConsoleOptions> given = ConsoleOptions::parse(
        arguments({ QStringLiteral("--config"), config, QStringLiteral("--screenshot"), QStringLiteral("x.png") }),
        m_temp.filePath(QStringLiteral("none.conf")));
    QVERIFY2(given.ok(), qPrintable(given.error()));
    QCOMPARE(given->cluster.directoryPath(), QStringLiteral("/mnt/ha/prod"));
    QCOMPARE(given->screenshot, QStringLiteral("x.png"));
}

void TestConsoleOptions::dirOverridesTheConfigsDirectory()
{
    const QString config = writeConfig(QStringLiteral("other.conf"),
        "[cluster]\ndirectory = /mnt/ha/prod\nname = prod\n[node]\nname = alpha\n[application]\nstart = /bin/app\n");
    const Result<ConsoleOptions> options
        = ConsoleOptions::parse(arguments({ QStringLiteral("--dir"), QStringLiteral("/mnt/ha/test") }), config);
    QVERIFY2(options.ok(), qPrintable(options.error()));
    QCOMPARE(options->cluster.directoryPath(), QStringLiteral("/mnt/ha/test"));
}

void TestConsoleOptions::brokenDefaultConfigIsAWarning()
{
    const QString config = writeConfig(QStringLiteral("broken.conf"), "[cluster]\nbogus = 1\n");
    const Result<ConsoleOptions> options
        = ConsoleOptions::parse(arguments({ QStringLiteral("--dir"), QStringLiteral("/mnt/ha") }), config);
    QVERIFY2(options.ok(), qPrintable(options.error()));
    QCOMPARE(options->warnings.size(), 1);
    QVERIFY(options->warnings[0].contains(config));
    QCOMPARE(options->timing, Timing::defaults());
}

void TestConsoleOptions::brokenGivenConfigIsAnError()
{
    const QString config = writeConfig(QStringLiteral("broken2.conf"), "[cluster]\nbogus = 1\n");
    const Result<ConsoleOptions> options = ConsoleOptions::parse(
        arguments({ QStringLiteral("--config"), config }), m_temp.filePath(QStringLiteral("none.conf")));
    QVERIFY(!options.ok());
    QVERIFY2(options.error().contains(config), qPrintable(options.error()));
}

void TestConsoleOptions::etcdConfigGivesTheEtcdCluster()
{
    const QString config = writeConfig(QStringLiteral("etcd.conf"),
        "[cluster]\nbackend = etcd\nendpoints = https://10.0.1.5:2379, https://10.0.2.5:2379\nname = prod\n"
        "[node]\nname = alpha\n[application]\nstart = /usr/bin/app\n");
    const Result<ConsoleOptions> given = ConsoleOptions::parse(
        arguments({ QStringLiteral("--config"), config }), m_temp.filePath(QStringLiteral("none.conf")));
    QVERIFY2(given.ok(), qPrintable(given.error()));
    QVERIFY(given->cluster.usesEtcd());
    QVERIFY(given->cluster.directoryPath().isEmpty());
    QCOMPARE(given->cluster.describe(), QStringLiteral("etcd://10.0.1.5:2379,10.0.2.5:2379/hacmp/prod/"));
    QCOMPARE(given->cluster.cluster().name, QStringLiteral("prod"));
    QCOMPARE(given->configUsed, config);

    // --dir names a directory instead; the configuration's timing stays.
    const Result<ConsoleOptions> dir
        = ConsoleOptions::parse(arguments({ QStringLiteral("--dir"), QStringLiteral("/mnt/ha") }), config);
    QVERIFY2(dir.ok(), qPrintable(dir.error()));
    QVERIFY(dir->warnings.isEmpty());
    QVERIFY(!dir->cluster.usesEtcd());
    QCOMPARE(dir->cluster.describe(), QStringLiteral("/mnt/ha"));
}

void TestConsoleOptions::tabChoosesTheFirstTab()
{
    const QString none = m_temp.filePath(QStringLiteral("none.conf"));
    QCOMPARE(ConsoleOptions::parse(arguments({}), none)->tab, 0);
    QCOMPARE(ConsoleOptions::parse(arguments({ QStringLiteral("--tab"), QStringLiteral("timeline") }), none)->tab, 2);
    QCOMPARE(ConsoleOptions::parse(arguments({ QStringLiteral("--tab=failovers") }), none)->tab, 1);
}

void TestConsoleOptions::badArguments_data()
{
    QTest::addColumn<QStringList>("given");
    QTest::addColumn<QString>("named");
    QTest::newRow("unknown option") << QStringList { QStringLiteral("--frobnicate") } << QStringLiteral("frobnicate");
    QTest::newRow("missing value") << QStringList { QStringLiteral("--dir") } << QStringLiteral("dir");
    QTest::newRow("positional") << QStringList { QStringLiteral("/mnt/ha") } << QStringLiteral("--dir DIR");
    QTest::newRow("unknown tab") << QStringList { QStringLiteral("--tab=nodes") } << QStringLiteral("timeline");
    QTest::newRow("empty dir") << QStringList {
        QStringLiteral("--dir="),
    } << QStringLiteral("--dir");
}

void TestConsoleOptions::badArguments()
{
    QFETCH(QStringList, given);
    QFETCH(QString, named);
    const Result<ConsoleOptions> options = ConsoleOptions::parse(
        QStringList { QStringLiteral("hacmp-console") } + given, m_temp.filePath(QStringLiteral("none.conf")));
    QVERIFY(!options.ok());
    QVERIFY2(options.error().contains(named), qPrintable(options.error()));
}

QTEST_MAIN(TestConsoleOptions)
#include "tst_consoleoptions.moc"
