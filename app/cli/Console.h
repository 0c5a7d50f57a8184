// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace digitpad::cli {

/// Prints "digitpad-cli <command>: <message>" on stderr and returns exit status 1 (a failure of a well-formed
/// command: a missing file, a corrupt model, a diverged run).
int failure(std::string_view command, std::string_view message);
/// Prints "digitpad-cli <command>: warning: <message>" on stderr.
void warning(std::string_view command, std::string_view message);

/// A fraction 0..1 as "97.62%" (two decimals), or "n/a" when it is NaN.
std::string percent(double fraction);
/// A number with a fixed count of decimals, e.g. fixed(0.27314, 4) == "0.2731".
std::string fixed(double value, int decimals);
/// A CSV field: as is, or quoted (RFC 4180) when it holds a comma, a quote or a line break.
std::string csvField(const std::string& text);

} // namespace digitpad::cli
