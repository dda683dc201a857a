#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#ifndef HACMPCTL_PATH
#error "HACMPCTL_PATH must name the built hacmpctl (tests/CMakeLists.txt)"
#endif

namespace {

struct CtlRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

CtlRun runCtl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(HACMPCTL_PATH), arguments);
    CtlRun run;
    if (!process.waitForFinished(10000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("hacmpctl did not finish normally: ") + process.errorString();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

QString describe(const CtlRun &run)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(run.exitCode).arg(run.out, run.err);
}

mode_t modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return info.st_mode;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

/// `hacmpctl init` and the command-line frame, run as the real binary.
class TestCtlInit final : public QObject
{
    Q_OBJECT

private slots:
    void initCreatesTheLayout();
    void initAgainWithTheSameNameAddsOnlyWhatIsMissing();
    void initWithAnotherNameFailsNamingBoth();
    void initOfAMissingDirectoryFails();
    void initRejectsInvalidClusterNames_data();
    void initRejectsInvalidClusterNames();
    void initOfAnUnparsableClusterFileFails();
    void initNeedsBothOptions();
    void initOfAnEtcdClusterNeedsItsOptions();
    void unknownCommandListsTheCommands();
    void missingCommandIsAUsageError();
    void helpListsTheCommands();
    void initHelpShowsTheOptions();
    void versionPrintsTheVersion();
};

void TestCtlInit::initCreatesTheLayout()
{
    QTemporaryDir temp;
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const CtlRun run = runCtl({ QStringLiteral("init"), QStringLiteral("--dir"), temp.path(),
        QStringLiteral("--cluster"), QStringLiteral("prod-1") });
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.err.isEmpty(), qPrintable(describe(run)));

    const QJsonObject identity = QJsonDocument::fromJson(contents(temp.path() + QStringLiteral("/cluster"))).object();
    QCOMPARE(identity.value(QLatin1String("format")).toInt(), 1);
    QCOMPARE(identity.value(QLatin1String("cluster")).toString(), QStringLiteral("prod-1"));
    const QDateTime created
        = QDateTime::fromString(identity.value(QLatin1String("created")).toString(), Qt::ISODateWithMs);
    QVERIFY(created.isValid());
    QCOMPARE(created.timeSpec(), Qt::UTC);
    QVERIFY(created >= before && created <= QDateTime::currentDateTimeUtc().addSecs(1));

    for (const QString &folder : { QStringLiteral("nodes"), QStringLiteral("standby"), QStringLiteral("history"),
             QStringLiteral("clear"), QStringLiteral("app") }) {
        const mode_t mode = modeOf(temp.path() + QLatin1Char('/') + folder);
        QVERIFY2(S_ISDIR(mode), qPrintable(folder));
        QCOMPARE(mode & 07777, mode_t(02775));
        QVERIFY2(run.out.contains(temp.path() + QLatin1Char('/') + folder), qPrintable(describe(run)));
    }
    QVERIFY2(run.out.contains(temp.path() + QStringLiteral("/cluster")), qPrintable(describe(run)));
    QCOMPARE(QDir(temp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
        QStringList({ QStringLiteral("app"), QStringLiteral("clear"), QStringLiteral("cluster"),
            QStringLiteral("history"), QStringLiteral("nodes"), QStringLiteral("standby") }));
}

void TestCtlInit::initAgainWithTheSameNameAddsOnlyWhatIsMissing()
{
    QTemporaryDir temp;
    const QStringList arguments { QStringLiteral("init"), QStringLiteral("--dir"), temp.path(),
        QStringLiteral("--cluster"), QStringLiteral("prod") };
    QCOMPARE(runCtl(arguments).exitCode, 0);
    const QByteArray identity = contents(temp.path() + QStringLiteral("/cluster"));
    QVERIFY(QDir(temp.path()).rmdir(QStringLiteral("history")));

    const CtlRun again = runCtl(arguments);
    QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
    QVERIFY2(again.out.contains(QStringLiteral("already initialised")), qPrintable(describe(again)));
    QVERIFY2(again.out.contains(temp.path() + QStringLiteral("/history")), qPrintable(describe(again)));
    QVERIFY2(!again.out.contains(temp.path() + QStringLiteral("/nodes")), qPrintable(describe(again)));
    QVERIFY(QFileInfo(temp.path() + QStringLiteral("/history")).isDir());
    QCOMPARE(contents(temp.path() + QStringLiteral("/cluster")), identity);
}

void TestCtlInit::initWithAnotherNameFailsNamingBoth()
{
    QTemporaryDir temp;
    QCOMPARE(runCtl({ QStringLiteral("init"), QStringLiteral("--dir"), temp.path(), QStringLiteral("--cluster"),
                        QStringLiteral("alpha") })
                 .exitCode,
        0);
    const QByteArray identity = contents(temp.path() + QStringLiteral("/cluster"));
    const CtlRun run = runCtl({ QStringLiteral("init"), QStringLiteral("--dir"), temp.path(),
        QStringLiteral("--cluster"), QStringLiteral("beta") });
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QStringLiteral("\"alpha\"")), qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QStringLiteral("\"beta\"")), qPrintable(describe(run)));
    QVERIFY2(run.err.contains(temp.path()), qPrintable(describe(run)));
    QCOMPARE(contents(temp.path() + QStringLiteral("/cluster")), identity);
}

