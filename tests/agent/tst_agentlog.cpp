// The agent's log lines: syslog priority prefixes that journald understands when it reads stderr
// (JOURNAL_STREAM), a time stamp otherwise; the category names the area.
#include "agent/daemon/agentlog.h"

#include <QTest>

using namespace hacmp::agent;

class TestAgentLog final : public QObject
{
    Q_OBJECT

private slots:
    void journalPrefixes_data();
    void journalPrefixes();
    void terminalHasTimeAndLevel();
};

void TestAgentLog::journalPrefixes_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("line");
    QTest::newRow("debug") << int(QtDebugMsg) << QStringLiteral("<7>hacmp.agent.io: x");
    QTest::newRow("info") << int(QtInfoMsg) << QStringLiteral("<6>hacmp.agent.io: x");
    QTest::newRow("warning") << int(QtWarningMsg) << QStringLiteral("<4>hacmp.agent.io: x");
    QTest::newRow("critical") << int(QtCriticalMsg) << QStringLiteral("<3>hacmp.agent.io: x");
}

void TestAgentLog::journalPrefixes()
{
    QFETCH(int, type);
    QFETCH(QString, line);
    qSetMessagePattern(logMessagePattern(true));
    const QMessageLogContext context(nullptr, 0, nullptr, lcIo().categoryName());
    QCOMPARE(qFormatLogMessage(QtMsgType(type), context, QStringLiteral("x")), line);
    qSetMessagePattern(QString());
}

void TestAgentLog::terminalHasTimeAndLevel()
{
    qSetMessagePattern(logMessagePattern(false));
    const QMessageLogContext context(nullptr, 0, nullptr, lcApp().categoryName());
    const QString line = qFormatLogMessage(QtWarningMsg, context, QStringLiteral("hello"));
    qSetMessagePattern(QString());
    QVERIFY2(line.endsWith(QLatin1String(" warning hacmp.agent.app: hello")), qPrintable(line));
    QVERIFY2(line.at(4) == QLatin1Char('-') && line.at(13) == QLatin1Char(':'), qPrintable(line));
}

QTEST_GUILESS_MAIN(TestAgentLog)
#include "tst_agentlog.moc"
