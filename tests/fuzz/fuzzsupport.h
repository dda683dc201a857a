#pragma once

// What every libFuzzer target of tests/fuzz shares: the input as Qt bytes, an invariant check that makes
// libFuzzer keep the input (abort() counts as a crash), and silence for Qt's own messages.

#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace hacmp::fuzz {

inline QByteArrayView bytesOf(const std::uint8_t *data, std::size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
}

[[noreturn]] inline void invariantFailed(const char *what, const char *file, int line)
{
    std::fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what);
    std::abort();
}

} // namespace hacmp::fuzz

/// libFuzzer's start-up hook (each target is one file, so it is defined here once per program): drops
/// qWarning and the like, since parsers may log and a line per execution would slow the fuzzer down.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    return 0;
}

/// Checks an invariant of the code under test; a violation is reported like a crash, with this input.
#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            ::hacmp::fuzz::invariantFailed(#condition, __FILE__, __LINE__);                                            \
    } while (false)
