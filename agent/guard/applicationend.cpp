#include "agent/guard/applicationend.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace hacmp::guard {

namespace {

/// UTC ISO 8601 with milliseconds and 'Z', as the history's times.
std::string utcIso(long long ms)
{
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc {};
    ::gmtime_r(&seconds, &utc);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
        utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(ms % 1000));
    return text;
}

/// A JSON string: quotes, backslashes and control characters escaped.
std::string jsonString(const std::string &text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + '"';
}

std::string folderOf(const std::string &path)
{
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string(".") : slash == 0 ? std::string("/") : path.substr(0, slash);
}

bool writeAll(int fd, const std::string &bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t written = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        done += static_cast<std::size_t>(written);
    }
    return true;
}

} // namespace

std::string encodeApplicationEnd(const ApplicationEnd &end)
{
    return "{\"format\":1,\"node\":" + jsonString(end.node) + ",\"epoch\":" + std::to_string(end.epoch)
        + ",\"pid\":" + std::to_string(end.pid) + ",\"time\":\"" + utcIso(end.timeMs)
        + "\",\"cause\":" + jsonString(end.cause) + ",\"status\":" + std::to_string(end.status) + "}\n";
}

std::string applicationEndPath(const std::string &stateDirectory, const std::string &node)
{
    return stateDirectory + '/' + node + ".app-end.json";
}

Outcome<bool> writeApplicationEnd(const std::string &path, const ApplicationEnd &end)
{
    const std::string temporary = path + ".tmp";
    const auto failure = [&](const char *what) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return Failure { "could not record the application's end in " + path + ": " + what + " (" + std::strerror(error)
            + "); check the state directory (free space, permissions)" };
    };
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return failure("creating the temporary file failed");
    const bool written = writeAll(fd, encodeApplicationEnd(end)) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written)
        return failure("writing the temporary file failed");
    if (::rename(temporary.c_str(), path.c_str()) != 0)
        return failure("renaming the temporary file failed");
    const int folder = ::open(folderOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0)
        return failure("opening the folder failed");
    const bool synced = ::fsync(folder) == 0;
    ::close(folder);
    if (!synced)
        return failure("syncing the folder failed");
    return true;
}

} // namespace hacmp::guard
