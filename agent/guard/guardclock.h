#pragma once

namespace hacmp::guard {

/// Now on CLOCK_MONOTONIC in milliseconds: the clock the agent's deadlines are written in
/// (guardprotocol.h), shared by every process of the host.
long long monotonicMs();

/// Now on the wall clock (CLOCK_REALTIME) in milliseconds since 1970, UTC: only for what people and the
/// history read (the end file), never for deadlines.
long long wallClockMs();

} // namespace hacmp::guard
