#include "agent/ctl/maintenancecommand.h"

#include "agent/ctl/actionlog.h"
#include "agent/ctl/commandparser.h"
#include "agent/ctl/ctlsession.h"
#include "shared/history/historyevent.h"
#include "shared/storage/controlfiles.h"

namespace hacmp::ctl {

namespace {

NoteRead readMaintenance(CtlSession &session)
{
    return session.call<NoteRead>([](ClusterDirectory &directory) { return ControlFiles(directory).maintenance(); });
}

int show(CtlSession &session)
{
    const NoteRead read = readMaintenance(session);
    switch (read.presence) {
    case Presence::Absent:
        printLine(QStringLiteral("maintenance: off"));
        return ExitOk;
    case Presence::Present:
        printLine(QStringLiteral("maintenance: ON %1").arg(describeNoteRead(read)));
        return ExitOk;
    case Presence::Unknown:
        break;
    }
    return printError(QStringLiteral("maintenance: unknown: %1").arg(read.problem), ExitFailed);
}

int turnOn(CtlSession &session, const QString &reason)
{
    const NoteRead current = readMaintenance(session);
    if (current.presence == Presence::Present) {
        printLine(QStringLiteral("maintenance is already ON %1; nothing changed").arg(describeNoteRead(current)));
        return ExitOk;
    }
    ActionLog log(session);
    const Result<ControlNote> note = log.change({ OperatorAction::Kind::MaintenanceOn, QString(), 0, reason });
    if (!note)
        return printError(note.error(), ExitFailed);
    printLine(QStringLiteral("maintenance: ON since %1 by %2: %3").arg(note->when, note->who, note->why));
    printLine(QStringLiteral("No agent starts, restarts or fails over the application now (fencing still holds). "
                             "End it with 'hacmpctl maintenance off'."));
    printLine(QStringLiteral("To stop the application and start it again under its guard on the master: 'hacmpctl "
                             "stop-app', 'hacmpctl run'. An instance started by hand otherwise is seen by the agents "
                             "and never doubled: when maintenance ends it is stopped, and the master starts the "
                             "application under its guard. Restarting an agent now keeps the application (it is left "
                             "to the guard)."));
    return ExitOk;
}

int turnOff(CtlSession &session, const QString &reason)
{
    const NoteRead current = readMaintenance(session);
    if (current.presence == Presence::Absent) {
        printLine(QStringLiteral("maintenance is already off; nothing changed"));
        return ExitOk;
    }
    const QString was = current.presence == Presence::Present
        ? QStringLiteral("it was ON %1").arg(describeNoteRead(current))
        : QStringLiteral("its state was unknown");
    ActionLog log(session);
    const Result<ControlNote> note = log.change({ OperatorAction::Kind::MaintenanceOff, QString(), 0, reason },
        reason.isEmpty() ? was : QStringLiteral("%1 (%2)").arg(reason, was));
    if (!note)
        return printError(note.error(), ExitFailed);
    printLine(QStringLiteral("maintenance: off (%1)").arg(was));
    printLine(QStringLiteral("The master starts the application once every live node has reported it stopped."));
    return ExitOk;
}

int runMaintenance(const DirectoryOptions &before, const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("maintenance"),
        QStringLiteral("hacmpctl [--dir DIR | --config FILE] maintenance [on --reason TEXT | off [--reason TEXT]]"),
        QStringLiteral("Without an argument, shows whether the cluster is in maintenance, since when, by whom\n"
                       "and why. 'on' freezes the cluster: no agent starts, restarts or fails over the\n"
                       "application. 'off' ends it; the master then starts the application once."));
    parser.addReasonOption(QStringLiteral("Why (required for 'on'); recorded with who and when."));
    parser.addDirectoryOptions();
    if (const std::optional<int> done = parser.parse(arguments, 1))
        return *done;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (!action.isEmpty() && action != QLatin1String("on") && action != QLatin1String("off"))
        return parser.usageError(QStringLiteral("\"%1\" is neither 'on' nor 'off'").arg(action));
    const QString reason = parser.reasonText();
    if (action == QLatin1String("on") && reason.isEmpty())
        return parser.usageError(QStringLiteral("'maintenance on' needs --reason TEXT: say why, for whoever finds the "
                                                "cluster in maintenance"));
    if (action.isEmpty() && parser.reasonGiven())
        return parser.usageError(QStringLiteral("--reason goes with 'on' or 'off'"));
    const Result<DirectoryOptions> options = parser.directoryOptions(before);
    if (!options)
        return parser.usageError(options.error());

    CtlSession session(*options);
    if (const Status opened = session.open(); !opened)
        return printError(opened.error(), ExitUnreachable);
    if (action.isEmpty())
        return show(session);
    return action == QLatin1String("on") ? turnOn(session, reason) : turnOff(session, reason);
}

} // namespace

CtlCommand maintenanceCommand()
{
    return { QStringLiteral("maintenance"), QStringLiteral("Show, enter (on --reason TEXT) or leave (off) maintenance"),
        &runMaintenance };
}

} // namespace hacmp::ctl
