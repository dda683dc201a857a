#include "tests/support/clusterfixture.h"
#include "tests/support/ctlprocess.h"
#include "tests/support/prerequisite.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using hacmp::test::ClusterFixture;
using hacmp::test::CtlProcess;

namespace {

const QString kCtl = QStringLiteral(HACMP_BIN_DIR "/hacmpctl");
const QString kCompletion = QStringLiteral(HACMP_SOURCE_DIR "/agent/ctl/hacmpctl.bash-completion");
const QString kManPage = QStringLiteral(HACMP_SOURCE_DIR "/agent/ctl/hacmpctl.1");
const QString kSchema = QStringLiteral(HACMP_SOURCE_DIR "/agent/ctl/status.schema.json");

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString singleQuoted(QString word)
{
    return QLatin1Char('\'') + word.replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
}

/// The commands `hacmpctl --help` lists.
QStringList helpCommands()
{
    const CtlProcess run = CtlProcess::run(kCtl, { QStringLiteral("--help") });
    QStringList commands;
    bool inList = false;
    for (const QString &line : run.out.split(QLatin1Char('\n'))) {
        if (line == QLatin1String("Commands:")) {
            inList = true;
            continue;
        }
        if (inList && line.isEmpty())
            break;
        if (inList)
            commands << line.simplified().section(QLatin1Char(' '), 0, 0);
    }
    return commands;
}

} // namespace

/// The documentation around hacmpctl: the bash completion (run in bash, with the two helpers of the
/// bash-completion package stubbed), the man page and the JSON Schema, and that they cover every command.
class TestCtlDocs final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void completion_data();
    void completion();
    void everyCommandIsDocumentedAndCompleted();
    void manPageRendersWithoutWarnings();
    void schemaRequiresEveryProperty();

private:
    /// Runs the completion function for the command line words; its output is the replies, sorted.
    CtlProcess complete(QStringList words) const;

    std::unique_ptr<ClusterFixture> m_cluster;
    QTemporaryDir m_temp;
    QString m_config;
};

void TestCtlDocs::initTestCase()
{
    QVERIFY2(QFileInfo::exists(kCtl), qPrintable(kCtl));
    m_cluster = std::make_unique<ClusterFixture>();
    QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
    QVERIFY(m_cluster->writeRecord(QStringLiteral("alpha")));
    QVERIFY(m_cluster->writeRecord(QStringLiteral("beta")));
    m_config = m_temp.path() + QStringLiteral("/agent.conf");
    QFile config(m_config);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("[cluster]\n  directory = %1\nname = demo\n").arg(m_cluster->path()).toUtf8());
}

void TestCtlDocs::completion_data()
{
    const QString dir = QStringLiteral("@DIR@");
    const QString config = QStringLiteral("@CONFIG@");
    QTest::addColumn<QStringList>("words"); ///< the command line; the last word is the one being completed
    QTest::addColumn<QString>("expected"); ///< the replies, sorted, space-separated

    QTest::newRow("commands") << QStringList { QString() }
                              << QStringLiteral(
                                     "check-config clear history init maintenance run standby status stop-app "
                                     "switchover");
    QTest::newRow("command prefix") << QStringList { QStringLiteral("st") }
                                    << QStringLiteral("standby status stop-app");
    QTest::newRow("global options") << QStringList { QStringLiteral("--") }
                                    << QStringLiteral("--config --dir --help --io-timeout --version");
    QTest::newRow("status options") << QStringList { QStringLiteral("status"), QStringLiteral("--") }
                                    << QStringLiteral("--config --dir --help --io-timeout --json --watch");
    QTest::newRow("maintenance action") << QStringList { QStringLiteral("maintenance"), QString() }
                                        << QStringLiteral("off on");
    QTest::newRow("nothing after the action") << QStringList { QStringLiteral("maintenance"), QStringLiteral("on"),
        QStringLiteral("--reason"), QStringLiteral("x"), QString() }
                                              << QString();
    QTest::newRow("standby node from --dir") << QStringList { QStringLiteral("--dir"), dir, QStringLiteral("standby"),
        QString() } << QStringLiteral("alpha beta");
    QTest::newRow("standby action") << QStringList { QStringLiteral("--dir"), dir, QStringLiteral("standby"),
        QStringLiteral("alpha"), QString() }
                                    << QStringLiteral("off on");
    QTest::newRow("switchover node from --config")
        << QStringList { QStringLiteral("--config"), config, QStringLiteral("switchover"), QStringLiteral("b") }
        << QStringLiteral("beta");
    QTest::newRow("history --node") << QStringList { QStringLiteral("--dir"), dir, QStringLiteral("history"),
        QStringLiteral("--node"), QString() }
                                    << QStringLiteral("alpha beta");
    QTest::newRow("run node and options") << QStringList { QStringLiteral("--dir"), dir, QStringLiteral("run"),
        QString() } << QStringLiteral("alpha beta");
    QTest::newRow("init options") << QStringList { QStringLiteral("init"), QStringLiteral("--") }
                                  << QStringLiteral("--cluster --config --dir --etcd --help --prefix");
    QTest::newRow("init --etcd takes a value")
        << QStringList { QStringLiteral("init"), QStringLiteral("--etcd"), QString() } << QString();
    QTest::newRow("stop-app options") << QStringList { QStringLiteral("stop-app"), QStringLiteral("--w") }
                                      << QStringLiteral("--wait");
    QTest::newRow("history options") << QStringList { QStringLiteral("history"), QStringLiteral("--f") }
                                     << QStringLiteral("--failovers");
    QTest::newRow("a value is no argument") << QStringList { QStringLiteral("clear"), QStringLiteral("--reason"),
        QStringLiteral("x"), QStringLiteral("--dir"), dir, QString() }
                                            << QStringLiteral("alpha beta");
}

