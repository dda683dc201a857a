#pragma once

#include "shared/history/historyevent.h"
#include "shared/protocol/monotime.h"

#include <QDateTime>
#include <QMap>
#include <QStringList>

#include <random>

namespace hacmp::test {

/// Writes a plausible history of a cluster the way its agents and an operator would have logged it:
/// master terms (a counted claim, then the application's start), switchovers requested from a console,
/// failovers after a master died (seen dead by the others), maintenance periods, and local application
/// restarts. Deterministic for a seed. For the console's screenshot, its timeline tests and benchmarks.
class DemoHistory final
{
public:
    /// nodes take turns as master; operator is the console's writer name ("user@host").
    DemoHistory(QStringList nodes, QString operatorName, quint32 seed);

    /// Adds history from start until end: terms of about termLength each, and noise events (application
    /// restarts, storage hiccups) until about eventsPerTerm events per term.
    void run(const QDateTime &start, const QDateTime &end, Millis termLength, int eventsPerTerm);
    /// Adds a failover to `to` after run(): the master's host stops at stop, the others see it dead and `to`
    /// takes over; the old master joins again as standby about 10 minutes later.
    void addFailover(const QDateTime &stop, const QString &to);

    /// Every writer's events, in the order each wrote them.
    const QMap<QString, QList<HistoryEvent>> &byWriter() const { return m_events; }
    int eventCount() const { return m_count; }
    /// The master and epoch at the end (the last claim).
    const QString &master() const { return m_master; }
    quint64 epoch() const { return m_epoch; }
    /// How many changes of master after the first, and how many of them were failovers.
    int changes() const { return m_changes; }
    int failovers() const { return m_failovers; }

private:
    void log(qint64 ms, const QString &writer, const char *event, const QString &node, const QString &detail);
    qint64 claim(qint64 ms, const QString &node);
    qint64 switchover(qint64 ms, const QString &to);
    qint64 failover(qint64 ms, const QString &to);
    qint64 maintenance(qint64 ms);
    void noise(qint64 from, qint64 to, int count);
    QString nextMaster();

    QStringList m_nodes;
    QString m_operator;
    std::mt19937 m_random;
    QMap<QString, QList<HistoryEvent>> m_events;
    int m_count = 0;
    QString m_master;
    quint64 m_epoch = 0;
    int m_changes = 0;
    int m_failovers = 0;
};

} // namespace hacmp::test
