#include "gui/consolelog.h"

Q_LOGGING_CATEGORY(lcConsole, "hacmp.console")
