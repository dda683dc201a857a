#pragma once

#include "gui/clustersnapshot.h"

#include <QFrame>

class QLabel;
class QHBoxLayout;

namespace hacmp::console {

/// The band at the top of the window: the cluster's state in words, icon and colour, the master with
/// its epoch and since when, who set maintenance, when and why, and the reasons the state is not OK.
class StateBanner final : public QFrame
{
    Q_OBJECT

public:
    explicit StateBanner(QWidget *parent = nullptr);

    void setSnapshot(const ClusterSnapshot &snapshot);
    /// The master's term began at this UTC time, as the history says (empty: unknown).
    void setMasterSince(const QString &isoUtc);
    /// Nothing is open yet: says how to open a cluster.
    void showNoCluster();
    /// A cluster's store (a directory, or etcd when onEtcd) is being opened; its first snapshot follows.
    void showOpening(const QString &store, bool onEtcd);
    /// Puts a widget (the maintenance button) at the banner's right end.
    void addTrailingWidget(QWidget *widget);

    QString stateText() const;
    QString detailText() const;
    void retranslate();

private:
    void render();

    QLabel *m_icon;
    QLabel *m_state;
    QLabel *m_details;
    QHBoxLayout *m_layout;
    std::optional<ClusterSnapshot> m_snapshot;
    QString m_opening; ///< the store being opened, when there is no snapshot yet
    bool m_openingEtcd = false;
    QString m_masterSince;
};

} // namespace hacmp::console
