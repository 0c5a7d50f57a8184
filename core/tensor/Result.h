// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/ErrorKind.h"

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace digitpad {

/// An expected failure (I/O, a corrupt file, a bad option): a message for the user that names the file and
/// what is wrong, e.g. "cannot load model 'x.dpm': unsupported version 3 (supported: 1)".
/// `kind`, `path` and `name` let a front end say the same in its own words (ErrorKind says which it fills).
struct Error {
    std::string message;
    ErrorKind kind = ErrorKind::Other;
    std::string path = {};
    std::string name = {};
};

/// Either a value or an Error. Programming errors throw instead; a Result is for failures a user can cause.
template <typename T> class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    T& value() {
        if (!ok())
            throw std::logic_error("Result::value() on an error: " + error().message);
        return std::get<T>(state_);
    }
    const T& value() const {
        if (!ok())
            throw std::logic_error("Result::value() on an error: " + error().message);
        return std::get<T>(state_);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }

    const Error& error() const { return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

/// Result of an operation that yields nothing but may fail.
struct Success {};
using Status = Result<Success>;

} // namespace digitpad
