#pragma once

namespace hacmp::guard {

/// Now on CLOCK_MONOTONIC in milliseconds: the clock the agent's deadlines are written in
/// (guardprotocol.h), shared by every process of the host.
long long monotonicMs();

} // namespace hacmp::guard
