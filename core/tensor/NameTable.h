// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace digitpad {

/// One name of an enum value. The first non-alias entry of a value is the name it is written as (in model
/// files, architecture strings, command lines and menus); aliases are only accepted when reading.
template <typename Enum> struct EnumName {
    Enum value;
    std::string_view name;
    bool alias = false;
};

/// Every name of one closed set, the single table used in both directions. An enum opts in by declaring,
/// next to itself, `constexpr const auto& names(Enum) { return kItsTable; }`, found by argument-dependent
/// lookup; toName(), fromName() and nameChoices() below then work for it.
template <typename Enum, std::size_t N> using NameTable = std::array<EnumName<Enum>, N>;

template <typename Enum>
concept NamedEnum = std::is_enum_v<Enum> && requires(Enum value) {
    names(value);
};

/// The canonical name of `value`. A value missing from its table is a programming error and throws.
template <NamedEnum Enum> std::string toName(Enum value) {
    for (const EnumName<Enum>& entry : names(value))
        if (entry.value == value && !entry.alias)
            return std::string(entry.name);
    throw std::invalid_argument("toName: no name for enum value " + std::to_string(static_cast<int>(value)));
}

/// The value named `text` (canonical name or alias, case-sensitive), or nullopt.
template <NamedEnum Enum> std::optional<Enum> fromName(std::string_view text) {
    for (const EnumName<Enum>& entry : names(Enum{}))
        if (entry.name == text)
            return entry.value;
    return std::nullopt;
}

/// The canonical names for a message, in table order: "sgd or adam", "xavier, he or small-normal";
/// `lastSeparator` ", " lists them for a longer sentence ("sigmoid, tanh, relu").
template <NamedEnum Enum> std::string nameChoices(std::string_view lastSeparator = " or ") {
    std::string text;
    std::size_t written = 0;
    std::size_t total = 0;
    for (const EnumName<Enum>& entry : names(Enum{}))
        total += entry.alias ? 0 : 1;
    for (const EnumName<Enum>& entry : names(Enum{})) {
        if (entry.alias)
            continue;
        if (written > 0)
            text += written + 1 == total ? lastSeparator : std::string_view(", ");
        text += entry.name;
        ++written;
    }
    return text;
}

} // namespace digitpad
