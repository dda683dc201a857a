#include "tests/support/fakemonoclock.h"

namespace hacmp::test {

FakeMonoClock::FakeMonoClock(MonoTime start)
    : m_ms(std::make_shared<std::atomic<std::int64_t>>(start.count()))
{ }

MonoClock FakeMonoClock::function() const
{
    return [ms = m_ms] { return Millis(ms->load()); };
}

} // namespace hacmp::test
