#pragma once

#include <optional>
#include <string>
#include <utility>

namespace hacmp::guard {

/// Why an operation of the guard failed, in words a person can act on.
struct Failure
{
    std::string message;
};

/// A value or a Failure: the guard's errors are values like hacmp_core's Result, without Qt.
template <typename T> class Outcome
{
public:
    Outcome(T value)
        : m_value(std::move(value))
    { }
    Outcome(Failure failure)
        : m_error(std::move(failure.message))
    { }

    bool ok() const { return m_value.has_value(); }
    const T &value() const & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const std::string &error() const { return m_error; }

private:
    std::optional<T> m_value;
    std::string m_error;
};

} // namespace hacmp::guard