void TestCtlDocs::completion()
{
    QFETCH(QStringList, words);
    QFETCH(QString, expected);
    if (QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty())
        HACMP_MISSING_PREREQUISITE(QStringLiteral("bash is not installed"));
    words.replaceInStrings(QStringLiteral("@DIR@"), m_cluster->path());
    words.replaceInStrings(QStringLiteral("@CONFIG@"), m_config);
    const CtlProcess run = complete(words);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
    QCOMPARE(run.out.trimmed(), expected);
}

CtlProcess TestCtlDocs::complete(QStringList words) const
{
    words.prepend(QStringLiteral("hacmpctl"));
    QStringList quoted;
    for (const QString &word : std::as_const(words))
        quoted << singleQuoted(word);
    const QString script = QStringLiteral(
        "_init_completion() { COMPREPLY=(); cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]};"
        " words=(\"${COMP_WORDS[@]}\"); cword=$COMP_CWORD; }\n"
        "_filedir() { COMPREPLY=(FILES); }\n"
        "source %1 || exit 9\n"
        "COMP_WORDS=(%2); COMP_CWORD=%3\n"
        "_hacmpctl\n"
        "printf '%s\\n' \"${COMPREPLY[@]}\" | sort | tr '\\n' ' '\n")
                               .arg(singleQuoted(kCompletion), quoted.join(QLatin1Char(' ')))
                               .arg(words.size() - 1);
    return CtlProcess::run(QStringLiteral("bash"), { QStringLiteral("-c"), script });
}

void TestCtlDocs::everyCommandIsDocumentedAndCompleted()
{
    const QStringList commands = helpCommands();
    QCOMPARE(commands.size(), 10);
    const QString manPage = readText(kManPage);
    for (const QString &command : commands) {
        QString roff = command;
        roff.replace(QLatin1Char('-'), QStringLiteral("\\-"));
        QVERIFY2(manPage.contains(QStringLiteral(".SS ") + roff), qPrintable(command));
    }
    if (!QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty()) {
        QStringList sorted = commands;
        sorted.sort();
        QCOMPARE(complete({ QString() }).out.trimmed(), sorted.join(QLatin1Char(' ')));
    }
    for (const QString &state : { QStringLiteral("DEGRADED"), QStringLiteral("NO MASTER"), QStringLiteral("CONFLICT"),
             QStringLiteral("MAINTENANCE"), QStringLiteral("DIRECTORY NOT RESPONDING") })
        QVERIFY2(manPage.contains(state), qPrintable(state));
}

void TestCtlDocs::manPageRendersWithoutWarnings()
{
    const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
    if (groff.isEmpty())
        HACMP_MISSING_PREREQUISITE(QStringLiteral("groff is not installed"));
    const CtlProcess run = CtlProcess::run(groff,
        { QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-ww"), QStringLiteral("-z"), kManPage });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
}

void TestCtlDocs::schemaRequiresEveryProperty()
{
    // The schema promises every field; a field added to the output but not to the schema fails
    // tst_ctlstatus (additionalProperties: false), one added to the schema but not required fails here.
    const QJsonObject schema = QJsonDocument::fromJson(readText(kSchema).toUtf8()).object();
    QCOMPARE(schema.value(QLatin1String("$schema")).toString(),
        QStringLiteral("https://json-schema.org/draft/2020-12/schema"));
    QList<QJsonObject> objects { schema };
    const QJsonObject definitions = schema.value(QLatin1String("$defs")).toObject();
    for (auto it = definitions.begin(); it != definitions.end(); ++it) {
        if (it.value().toObject().value(QLatin1String("type")) == QJsonValue(QStringLiteral("object")))
            objects << it.value().toObject();
    }
    QCOMPARE(objects.size(), 7);
    for (const QJsonObject &object : std::as_const(objects)) {
        QStringList required;
        for (const QJsonValue &name : object.value(QLatin1String("required")).toArray())
            required << name.toString();
        QStringList properties = object.value(QLatin1String("properties")).toObject().keys();
        required.sort();
        properties.sort();
        QCOMPARE(required, properties);
    }
}

QTEST_GUILESS_MAIN(TestCtlDocs)
#include "tst_ctldocs.moc"
