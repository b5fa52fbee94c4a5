// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace clinico {

// A failure a caller must look at: a stable machine code, a message a person can act on
// (Portuguese first) and, where it travels over HTTP, the status it maps to.
struct Error
{
    QString code;
    QString message;
    int httpStatus = 400;
};

// std::expected is C++23; this is the small part of it the project needs.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    { }
    Result(Error error)
        : m_state(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

struct Ok
{
};

using Status = Result<Ok>;

inline Error makeError(QString code, QString message, int httpStatus = 400)
{
    return Error { std::move(code), std::move(message), httpStatus };
}

} // namespace clinico
