// What installer/prometheus ships: the alerting rules pass `promtool check rules` and their unit tests
// (`promtool test rules`), and the rules and the Grafana dashboard name only metrics the agent serves
// (agent/daemon/agentmetrics.h).

#include "agent/daemon/agentmetrics.h"
#include "tests/support/prerequisite.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

namespace {

QString prometheusDir()
{
    return QStringLiteral(HACMP_SOURCE_DIR "/installer/prometheus");
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The series names the agent serves: every family, a histogram's with _bucket, _sum and _count.
QSet<QString> servedNames()
{
    const AgentMetrics metrics(QStringLiteral("c"), QStringLiteral("n"), QStringLiteral("v"), Timing());
    QSet<QString> names;
    for (const MetricsRegistry::Family &family : metrics.registry().families()) {
        names.insert(family.name);
        if (family.type == MetricsRegistry::Type::Histogram) {
            for (const char *suffix : { "_bucket", "_sum", "_count" })
                names.insert(family.name + QLatin1String(suffix));
        }
    }
    return names;
}

QStringList unknownNames(const QByteArray &text)
{
    static const QRegularExpression name(QStringLiteral("\\bhacmp_[a-z_]+[a-z]\\b"));
    const QSet<QString> served = servedNames();
    QStringList unknown;
    for (auto match = name.globalMatch(QString::fromUtf8(text)); match.hasNext();) {
        const QString found = match.next().captured();
        if (!served.contains(found) && !unknown.contains(found))
            unknown << found;
    }
    return unknown;
}

} // namespace

class TestPrometheusRules final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void promtool_data();
    void promtool();
    void rulesNameServedMetrics();
    void dashboardNamesServedMetrics();
};

void TestPrometheusRules::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty())
        HACMP_MISSING_PREREQUISITE(QStringLiteral("promtool is not installed (Debian package prometheus)"));
}

void TestPrometheusRules::promtool_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("check rules") << QStringList { QStringLiteral("check"), QStringLiteral("rules"),
        QStringLiteral("hacmp-alerts.yml") };
    QTest::newRow("test rules") << QStringList { QStringLiteral("test"), QStringLiteral("rules"),
        QStringLiteral("hacmp-alerts.test.yml") };
}

void TestPrometheusRules::promtool()
{
    QFETCH(QStringList, arguments);
    QProcess process;
    process.setWorkingDirectory(prometheusDir());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("promtool"), arguments);
    QVERIFY(process.waitForFinished(60000));
    const QByteArray output = process.readAll();
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, output.constData());
    QVERIFY2(output.contains("SUCCESS"), output.constData());
}

void TestPrometheusRules::rulesNameServedMetrics()
{
    const QByteArray rules = readAll(prometheusDir() + QStringLiteral("/hacmp-alerts.yml"));
    QVERIFY(!rules.isEmpty());
    const QByteArray tests = readAll(prometheusDir() + QStringLiteral("/hacmp-alerts.test.yml"));
    for (const char *alert : { "HacmpNoMaster", "HacmpTwoMasters", "HacmpMasterLeaseNearLimit", "HacmpStorageSlow",
             "HacmpNodeNotEligible", "HacmpMaintenanceTooLong" }) {
        const QByteArray rule = QByteArray("- alert: ") + alert;
        const QByteArray test = QByteArray("alertname: ") + alert;
        QVERIFY2(rules.contains(rule), alert);
        QVERIFY2(tests.contains(test), alert); // every alert has a unit test
    }
    const QStringList unknown = unknownNames(rules);
    QVERIFY2(unknown.isEmpty(), qPrintable(unknown.join(u' ')));
}

void TestPrometheusRules::dashboardNamesServedMetrics()
{
    const QByteArray text = readAll(prometheusDir() + QStringLiteral("/hacmp-dashboard.json"));
    QJsonParseError error;
    const QJsonDocument dashboard = QJsonDocument::fromJson(text, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(!dashboard.object().value(QLatin1String("title")).toString().isEmpty());
    QVERIFY(dashboard.object().value(QLatin1String("panels")).toArray().size() >= 6);
    const QStringList unknown = unknownNames(text);
    QVERIFY2(unknown.isEmpty(), qPrintable(unknown.join(u' ')));
}

QTEST_GUILESS_MAIN(TestPrometheusRules)
#include "tst_prometheusrules.moc"
