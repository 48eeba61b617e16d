#pragma once

// Result: a value or a typed error, returned across module boundaries instead of
// throwing (errors are values; nothing may throw through the Qt event loop).
// Below every sync layer, so the OT core, the stores and the client share it.

#include <QtGlobal>

#include <optional>
#include <utility>
#include <variant>

namespace coauthor::sync {

template <typename T, typename E>
class Result
{
public:
    static Result success(T value) { return Result(std::in_place_index<0>, std::move(value)); }
    static Result failure(E error) { return Result(std::in_place_index<1>, std::move(error)); }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Calling value() on a failure (or error() on a success) is a programming error.
    const T &value() const
    {
        Q_ASSERT_X(ok(), "Result::value", "called on a failure");
        return std::get<0>(m_state);
    }
    T &value()
    {
        Q_ASSERT_X(ok(), "Result::value", "called on a failure");
        return std::get<0>(m_state);
    }
    T takeValue()
    {
        Q_ASSERT_X(ok(), "Result::takeValue", "called on a failure");
        return std::move(std::get<0>(m_state));
    }
    const E &error() const
    {
        Q_ASSERT_X(!ok(), "Result::error", "called on a success");
        return std::get<1>(m_state);
    }

private:
    // Index-based so that Result<QString, QString> works too.
    template <std::size_t I, typename V>
    Result(std::in_place_index_t<I> index, V &&v) : m_state(index, std::forward<V>(v)) {}

    std::variant<T, E> m_state;
};

template <typename E>
class Result<void, E>
{
public:
    static Result success() { return Result(); }
    static Result failure(E error)
    {
        Result r;
        r.m_error.emplace(std::move(error));
        return r;
    }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const E &error() const
    {
        Q_ASSERT_X(!ok(), "Result::error", "called on a success");
        return *m_error;
    }

private:
    Result() = default;
    std::optional<E> m_error;
};

} // namespace coauthor::sync
