// The [application] check command: a passing check runs every interval and reports nothing; a failing,
// crashing or hanging one is reported once per run; disabled, it does not run.
#include "agent/daemon/healthcheck.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hacmp;
using namespace hacmp::agent;

class TestHealthCheck final : public QObject
{
    Q_OBJECT

private slots:
    void passingCheckRunsEveryInterval();
    void failures_data();
    void failures();
};

void TestHealthCheck::passingCheckRunsEveryInterval()
{
    QTemporaryDir temp;
    const QString runs = temp.path() + QStringLiteral("/runs");
    HealthCheck check;
    QSignalSpy failed(&check, &HealthCheck::failed);
    check.configure({ QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo $HACMP_EPOCH >> ") + runs },
        Millis(50), Millis(1000), { QStringLiteral("HACMP_EPOCH=12") });
    check.setEnabled(true);
    QTRY_VERIFY_WITH_TIMEOUT(QFile(runs).size() >= 9, 5000); // three runs
    check.setEnabled(false);
    QTest::qWait(200);
    QFile file(runs);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.startsWith("12\n12\n12\n"));
    QTest::qWait(200);
    QCOMPARE(QFile(runs).size(), content.size()); // disabled: no more runs
    QVERIFY(failed.isEmpty());
}

void TestHealthCheck::failures_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("why");
    QTest::newRow("non-zero exit") << QStringList { QStringLiteral("sh"), QStringLiteral("-c"),
        QStringLiteral("echo refused >&2; exit 3") }
                                   << QStringLiteral("exited with status 3: refused");
    QTest::newRow("crash") << QStringList { QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("kill -9 $$") }
                           << QStringLiteral("crashed");
    QTest::newRow("hangs beyond check_timeout") << QStringList { QStringLiteral("sleep"), QStringLiteral("10") }
                                                << QStringLiteral("did not finish within check_timeout (300 ms)");
    QTest::newRow("cannot start") << QStringList { QStringLiteral("/nonexistent/check") }
                                  << QStringLiteral("could not be started");
}

void TestHealthCheck::failures()
{
    QFETCH(QStringList, command);
    QFETCH(QString, why);
    HealthCheck check;
    QSignalSpy failed(&check, &HealthCheck::failed);
    check.configure(command, Millis(100), Millis(300), {});
    check.setEnabled(true);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 5000);
    QVERIFY2(failed.first().first().toString().contains(why), qPrintable(failed.first().first().toString()));
}

QTEST_GUILESS_MAIN(TestHealthCheck)
#include "tst_healthcheck.moc"
