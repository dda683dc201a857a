#pragma once

#include "gui/clustersource.h"
#include "shared/base/result.h"
#include "shared/protocol/timing.h"

#include <QString>
#include <QStringList>

namespace hacmp::console {

/// What the console's command line asks for, with the cluster's store and timing resolved: --dir DIR, or
/// the [cluster] of an agent.conf (--config FILE, or the default one when it exists), a directory or an
/// etcd cluster.
struct ConsoleOptions
{
    ClusterSource cluster; ///< empty: none given (the window offers File > Open and the recent list)
    Timing timing; ///< from the agent.conf read, else the protocol's defaults
    QString configUsed; ///< the agent.conf the timing came from, empty when none
    QString screenshot; ///< --screenshot FILE
    QString language; ///< --language CODE, empty: the saved choice or the system's
    int tab = 0; ///< --tab NAME: the tab shown first (0 history, 1 failovers, 2 timeline)
    QStringList warnings; ///< a default agent.conf that exists but could not be read, for stderr

    /// Parses arguments (argv, program name first). defaultConfig is read when --config is not given
    /// and it exists. Errors name the option or file and say what to do; --help and --version exit
    /// the process after printing, as QCommandLineParser does.
    static Result<ConsoleOptions> parse(const QStringList &arguments, const QString &defaultConfig);
};

} // namespace hacmp::console
