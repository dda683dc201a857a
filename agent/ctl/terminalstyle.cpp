#include "agent/ctl/terminalstyle.h"

#include <unistd.h>

namespace hacmp::ctl {

TerminalStyle TerminalStyle::forStdout()
{
    return TerminalStyle(::isatty(STDOUT_FILENO) == 1 && qEnvironmentVariableIsEmpty("NO_COLOR")
        && qEnvironmentVariable("TERM") != QLatin1String("dumb"));
}

QString TerminalStyle::paint(const QString &text, Tone tone) const
{
    if (!m_enabled || tone == Tone::Plain)
        return text;
    const char *code = "";
    switch (tone) {
    case Tone::Good:
        code = "\x1b[32m"; // green
        break;
    case Tone::Warning:
        code = "\x1b[33;1m"; // bold yellow
        break;
    case Tone::Bad:
        code = "\x1b[31;1m"; // bold red
        break;
    case Tone::Plain:
        break;
    }
    return QLatin1String(code) + text + QLatin1String("\x1b[0m");
}

} // namespace hacmp::ctl
