// SPDX-License-Identifier: GPL-3.0-or-later
#include "Console.h"

#include <cmath>
#include <cstdio>
#include <iostream>

namespace digitpad::cli {

int failure(std::string_view command, std::string_view message) {
    std::cout.flush();
    std::cerr << "digitpad-cli " << command << ": " << message << '\n';
    return 1;
}

void warning(std::string_view command, std::string_view message) {
    std::cout.flush();
    std::cerr << "digitpad-cli " << command << ": warning: " << message << '\n';
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string percent(double fraction) {
    if (std::isnan(fraction))
        return "n/a";
    return fixed(100.0 * fraction, 2) + "%";
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

} // namespace digitpad::cli
