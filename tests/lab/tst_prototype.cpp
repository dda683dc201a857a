// The original prototype in the lab: its script read from the seed document and configured for one host
// (PrototypeScript), and the host's daemon, maintenance and cluster folder (PrototypeImplementation).

#include "tests/lab/prototypeimplementation.h"
#include "tests/lab/prototypescript.h"
#include "tests/support/prerequisite.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using hacmp::lab::LabCommand;
using hacmp::lab::PrototypeImplementation;
using hacmp::lab::PrototypeScript;
using hacmp::lab::PrototypeSettings;

namespace {

const QString kDocument = QStringLiteral("Some prose about the prototype.\r\n"
                                         "#!/bin/bash\r\n"
                                         "pgrepProgramName='app'\r\n"
                                         "startCmd='./app'\r\n"
                                         "startCmdLogFile='./app.log'\r\n"
                                         "maintenanceFile='./maintenance'\r\n"
                                         "heartBeatDir='heartbeat'\r\n"
                                         "faileOverTime=10\r\n"
                                         "loopTime=3\r\n"
                                         "while [ 1 ]\r\n"
                                         "do\r\n"
                                         "sleep 30\r\n"
                                         "for f in a; do echo $f\r\n"
                                         "done\r\n"
                                         "sleep $loopTime\r\n"
                                         "done\r\n"
                                         "More prose after the script.\r\n");

PrototypeSettings settings(const QString &ledger = QStringLiteral("/lab/h1/app+1.ledger"))
{
    return { { QStringLiteral("/bin/hacmp-testapp"), QStringLiteral("--lock"), QStringLiteral("/lab/lock"),
                 QStringLiteral("--ledger"), ledger },
        QStringLiteral("/lab/h1/shared"), QStringLiteral("/lab/h1") };
}

/// Whether the extended regular expression matches the whole text, as pgrep -f would see it.
bool egrepMatches(const QString &pattern, const QString &text)
{
    QProcess grep;
    grep.start(QStringLiteral("grep"), { QStringLiteral("-qxE"), QStringLiteral("--"), pattern });
    grep.write(text.toUtf8() + '\n');
    grep.closeWriteChannel();
    return grep.waitForFinished(10000) && grep.exitCode() == 0;
}

} // namespace

class TestPrototype : public QObject
{
    Q_OBJECT

private slots:
    void extractsTheScriptBetweenShebangAndLastDone()
    {
        const hacmp::Result<PrototypeScript> script = PrototypeScript::extract(kDocument, QStringLiteral("doc.txt"));
        QVERIFY2(script, qPrintable(script.error()));
        QVERIFY(script->text().startsWith(QLatin1String("#!/bin/bash\npgrepProgramName='app'\n")));
        QVERIFY(script->text().endsWith(QLatin1String("sleep $loopTime\ndone\n")));
        QVERIFY(!script->text().contains(QLatin1String("prose")));
        QVERIFY(!script->text().contains(QLatin1Char('\r')));
    }

