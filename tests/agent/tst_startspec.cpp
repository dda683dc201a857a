// The START spec the guard gets (agent/guard/appspec.h): [application] without a shell, plus
// HACMP_EPOCH, HACMP_NODE and HACMP_CLUSTER_DIR, on one line of JSON.
#include "agent/daemon/startspec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

class TestStartSpec final : public QObject
{
    Q_OBJECT

private slots:
    void specHoldsTheApplication();
};

void TestStartSpec::specHoldsTheApplication()
{
    AgentConfig config;
    config.cluster.directory = QStringLiteral("/mnt/ha");
    config.node.name = QStringLiteral("alpha");
    config.timing.stopGrace = Millis(1500);
    config.application.start
        = { QStringLiteral("/usr/bin/server"), QStringLiteral("--name"), QStringLiteral("a \"b\"\nc") };
    config.application.user = QStringLiteral("app");
    config.application.group = QStringLiteral("apps");
    config.application.workingDirectory = QStringLiteral("/srv/app");
    config.application.environment = { QStringLiteral("LANG=C.UTF-8"), QStringLiteral("EMPTY=") };
    const QByteArray spec = encodeStartSpec(config, 42);
    QVERIFY(!spec.contains('\n')); // one protocol line
    const QJsonObject object = QJsonDocument::fromJson(spec).object();
    QCOMPARE(object.value(QLatin1String("argv")).toArray().toVariantList(),
        QVariantList({ QStringLiteral("/usr/bin/server"), QStringLiteral("--name"), QStringLiteral("a \"b\"\nc") }));
    QCOMPARE(object.value(QLatin1String("env")).toArray().toVariantList(),
        QVariantList({ QStringLiteral("LANG=C.UTF-8"), QStringLiteral("EMPTY="), QStringLiteral("HACMP_EPOCH=42"),
            QStringLiteral("HACMP_NODE=alpha"), QStringLiteral("HACMP_CLUSTER_DIR=/mnt/ha") }));
    QCOMPARE(object.value(QLatin1String("user")).toString(), QStringLiteral("app"));
    QCOMPARE(object.value(QLatin1String("group")).toString(), QStringLiteral("apps"));
    QCOMPARE(object.value(QLatin1String("cwd")).toString(), QStringLiteral("/srv/app"));
    QCOMPARE(object.value(QLatin1String("stop_grace_ms")).toInteger(), 1500);
    QCOMPARE(object.value(QLatin1String("node")).toString(), QStringLiteral("alpha"));
    QCOMPARE(object.value(QLatin1String("cluster_dir")).toString(), QStringLiteral("/mnt/ha"));
    QCOMPARE(object.size(), 8); // the guard rejects unknown keys
}

QTEST_GUILESS_MAIN(TestStartSpec)
#include "tst_startspec.moc"
