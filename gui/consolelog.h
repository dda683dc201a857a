#pragma once

#include <QLoggingCategory>

/// The console's log category, "hacmp.console".
Q_DECLARE_LOGGING_CATEGORY(lcConsole)
