// A real hacmp-agent with [metrics] listen: its /metrics scraped over HTTP (QNetworkAccessManager), the values
// checked against what the agent does, the text checked by `promtool check metrics` (Debian's prometheus
// package), other paths and methods refused, and a listen address that cannot be bound refused at start.

#include "shared/storage/controlfiles.h"
#include "tests/support/agentrig.h"
#include "tests/support/prerequisite.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <limits>

using namespace hacmp;
using hacmp::test::AgentRig;

namespace {

/// A port nobody listens on right now.
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
};

/// One HTTP request, waited for (at most 5 s).
Reply request(QNetworkAccessManager &network, const QByteArray &method, quint16 port, const QString &path)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    request.setTransferTimeout(5000);
    QNetworkReply *reply = network.sendCustomRequest(request, method);
    QEventLoop wait;
    QObject::connect(reply, &QNetworkReply::finished, &wait, &QEventLoop::quit);
    QTimer::singleShot(6000, &wait, &QEventLoop::quit);
    if (!reply->isFinished())
        wait.exec();
    Reply answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    reply->deleteLater();
    return answer;
}

/// The value of one sample line ("name{labels} value") of a scrape, or NaN.
double sample(const QByteArray &scrape, const QString &series)
{
    const QByteArray prefix = series.toUtf8() + ' ';
    for (const QByteArray &line : scrape.split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).toDouble();
    }
    return std::numeric_limits<double>::quiet_NaN();
}

} // namespace

class TestMetricsEndpoint final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void scrapeOfAMaster();
    void scrapeOfAStandby();
    void otherPathsAndMethodsAreRefused();
    void switchoverCountsAHandover();
    void maintenanceServesWhenItBegan();
    void unboundListenAddressFailsTheStart();

private:
    std::unique_ptr<AgentRig> m_rig;
    quint16 m_port = 0; ///< of a, the master
    quint16 m_peerPort = 0; ///< of c, a standby
    quint64 m_masterEpoch = 0;
    QNetworkAccessManager m_network;
};

void TestMetricsEndpoint::initTestCase()
{
    QVERIFY2(QFileInfo(AgentRig::agentPath()).isExecutable(), "hacmp-agent is not built");
    if (QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty())
        HACMP_MISSING_PREREQUISITE(QStringLiteral("promtool is not installed (Debian package prometheus)"));
    m_port = freePort();
    QVERIFY(m_port != 0);
    m_rig = std::make_unique<AgentRig>();
    QVERIFY2(m_rig->error().isEmpty(), qPrintable(m_rig->error()));
    m_rig->addNode(QStringLiteral("a"), {}, QStringLiteral("[metrics]\nlisten = 127.0.0.1:%1\n").arg(m_port));
    QVERIFY(m_rig->start(QStringLiteral("a")));
    WAIT_FOR_ONE_RUNNING(*m_rig, first, 10000);
    QCOMPARE(first.node, QStringLiteral("a"));
    m_masterEpoch = first.epoch;
    m_peerPort = freePort();
    QVERIFY(m_peerPort != 0 && m_peerPort != m_port);
    m_rig->addNode(QStringLiteral("c"), {}, QStringLiteral("[metrics]\nlisten = 127.0.0.1:%1\n").arg(m_peerPort));
    QVERIFY(m_rig->start(QStringLiteral("c")));
}

