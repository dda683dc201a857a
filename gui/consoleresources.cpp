#include "gui/consoleresources.h"

#include <QFile>
#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside of any namespace.
static void initConsoleQrc()
{
    Q_INIT_RESOURCE(hacmp_console);
}

static void initStylesQrc()
{
    Q_INIT_RESOURCE(console_styles);
}

namespace hacmp::console {

void initResources()
{
    initConsoleQrc();
}

const QString &consoleStyleSheet()
{
    static const QString sheet = [] {
        initStylesQrc();
        QFile file(QStringLiteral(":/styles/console.qss"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }();
    return sheet;
}

} // namespace hacmp::console
