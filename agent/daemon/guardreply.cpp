#include "agent/daemon/guardreply.h"

#include "agent/guard/guardprotocol.h"

#include <QList>

namespace hacmp::agent {

namespace {

std::optional<qint64> integer(QByteArrayView word)
{
    bool ok = false;
    const qint64 value = word.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

/// The rest of line after its first n words, as text.
QString tail(QByteArrayView line, qsizetype words)
{
    qsizetype at = 0;
    for (qsizetype i = 0; i < words && at >= 0; ++i) {
        at = line.indexOf(' ', at);
        if (at >= 0)
            ++at;
    }
    return at < 0 ? QString() : QString::fromUtf8(line.sliced(at));
}

} // namespace

std::optional<GuardReply> GuardReply::parse(QByteArrayView line)
{
    const QList<QByteArray> words = line.toByteArray().split(' ');
    const QByteArray &verb = words.first();
    GuardReply reply;
    if (verb == guard::kState && words.size() == 3 && words[1] == "idle") {
        const auto deadline = integer(words[2]);
        if (!deadline)
            return std::nullopt;
        reply.kind = Kind::StateIdle;
        reply.deadline = *deadline > 0 ? MonoTime(*deadline) : kNever;
        return reply;
    }
    if (verb == guard::kState && words.size() == 5 && words[1] == "running") {
        const auto pid = integer(words[2]);
        const auto epoch = integer(words[3]);
        const auto deadline = integer(words[4]);
        if (!pid || *pid <= 0 || !epoch || *epoch < 0 || !deadline)
            return std::nullopt;
        reply.kind = Kind::StateRunning;
        reply.pid = *pid;
        reply.epoch = std::uint64_t(*epoch);
        reply.deadline = *deadline > 0 ? MonoTime(*deadline) : kNever;
        return reply;
    }
    if (verb == guard::kStarted && words.size() == 2) {
        const auto pid = integer(words[1]);
        if (!pid || *pid <= 0)
            return std::nullopt;
        reply.kind = Kind::Started;
        reply.pid = *pid;
        return reply;
    }
    if (verb == guard::kExited && words.size() == 3) {
        const auto status = integer(words[2]);
        const QString cause = QString::fromLatin1(words[1]);
        static const QStringList causes { QStringLiteral("exited"), QStringLiteral("signaled"),
            QStringLiteral("deadline"), QStringLiteral("stopped") };
        if (!status || !causes.contains(cause))
            return std::nullopt;
        reply.kind = Kind::Exited;
        reply.cause = cause;
        reply.status = int(*status);
        return reply;
    }
    if (verb == guard::kRefused || verb == guard::kError) {
        reply.kind = verb == guard::kRefused ? Kind::Refused : Kind::Error;
        reply.text = tail(line, 1);
        return reply;
    }
    return std::nullopt;
}

} // namespace hacmp::agent