void TestMetricsEndpoint::scrapeOfAMaster()
{
    Reply reply;
    // The application runs; the agent reports it once it has heard from the guard.
    QTRY_VERIFY2_WITH_TIMEOUT((reply = request(m_network, "GET", m_port, QStringLiteral("/metrics")),
                                  sample(reply.body, QStringLiteral("hacmp_application_running")) == 1),
        qPrintable(QString::fromUtf8(reply.body) + m_rig->logs()), 10000);
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.contentType.startsWith("text/plain; version=0.0.4"), reply.contentType.constData());
    const QByteArray &text = reply.body;
    QCOMPARE(sample(text, QStringLiteral("hacmp_role{role=\"master\"}")), 1.0);
    QCOMPARE(sample(text, QStringLiteral("hacmp_role{role=\"standby\"}")), 0.0);
    QVERIFY(sample(text, QStringLiteral("hacmp_epoch")) >= 1);
    QCOMPARE(sample(text, QStringLiteral("hacmp_agent_up")), 1.0);
    QCOMPARE(sample(text, QStringLiteral("hacmp_guard_up")), 1.0);
    QCOMPARE(sample(text, QStringLiteral("hacmp_maintenance")), 0.0);
    QCOMPARE(sample(text, QStringLiteral("hacmp_eligible")), 1.0);
    QCOMPARE(sample(text, QStringLiteral("hacmp_failovers_total{reason=\"no_live_master\"}")), 1.0);
    const double lease = sample(text, QStringLiteral("hacmp_lease_remaining_seconds"));
    const double renewLimit = sample(text, QStringLiteral("hacmp_lease_renew_limit_seconds"));
    QCOMPARE(renewLimit, double(AgentRig::testTiming().renewLimit.count()) / 1000);
    QVERIFY2(lease > 0 && lease <= renewLimit, qPrintable(QString::number(lease)));
    QVERIFY(sample(text, QStringLiteral("hacmp_storage_operation_duration_seconds_count{operation=\"write\"}")) >= 1);
    QVERIFY(sample(text, QStringLiteral("hacmp_storage_operation_duration_seconds_count{operation=\"read\"}")) >= 1);
    QVERIFY(sample(text, QStringLiteral("hacmp_storage_operation_duration_seconds_count{operation=\"list\"}")) >= 1);
    // the history lines written so far (agent_start, role changes, app_start), timed
    QTRY_VERIFY2_WITH_TIMEOUT(
        sample(request(m_network, "GET", m_port, QStringLiteral("/metrics")).body,
            QStringLiteral("hacmp_storage_operation_duration_seconds_count{operation=\"append\"}"))
            >= 3,
        text.constData(), 5000);
    QCOMPARE(sample(text, QStringLiteral("hacmp_storage_failures_total{operation=\"append\"}")), 0.0);
    QVERIFY(std::isnan(sample(text, QStringLiteral("hacmp_maintenance_started_timestamp_seconds"))));
    QVERIFY(sample(text, QStringLiteral("hacmp_events_total{event=\"app_start\"}")) >= 1);
    qInfo("the scrape:\n%s", text.constData());

    QProcess promtool;
    promtool.start(QStringLiteral("promtool"), { QStringLiteral("check"), QStringLiteral("metrics") });
    QVERIFY(promtool.waitForStarted());
    promtool.write(text);
    promtool.closeWriteChannel();
    QVERIFY(promtool.waitForFinished(30000));
    QVERIFY2(promtool.exitStatus() == QProcess::NormalExit && promtool.exitCode() == 0,
        qPrintable(QString::fromUtf8(promtool.readAllStandardOutput() + promtool.readAllStandardError())));
}

void TestMetricsEndpoint::scrapeOfAStandby()
{
    Reply reply;
    QTRY_VERIFY2_WITH_TIMEOUT((reply = request(m_network, "GET", m_peerPort, QStringLiteral("/metrics")),
                                  sample(reply.body, QStringLiteral("hacmp_role{role=\"standby\"}")) == 1),
        qPrintable(QString::fromUtf8(reply.body) + m_rig->logs()), 10000);
    const QByteArray &text = reply.body;
    QCOMPARE(sample(text, QStringLiteral("hacmp_application_running")), 0.0);
    QCOMPARE(sample(text, QStringLiteral("hacmp_lease_remaining_seconds")), 0.0);
    QCOMPARE(sample(text, QStringLiteral("hacmp_failovers_total{reason=\"no_live_master\"}")), 0.0);
    // a's record changes with every write (each interval): c saw it change within a few intervals
    const double age = sample(text, QStringLiteral("hacmp_peer_heartbeat_age_seconds{peer=\"a\"}"));
    const double interval = double(AgentRig::testTiming().interval.count()) / 1000;
    QVERIFY2(age >= 0 && age <= 4 * interval, qPrintable(QString::fromUtf8(text)));

    // and a sees c
    const Reply master = request(m_network, "GET", m_port, QStringLiteral("/metrics"));
    QVERIFY2(sample(master.body, QStringLiteral("hacmp_peer_heartbeat_age_seconds{peer=\"c\"}")) >= 0,
        master.body.constData());
    qInfo("the master's scrape with a standby peer:\n%s", master.body.constData());
}

void TestMetricsEndpoint::otherPathsAndMethodsAreRefused()
{
    QCOMPARE(request(m_network, "GET", m_port, QStringLiteral("/")).status, 404);
    QCOMPARE(request(m_network, "GET", m_port, QStringLiteral("/metricsx")).status, 404);
    QCOMPARE(request(m_network, "GET", m_port, QStringLiteral("/metrics/x")).status, 404);
    QCOMPARE(request(m_network, "POST", m_port, QStringLiteral("/metrics")).status, 405);
    QCOMPARE(request(m_network, "DELETE", m_port, QStringLiteral("/metrics")).status, 405);
    QCOMPARE(request(m_network, "GET", m_port, QStringLiteral("/metrics")).status, 200); // still serving
}

