#pragma once

#include <QMenu>

namespace hacmp::console {

/// File > Open Recent: the cluster directories opened last, newest first, kept in QSettings (main.cpp
/// opens the newest at start).
class RecentMenu final : public QMenu
{
    Q_OBJECT

public:
    explicit RecentMenu(QWidget *parent = nullptr);

    /// Puts path first in the list.
    void remember(const QString &path);

signals:
    void chosen(const QString &path);

private:
    void rebuild();
};

} // namespace hacmp::console
