#pragma once

#include "shared/protocol/monotime.h"

#include <QString>
#include <QStringList>

namespace hacmp::test {

/// How a run of a command-line program ended, for tests that run the real hacmpctl.
struct CtlProcess
{
    int exitCode = -1; ///< -1 when it did not finish normally within the limit
    QString out;
    QString err;
    qint64 elapsedMs = 0;

    /// Runs program with arguments while this thread's event loop keeps running (so that QTimers of the
    /// test, such as a RecordPulse, go on writing); kills it after limit.
    static CtlProcess run(const QString &program, const QStringList &arguments, Millis limit = Millis(20000));

    /// "exit N / stdout / stderr" for failure messages.
    QString describe() const;
    /// The first line of standard output.
    QString firstLine() const { return out.section(QLatin1Char('\n'), 0, 0); }
};

} // namespace hacmp::test