void TestMetricsEndpoint::switchoverCountsAHandover()
{
    // a hands over to c (H1): c's election and its term count as a handover, not as a failover of a dead master.
    QVERIFY(m_rig->controls().requestSwitchover(
        SwitchoverRequest { QStringLiteral("c"), m_masterEpoch, QStringLiteral("itest"), {} }));
    Reply reply;
    QTRY_VERIFY2_WITH_TIMEOUT((reply = request(m_network, "GET", m_peerPort, QStringLiteral("/metrics")),
                                  sample(reply.body, QStringLiteral("hacmp_application_running")) == 1),
        qPrintable(QString::fromUtf8(reply.body) + m_rig->logs()), 10000);
    const QByteArray &text = reply.body;
    QCOMPARE(sample(text, QStringLiteral("hacmp_role{role=\"master\"}")), 1.0);
    QVERIFY(sample(text, QStringLiteral("hacmp_epoch")) > double(m_masterEpoch));
    QCOMPARE(sample(text, QStringLiteral("hacmp_elections_total{reason=\"handover\"}")), 1.0);
    QCOMPARE(sample(text, QStringLiteral("hacmp_failovers_total{reason=\"handover\"}")), 1.0);
    QCOMPARE(sample(text, QStringLiteral("hacmp_failovers_total{reason=\"no_live_master\"}")), 0.0);
    Reply old;
    QTRY_VERIFY2_WITH_TIMEOUT((old = request(m_network, "GET", m_port, QStringLiteral("/metrics")),
                                  sample(old.body, QStringLiteral("hacmp_role{role=\"standby\"}")) == 1),
        old.body.constData(), 10000);
    QCOMPARE(sample(old.body, QStringLiteral("hacmp_application_running")), 0.0);
}

void TestMetricsEndpoint::maintenanceServesWhenItBegan()
{
    // The time hacmpctl maintenance on writes into the file is served as a timestamp while maintenance is on,
    // so that the alert is time() - it > N hours; outside maintenance the series is absent.
    const QDateTime began = QDateTime::currentDateTimeUtc().addSecs(-5 * 3600);
    QVERIFY(m_rig->controls().setMaintenance(
        ControlNote { QStringLiteral("itest"), began.toString(Qt::ISODateWithMs), QStringLiteral("metrics test") }));
    const QString series = QStringLiteral("hacmp_maintenance_started_timestamp_seconds");
    Reply reply;
    QTRY_VERIFY2_WITH_TIMEOUT((reply = request(m_network, "GET", m_port, QStringLiteral("/metrics")),
                                  sample(reply.body, QStringLiteral("hacmp_maintenance")) == 1),
        qPrintable(QString::fromUtf8(reply.body) + m_rig->logs()), 10000);
    QCOMPARE(sample(reply.body, series), double(began.toMSecsSinceEpoch()) / 1000);
    QProcess promtool;
    promtool.start(QStringLiteral("promtool"), { QStringLiteral("check"), QStringLiteral("metrics") });
    QVERIFY(promtool.waitForStarted());
    promtool.write(reply.body);
    promtool.closeWriteChannel();
    QVERIFY(promtool.waitForFinished(30000));
    QVERIFY2(promtool.exitStatus() == QProcess::NormalExit && promtool.exitCode() == 0,
        qPrintable(QString::fromUtf8(promtool.readAllStandardOutput() + promtool.readAllStandardError())));

    QVERIFY(m_rig->controls().clearMaintenance());
    QTRY_VERIFY2_WITH_TIMEOUT((reply = request(m_network, "GET", m_port, QStringLiteral("/metrics")),
                                  sample(reply.body, QStringLiteral("hacmp_maintenance")) == 0),
        reply.body.constData(), 10000);
    QVERIFY(std::isnan(sample(reply.body, series)));
}

void TestMetricsEndpoint::unboundListenAddressFailsTheStart()
{
    // The port of the first agent is taken: a second agent does not start, and says which key to change.
    m_rig->addNode(QStringLiteral("b"), {}, QStringLiteral("[metrics]\nlisten = 127.0.0.1:%1\n").arg(m_port));
    QVERIFY(m_rig->start(QStringLiteral("b")));
    QVERIFY2(m_rig->finished(QStringLiteral("b"), 10000), qPrintable(m_rig->log(QStringLiteral("b"))));
    QVERIFY(m_rig->agent(QStringLiteral("b")).exitCode() != 0);
    const QString log = m_rig->log(QStringLiteral("b"));
    QVERIFY2(
        log.contains(QStringLiteral("[metrics] listen = 127.0.0.1:%1 cannot be used").arg(m_port)), qPrintable(log));
}

QTEST_GUILESS_MAIN(TestMetricsEndpoint)
#include "tst_metricsendpoint.moc"
