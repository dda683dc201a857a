#pragma once

#include "shared/history/operatoraction.h"
#include "shared/protocol/monotime.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace hacmp::console {

class ClusterMonitor;
class ConfirmDialog;

/// Carries out the operator's ControlActions: asks for a confirmation (and a reason) in a ConfirmDialog,
/// submits the confirmed action to the ClusterMonitor, and words how it went as a notice.
class ControlRequests final : public QObject
{
    Q_OBJECT

public:
    /// dialogParent: the window the dialogs belong to; ioTimeout: how long the monitor waits for a write.
    ControlRequests(QWidget *dialogParent, Millis ioTimeout);

    /// The monitor of the open cluster (null: none); its results are reported from now on.
    void setMonitor(ClusterMonitor *monitor);
    /// Asks to confirm action (closing a dialog still open), and submits it once confirmed.
    void confirm(const OperatorAction &action, const QString &heading, const QString &message, const QString &button,
        bool reasonRequired);
    /// The confirmation dialog that is open now, or null.
    ConfirmDialog *openDialog() const;

signals:
    void notice(const QString &text, bool error);

private:
    void finished(const OperatorAction &action, const QString &error, bool late);
    void delayed();

    QWidget *m_dialogParent;
    Millis m_ioTimeout;
    QPointer<ClusterMonitor> m_monitor;
    QPointer<ConfirmDialog> m_dialog;
};

} // namespace hacmp::console