void TestCtlInit::initOfAMissingDirectoryFails()
{
    QTemporaryDir temp;
    const QString missing = temp.path() + QStringLiteral("/not-mounted");
    const CtlRun run = runCtl({ QStringLiteral("init"), QStringLiteral("--dir"), missing, QStringLiteral("--cluster"),
        QStringLiteral("prod") });
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(missing), qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QStringLiteral("create it")), qPrintable(describe(run)));
    QVERIFY(!QFileInfo::exists(missing));
}

void TestCtlInit::initRejectsInvalidClusterNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("leading dash") << QStringLiteral("-prod");
    QTest::newRow("space") << QStringLiteral("my cluster");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("parent") << QStringLiteral("..");
    QTest::newRow("too long") << QString(64, QLatin1Char('a'));
    QTest::newRow("empty") << QString();
}

void TestCtlInit::initRejectsInvalidClusterNames()
{
    QFETCH(QString, name);
    QTemporaryDir temp;
    const CtlRun run
        = runCtl({ QStringLiteral("init"), QStringLiteral("--dir"), temp.path(), QStringLiteral("--cluster"), name });
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QLatin1Char('"') + name + QLatin1Char('"')), qPrintable(describe(run)));
    QVERIFY(QDir(temp.path()).isEmpty());
}

void TestCtlInit::initOfAnUnparsableClusterFileFails()
{
    QTemporaryDir temp;
    {
        QFile file(temp.path() + QStringLiteral("/cluster"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not json");
    }
    const CtlRun run = runCtl({ QStringLiteral("init"), QStringLiteral("--dir"), temp.path(),
        QStringLiteral("--cluster"), QStringLiteral("prod") });
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(temp.path() + QStringLiteral("/cluster")), qPrintable(describe(run)));
    QCOMPARE(contents(temp.path() + QStringLiteral("/cluster")), QByteArray("not json"));
}

void TestCtlInit::initNeedsBothOptions()
{
    QTemporaryDir temp;
    CtlRun run = runCtl({ QStringLiteral("init"), QStringLiteral("--dir"), temp.path() });
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QStringLiteral("--cluster")), qPrintable(describe(run)));
    run = runCtl({ QStringLiteral("init"), QStringLiteral("--cluster"), QStringLiteral("prod") });
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    run = runCtl({ QStringLiteral("init"), QStringLiteral("--bogus") });
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QStringLiteral("bogus")), qPrintable(describe(run)));
    QVERIFY(QDir(temp.path()).isEmpty());
}

