#include "agent/ctl/clearcommand.h"

#include "agent/ctl/actionlog.h"
#include "agent/ctl/commandparser.h"
#include "agent/ctl/ctlsession.h"
#include "agent/ctl/nodeargument.h"
#include "shared/history/historyevent.h"
#include "shared/storage/controlfiles.h"

namespace hacmp::ctl {

namespace {

int runClear(const DirectoryOptions &before, const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("clear"),
        QStringLiteral("hacmpctl [--dir DIR | --config FILE] clear NODE [--reason TEXT]"),
        QStringLiteral("Asks the agent of NODE to forget the application's failures (its restart budget):\n"
                       "a node that stood down after repeated failures becomes eligible again. Fix the\n"
                       "cause first. The agent acts within one interval and removes clear/NODE."));
    parser.addReasonOption();
    parser.addDirectoryOptions();
    if (const std::optional<int> done = parser.parse(arguments, 1))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return parser.usageError(QStringLiteral("NODE is missing"));
    const QString node = positional.at(0);
    if (const std::optional<int> bad = checkNodeArgument(parser, node))
        return *bad;
    const Result<DirectoryOptions> options = parser.directoryOptions(before);
    if (!options)
        return parser.usageError(options.error());
    const QString reason = parser.reason();

    CtlSession session(*options);
    if (const Status opened = session.open(); !opened)
        return printError(opened.error(), ExitUnreachable);
    warnUnlessNodeKnown(session, node);
    ActionLog log(session);
    const Result<ControlNote> note = log.change({ OperatorAction::Kind::ClearFailures, node, 0, reason });
    if (!note)
        return printError(QStringLiteral("%1 (a directory made by an older 'hacmpctl init' lacks %2/: run 'hacmpctl "
                                         "init --dir %3 --cluster %4' to add it)")
                              .arg(note.error(), clearFolder(), session.path(), session.clusterName()),
            ExitFailed);
    printLine(QStringLiteral("clear requested for %1 (by %2: %3): its agent resets the restart budget when it next "
                             "reads %4 (within one interval) and removes the file.")
                  .arg(node, note->who, note->why, clearPath(node)));
    return ExitOk;
}

} // namespace

CtlCommand clearCommand()
{
    return { QStringLiteral("clear"), QStringLiteral("Reset a node's application failures (restart budget)"),
        &runClear };
}

} // namespace hacmp::ctl
