#include "gui/endpointspane.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace hacmp::console {

namespace {

QColor roleColor(EndpointHealth::Role role)
{
    switch (role) {
    case EndpointHealth::Role::Leader:
    case EndpointHealth::Role::Follower:
        return QColor(0x15, 0x80, 0x3d);
    case EndpointHealth::Role::NoLeader:
        return QColor(0xb4, 0x53, 0x09);
    case EndpointHealth::Role::Down:
        return QColor(0xb9, 0x1c, 0x1c);
    }
    return {};
}

} // namespace

EndpointsPane::EndpointsPane(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
{
    setObjectName(QStringLiteral("endpointsPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_heading->setBuddy(m_table);
    layout->addWidget(m_heading);

    m_table->setObjectName(QStringLiteral("endpointsView"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(Endpoint, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(State, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_table);
    retranslate();
}

void EndpointsPane::setEndpoints(const QStringList &endpoints)
{
    m_endpoints = endpoints;
    m_health.clear();
    render();
}

void EndpointsPane::setHealth(const QList<EndpointHealth> &health)
{
    m_health = health;
    render();
}

QString EndpointsPane::text(int row, Column column) const
{
    const QTableWidgetItem *item = m_table->item(row, column);
    return item ? item->text() : QString();
}

int EndpointsPane::rows() const
{
    return m_table->rowCount();
}

void EndpointsPane::retranslate()
{
    m_table->setHorizontalHeaderLabels({ tr("Endpoint"), tr("State"), tr("Details") });
    render();
}

void EndpointsPane::render()
{
    const int count = int(m_endpoints.size());
    const auto answering = std::count_if(m_health.cbegin(), m_health.cend(),
        [](const EndpointHealth &health) { return health.role != EndpointHealth::Role::Down; });
    m_heading->setText(
        m_health.isEmpty() ? tr("etcd endpoints") : tr("etcd endpoints: %1 of %2 answer").arg(answering).arg(count));
    // An endpoint that does not answer is the store's lost redundancy: the heading says so in red.
    QPalette colors = palette();
    if (answering < m_health.size())
        colors.setColor(QPalette::WindowText, roleColor(EndpointHealth::Role::Down));
    m_heading->setPalette(colors);
    m_table->setRowCount(count);
    for (int row = 0; row < count; ++row) {
        const EndpointHealth *health = row < m_health.size() ? &m_health[row] : nullptr;
        QString state = tr("checking…");
        QString details;
        QColor color;
        if (health) {
            state = endpointRoleLabel(health->role);
            color = roleColor(health->role);
            details = health->role == EndpointHealth::Role::Down ? health->error
                                                                 : tr("etcd %1, raft term %2, revision %3")
                                                                       .arg(health->version)
                                                                       .arg(health->raftTerm)
                                                                       .arg(health->revision);
        }
        const QStringList cells { m_endpoints[row], state, details };
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setToolTip(cells[column]);
            if (column == State && color.isValid()) {
                item->setForeground(color);
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            m_table->setItem(row, column, item);
        }
    }
    // Every endpoint in view without a scroll bar: a handful of rows.
    const int height = m_table->horizontalHeader()->sizeHint().height()
        + count * m_table->verticalHeader()->defaultSectionSize() + 2 * m_table->frameWidth();
    m_table->setFixedHeight(height);
}

} // namespace hacmp::console
