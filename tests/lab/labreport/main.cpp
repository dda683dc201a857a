// hacmp-labreport: the failover lab's report from hacmp-lab's results (JSON lines): a markdown table
// (lab-report.md) and a chart (lab-chart.png) in one folder. tests/lab/report runs the lab and then this.
//
//   hacmp-labreport --results FILE.jsonl [--out DIR] [--command TEXT] [--order NAME,NAME,...]

#include "tests/lab/labreport/labresults.h"
#include "tests/lab/labreport/reportchart.h"
#include "tests/lab/labreport/reporttable.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QGuiApplication>

#include <cstdio>

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "hacmp-labreport: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Writes the failover lab's table and chart from its results."));
    parser.addHelpOption();
    const QCommandLineOption resultsOption(
        QStringLiteral("results"), QStringLiteral("hacmp-lab's results (JSON lines)."), QStringLiteral("file"));
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("Folder for lab-report.md and lab-chart.png."), QStringLiteral("dir"), QStringLiteral("."));
    const QCommandLineOption commandOption(QStringLiteral("command"),
        QStringLiteral("The command that made the results, quoted in the report."), QStringLiteral("text"));
    const QCommandLineOption orderOption(QStringLiteral("order"),
        QStringLiteral("The scenarios' order in the report, comma-separated (hacmp-lab --list)."),
        QStringLiteral("names"));
    parser.addOptions({ resultsOption, outOption, commandOption, orderOption });
    parser.process(app);
    if (!parser.isSet(resultsOption))
        return fail(QStringLiteral("--results FILE is required (hacmp-lab --results FILE writes it)"));

    hacmp::Result<hacmp::lab::LabResults> results = hacmp::lab::LabResults::read(parser.value(resultsOption));
    if (!results)
        return fail(results.error());
    results.value().setScenarioOrder(parser.value(orderOption).split(QLatin1Char(','), Qt::SkipEmptyParts));
    const QDir out(parser.value(outOption));
    if (!QDir().mkpath(out.path()))
        return fail(QStringLiteral("cannot create the report folder %1").arg(out.path()));

    const QString chartPath = out.filePath(QStringLiteral("lab-chart.png"));
    if (const hacmp::Status saved = hacmp::lab::ReportChart(*results, parser.value(resultsOption)).save(chartPath);
        !saved)
        return fail(saved.error());

    QString markdown = QStringLiteral("# Failover lab: %1\n\n").arg(results->impls().join(QStringLiteral(", ")));
    if (parser.isSet(commandOption))
        markdown += QStringLiteral("Made by `%1`.\n\n").arg(parser.value(commandOption));
    markdown += QStringLiteral("![failover latency and overlaps per scenario](lab-chart.png)\n\n")
        + hacmp::lab::ReportTable(*results).markdown();
    const QString tablePath = out.filePath(QStringLiteral("lab-report.md"));
    QFile table(tablePath);
    if (!table.open(QIODevice::WriteOnly | QIODevice::Truncate) || table.write(markdown.toUtf8()) < 0 || !table.flush())
        return fail(QStringLiteral("cannot write %1: %2").arg(tablePath, table.errorString()));
    std::printf("%s\n%s\n", qPrintable(tablePath), qPrintable(chartPath));
    return 0;
}
