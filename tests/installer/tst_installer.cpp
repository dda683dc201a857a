// The installer end to end, as an operator uses it: the Debian packages built by cpack from this build
// directory, checked by lintian, installed with dpkg, the installed unit checked by systemd-analyze, the
// installed agent and hacmpctl run, then both packages purged without leaving a file behind. It changes
// the machine (packages, the hacmp group), so it runs as root only and alone (RUN_SERIAL).

#include "tests/support/prerequisite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

namespace {

struct Run
{
    int exitCode = -1;
    QString output; ///< stdout and stderr together, as an operator sees them
};

Run run(const QString &program, const QStringList &arguments, int timeoutMs, const QString &directory = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (!directory.isEmpty())
        process.setWorkingDirectory(directory);
    process.start(program, arguments);
    Run result;
    if (!process.waitForStarted(timeoutMs)) {
        result.output = QStringLiteral("%1 did not start: %2").arg(program, process.errorString());
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.output = QStringLiteral("%1 did not finish within %2 ms").arg(program).arg(timeoutMs);
        return result;
    }
    result.output = QString::fromLocal8Bit(process.readAll());
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

QString described(const QString &program, const QStringList &arguments, const Run &result)
{
    return QStringLiteral("%1 %2 exited with %3:\n%4")
        .arg(program, arguments.join(QLatin1Char(' ')))
        .arg(result.exitCode)
        .arg(result.output);
}

const QStringList kPackages { QStringLiteral("hacmp-agent"), QStringLiteral("hacmp-console") };

bool isInstalled(const QString &package)
{
    const Run status
        = run(QStringLiteral("dpkg-query"), { QStringLiteral("-W"), QStringLiteral("-f=${Status}"), package }, 10000);
    return status.exitCode == 0 && status.output.contains(QLatin1String("installed"))
        && !status.output.contains(QLatin1String("not-installed"));
}

} // namespace

class TestInstaller : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cpackBuildsBothPackages();
    void lintianReportsNoErrors();
    void dpkgInstallsBoth();
    void installedUnitVerifies();
    void installedAgentChecksTheDefaultConfig();
    void installedHacmpctlRuns();
    void purgeLeavesNothing();
    void cleanupTestCase();

private:
    QTemporaryDir m_work;
    QStringList m_debs; ///< in the order of kPackages
    bool m_installed = false;
};

void TestInstaller::initTestCase()
{
    if (::geteuid() != 0)
        HACMP_MISSING_PREREQUISITE(QStringLiteral("installs Debian packages: needs root (CI runs as root)"));
    if (QStandardPaths::findExecutable(QStringLiteral("dpkg")).isEmpty())
        HACMP_MISSING_PREREQUISITE(QStringLiteral("needs dpkg (a Debian system)"));
    for (const char *tool : { "dpkg-shlibdeps", "lintian", "systemd-analyze", "file" }) {
        QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
            qPrintable(QStringLiteral("%1 is missing: install dpkg-dev, lintian, systemd and file (bash .ci/setup)")
                           .arg(QString::fromLatin1(tool))));
    }
    for (const QString &package : kPackages) {
        QVERIFY2(!isInstalled(package),
            qPrintable(QStringLiteral("%1 is already installed; this test installs and purges it, so remove it "
                                      "first: dpkg --purge hacmp-agent hacmp-console")
                           .arg(package)));
    }
    QVERIFY(m_work.isValid());
}

void TestInstaller::cpackBuildsBothPackages()
{
    const QString buildDir = QDir::cleanPath(QStringLiteral(HACMP_BIN_DIR "/.."));
    const QString outputDir = m_work.filePath(QStringLiteral("packages"));
    const QStringList arguments { QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), outputDir };
    const Run cpack = run(QStringLiteral(HACMP_CPACK), arguments, 100000, buildDir);
    QVERIFY2(cpack.exitCode == 0, qPrintable(described(QStringLiteral(HACMP_CPACK), arguments, cpack)));
    for (const QString &package : kPackages) {
        const QStringList found = QDir(outputDir).entryList({ package + QStringLiteral("_*.deb") }, QDir::Files);
        QVERIFY2(found.size() == 1,
            qPrintable(QStringLiteral("expected one %1 package in %2, found: %3\n%4")
                           .arg(package, outputDir, found.join(QLatin1Char(' ')), cpack.output)));
        m_debs << QDir(outputDir).filePath(found.constFirst());
    }
}

