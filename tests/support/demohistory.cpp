#include "tests/support/demohistory.h"

namespace hacmp::test {

namespace {

QString isoAt(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

DemoHistory::DemoHistory(QStringList nodes, QString operatorName, quint32 seed)
    : m_nodes(std::move(nodes))
    , m_operator(std::move(operatorName))
    , m_random(seed)
{ }

void DemoHistory::log(qint64 ms, const QString &writer, const char *event, const QString &node, const QString &detail)
{
    HistoryEvent line;
    line.time = isoAt(ms);
    line.epoch = m_epoch;
    line.event = QLatin1String(event);
    line.node = node;
    line.detail = detail;
    m_events[writer].append(line);
    ++m_count;
}

QString DemoHistory::nextMaster()
{
    QStringList others = m_nodes;
    others.removeAll(m_master);
    if (others.isEmpty())
        return m_master;
    return others[int(m_random() % quint32(others.size()))];
}

qint64 DemoHistory::claim(qint64 ms, const QString &node)
{
    ++m_epoch;
    m_master = node;
    log(ms, node, historyevents::RoleChange, node, QStringLiteral("standby -> candidate: claim"));
    ms += 4100; // settle
    log(ms, node, historyevents::RoleChange, node, QStringLiteral("master of epoch %1").arg(m_epoch));
    ms += 1200 + qint64(m_random() % 800);
    log(ms, node, historyevents::AppStart, node, QStringLiteral("pid %1").arg(2000 + m_random() % 30000));
    return ms;
}

qint64 DemoHistory::switchover(qint64 ms, const QString &to)
{
    const QString from = m_master;
    log(ms, m_operator, historyevents::SwitchoverRequested, to,
        QStringLiteral("move the service before patching %1").arg(from));
    ms += 900;
    log(ms, from, historyevents::SwitchoverRequested, to, QStringLiteral("to %1").arg(to));
    log(ms, from, historyevents::RoleChange, from, QStringLiteral("master -> stopping: switchover"));
    ms += 1500 + qint64(m_random() % 1500);
    log(ms, from, historyevents::AppExit, from, QStringLiteral("status 0 (stopped)"));
    log(ms, from, historyevents::RoleChange, from, QStringLiteral("stopping -> standby: application stopped"));
    log(ms, from, historyevents::SwitchoverDone, to, QStringLiteral("handed over to %1").arg(to));
    ms += 600;
    ++m_changes;
    return claim(ms, to);
}

qint64 DemoHistory::failover(qint64 ms, const QString &to)
{
    const QString from = m_master;
    // The master's host stops; the others see its heartbeat unchanged for F.
    ms += 10000;
    for (const QString &node : std::as_const(m_nodes)) {
        if (node != from)
            log(ms + qint64(m_random() % 900), node, historyevents::NodeDead, from,
                QStringLiteral("no heartbeat change for 10s"));
    }
    ms += 1000;
    ++m_changes;
    ++m_failovers;
    const qint64 started = claim(ms, to);
    // The old master comes back later and joins as standby.
    log(started + 600000, from, historyevents::AgentStart, from, QStringLiteral("version 0.1.0"));
    log(started + 612000, from, historyevents::RoleChange, from,
        QStringLiteral("starting -> standby: observed every node"));
    return started;
}

qint64 DemoHistory::maintenance(qint64 ms)
{
    log(ms, m_operator, historyevents::MaintenanceOn, QString(), QStringLiteral("database upgrade"));
    for (const QString &node : std::as_const(m_nodes))
        log(ms + 700 + qint64(m_random() % 300), node, historyevents::MaintenanceOn, node, QString());
    ms += 45 * 60 * 1000;
    log(ms, m_operator, historyevents::MaintenanceOff, QString(), QStringLiteral("upgrade done"));
    for (const QString &node : std::as_const(m_nodes))
        log(ms + 700 + qint64(m_random() % 300), node, historyevents::MaintenanceOff, node, QString());
    return ms + 1000;
}

void DemoHistory::noise(qint64 from, qint64 to, int count)
{
    if (count <= 0 || to <= from)
        return;
    const qint64 step = std::max<qint64>(1, (to - from) / (count + 1));
    for (int i = 0; i < count; ++i) {
        const qint64 ms = from + step * (i + 1);
        const QString node = m_nodes[int(m_random() % quint32(m_nodes.size()))];
        switch (m_random() % 3) {
        case 0:
            if (node == m_master) {
                log(ms, node, historyevents::AppExit, node, QStringLiteral("status 1"));
                log(ms, node, historyevents::AppRestart, node, QStringLiteral("local restart after status 1"));
                log(ms + 800, node, historyevents::AppStart, node,
                    QStringLiteral("pid %1").arg(2000 + m_random() % 30000));
                break;
            }
            [[fallthrough]];
        case 1:
            log(ms, node, historyevents::StorageLost, node, QStringLiteral("own record not written within io_timeout"));
            log(ms + 1500, node, historyevents::StorageRestored, node, QStringLiteral("own record written again"));
            break;
        default:
            log(ms, node, historyevents::StandbyOn, node, QStringLiteral("disk replacement"));
            log(ms + 60000, node, historyevents::StandbyOff, node, QString());
            break;
        }
    }
}

void DemoHistory::run(const QDateTime &start, const QDateTime &end, Millis termLength, int eventsPerTerm)
{
    qint64 ms = start.toMSecsSinceEpoch();
    const qint64 last = end.toMSecsSinceEpoch();
    for (const QString &node : std::as_const(m_nodes))
        log(ms + qint64(m_random() % 2000), node, historyevents::AgentStart, node, QStringLiteral("version 0.1.0"));
    ms = claim(ms + 12000, m_nodes.front());
    int term = 0;
    while (true) {
        const qint64 length
            = termLength.count() / 2 + qint64(m_random() % quint32(std::max<qint64>(1, termLength.count())));
        if (ms + length >= last)
            break;
        noise(ms, ms + length - 60000, eventsPerTerm - 12);
        ms += length;
        ++term;
        if (term % 5 == 2)
            ms = maintenance(ms);
        else if (term % 3 == 1)
            ms = failover(ms, nextMaster());
        else
            ms = switchover(ms, nextMaster());
    }
}

void DemoHistory::addFailover(const QDateTime &stop, const QString &to)
{
    failover(stop.toMSecsSinceEpoch(), to);
}

} // namespace hacmp::test
