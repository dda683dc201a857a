// The guard's side of its line protocol (agent/guard/guardmessage.h): every line the agent's socket may
// carry. Invariants: a refused line gets an answer ready to send ("ERROR ..." or "REFUSED ..."), on one
// line; a line that parses, written again the way the agent writes it, parses to the same message.
#include "tests/fuzz/fuzzsupport.h"

#include "agent/guard/guardmessage.h"
#include "agent/guard/guardprotocol.h"

#include <string>

using namespace hacmp::guard;

namespace {

std::string written(const GuardMessage &message)
{
    switch (message.kind) {
    case GuardMessage::Kind::Hello:
        return std::string(kHello) + ' ' + message.incarnation;
    case GuardMessage::Kind::Deadline:
        return std::string(kDeadline) + ' ' + std::to_string(message.milliseconds);
    case GuardMessage::Kind::Start:
        return std::string(kStart) + ' ' + std::to_string(message.epoch) + ' ' + message.spec;
    case GuardMessage::Kind::Stop:
        return std::string(kStop) + ' ' + std::to_string(message.milliseconds);
    case GuardMessage::Kind::Quit:
        return kQuit;
    }
    return {};
}

bool same(const GuardMessage &a, const GuardMessage &b)
{
    return a.kind == b.kind && a.incarnation == b.incarnation && a.milliseconds == b.milliseconds && a.epoch == b.epoch
        && a.spec == b.spec;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view line(reinterpret_cast<const char *>(data), size);
    const Outcome<GuardMessage> message = parseGuardMessage(line);
    if (!message.ok()) {
        const std::string &answer = message.error();
        FUZZ_CHECK(answer.starts_with("ERROR ") || answer.starts_with("REFUSED "));
        FUZZ_CHECK(answer.find('\n') == std::string::npos || line.find('\n') != std::string_view::npos);
        return 0;
    }
    const Outcome<GuardMessage> again = parseGuardMessage(written(message.value()));
    FUZZ_CHECK(again.ok() && same(again.value(), message.value()));
    return 0;
}
