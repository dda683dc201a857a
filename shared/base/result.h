#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace hacmp {

/// An error a person can act on: what went wrong, naming the file, key or node, and what to do.
class Error
{
public:
    explicit Error(QString message)
        : m_message(std::move(message))
    { }
    const QString &message() const { return m_message; }

private:
    QString m_message;
};

/// A value or an Error. Errors are values in hacmp; nothing user-caused throws.
template <typename T> class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(Error error)
        : m_error(std::move(error))
    { }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    const T &operator*() const { return *m_value; }
    QString error() const { return m_error ? m_error->message() : QString(); }

private:
    std::optional<T> m_value;
    std::optional<Error> m_error;
};

/// Success, or an Error.
class Status
{
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error))
    { }
    static Status success() { return {}; }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    QString error() const { return m_error ? m_error->message() : QString(); }

private:
    std::optional<Error> m_error;
};

} // namespace hacmp