    void refusesDocumentsWithoutAScript_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("error");
        QTest::newRow("no shebang") << QStringLiteral("just prose\ndone\n")
                                    << QStringLiteral("doc.txt has no line \"#!/bin/bash\"");
        QTest::newRow("no done") << QStringLiteral("#!/bin/bash\nwhile true; do :; done # inline\n")
                                 << QStringLiteral("the prototype script in doc.txt has no line \"done\"");
    }

    void refusesDocumentsWithoutAScript()
    {
        QFETCH(QString, document);
        QFETCH(QString, error);
        const hacmp::Result<PrototypeScript> script = PrototypeScript::extract(document, QStringLiteral("doc.txt"));
        QVERIFY(!script);
        QVERIFY2(script.error().startsWith(error), qPrintable(script.error()));
    }

    void adaptsConfigurationAndTime()
    {
        const hacmp::Result<PrototypeScript> script = PrototypeScript::extract(kDocument, QStringLiteral("doc.txt"));
        QVERIFY(script);
        const hacmp::Result<QString> adapted = script->adapted(settings());
        QVERIFY2(adapted, qPrintable(adapted.error()));
        const QStringList lines = adapted->split(QLatin1Char('\n'));
        QCOMPARE(lines.mid(1, 7),
            QStringList({
                QStringLiteral(
                    "pgrepProgramName='/bin/hacmp-testapp --lock /lab/lock --ledger /lab/h1/app\\+1\\.ledger'"),
                QStringLiteral("startCmd='/bin/hacmp-testapp --lock /lab/lock --ledger /lab/h1/app+1.ledger'"),
                QStringLiteral("startCmdLogFile='/lab/h1/application.log'"),
                QStringLiteral("maintenanceFile='/lab/h1/shared/maintenance'"),
                QStringLiteral("heartBeatDir='/lab/h1/shared/heartbeat'"),
                QStringLiteral("faileOverTime=3"),
                QStringLiteral("loopTime=1"),
            }));
        QVERIFY(lines.contains(QStringLiteral("sleep 10.0")));
        QVERIFY(lines.contains(QStringLiteral("sleep $loopTime")));
        QVERIFY(!adapted->contains(QLatin1String("sleep 30")));
    }

    void pgrepPatternFindsOnlyThisHostsApplication()
    {
        const hacmp::Result<PrototypeScript> script = PrototypeScript::extract(kDocument, QStringLiteral("doc.txt"));
        QVERIFY(script);
        const QString line = script->adapted(settings())->split(QLatin1Char('\n')).at(1);
        const QString pattern = line.section(QLatin1Char('\''), 1, 1);
        QVERIFY(egrepMatches(pattern, settings().application.join(QLatin1Char(' '))));
        QVERIFY(!egrepMatches(pattern, settings(QStringLiteral("/lab/h1/appp1.ledger")).application.join(u' ')));
        QVERIFY(!egrepMatches(pattern, settings(QStringLiteral("/lab/h2/app+1.ledger")).application.join(u' ')));
    }

    void refusesWordsTheScriptWouldSplit_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("space") << QStringLiteral("/lab/my ledger");
        QTest::newRow("glob") << QStringLiteral("/lab/*.ledger");
        QTest::newRow("quote") << QStringLiteral("/lab/it's");
        QTest::newRow("variable") << QStringLiteral("$HOME/ledger");
    }

    void refusesWordsTheScriptWouldSplit()
    {
        QFETCH(QString, word);
        const hacmp::Result<PrototypeScript> script = PrototypeScript::extract(kDocument, QStringLiteral("doc.txt"));
        QVERIFY(script);
        const hacmp::Result<QString> adapted = script->adapted(settings(word));
        QVERIFY(!adapted);
        QVERIFY2(adapted.error().contains(QString(u'"' + word + u'"')), qPrintable(adapted.error()));
        PrototypeSettings badFolder = settings();
        badFolder.sharedDirectory = word;
        QVERIFY(!script->adapted(badFolder));
    }

    void refusesAScriptWithoutItsVariable()
    {
        QString document = kDocument;
        document.remove(QStringLiteral("loopTime=3\r\n"));
        const hacmp::Result<PrototypeScript> script = PrototypeScript::extract(document, QStringLiteral("doc.txt"));
        QVERIFY(script);
        const hacmp::Result<QString> adapted = script->adapted(settings());
        QVERIFY(!adapted);
        QCOMPARE(adapted.error(),
            QStringLiteral("the prototype script in doc.txt sets loopTime on 0 lines instead of one; adapt "
                           "PrototypeScript::adapted to the new script"));
    }

    void seedScriptAdaptsToValidBash()
    {
        const hacmp::Result<PrototypeScript> script = PrototypeScript::fromSeed();
        if (!script)
            HACMP_MISSING_PREREQUISITE(script.error());
        QVERIFY(script->text().startsWith(QLatin1String("#!/bin/bash\n")));
        const hacmp::Result<QString> adapted = script->adapted(settings());
        QVERIFY2(adapted, qPrintable(adapted.error()));
        QVERIFY(adapted->contains(QLatin1String("\nsleep 1.7\n")));
        QVERIFY(adapted->contains(QLatin1String("\nsleep 10.0\n")));
        QProcess bash;
        bash.start(QStringLiteral("bash"), { QStringLiteral("-n") });
        bash.write(adapted->toUtf8());
        bash.closeWriteChannel();
        QVERIFY(bash.waitForFinished(10000));
        QVERIFY2(bash.exitCode() == 0, bash.readAllStandardError().constData());
    }

    void missingSeedSkipsThePrototype()
    {
        QTemporaryDir temp;
        const QString folder = temp.filePath(QStringLiteral("seed"));
        const hacmp::Result<PrototypeScript> missing = PrototypeScript::fromSeed(folder);
        QVERIFY(!missing);
        QVERIFY2(missing.error().startsWith(QStringLiteral("no seed folder ") + folder), qPrintable(missing.error()));
        QVERIFY(QDir().mkpath(folder));
        QFile unrelated(folder + QStringLiteral("/notes.txt"));
        QVERIFY(unrelated.open(QIODevice::WriteOnly));
        unrelated.write("#!/bin/bash\necho not the prototype\n");
        unrelated.close();
        const hacmp::Result<PrototypeScript> none = PrototypeScript::fromSeed(folder);
        QVERIFY(!none);
        QVERIFY2(none.error().startsWith(QStringLiteral("no document in ") + folder), qPrintable(none.error()));

        // The lab skips the prototype's scenarios with this reason; nothing it would run can start.
        PrototypeImplementation prototype(folder);
        QCOMPARE(prototype.unavailable(), none.error());
        QCOMPARE(prototype.prepareCluster(temp.filePath(QStringLiteral("shared"))).error(), none.error());
        hacmp::lab::LabHostSetup setup;
        setup.application = settings().application;
        QCOMPARE(prototype.daemon(setup).error(), none.error());
    }

    void hostDaemonAndMaintenance()
    {
        PrototypeImplementation prototype;
        if (!prototype.unavailable().isEmpty())
            HACMP_MISSING_PREREQUISITE(prototype.unavailable());
        QTemporaryDir temp;
        const QString shared = temp.filePath(QStringLiteral("shared"));
        QVERIFY(prototype.prepareCluster(shared));
        QVERIFY(QDir(PrototypeScript::heartbeatDirectory(shared)).exists());

        hacmp::lab::LabHostSetup setup;
        setup.node = QStringLiteral("h1");
        setup.sharedDirectory = temp.filePath(QStringLiteral("view"));
        setup.hostDirectory = temp.path();
        setup.application = settings().application;
        const hacmp::Result<LabCommand> daemon = prototype.daemon(setup);
        QVERIFY2(daemon, qPrintable(daemon.error()));
        const QString scriptPath = temp.filePath(QStringLiteral("heartbeat.sh"));
        QCOMPARE(daemon->arguments, QStringList({ QStringLiteral("/bin/bash"), scriptPath }));
        QCOMPARE(daemon->environment, QStringList({ QStringLiteral("HACMP_NODE=h1") }));
        QFile script(scriptPath);
        QVERIFY(script.open(QIODevice::ReadOnly));
        const QByteArray heartbeats = "\nheartBeatDir='" + QFile::encodeName(setup.sharedDirectory) + "/heartbeat'\n";
        QVERIFY(script.readAll().contains(heartbeats));

        const QString maintenance = PrototypeScript::maintenancePath(shared);
        QVERIFY(prototype.setMaintenance(shared, true));
        QVERIFY(QFile::exists(maintenance));
        QVERIFY(prototype.setMaintenance(shared, false));
        QVERIFY(!QFile::exists(maintenance));
        QVERIFY(prototype.setMaintenance(shared, false));
        const hacmp::Status unwritable = prototype.setMaintenance(temp.filePath(QStringLiteral("none")), true);
        QVERIFY(!unwritable);
        QVERIFY2(unwritable.error().contains(temp.filePath(QStringLiteral("none/maintenance"))),
            qPrintable(unwritable.error()));
    }
};

QTEST_GUILESS_MAIN(TestPrototype)
#include "tst_prototype.moc"
