#include "shared/protocol/monotime.h"

#include <time.h>

namespace hacmp {

MonoTime monotonicNow()
{
    timespec now {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return MonoTime(std::int64_t(now.tv_sec) * 1000 + now.tv_nsec / 1000000);
}

} // namespace hacmp
