// hacmp-labreport: the lab's results file read and summed up, the markdown table, the chart, the program.

#include "tests/lab/labreport/labresults.h"
#include "tests/lab/labreport/reportchart.h"
#include "tests/lab/labreport/reporttable.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using hacmp::lab::LabResults;
using hacmp::lab::ReportChart;
using hacmp::lab::ReportTable;
using hacmp::lab::ScenarioSummary;

namespace {

// The prototype's lines come first on purpose: the report still puts hacmp first.
const QByteArray kResults
    = R"({"impl":"prototype","scenario":"KillMasterHost","pass":true,"overlaps":0,"failover_ms":[12000,9000,4000],"downtime_ms":[8800,3900,11900],"detail":"","duration_s":40.2}
{"impl":"prototype","scenario":"FreezeMasterAgent","pass":false,"overlaps":3,"failover_ms":[6100],"downtime_ms":[],"detail":"two instances | at once","duration_s":20}
{"impl":"prototype","scenario":"Switchover","pass":false,"skipped":true,"overlaps":0,"failover_ms":[],"downtime_ms":[],"detail":"does not apply","duration_s":0}

{"impl":"hacmp","scenario":"KillMasterHost","pass":true,"overlaps":0,"failover_ms":[1800,1600],"downtime_ms":[1200,1400],"detail":"","duration_s":11.5}
{"impl":"hacmp","scenario":"KillMasterHost","pass":false,"overlaps":1,"failover_ms":[1700],"downtime_ms":[1300],"detail":"overlap","duration_s":12}
{"impl":"hacmp","scenario":"FreezeMasterAgent","pass":true,"overlaps":0,"failover_ms":[2100],"downtime_ms":[1900],"detail":"","duration_s":9}
{"impl":"hacmp","scenario":"Switchover","pass":true,"overlaps":0,"failover_ms":[400],"downtime_ms":[150],"detail":"","duration_s":6.3}
{"impl":"hacmp","scenario":"GarbageRecords","pass":true,"overlaps":0,"failover_ms":[],"downtime_ms":[],"detail":"","duration_s":5}
)";

LabResults parsed(const QByteArray &text)
{
    const hacmp::Result<LabResults> results = LabResults::parse(text, QStringLiteral("results.jsonl"));
    if (!results)
        qFatal("%s", qPrintable(results.error()));
    return *results;
}

/// Pixels of exactly this colour: the filled parts (legend swatch, bars) of an implementation.
int pixelsOf(const QImage &image, const QColor &color)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            count += image.pixelColor(x, y) == color ? 1 : 0;
    }
    return count;
}

} // namespace

class TestLabReport : public QObject
{
    Q_OBJECT

private slots:
    void readsRunsInOrder()
    {
        const LabResults results = parsed(kResults);
        QCOMPARE(results.runs().size(), 8);
        QCOMPARE(results.scenarios(),
            QStringList({ QStringLiteral("KillMasterHost"), QStringLiteral("FreezeMasterAgent"),
                QStringLiteral("Switchover"), QStringLiteral("GarbageRecords") }));
        QCOMPARE(results.impls(), QStringList({ QStringLiteral("hacmp"), QStringLiteral("prototype") }));
        // Runs in parallel finish in any order; the report keeps the lab's.
        LabResults ordered = results;
        ordered.setScenarioOrder(
            { QStringLiteral("GarbageRecords"), QStringLiteral("Switchover"), QStringLiteral("KillMasterHost") });
        QCOMPARE(ordered.scenarios(),
            QStringList({ QStringLiteral("GarbageRecords"), QStringLiteral("Switchover"),
                QStringLiteral("KillMasterHost"), QStringLiteral("FreezeMasterAgent") }));
        QVERIFY(results.runs()[2].skipped);
        QCOMPARE(results.runs()[1].detail, QStringLiteral("two instances | at once"));
    }

