// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace digitpad::cli {

/// A mistake in the command line (unknown option, bad number, missing argument). main() prints its one-line
/// message on stderr and exits with status 2; it is not for failures of a well-formed command (those exit 1).
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

} // namespace digitpad::cli
