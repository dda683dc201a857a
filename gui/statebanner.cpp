#include "gui/statebanner.h"

#include "gui/texts.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace hacmp::console {

namespace {

constexpr int kIconSize = 48;
constexpr int kMaxReasons = 4;

QColor stateColor(std::optional<ClusterState> state)
{
    if (!state)
        return QColor(0x47, 0x55, 0x69);
    switch (*state) {
    case ClusterState::Ok:
        return QColor(0x15, 0x80, 0x3d);
    case ClusterState::Degraded:
        return QColor(0xb4, 0x53, 0x09);
    case ClusterState::NoMaster:
        return QColor(0xb9, 0x1c, 0x1c);
    case ClusterState::Maintenance:
        return QColor(0x1d, 0x4e, 0xd8);
    case ClusterState::Conflict:
        return QColor(0x86, 0x19, 0x8f);
    case ClusterState::NotResponding:
    case ClusterState::Unreachable:
        return QColor(0x37, 0x41, 0x51);
    }
    return QColor(0x47, 0x55, 0x69);
}

/// "14:03:07 (2 h 05 min ago)" for a UTC ISO time, or the text as it is.
QString sinceText(const QString &isoUtc)
{
    const QDateTime time = QDateTime::fromString(isoUtc, Qt::ISODateWithMs);
    if (!time.isValid())
        return isoUtc;
    const qint64 ago = time.msecsTo(QDateTime::currentDateTimeUtc());
    return StateBanner::tr("%1 (%2 ago)").arg(localTimeText(isoUtc), durationText(Millis(std::max<qint64>(0, ago))));
}

} // namespace

StateBanner::StateBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_state(new QLabel(this))
    , m_details(new QLabel(this))
    , m_layout(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("stateBanner"));
    setAutoFillBackground(true);
    setFrameShape(QFrame::NoFrame);
    m_icon->setFixedSize(kIconSize, kIconSize);
    QFont big = m_state->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_state->setFont(big);
    m_state->setObjectName(QStringLiteral("stateText"));
    m_details->setObjectName(QStringLiteral("stateDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextFormat(Qt::RichText);

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_state);
    text->addWidget(m_details);
    m_layout->setContentsMargins(14, 10, 14, 10);
    m_layout->setSpacing(14);
    m_layout->addWidget(m_icon, 0, Qt::AlignTop);
    m_layout->addLayout(text, 1);
    showNoCluster();
}

void StateBanner::setSnapshot(const ClusterSnapshot &snapshot)
{
    m_snapshot = snapshot;
    render();
}

void StateBanner::setMasterSince(const QString &isoUtc)
{
    if (isoUtc == m_masterSince)
        return;
    m_masterSince = isoUtc;
    if (m_snapshot)
        render();
}

void StateBanner::showNoCluster()
{
    m_snapshot.reset();
    m_opening.clear();
    render();
}

void StateBanner::showOpening(const QString &store, bool onEtcd)
{
    m_snapshot.reset();
    m_opening = store;
    m_openingEtcd = onEtcd;
    m_masterSince.clear();
    render();
}

void StateBanner::addTrailingWidget(QWidget *widget)
{
    m_layout->addWidget(widget, 0, Qt::AlignVCenter);
}

QString StateBanner::stateText() const
{
    return m_state->text();
}

QString StateBanner::detailText() const
{
    return m_details->text();
}

void StateBanner::retranslate()
{
    render();
}

void StateBanner::render()
{
    const std::optional<ClusterState> state = m_snapshot ? std::optional(m_snapshot->state) : std::nullopt;
    QPalette colors = palette();
    colors.setColor(QPalette::Window, stateColor(state));
    colors.setColor(QPalette::WindowText, Qt::white);
    setPalette(colors);
    m_icon->setPixmap(QIcon(state ? clusterStateIcon(*state) : QStringLiteral(":/icons/hacmp-console.svg"))
                          .pixmap(kIconSize, kIconSize));

    if (!m_snapshot && !m_opening.isEmpty()) {
        m_state->setText(tr("Reading…"));
        m_details->setText(m_openingEtcd ? tr("Reading the cluster from etcd, %1.").arg(m_opening.toHtmlEscaped())
                                         : tr("Reading the cluster directory %1.").arg(m_opening.toHtmlEscaped()));
        setAccessibleName(m_state->text());
        return;
    }
    if (!m_snapshot) {
        m_state->setText(tr("No cluster open"));
        m_details->setText(tr("Open a cluster directory with File › Open (Ctrl+O), or start the console with "
                              "--dir DIR, or with --config FILE for the cluster of an agent.conf (a directory or "
                              "etcd)."));
        setAccessibleName(m_state->text());
        return;
    }
    const ClusterSnapshot &snapshot = *m_snapshot;
    m_state->setText(clusterStateLabel(snapshot.state, snapshot.onEtcd));

    QStringList lines;
    const QString cluster = snapshot.clusterName.isEmpty()
        ? snapshot.directory
        : tr("%1 in %2").arg(snapshot.clusterName, snapshot.directory);
    if (snapshot.masters().size() == 1) {
        QString line = tr("Master: <b>%1</b>, epoch %2")
                           .arg(snapshot.masters().front().toHtmlEscaped())
                           .arg(snapshot.masterEpoch());
        if (!m_masterSince.isEmpty())
            line += tr(", since %1").arg(sinceText(m_masterSince));
        else if (!snapshot.masterAppSince.isEmpty())
            line += tr(", application running since %1").arg(sinceText(snapshot.masterAppSince));
        lines.append(line);
    } else if (snapshot.masters().size() > 1) {
        lines.append(tr("Masters: <b>%1</b>").arg(snapshot.masters().join(QStringLiteral(", ")).toHtmlEscaped()));
    } else if (snapshot.responding) {
        lines.append(tr("Master: <b>none</b>"));
    }
    if (snapshot.maintenance == Presence::Present) {
        if (snapshot.maintenanceNote)
            lines.append(
                tr("Maintenance set by <b>%1</b> at %2: “%3”")
                    .arg(snapshot.maintenanceNote->who.toHtmlEscaped(), sinceText(snapshot.maintenanceNote->when),
                        snapshot.maintenanceNote->why.toHtmlEscaped()));
        lines.append(tr("No agent starts, stops or moves the application until maintenance is turned off."));
    }
    int shown = 0;
    for (const QString &reason : snapshot.reasons) {
        if (shown == kMaxReasons) {
            lines.append(tr("… and %n more (see the nodes table)", nullptr, int(snapshot.reasons.size()) - shown));
            break;
        }
        lines.append(QStringLiteral("• ") + reason.toHtmlEscaped());
        ++shown;
    }
    lines.append(
        QStringLiteral("<small>") + tr("Cluster %1").arg(cluster.toHtmlEscaped()) + QStringLiteral("</small>"));
    m_details->setText(lines.join(QStringLiteral("<br>")));
    setAccessibleName(tr("Cluster state: %1").arg(m_state->text()));
    setAccessibleDescription(m_details->text());
}

} // namespace hacmp::console
