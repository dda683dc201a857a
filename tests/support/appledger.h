#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace hacmp::test {

/// CLOCK_MONOTONIC in ms, the clock of hacmp-testapp's ledgers.
qint64 monotonicNowMs();

/// Whether pid has ended: gone, or a zombie that nobody reaps (PID 1 in a container may not reap).
bool processGone(qint64 pid);

/// One run of the application, read from hacmp-testapp's ledger lines.
struct Instance
{
    qint64 pid = 0;
    QString node;
    quint64 epoch = 0;
    qint64 start = 0;
    qint64 last = 0; ///< its last line (START, ALIVE or STOP)
    bool stopped = false; ///< it wrote STOP (it was asked to stop with SIGTERM)
};

/// The oracle of every test with real agents (docs/protocol.md S1): the instances of the application from
/// the ledgers of all nodes, and the CONFLICT lines of an instance that found the lock taken.
struct AppLedger
{
    QList<Instance> instances; ///< in start order
    QStringList conflicts;

    /// Reads and merges ledger files (missing files count as empty).
    static AppLedger read(const QStringList &files);

    /// Instances that have written a line within the last 400 ms and not STOP.
    QList<Instance> running() const;
    QList<Instance> on(const QString &node) const;
    /// Empty when every instance started after the last line of every earlier one; otherwise the first
    /// overlap in words.
    QString overlap() const;
};

} // namespace hacmp::test
