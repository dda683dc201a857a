#pragma once

#include "shared/protocol/monotime.h"
#include "tests/support/clusterfixture.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace hacmp::test {

/// Keeps nodes of a ClusterFixture alive: rewrites their records every period, as their agents would,
/// while the test's event loop runs (e.g. during CtlProcess::run). Nodes not added stay as written: stale.
class RecordPulse final
{
public:
    explicit RecordPulse(ClusterFixture &cluster, Millis period = Millis(100));
    Q_DISABLE_COPY_MOVE(RecordPulse)

    /// Writes node's record now and from now on every period.
    void add(const QString &node);
    /// The first error of a write, empty while all succeeded.
    const QString &error() const { return m_error; }

private:
    void pulse();

    ClusterFixture &m_cluster;
    QSet<QString> m_nodes;
    QTimer m_timer;
    QString m_error;
};

} // namespace hacmp::test
