#include "agent/guard/guardmessage.h"
#include "agent/guard/guardprotocol.h"

#include <charconv>

namespace hacmp::guard {

namespace {

/// The line cut to a length that fits in an answer.
std::string quoted(std::string_view line)
{
    constexpr std::size_t kShown = 60;
    return '"' + std::string(line.substr(0, kShown)) + (line.size() > kShown ? "...\"" : "\"");
}

template <typename Number> bool parseNumber(std::string_view word, Number &out)
{
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), out);
    return !word.empty() && ec == std::errc() && end == word.data() + word.size();
}

/// Splits off the first word (up to a single space) from rest.
std::string_view takeWord(std::string_view &rest)
{
    const std::size_t space = rest.find(' ');
    const std::string_view word = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    return word;
}

Failure error(const std::string &text)
{
    return Failure { std::string(kError) + ' ' + text };
}

} // namespace

Outcome<GuardMessage> parseGuardMessage(std::string_view line)
{
    std::string_view rest = line;
    const std::string_view command = takeWord(rest);
    GuardMessage message;
    if (command == kStart) {
        message.kind = GuardMessage::Kind::Start;
        const std::string_view epoch = takeWord(rest);
        if (!parseNumber(epoch, message.epoch))
            return Failure { std::string(kRefused) + " bad epoch " + quoted(epoch)
                + ": expected START <epoch> <json-spec>" };
        if (rest.empty())
            return Failure { std::string(kRefused) + " no spec: expected START <epoch> <json-spec>" };
        message.spec = std::string(rest);
        return message;
    }
    if (command == kHello) {
        message.kind = GuardMessage::Kind::Hello;
        if (rest.empty() || rest.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos)
            return error("bad HELLO " + quoted(line) + ": expected HELLO <incarnation-hex>");
        message.incarnation = std::string(rest);
        return message;
    }
    if (command == kDeadline || command == kStop) {
        const bool deadline = command == kDeadline;
        message.kind = deadline ? GuardMessage::Kind::Deadline : GuardMessage::Kind::Stop;
        if (!parseNumber(rest, message.milliseconds) || message.milliseconds < 0)
            return error("bad " + std::string(command) + ' ' + quoted(line) + ": expected " + std::string(command)
                + (deadline ? " <ms>" : " <grace-ms>") + " with a non-negative integer");
        return message;
    }
    if (command == kQuit && line == kQuit) {
        message.kind = GuardMessage::Kind::Quit;
        return message;
    }
    return error("unknown message " + quoted(line));
}

} // namespace hacmp::guard
