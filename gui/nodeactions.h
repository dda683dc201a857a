#pragma once

#include "gui/directorypoll.h"
#include "shared/protocol/clusterverdict.h"

#include <QList>
#include <QObject>

class QAction;

namespace hacmp::console {

class ControlRequests;
class NodeTableModel;

/// The actions on one node (standby on or off, switchover to it, clear its failures, start or stop the
/// application by hand in maintenance): which are allowed
/// for the selected node and why not, and the question each asks before ControlRequests carries it out.
class NodeActions final : public QObject
{
    Q_OBJECT

public:
    /// nodes: the table whose snapshot the actions judge.
    NodeActions(const NodeTableModel *nodes, ControlRequests *requests, MonoClock clock, QObject *parent = nullptr);

    QAction *standbyAction() const { return m_standby; }
    QAction *switchoverAction() const { return m_switchover; }
    QAction *clearAction() const { return m_clear; }
    QAction *appAction() const { return m_app; }
    QList<QAction *> actions() const { return { m_standby, m_switchover, m_clear, m_app }; }

    /// Names, enables and explains the actions for node (empty: none selected); blocked: why no change
    /// can be written now (empty: it can).
    void update(const QString &node, const QString &blocked);

private:
    /// Why the switchover action is disabled, in the console's words.
    static QString refusalText(const SwitchoverRefusal &refusal);
    void askStandby();
    void askSwitchover();
    void askClear();
    void askApp();
    /// Whether the node's application runs (under its guard or started by hand), as its record says.
    bool appRuns(const QString &node) const;
    /// Names, enables and explains the action that starts or stops the application by hand (M-c).
    void updateApp(const QString &nodeWhy);

    const NodeTableModel *m_nodes;
    ControlRequests *m_requests;
    MonoClock m_clock;
    QString m_node;
    QAction *m_standby;
    QAction *m_switchover;
    QAction *m_clear;
    QAction *m_app;
};

} // namespace hacmp::console
