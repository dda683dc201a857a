#include "tests/lab/labreport/reporttable.h"

namespace hacmp::lab {

QString ReportTable::verdict(const ScenarioSummary &summary)
{
    if (summary.runs == 0)
        return summary.skipped > 0 ? QStringLiteral("SKIP") : QStringLiteral("n/a");
    const QString word = summary.passed == summary.runs ? QStringLiteral("PASS") : QStringLiteral("**FAIL**");
    if (summary.runs == 1)
        return word;
    return QStringLiteral("%1 (%2/%3 passed)").arg(word).arg(summary.passed).arg(summary.runs);
}

QString ReportTable::medianAndMax(const QList<qint64> &sorted)
{
    if (sorted.isEmpty())
        return QStringLiteral("-");
    return QStringLiteral("%1 / %2").arg(ScenarioSummary::median(sorted)).arg(sorted.last());
}

QString ReportTable::markdown() const
{
    const QStringList impls = m_results.impls();
    QString header = QStringLiteral("| Scenario |");
    QString rule = QStringLiteral("|---|");
    for (const QString &impl : impls) {
        header += QStringLiteral(" %1 | overlaps | failover ms (median / max) | downtime ms (median) |").arg(impl);
        rule += QStringLiteral("---|--:|--:|--:|");
    }
    QString text = header + QLatin1Char('\n') + rule + QLatin1Char('\n');
    for (const QString &scenario : m_results.scenarios()) {
        text += QStringLiteral("| ") + scenario + QStringLiteral(" |");
        for (const QString &impl : impls) {
            const ScenarioSummary summary = m_results.summary(impl, scenario);
            if (summary.runs == 0) {
                text += QStringLiteral(" %1 | | | |").arg(verdict(summary));
                continue;
            }
            const qint64 downtime = ScenarioSummary::median(summary.downtimeMs);
            text += QStringLiteral(" %1 | %2 | %3 | %4 |")
                        .arg(verdict(summary))
                        .arg(summary.overlaps)
                        .arg(medianAndMax(summary.failoverMs),
                            downtime < 0 ? QStringLiteral("-") : QString::number(downtime));
        }
        text += QLatin1Char('\n');
    }

    text += QLatin1Char('\n');
    for (const QString &impl : impls) {
        ScenarioSummary total;
        for (const QString &scenario : m_results.scenarios()) {
            const ScenarioSummary summary = m_results.summary(impl, scenario);
            total.runs += summary.runs;
            total.skipped += summary.skipped;
            total.passed += summary.passed;
            total.overlaps += summary.overlaps;
            total.durationS += summary.durationS;
        }
        text += QStringLiteral("- %1: %2 scenario runs, %3 passed, %4 overlaps, %5 s; %6 skipped\n")
                    .arg(impl)
                    .arg(total.runs)
                    .arg(total.passed)
                    .arg(total.overlaps)
                    .arg(qRound(total.durationS))
                    .arg(total.skipped);
    }

    QString failures;
    for (const LabRun &run : m_results.runs()) {
        if (!run.pass && !run.skipped) {
            QString detail = run.detail;
            failures += QStringLiteral("- %1 %2: %3\n")
                            .arg(run.impl, run.scenario, detail.replace(QLatin1Char('|'), QLatin1String("\\|")));
        }
    }
    if (!failures.isEmpty())
        text += QStringLiteral("\nFailures:\n\n") + failures;
    return text;
}

} // namespace hacmp::lab
