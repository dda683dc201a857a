#pragma once

#include "gui/endpointhealth.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace hacmp::console {

/// The etcd endpoints of the open cluster and how each answered its last health check: up as leader or
/// follower, up without a leader, or down with the error. The window shows it only for an etcd cluster.
class EndpointsPane final : public QWidget
{
    Q_OBJECT

public:
    enum Column { Endpoint, State, Details, ColumnCount };

    explicit EndpointsPane(QWidget *parent = nullptr);

    /// Lists the endpoints before their first check (state "checking…").
    void setEndpoints(const QStringList &endpoints);
    void setHealth(const QList<EndpointHealth> &health);
    /// The text of a cell (tests read what the operator sees).
    QString text(int row, Column column) const;
    int rows() const;
    void retranslate();

private:
    void render();

    QLabel *m_heading;
    QTableWidget *m_table;
    QStringList m_endpoints;
    QList<EndpointHealth> m_health; ///< empty: not checked yet
};

} // namespace hacmp::console
