#include "agent/ctl/standbycommand.h"

#include "agent/ctl/actionlog.h"
#include "agent/ctl/commandparser.h"
#include "agent/ctl/ctlsession.h"
#include "agent/ctl/nodeargument.h"
#include "shared/history/historyevent.h"
#include "shared/storage/controlfiles.h"

namespace hacmp::ctl {

namespace {

int runStandby(const DirectoryOptions &before, const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("standby"),
        QStringLiteral("hacmpctl [--dir DIR | --config FILE] standby NODE on|off [--reason TEXT]"),
        QStringLiteral("'on' sets the standby flag of NODE: it does not become master, and if it is master\n"
                       "it hands over to the best live standby. 'off' clears the flag."));
    parser.addReasonOption();
    parser.addDirectoryOptions();
    if (const std::optional<int> done = parser.parse(arguments, 2))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return parser.usageError(positional.isEmpty() ? QStringLiteral("NODE and on|off are missing")
                                                      : QStringLiteral("on|off is missing after the node name"));
    const QString node = positional.at(0);
    const QString action = positional.at(1);
    if (const std::optional<int> bad = checkNodeArgument(parser, node))
        return *bad;
    if (action != QLatin1String("on") && action != QLatin1String("off"))
        return parser.usageError(QStringLiteral("\"%1\" is neither 'on' nor 'off'").arg(action));
    const Result<DirectoryOptions> options = parser.directoryOptions(before);
    if (!options)
        return parser.usageError(options.error());
    const bool on = action == QLatin1String("on");
    const QString reason = parser.reason();

    CtlSession session(*options);
    if (const Status opened = session.open(); !opened)
        return printError(opened.error(), ExitUnreachable);
    const NoteRead current
        = session.call<NoteRead>([node](ClusterDirectory &directory) { return ControlFiles(directory).standby(node); });
    if (on && current.presence == Presence::Present) {
        printLine(QStringLiteral("standby flag of %1 is already on %2; nothing changed")
                      .arg(node, describeNoteRead(current)));
        return ExitOk;
    }
    if (!on && current.presence == Presence::Absent) {
        printLine(QStringLiteral("standby flag of %1 is already off; nothing changed").arg(node));
        return ExitOk;
    }
    if (on)
        warnUnlessNodeKnown(session, node);

    ActionLog log(session);
    const Result<ControlNote> note
        = log.change({ on ? OperatorAction::Kind::StandbyOn : OperatorAction::Kind::StandbyOff, node, 0, reason });
    if (!note)
        return printError(note.error(), ExitFailed);
    if (on) {
        printLine(
            QStringLiteral("standby flag of %1: ON since %2 by %3: %4").arg(node, note->when, note->who, note->why));
        printLine(QStringLiteral("%1 will not become master; if it is master, it hands over to the best live standby.")
                      .arg(node));
    } else {
        printLine(QStringLiteral("standby flag of %1: off (by %2: %3)").arg(node, note->who, note->why));
        printLine(QStringLiteral("%1 may become master again.").arg(node));
    }
    return ExitOk;
}

} // namespace

CtlCommand standbyCommand()
{
    return { QStringLiteral("standby"), QStringLiteral("Keep a node from being master (on) or allow it again (off)"),
        &runStandby };
}

} // namespace hacmp::ctl
