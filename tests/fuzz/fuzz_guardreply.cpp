// The agent's side of the guard's line protocol (agent/daemon/guardreply.h): every line the guard's socket
// may carry. Invariants: a reply that parses, written again the way the guard writes it
// (agent/guard/guard.cpp), parses to the same reply; an exit cause is one of the four the protocol names.
#include "tests/fuzz/fuzzsupport.h"

#include "agent/daemon/guardreply.h"

#include <QStringList>

using namespace hacmp;
using namespace hacmp::agent;

namespace {

QByteArray number(std::int64_t value)
{
    return QByteArray::number(qint64(value));
}

QByteArray deadline(MonoTime at)
{
    return at == kNever ? QByteArray("0") : number(at.count());
}

QByteArray written(const GuardReply &reply)
{
    switch (reply.kind) {
    case GuardReply::Kind::StateIdle:
        return "STATE idle " + deadline(reply.deadline);
    case GuardReply::Kind::StateRunning:
        return "STATE running " + number(reply.pid) + ' ' + QByteArray::number(quint64(reply.epoch)) + ' '
            + deadline(reply.deadline);
    case GuardReply::Kind::Started:
        return "STARTED " + number(reply.pid);
    case GuardReply::Kind::Exited:
        return "EXITED " + reply.cause.toLatin1() + ' ' + number(reply.status);
    case GuardReply::Kind::Refused:
        return "REFUSED " + reply.text.toUtf8();
    case GuardReply::Kind::Error:
        return "ERROR " + reply.text.toUtf8();
    }
    return {};
}

bool same(const GuardReply &a, const GuardReply &b)
{
    return a.kind == b.kind && a.pid == b.pid && a.epoch == b.epoch && a.deadline == b.deadline && a.cause == b.cause
        && a.status == b.status && a.text == b.text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::optional<GuardReply> reply = GuardReply::parse(fuzz::bytesOf(data, size));
    if (!reply)
        return 0;
    if (reply->kind == GuardReply::Kind::Exited) {
        static const QStringList causes { QStringLiteral("exited"), QStringLiteral("signaled"),
            QStringLiteral("deadline"), QStringLiteral("stopped") };
        FUZZ_CHECK(causes.contains(reply->cause));
    }
    const std::optional<GuardReply> again = GuardReply::parse(written(*reply));
    FUZZ_CHECK(again && same(*again, *reply));
    return 0;
}
