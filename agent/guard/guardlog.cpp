#include "agent/guard/guardlog.h"

#include <cstdlib>
#include <syslog.h>
#include <unistd.h>

namespace hacmp::guard {

GuardLog::GuardLog()
    : m_journal(std::getenv("JOURNAL_STREAM") != nullptr)
{ }

void GuardLog::info(const std::string &message) const
{
    write(LOG_INFO, message);
}

void GuardLog::warning(const std::string &message) const
{
    write(LOG_WARNING, message);
}

void GuardLog::error(const std::string &message) const
{
    write(LOG_ERR, message);
}

void GuardLog::write(int priority, const std::string &message) const
{
    std::string line;
    if (m_journal)
        line = '<' + std::to_string(priority) + '>';
    line += "hacmp-guard: " + message + '\n';
    const ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
    static_cast<void>(ignored);
}

} // namespace hacmp::guard