    void sumsUpRepeatedRuns()
    {
        const LabResults results = parsed(kResults);
        const ScenarioSummary hacmp = results.summary(QStringLiteral("hacmp"), QStringLiteral("KillMasterHost"));
        QCOMPARE(hacmp.runs, 2);
        QCOMPARE(hacmp.passed, 1);
        QCOMPARE(hacmp.overlaps, 1);
        QCOMPARE(hacmp.failoverMs, QList<qint64>({ 1600, 1700, 1800 }));
        QCOMPARE(hacmp.downtimeMs, QList<qint64>({ 1200, 1300, 1400 }));
        QCOMPARE(hacmp.durationS, 23.5);
        const ScenarioSummary skipped = results.summary(QStringLiteral("prototype"), QStringLiteral("Switchover"));
        QCOMPARE(skipped.runs, 0);
        QCOMPARE(skipped.skipped, 1);
        QCOMPARE(results.summary(QStringLiteral("prototype"), QStringLiteral("GarbageRecords")).runs, 0);
    }

    void median_data()
    {
        QTest::addColumn<QList<qint64>>("sorted");
        QTest::addColumn<qint64>("median");
        QTest::newRow("none") << QList<qint64>() << qint64(-1);
        QTest::newRow("one") << QList<qint64>({ 700 }) << qint64(700);
        QTest::newRow("odd") << QList<qint64>({ 100, 200, 900 }) << qint64(200);
        QTest::newRow("even: mean of the middle two") << QList<qint64>({ 100, 200, 400, 900 }) << qint64(300);
    }

    void median()
    {
        QFETCH(QList<qint64>, sorted);
        QFETCH(qint64, median);
        QCOMPARE(ScenarioSummary::median(sorted), median);
    }

