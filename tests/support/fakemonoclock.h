#pragma once

#include "shared/protocol/monotime.h"

#include <atomic>
#include <functional>
#include <memory>

namespace hacmp::test {

/// A monotonic clock that moves only when the test says so, shared by copies and safe to read from the
/// I/O threads that stamp reads with it.
class FakeMonoClock final
{
public:
    explicit FakeMonoClock(MonoTime start = Millis(1000000));
    MonoTime now() const { return Millis(m_ms->load()); }
    void advance(Millis by) { m_ms->fetch_add(by.count()); }
    /// The clock as a function, for classes that take one.
    MonoClock function() const;

private:
    std::shared_ptr<std::atomic<std::int64_t>> m_ms;
};

} // namespace hacmp::test
