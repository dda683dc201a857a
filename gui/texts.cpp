#include "gui/texts.h"

#include "shared/history/historyevent.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace hacmp::console {

namespace {

QString twoDigits(qint64 value)
{
    return QStringLiteral("%1").arg(value, 2, 10, QLatin1Char('0'));
}

} // namespace

QString durationText(Millis duration)
{
    const qint64 ms = duration.count();
    if (ms < 0)
        return QStringLiteral("-") + durationText(Millis(-ms));
    if (ms < 1000)
        return QCoreApplication::translate("Texts", "%1 ms").arg(ms);
    const qint64 seconds = ms / 1000;
    if (seconds < 10 && ms % 1000 != 0)
        return QCoreApplication::translate("Texts", "%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    if (seconds < 60)
        return QCoreApplication::translate("Texts", "%1 s").arg(seconds);
    if (seconds < 3600)
        return QCoreApplication::translate("Texts", "%1 min %2 s").arg(seconds / 60).arg(twoDigits(seconds % 60));
    if (seconds < 86400)
        return QCoreApplication::translate("Texts", "%1 h %2 min")
            .arg(seconds / 3600)
            .arg(twoDigits(seconds / 60 % 60));
    return QCoreApplication::translate("Texts", "%1 d %2 h").arg(seconds / 86400).arg(seconds / 3600 % 24);
}

QString roleLabel(Role role)
{
    switch (role) {
    case Role::Starting:
        return QCoreApplication::translate("Texts", "starting");
    case Role::Standby:
        return QCoreApplication::translate("Texts", "standby");
    case Role::Candidate:
        return QCoreApplication::translate("Texts", "taking over");
    case Role::Master:
        return QCoreApplication::translate("Texts", "master");
    case Role::Stopping:
        return QCoreApplication::translate("Texts", "stopping");
    case Role::Offline:
        return QCoreApplication::translate("Texts", "offline");
    case Role::Fenced:
        return QCoreApplication::translate("Texts", "fenced");
    }
    return roleName(role);
}

QString appStateLabel(AppState state)
{
    switch (state) {
    case AppState::Stopped:
        return QCoreApplication::translate("Texts", "stopped");
    case AppState::Starting:
        return QCoreApplication::translate("Texts", "starting");
    case AppState::Running:
        return QCoreApplication::translate("Texts", "running");
    case AppState::Stopping:
        return QCoreApplication::translate("Texts", "stopping");
    case AppState::Failed:
        return QCoreApplication::translate("Texts", "failed");
    }
    return appStateName(state);
}

QString eventLabel(const QString &event)
{
    using namespace historyevents;
    static const QList<std::pair<const char *, const char *>> labels {
        { AgentStart, QT_TRANSLATE_NOOP("Texts", "agent started") },
        { AgentStop, QT_TRANSLATE_NOOP("Texts", "agent stopped") },
        { RoleChange, QT_TRANSLATE_NOOP("Texts", "role change") },
        { AppStart, QT_TRANSLATE_NOOP("Texts", "application started") },
        { AppExit, QT_TRANSLATE_NOOP("Texts", "application exited") },
        { AppRestart, QT_TRANSLATE_NOOP("Texts", "application restarted") },
        { AppFailed, QT_TRANSLATE_NOOP("Texts", "application failed") },
        { LeaseLapsed, QT_TRANSLATE_NOOP("Texts", "lease lapsed") },
        { GuardKill, QT_TRANSLATE_NOOP("Texts", "killed by the guard") },
        { NodeDead, QT_TRANSLATE_NOOP("Texts", "node seen dead") },
        { StorageLost, QT_TRANSLATE_NOOP("Texts", "storage lost") },
        { StorageRestored, QT_TRANSLATE_NOOP("Texts", "storage restored") },
        { MaintenanceOn, QT_TRANSLATE_NOOP("Texts", "maintenance on") },
        { MaintenanceOff, QT_TRANSLATE_NOOP("Texts", "maintenance off") },
        { StandbyOn, QT_TRANSLATE_NOOP("Texts", "standby on") },
        { StandbyOff, QT_TRANSLATE_NOOP("Texts", "standby off") },
        { SwitchoverRequested, QT_TRANSLATE_NOOP("Texts", "switchover requested") },
        { SwitchoverDone, QT_TRANSLATE_NOOP("Texts", "switchover done") },
        { SwitchoverRefused, QT_TRANSLATE_NOOP("Texts", "switchover refused") },
        { DuplicateNode, QT_TRANSLATE_NOOP("Texts", "duplicate node name") },
        { ConfigRejected, QT_TRANSLATE_NOOP("Texts", "configuration rejected") },
        { Incident, QT_TRANSLATE_NOOP("Texts", "incident") },
        { ClearFailures, QT_TRANSLATE_NOOP("Texts", "failures cleared") },
        { AppStartDeferred, QT_TRANSLATE_NOOP("Texts", "application start deferred") },
        { AppLeftRunning, QT_TRANSLATE_NOOP("Texts", "application left to the guard") },
        { InstanceOutsideGuard, QT_TRANSLATE_NOOP("Texts", "instance outside the guard") },
        { AppRunRequested, QT_TRANSLATE_NOOP("Texts", "start by hand requested") },
        { AppStopRequested, QT_TRANSLATE_NOOP("Texts", "stop by hand requested") },
        { AppRequestDone, QT_TRANSLATE_NOOP("Texts", "request carried out") },
        { AppRequestRefused, QT_TRANSLATE_NOOP("Texts", "request refused") },
    };
    for (const auto &[name, label] : labels) {
        if (event == QLatin1String(name))
            return QCoreApplication::translate("Texts", label);
    }
    return event;
}

QString masterChangeReasonLabel(MasterChangeReason reason)
{
    switch (reason) {
    case MasterChangeReason::Initial:
        return QCoreApplication::translate("Texts", "first master");
    case MasterChangeReason::Switchover:
        return QCoreApplication::translate("Texts", "switchover");
    case MasterChangeReason::Handover:
        return QCoreApplication::translate("Texts", "handover");
    case MasterChangeReason::Failover:
        return QCoreApplication::translate("Texts", "failover");
    case MasterChangeReason::Conflict:
        return QCoreApplication::translate("Texts", "conflict");
    }
    return masterChangeReasonName(reason);
}

QString localTimeText(const QString &isoUtc)
{
    const QDateTime time = QDateTime::fromString(isoUtc, Qt::ISODateWithMs);
    if (!time.isValid())
        return isoUtc;
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace hacmp::console
