#pragma once

#include "shared/protocol/monotime.h"

namespace hacmp::agent {

/// Now on CLOCK_MONOTONIC in milliseconds. The agent's Election, its I/O lanes and the guard all use
/// this one clock: the guard compares the absolute deadlines the agent sends with its own reading of it.
MonoTime monotonicNow();

} // namespace hacmp::agent
