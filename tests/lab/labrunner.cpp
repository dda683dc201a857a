#include "tests/lab/labrunner.h"

#include "tests/lab/labcluster.h"
#include "tests/lab/labimplementation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include <csignal>
#include <cstdio>
#include <list>
#include <memory>
#include <sys/prctl.h>

namespace hacmp::lab {

LabRunner::LabRunner(LabOptions options)
    : m_options(std::move(options))
{ }

QString LabRunner::check() const
{
    if (!LabImplementation::names().contains(m_options.implementation))
        return QStringLiteral("unknown implementation \"%1\": use one of %2")
            .arg(m_options.implementation, LabImplementation::names().join(QStringLiteral(", ")));
    QStringList known;
    for (const Scenario &scenario : Scenario::all())
        known << scenario.name;
    for (const QString &name : m_options.scenarios) {
        if (!known.contains(name))
            return QStringLiteral("unknown scenario \"%1\": see --list").arg(name);
    }
    if (m_options.repeat < 1 || m_options.jobs < 1 || m_options.scenario.churn < 1)
        return QStringLiteral("--repeat, --jobs and --churn take a number of at least 1");
    return QString();
}

QList<Scenario> LabRunner::chosen() const
{
    QList<Scenario> scenarios;
    for (int round = 0; round < m_options.repeat; ++round) {
        for (const Scenario &scenario : Scenario::all()) {
            if (m_options.scenarios.isEmpty() || m_options.scenarios.contains(scenario.name))
                scenarios << scenario;
        }
    }
    return scenarios;
}

int LabRunner::run()
{
    const QList<Scenario> scenarios = chosen();
    if (m_options.jobs > 1 && scenarios.size() > 1)
        return runInChildren(scenarios) ? 0 : 1;
    bool allPassed = true;
    for (const Scenario &scenario : scenarios) {
        const ScenarioResult result = runHere(scenario);
        report(result);
        allPassed &= result.outcome != ScenarioResult::Outcome::Fail;
    }
    return allPassed ? 0 : 1;
}

ScenarioResult LabRunner::runHere(const Scenario &scenario) const
{
    ScenarioResult result;
    result.implementation = m_options.implementation;
    result.scenario = scenario.name;
    Result<std::unique_ptr<LabImplementation>> implementation = LabImplementation::create(m_options.implementation);
    if (!implementation) {
        result.fail(implementation.error());
        return result;
    }
    if (const QString why = scenario.whyNot(*implementation.value()); !why.isEmpty()) {
        result.outcome = ScenarioResult::Outcome::Skip;
        result.note(QStringLiteral("does not apply: ") + why);
        return result;
    }
    if (const QString why = implementation.value()->unavailable(); !why.isEmpty()) {
        result.outcome = ScenarioResult::Outcome::Skip;
        result.note(why);
        return result;
    }
    QElapsedTimer took;
    took.start();
    LabCluster lab(*implementation.value());
    if (!lab.error().isEmpty()) {
        result.fail(lab.error());
    } else {
        const bool expected = scenario.run(lab, result, m_options.scenario);
        QString first;
        result.overlaps = lab.overlaps(&first);
        if (result.overlaps > 0)
            result.fail(QStringLiteral("%1 overlaps, the first: %2").arg(result.overlaps).arg(first));
        else if (expected)
            result.outcome = ScenarioResult::Outcome::Pass;
        if (result.outcome == ScenarioResult::Outcome::Fail)
            std::fprintf(stderr, "---- %s %s failed; the hosts' logs:\n%s\n", qUtf8Printable(result.implementation),
                qUtf8Printable(result.scenario), qUtf8Printable(lab.logs()));
    }
    result.durationS = double(took.elapsed()) / 1000.0;
    return result;
}

bool LabRunner::runInChildren(const QList<Scenario> &scenarios) const
{
    // The longest run first, so that the others fill the remaining jobs around it.
    QList<Scenario> queue = scenarios;
    std::stable_partition(
        queue.begin(), queue.end(), [](const Scenario &x) { return x.name == QLatin1String("Churn"); });
    std::list<std::unique_ptr<QProcess>> running;
    bool allPassed = true;
    const auto finishOne = [&] {
        for (auto it = running.begin(); it != running.end(); ++it) {
            QProcess &child = **it;
            if (child.state() != QProcess::NotRunning && !child.waitForFinished(50))
                continue;
            std::fputs(child.readAllStandardOutput().constData(), stdout);
            std::fflush(stdout);
            allPassed &= child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0;
            running.erase(it);
            return true;
        }
        return false;
    };
    for (const Scenario &scenario : std::as_const(queue)) {
        while (int(running.size()) >= m_options.jobs) {
            if (!finishOne())
                QCoreApplication::processEvents();
        }
        auto child = std::make_unique<QProcess>();
        child->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); }); // it ends with this run
        QStringList arguments { QStringLiteral("--impl"), m_options.implementation, QStringLiteral("--scenario"),
            scenario.name, QStringLiteral("--churn"), QString::number(m_options.scenario.churn) };
        if (!m_options.results.isEmpty())
            arguments << QStringLiteral("--results") << m_options.results;
        child->start(QCoreApplication::applicationFilePath(), arguments);
        running.push_back(std::move(child));
    }
    while (!running.empty())
        finishOne();
    return allPassed;
}

void LabRunner::report(const ScenarioResult &result) const
{
    std::printf("%s\n", qUtf8Printable(result.line()));
    std::fflush(stdout);
    if (m_options.results.isEmpty())
        return;
    QFile file(m_options.results);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(result.toJson() + '\n') < 0)
        std::fprintf(stderr, "hacmp-lab: cannot append to %s: %s\n", qUtf8Printable(m_options.results),
            qUtf8Printable(file.errorString()));
}

} // namespace hacmp::lab
