#pragma once

#include <string>

namespace hacmp::guard {

/// The guard's log on stderr. Under systemd (JOURNAL_STREAM set) every line carries a syslog priority
/// prefix that journald understands (docs/architecture.md, Logging); each line is one write().
class GuardLog final
{
public:
    GuardLog();

    void info(const std::string &message) const;
    void warning(const std::string &message) const;
    void error(const std::string &message) const;

private:
    void write(int priority, const std::string &message) const;

    bool m_journal = false;
};

} // namespace hacmp::guard
