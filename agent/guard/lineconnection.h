#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hacmp::guard {

/// One agent connection: a non-blocking stream socket read as lines and written through a buffer, so
/// that a slow or vanished agent never blocks the guard's poll loop. Owns (and closes) the socket.
class LineConnection final
{
public:
    enum class ReadStatus { Open, Closed, TooLong };

    explicit LineConnection(int fd);
    ~LineConnection();
    LineConnection(const LineConnection &) = delete;
    LineConnection &operator=(const LineConnection &) = delete;

    int fd() const { return m_fd; }
    /// Reads what is available and appends each complete line (without its '\n') to lines. Closed:
    /// the peer closed or failed; TooLong: a line exceeds kMaxLineBytes (lines before it are kept).
    ReadStatus readLines(std::vector<std::string> &lines);
    /// Queues line and a '\n' and writes as much as the socket takes now.
    void send(std::string_view line);
    /// Writes queued bytes the socket takes now.
    void flush();
    bool wantsWrite() const { return !m_out.empty() && !m_broken; }
    /// The peer is gone, or stopped reading so long that its answers piled up.
    bool broken() const { return m_broken; }

private:
    int m_fd;
    std::string m_in;
    std::string m_out;
    bool m_broken = false;
};

} // namespace hacmp::guard