void TestInstaller::lintianReportsNoErrors()
{
    QCOMPARE(m_debs.size(), kPackages.size());
    const QStringList arguments = QStringList { QStringLiteral("--no-cfg") } + m_debs;
    const Run lintian = run(QStringLiteral("lintian"), arguments, 100000);
    qInfo().noquote() << "lintian:\n" << lintian.output;
    static const QRegularExpression errorLine(QStringLiteral("^E: "), QRegularExpression::MultilineOption);
    QVERIFY2(lintian.exitCode >= 0 && !lintian.output.contains(errorLine),
        qPrintable(described(QStringLiteral("lintian"), arguments, lintian)));
}

void TestInstaller::dpkgInstallsBoth()
{
    QCOMPARE(m_debs.size(), kPackages.size());
    const QStringList arguments = QStringList { QStringLiteral("-i") } + m_debs;
    m_installed = true; // from here on, cleanupTestCase purges whatever got installed
    const Run dpkg = run(QStringLiteral("dpkg"), arguments, 60000);
    QVERIFY2(dpkg.exitCode == 0, qPrintable(described(QStringLiteral("dpkg"), arguments, dpkg)));
    for (const QString &package : kPackages)
        QVERIFY2(isInstalled(package), qPrintable(package));

    // The maintainer scripts' and the packaging's promises.
    QCOMPARE(run(QStringLiteral("getent"), { QStringLiteral("group"), QStringLiteral("hacmp") }, 10000).exitCode, 0);
    const Run conffiles = run(QStringLiteral("dpkg-query"),
        { QStringLiteral("-W"), QStringLiteral("-f=${Conffiles}"), QStringLiteral("hacmp-agent") }, 10000);
    QVERIFY2(conffiles.output.contains(QLatin1String("/etc/hacmp/agent.conf")), qPrintable(conffiles.output));
    // The metrics endpoint is Qt's HTTP server: shlibdeps names its library.
    const Run depends = run(QStringLiteral("dpkg-query"),
        { QStringLiteral("-W"), QStringLiteral("-f=${Depends}"), QStringLiteral("hacmp-agent") }, 10000);
    QVERIFY2(depends.output.contains(QLatin1String("libqt6httpserver6")), qPrintable(depends.output));
    QVERIFY(QFile::exists(QStringLiteral("/usr/share/hacmp/prometheus/hacmp-alerts.yml")));
    QVERIFY(QFile::exists(QStringLiteral("/usr/share/hacmp/prometheus/hacmp-dashboard.json")));
    const QStringList binaries { QStringLiteral("/usr/sbin/hacmp-agent"), QStringLiteral("/usr/bin/hacmpctl"),
        QStringLiteral("/usr/libexec/hacmp/hacmp-guard"), QStringLiteral("/usr/bin/hacmp-console") };
    for (const QString &binary : std::as_const(binaries)) {
        const Run file = run(QStringLiteral("file"), { QStringLiteral("-b"), binary }, 10000);
        QVERIFY2(file.exitCode == 0 && file.output.contains(QLatin1String(", stripped")),
            qPrintable(QStringLiteral("%1 is not an installed, stripped binary: %2").arg(binary, file.output)));
    }
}

void TestInstaller::installedUnitVerifies()
{
    QVERIFY(m_installed);
    const QStringList arguments { QStringLiteral("verify"), QStringLiteral("/lib/systemd/system/hacmp-agent.service") };
    const Run verify = run(QStringLiteral("systemd-analyze"), arguments, 30000);
    // verify exits 0 with warnings too: any line about the unit is a finding.
    QVERIFY2(verify.exitCode == 0 && !verify.output.contains(QLatin1String("hacmp-agent")),
        qPrintable(described(QStringLiteral("systemd-analyze"), arguments, verify)));
}

