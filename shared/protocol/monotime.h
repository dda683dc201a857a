#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>

namespace hacmp {

/// Durations and instants of a host's monotonic clock, in milliseconds. Decisions use only these,
/// never wall clocks or file times (docs/protocol.md, Observation).
using Millis = std::chrono::milliseconds;

/// An instant on the local monotonic clock; only differences between instants of one host mean anything.
using MonoTime = Millis;

constexpr MonoTime kNever = Millis(std::numeric_limits<std::int64_t>::min() / 4);

/// The one clock type of hacmp: what reads the time is passed in, so that tests and the simulator run
/// the same code on a fake clock.
using MonoClock = std::function<MonoTime()>;

/// Now on CLOCK_MONOTONIC. The agent's election, its I/O lanes, the guard and the console all read this
/// one clock: the guard compares the absolute deadlines the agent sends with its own reading of it.
MonoTime monotonicNow();

} // namespace hacmp
