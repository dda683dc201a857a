#pragma once

#include <QString>

namespace hacmp::ctl {

/// How much a piece of output matters to an operator; the words always say it, colour only adds to it.
enum class Tone { Plain, Good, Warning, Bad };

/// Colours text for a terminal: only when standard output is a terminal and NO_COLOR is not set, so
/// that pipes, files and monitoring get plain text.
class TerminalStyle final
{
public:
    /// Decides from standard output and the environment.
    static TerminalStyle forStdout();
    /// text wrapped in the escape sequences of tone (unchanged when disabled or Plain).
    QString paint(const QString &text, Tone tone) const;

private:
    explicit TerminalStyle(bool enabled)
        : m_enabled(enabled)
    { }

    bool m_enabled;
};

} // namespace hacmp::ctl
