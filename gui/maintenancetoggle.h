#pragma once

#include <QObject>

class QAction;
class QPushButton;
class QWidget;

namespace hacmp::console {

class ControlRequests;
class NodeTableModel;

/// The cluster's maintenance switch, as a button (in the banner) and a checkable action (Ctrl+M): whether
/// it may be used now, and the question it asks before ControlRequests turns maintenance on or off.
class MaintenanceToggle final : public QObject
{
    Q_OBJECT

public:
    /// nodes: the table whose snapshot tells whether maintenance is on; buttonParent: where the button goes.
    MaintenanceToggle(
        const NodeTableModel *nodes, ControlRequests *requests, QWidget *buttonParent, QObject *parent = nullptr);

    QAction *action() const { return m_action; }
    QPushButton *button() const { return m_button; }
    /// Words and enables both for the snapshot; why: the reason they are disabled when not writable.
    void update(bool writable, const QString &why);

private:
    void ask();

    const NodeTableModel *m_nodes;
    ControlRequests *m_requests;
    QAction *m_action;
    QPushButton *m_button;
};

} // namespace hacmp::console
