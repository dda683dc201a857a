#include "agent/guard/lineconnection.h"
#include "agent/guard/guardprotocol.h"

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace hacmp::guard {

namespace {

constexpr std::size_t kMaxQueuedBytes = 1 << 20;

} // namespace

LineConnection::LineConnection(int fd)
    : m_fd(fd)
{ }

LineConnection::~LineConnection()
{
    ::close(m_fd);
}

LineConnection::ReadStatus LineConnection::readLines(std::vector<std::string> &lines)
{
    char chunk[16384];
    for (;;) {
        const ssize_t got = ::recv(m_fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return ReadStatus::Open;
        if (got <= 0)
            return ReadStatus::Closed;
        m_in.append(chunk, static_cast<std::size_t>(got));
        std::size_t start = 0;
        for (std::size_t newline = m_in.find('\n'); newline != std::string::npos; newline = m_in.find('\n', start)) {
            if (newline - start > kMaxLineBytes)
                return ReadStatus::TooLong;
            lines.emplace_back(m_in, start, newline - start);
            start = newline + 1;
        }
        m_in.erase(0, start);
        if (m_in.size() > kMaxLineBytes)
            return ReadStatus::TooLong;
    }
}

void LineConnection::send(std::string_view line)
{
    m_out.append(line);
    m_out += '\n';
    flush();
}

void LineConnection::flush()
{
    while (!m_out.empty() && !m_broken) {
        const ssize_t sent = ::send(m_fd, m_out.data(), m_out.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (sent < 0) {
            m_broken = true;
            break;
        }
        m_out.erase(0, static_cast<std::size_t>(sent));
    }
    if (m_out.size() > kMaxQueuedBytes)
        m_broken = true;
}

} // namespace hacmp::guard
