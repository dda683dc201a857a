#include "gui/recentmenu.h"

#include <QSettings>

namespace hacmp::console {

namespace {

constexpr int kMaxRecent = 8;
const QLatin1String kRecentKey("recentDirectories");

} // namespace

RecentMenu::RecentMenu(QWidget *parent)
    : QMenu(parent)
{
    rebuild();
}

void RecentMenu::remember(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    settings.setValue(kRecentKey, QStringList(recent.mid(0, kMaxRecent)));
    rebuild();
}

void RecentMenu::rebuild()
{
    clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        QAction *action = addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(path));
        connect(action, &QAction::triggered, this, [this, path] { emit chosen(path); });
    }
    setEnabled(!recent.isEmpty());
}

} // namespace hacmp::console