void TestCtlInit::initOfAnEtcdClusterNeedsItsOptions()
{
    // Port 1 of the loopback refuses every connection: the etcd call fails at once, naming the endpoint.
    const QString unreachable = QStringLiteral("http://127.0.0.1:1");
    QTemporaryDir temp;
    CtlRun run = runCtl({ QStringLiteral("init"), QStringLiteral("--etcd"), unreachable, QStringLiteral("--dir"),
        temp.path(), QStringLiteral("--cluster"), QStringLiteral("prod") });
    QVERIFY2(
        run.exitCode == 2 && run.err.contains(QStringLiteral("give one of --dir DIR, --etcd ENDPOINTS or --config")),
        qPrintable(describe(run)));
    run = runCtl({ QStringLiteral("init"), QStringLiteral("--dir"), temp.path(), QStringLiteral("--cluster"),
        QStringLiteral("prod"), QStringLiteral("--prefix"), QStringLiteral("/p/") });
    QVERIFY2(
        run.exitCode == 2 && run.err.contains(QStringLiteral("--prefix goes with --etcd")), qPrintable(describe(run)));
    QVERIFY(QDir(temp.path()).isEmpty());
    run = runCtl({ QStringLiteral("init"), QStringLiteral("--etcd"), unreachable });
    QVERIFY2(run.exitCode == 2 && run.err.contains(QStringLiteral("--cluster NAME")), qPrintable(describe(run)));

    run = runCtl({ QStringLiteral("--io-timeout"), QStringLiteral("2"), QStringLiteral("init"),
        QStringLiteral("--etcd"), unreachable, QStringLiteral("--cluster"), QStringLiteral("prod") });
    QVERIFY2(run.exitCode == 1 && run.err.contains(QStringLiteral("127.0.0.1:1")), qPrintable(describe(run)));

    // --config: [cluster] of an agent configuration, its name included.
    const QString config = temp.filePath(QStringLiteral("agent.conf"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[cluster]\nbackend = etcd\nendpoints = http://127.0.0.1:1\nname = prod\n[node]\nname = alpha\n"
               "[application]\nstart = /usr/bin/app\n");
    file.close();
    run = runCtl({ QStringLiteral("init"), QStringLiteral("--config"), config, QStringLiteral("--cluster"),
        QStringLiteral("other") });
    QVERIFY2(run.exitCode == 2 && run.err.contains(QStringLiteral("--cluster comes from [cluster] name")),
        qPrintable(describe(run)));
    run = runCtl({ QStringLiteral("init"), QStringLiteral("--config"), config });
    QVERIFY2(run.exitCode == 1 && run.err.contains(QStringLiteral("127.0.0.1:1")), qPrintable(describe(run)));
}

void TestCtlInit::unknownCommandListsTheCommands()
{
    const CtlRun run = runCtl({ QStringLiteral("frobnicate") });
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QStringLiteral("frobnicate")), qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QStringLiteral("init")), qPrintable(describe(run)));
}

void TestCtlInit::missingCommandIsAUsageError()
{
    const CtlRun run = runCtl({});
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QStringLiteral("init")), qPrintable(describe(run)));
}

void TestCtlInit::helpListsTheCommands()
{
    const CtlRun run = runCtl({ QStringLiteral("--help") });
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QStringLiteral("Usage: hacmpctl")), qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QStringLiteral("  init  ")), qPrintable(describe(run)));
}

void TestCtlInit::initHelpShowsTheOptions()
{
    for (const QStringList &arguments : { QStringList { QStringLiteral("init"), QStringLiteral("--help") },
             QStringList { QStringLiteral("--help"), QStringLiteral("init") } }) {
        const CtlRun run = runCtl(arguments);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("Usage: hacmpctl init")), qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("--dir")), qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("--cluster")), qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("--etcd")), qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("--config")), qPrintable(describe(run)));
    }
}

void TestCtlInit::versionPrintsTheVersion()
{
    const CtlRun run = runCtl({ QStringLiteral("--version") });
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.out.trimmed(), QStringLiteral("hacmpctl " HACMP_VERSION));
}

QTEST_GUILESS_MAIN(TestCtlInit)
#include "tst_ctlinit.moc"
