// hacmp-lab: the failover lab of issue 7. Simulated hosts (namespaces, their own FUSE view of the shared
// directory) run an HA implementation and the test application; scenarios inject faults and the
// application's ledgers judge. See README.md beside this file.

#include "tests/lab/labhost.h"
#include "tests/lab/labimplementation.h"
#include "tests/lab/labrunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace hacmp::lab;

namespace {

/// ctest's SKIP_RETURN_CODE: the lab cannot run on this machine.
constexpr int kSkipped = 77;

int usage(const QString &message)
{
    std::fprintf(stderr, "hacmp-lab: %s\n", qUtf8Printable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hacmp-lab"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The failover lab: scenarios of faults on simulated hosts, judged by the application's ledgers."));
    parser.addHelpOption();
    const QCommandLineOption implOption(QStringLiteral("impl"),
        QStringLiteral("The implementation under test: %1.").arg(LabImplementation::names().join(QStringLiteral(", "))),
        QStringLiteral("name"), QStringLiteral("hacmp"));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
        QStringLiteral("Run this scenario (repeatable; default: all)."), QStringLiteral("name"));
    const QCommandLineOption churnOption(QStringLiteral("churn"), QStringLiteral("Master kills of the Churn scenario."),
        QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"),
        QStringLiteral("Run every chosen scenario n times."), QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption jobsOption(QStringLiteral("jobs"),
        QStringLiteral("Scenario runs at once (each in a child process)."), QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption resultsOption(QStringLiteral("results"),
        QStringLiteral("Append one JSON object per run to this file."), QStringLiteral("file.jsonl"));
    const QCommandLineOption listOption(QStringLiteral("list"), QStringLiteral("List the scenarios and exit."));
    parser.addOptions({ implOption, scenarioOption, churnOption, repeatOption, jobsOption, resultsOption, listOption });
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        return usage(
            QStringLiteral("no arguments expected (got %1); see --help").arg(parser.positionalArguments().join(u' ')));

    LabOptions options;
    options.implementation = parser.value(implOption);
    options.scenarios = parser.values(scenarioOption);
    options.scenario.churn = parser.value(churnOption).toInt();
    options.repeat = parser.value(repeatOption).toInt();
    options.jobs = parser.value(jobsOption).toInt();
    options.results = parser.value(resultsOption);
    LabRunner runner(options);
    const QString wrong = runner.check();
    if (!wrong.isEmpty())
        return usage(wrong);

    const auto implementation = LabImplementation::create(options.implementation);
    if (parser.isSet(listOption)) {
        for (const Scenario &scenario : Scenario::all())
            std::printf("%-24s %s%s\n", qUtf8Printable(scenario.name), qUtf8Printable(scenario.summary),
                scenario.appliesTo(*implementation.value()) ? "" : " (does not apply)");
        return 0;
    }
    QString missing = LabHost::skipReason();
    if (missing.isEmpty())
        missing = implementation.value()->unavailable();
    if (!missing.isEmpty()) {
        // CI must run the lab (.ci/setup installs what it needs): there a missing prerequisite is a failure.
        const bool ci = qEnvironmentVariable("CI") == QLatin1String("true");
        std::printf("%s %s lab: %s\n", ci ? "FAIL (prerequisite missing under CI=true)" : "SKIP",
            qUtf8Printable(options.implementation), qUtf8Printable(missing));
        return ci ? 1 : kSkipped;
    }
    return runner.run();
}
