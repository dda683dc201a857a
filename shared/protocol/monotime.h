#pragma once

#include <chrono>
#include <cstdint>
#include <limits>

namespace hacmp {

/// Durations and instants of a host's monotonic clock, in milliseconds. Decisions use only these,
/// never wall clocks or file times (docs/protocol.md, Observation).
using Millis = std::chrono::milliseconds;

/// An instant on the local monotonic clock; only differences between instants of one host mean anything.
using MonoTime = Millis;

constexpr MonoTime kNever = Millis(std::numeric_limits<std::int64_t>::min() / 4);

} // namespace hacmp