void TestInstaller::installedAgentChecksTheDefaultConfig()
{
    QVERIFY(m_installed);
    const QString agent = QStringLiteral("/usr/sbin/hacmp-agent");
    const QString installedConfig = QStringLiteral("/etc/hacmp/agent.conf");

    // The untouched default names what is missing.
    const QStringList untouched { QStringLiteral("--check-config"), QStringLiteral("--config"), installedConfig };
    const Run fresh = run(agent, untouched, 30000);
    QVERIFY2(fresh.exitCode == 1 && fresh.output.contains(QLatin1String("[cluster] directory is required"))
            && fresh.output.contains(QLatin1String("[cluster] name is required"))
            && fresh.output.contains(QLatin1String("[application] start is required")),
        qPrintable(described(agent, untouched, fresh)));

    // Filled in with a directory made by hacmpctl init, it passes.
    const QString cluster = m_work.filePath(QStringLiteral("cluster")); // the mount point of the shared storage
    QVERIFY(QDir().mkpath(cluster));
    const QStringList init { QStringLiteral("init"), QStringLiteral("--dir"), cluster, QStringLiteral("--cluster"),
        QStringLiteral("installtest") };
    const Run made = run(QStringLiteral("/usr/bin/hacmpctl"), init, 30000);
    QVERIFY2(made.exitCode == 0, qPrintable(described(QStringLiteral("hacmpctl"), init, made)));

    QFile source(installedConfig);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(source.readAll());
    const QList<std::pair<QString, QString>> fills {
        { QStringLiteral("#directory = /srv/hacmp"), QStringLiteral("directory = ") + cluster },
        { QStringLiteral("#name = mycluster"), QStringLiteral("name = installtest") },
        { QStringLiteral("#start = /opt/myapp/bin/server --port 7000"), QStringLiteral("start = /bin/sleep 600") },
    };
    for (const auto &[example, value] : fills) {
        QVERIFY2(text.count(example) == 1, qPrintable(QStringLiteral("%1 not once in the default").arg(example)));
        text.replace(example, value);
    }
    const QString configDir = m_work.filePath(QStringLiteral("etc"));
    QVERIFY(QDir().mkpath(configDir));
    QVERIFY(QFile::setPermissions(configDir,
        QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther
            | QFile::ExeOther));
    QFile filled(QDir(configDir).filePath(QStringLiteral("agent.conf")));
    QVERIFY(filled.open(QIODevice::WriteOnly));
    QVERIFY(filled.write(text.toUtf8()) > 0);
    filled.close();

    const QStringList check { QStringLiteral("--check-config"), QStringLiteral("--config"), filled.fileName() };
    const Run checked = run(agent, check, 30000);
    QVERIFY2(checked.exitCode == 0 && checked.output.contains(QLatin1String("is valid")),
        qPrintable(described(agent, check, checked)));
}

void TestInstaller::installedHacmpctlRuns()
{
    QVERIFY(m_installed);
    const Run help = run(QStringLiteral("/usr/bin/hacmpctl"), { QStringLiteral("--help") }, 30000);
    QVERIFY2(help.exitCode == 0 && help.output.contains(QLatin1String("init")),
        qPrintable(described(QStringLiteral("hacmpctl"), { QStringLiteral("--help") }, help)));
}

void TestInstaller::purgeLeavesNothing()
{
    QVERIFY(m_installed);
    QStringList files;
    for (const QString &package : kPackages) {
        const Run listed = run(QStringLiteral("dpkg"), { QStringLiteral("-L"), package }, 10000);
        QCOMPARE(listed.exitCode, 0);
        files += listed.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    const QStringList arguments = QStringList { QStringLiteral("--purge") } + kPackages;
    const Run purge = run(QStringLiteral("dpkg"), arguments, 60000);
    m_installed = false;
    QVERIFY2(purge.exitCode == 0, qPrintable(described(QStringLiteral("dpkg"), arguments, purge)));

    QStringList left;
    for (const QString &path : std::as_const(files)) {
        const QFileInfo info(path);
        // Shared folders such as /usr/share/doc stay; every file and every folder of ours goes.
        if (info.exists() && (!info.isDir() || path.contains(QLatin1String("hacmp"))))
            left << path;
    }
    for (const QString &path : { QStringLiteral("/etc/hacmp"), QStringLiteral("/var/lib/hacmp") }) {
        if (QFileInfo::exists(path))
            left << path;
    }
    QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("left after purge: ") + left.join(QLatin1Char(' '))));
    for (const QString &package : kPackages)
        QVERIFY2(!isInstalled(package), qPrintable(package));
}

void TestInstaller::cleanupTestCase()
{
    // A failure in the middle must not leave the packages on the machine for the other tests.
    if (m_installed)
        run(QStringLiteral("dpkg"), QStringList { QStringLiteral("--purge") } + kPackages, 60000);
}

QTEST_GUILESS_MAIN(TestInstaller)

#include "tests/support/prerequisite.h"
#include "tst_installer.moc"
