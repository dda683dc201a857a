#include "gui/controlrequests.h"

#include "gui/clustermonitor.h"
#include "gui/confirmdialog.h"
#include "gui/texts.h"

namespace hacmp::console {

ControlRequests::ControlRequests(QWidget *dialogParent, Millis ioTimeout)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent)
    , m_ioTimeout(ioTimeout)
{ }

void ControlRequests::setMonitor(ClusterMonitor *monitor)
{
    m_monitor = monitor;
    if (!monitor)
        return;
    connect(monitor, &ClusterMonitor::actionFinished, this, &ControlRequests::finished);
    connect(monitor, &ClusterMonitor::actionDelayed, this, &ControlRequests::delayed);
}

void ControlRequests::confirm(const OperatorAction &action, const QString &heading, const QString &message,
    const QString &button, bool reasonRequired)
{
    if (m_dialog)
        m_dialog->close();
    auto *dialog = new ConfirmDialog(m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setHeading(heading);
    dialog->setMessage(message);
    dialog->setConfirmText(button);
    dialog->setReasonMode(true, reasonRequired);
    connect(dialog, &QDialog::accepted, this, [this, dialog, action] {
        OperatorAction confirmed = action;
        confirmed.reason = dialog->reason();
        if (!m_monitor || !m_monitor->submit(confirmed))
            emit notice(tr("An earlier change has not finished yet: the directory may not be responding. Try "
                           "again in a moment."),
                true);
    });
    m_dialog = dialog;
    dialog->open();
}

ConfirmDialog *ControlRequests::openDialog() const
{
    return m_dialog;
}

void ControlRequests::finished(const OperatorAction &action, const QString &error, bool late)
{
    if (!error.isEmpty()) {
        emit notice(late ? tr("The delayed change failed: %1").arg(error) : error, true);
        return;
    }
    QString done;
    switch (action.kind) {
    case OperatorAction::Kind::MaintenanceOn:
        done = tr("Maintenance is on. The agents see it within an interval.");
        break;
    case OperatorAction::Kind::MaintenanceOff:
        done = tr("Maintenance is off. The agents resume within an interval.");
        break;
    case OperatorAction::Kind::StandbyOn:
        done = tr("Node %1 is in standby.").arg(action.node);
        break;
    case OperatorAction::Kind::StandbyOff:
        done = tr("Node %1 is out of standby.").arg(action.node);
        break;
    case OperatorAction::Kind::Switchover:
        done = tr("Switchover to %1 requested; the master acts on it within an interval.").arg(action.node);
        break;
    case OperatorAction::Kind::ClearFailures:
        done = tr("Clearing the failures of %1 requested; its agent acts on it within an interval.").arg(action.node);
        break;
    case OperatorAction::Kind::RunApp:
        done = tr("Starting the application on %1 by hand requested; its agent acts on it within an interval.")
                   .arg(action.node);
        break;
    case OperatorAction::Kind::StopApp:
        done = tr("Stopping the application on %1 by hand requested; its agent acts on it within an interval.")
                   .arg(action.node);
        break;
    }
    emit notice(late ? tr("The delayed change was made after all: %1").arg(done) : done, false);
}

void ControlRequests::delayed()
{
    emit notice(tr("The directory has not answered within %1. The change may still be made when it answers; "
                   "check the banner before trying again.")
                    .arg(durationText(m_ioTimeout)),
        true);
}

} // namespace hacmp::console
