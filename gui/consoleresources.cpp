#include "consoleresources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside of any namespace.
static void initConsoleQrc()
{
    Q_INIT_RESOURCE(hacmp_console);
}

namespace hacmp::console {

void initResources()
{
    initConsoleQrc();
}

} // namespace hacmp::console