    void invalidLines_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("not JSON") << QByteArray("{\"impl\":\"hacmp\",\"scenario\":\"A\",\"pass\":true}\n{oops\n")
                                  << QStringLiteral("results.jsonl line 2: not a JSON object");
        QTest::newRow("no impl") << QByteArray("{\"scenario\":\"A\",\"pass\":true}")
                                 << QStringLiteral("results.jsonl line 1: no \"impl\"");
        QTest::newRow("no scenario") << QByteArray("{\"impl\":\"hacmp\",\"pass\":true}")
                                     << QStringLiteral("results.jsonl line 1: no \"scenario\"");
        QTest::newRow("pass not a boolean") << QByteArray("{\"impl\":\"hacmp\",\"scenario\":\"A\",\"pass\":\"yes\"}")
                                            << QStringLiteral("results.jsonl line 1: \"pass\" is not true or false");
    }

    void invalidLines()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        const hacmp::Result<LabResults> results = LabResults::parse(text, QStringLiteral("results.jsonl"));
        QVERIFY(!results);
        QVERIFY2(results.error().startsWith(error), qPrintable(results.error()));
        QVERIFY2(results.error().contains(QLatin1String("tests/lab/report")), qPrintable(results.error()));
    }

    void tableRows()
    {
        const LabResults results = parsed(kResults);
        const QStringList lines = ReportTable(results).markdown().split(QLatin1Char('\n'));
        QCOMPARE(lines[0],
            QStringLiteral(
                "| Scenario | hacmp | overlaps | failover ms (median / max) | downtime ms (median) | prototype "
                "| overlaps | failover ms (median / max) | downtime ms (median) |"));
        QCOMPARE(lines[1], QStringLiteral("|---|---|--:|--:|--:|---|--:|--:|--:|"));
        QCOMPARE(lines[2],
            QStringLiteral(
                "| KillMasterHost | **FAIL** (1/2 passed) | 1 | 1700 / 1800 | 1300 | PASS | 0 | 9000 / 12000 "
                "| 8800 |"));
        QCOMPARE(lines[3],
            QStringLiteral("| FreezeMasterAgent | PASS | 0 | 2100 / 2100 | 1900 | **FAIL** | 3 | 6100 / 6100 | - |"));
        QCOMPARE(lines[4], QStringLiteral("| Switchover | PASS | 0 | 400 / 400 | 150 | SKIP | | | |"));
        QCOMPARE(lines[5], QStringLiteral("| GarbageRecords | PASS | 0 | - | - | n/a | | | |"));
        QCOMPARE(lines[6], QString());
        QCOMPARE(lines[7], QStringLiteral("- hacmp: 5 scenario runs, 4 passed, 1 overlaps, 44 s; 0 skipped"));
        QCOMPARE(lines[8], QStringLiteral("- prototype: 2 scenario runs, 1 passed, 3 overlaps, 60 s; 1 skipped"));
        const qsizetype failures = lines.indexOf(QStringLiteral("Failures:"));
        QVERIFY(failures > 8);
        QCOMPARE(lines.mid(failures + 2, 2),
            QStringList({ QStringLiteral("- prototype FreezeMasterAgent: two instances \\| at once"),
                QStringLiteral("- hacmp KillMasterHost: overlap") }));
    }

    void chartShowsOverlapsAsBars()
    {
        const LabResults results = parsed(kResults);
        const QImage chart = ReportChart(results, QStringLiteral("results.jsonl")).render();
        QCOMPARE(chart.size(), ReportChart::size());
        QByteArray calm = kResults;
        calm.replace("\"overlaps\":3", "\"overlaps\":0").replace("\"overlaps\":1", "\"overlaps\":0");
        const LabResults calmResults = parsed(calm);
        const QImage calmChart = ReportChart(calmResults, QStringLiteral("results.jsonl")).render();
        // The prototype's 3 overlaps are the tallest bar (the whole plot height); hacmp's 1 a third of it.
        const int prototypeBar
            = pixelsOf(chart, ReportChart::implColor(1)) - pixelsOf(calmChart, ReportChart::implColor(1));
        const int hacmpBar
            = pixelsOf(chart, ReportChart::implColor(0)) - pixelsOf(calmChart, ReportChart::implColor(0));
        QVERIFY2(prototypeBar > 3000, qPrintable(QString::number(prototypeBar)));
        QVERIFY2(hacmpBar > prototypeBar / 5 && hacmpBar < prototypeBar / 2,
            qPrintable(QStringLiteral("%1 %2").arg(hacmpBar).arg(prototypeBar)));
    }

    void programWritesTableAndChart()
    {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const QString resultsPath = temp.filePath(QStringLiteral("results.jsonl"));
        QFile file(resultsPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kResults);
        file.close();

        QProcess program;
        program.start(QStringLiteral(HACMP_BIN_DIR "/hacmp-labreport"),
            { QStringLiteral("--results"), resultsPath, QStringLiteral("--out"), temp.filePath(QStringLiteral("out")),
                QStringLiteral("--command"), QStringLiteral("tests/lab/report --churn 5"), QStringLiteral("--order"),
                QStringLiteral("FreezeMasterAgent,KillMasterHost") });
        QVERIFY(program.waitForFinished(30000));
        QCOMPARE(program.exitCode(), 0);

        QFile table(temp.filePath(QStringLiteral("out/lab-report.md")));
        QVERIFY(table.open(QIODevice::ReadOnly));
        const QString markdown = QString::fromUtf8(table.readAll());
        QVERIFY(markdown.contains(QLatin1String("Made by `tests/lab/report --churn 5`.")));
        QVERIFY(markdown.contains(QLatin1String("![failover latency and overlaps per scenario](lab-chart.png)")));
        LabResults ordered = parsed(kResults);
        ordered.setScenarioOrder({ QStringLiteral("FreezeMasterAgent"), QStringLiteral("KillMasterHost") });
        QVERIFY(markdown.endsWith(ReportTable(ordered).markdown()));
        QVERIFY(markdown.indexOf(QLatin1String("| FreezeMasterAgent |"))
            < markdown.indexOf(QLatin1String("| KillMasterHost |")));
        const QImage chart(temp.filePath(QStringLiteral("out/lab-chart.png")));
        QCOMPARE(chart.size(), ReportChart::size());
    }

    void programExplainsAMissingResultsFile()
    {
        QTemporaryDir temp;
        QProcess program;
        const QString missing = temp.filePath(QStringLiteral("none.jsonl"));
        program.start(QStringLiteral(HACMP_BIN_DIR "/hacmp-labreport"), { QStringLiteral("--results"), missing });
        QVERIFY(program.waitForFinished(30000));
        QCOMPARE(program.exitCode(), 1);
        const QString error = QString::fromUtf8(program.readAllStandardError());
        QVERIFY2(error.contains(missing) && error.contains(QLatin1String("hacmp-lab --results")), qPrintable(error));
    }
};

QTEST_MAIN(TestLabReport)
#include "tst_labreport.moc"
