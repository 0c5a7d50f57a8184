// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace digitpad {

/// `text` made safe to print on a terminal or in a one-line message, for strings that come from a file (a
/// model header's fields, an architecture string read from disk): a crafted file must not be able to send
/// escape sequences to the terminal or forge extra output lines.
///   - newline, carriage return and tab become `\n`, `\r`, `\t`; every other C0 control byte and DEL
///     become `\xHH` (e.g. ESC → `\x1b`);
///   - the C1 controls U+0080–U+009F (which some terminals obey, e.g. U+009B as CSI) become `\u00HH`;
///   - bytes that are not valid UTF-8 (stray continuation bytes, overlong encodings, surrogates, values above
///     U+10FFFF, sequences cut short) become U+FFFD, one per maximal invalid subpart (Unicode's
///     recommended practice);
///   - everything else, including any valid non-ASCII text such as "Zürich" or "数字", is kept as it is.
inline std::string printable(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    static constexpr std::string_view kReplacement = "\xEF\xBF\xBD"; // U+FFFD
    std::string out;
    out.reserve(text.size());
    const auto byteAt = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
    std::size_t i = 0;
    while (i < text.size()) {
        const std::uint8_t lead = byteAt(i);
        if (lead < 0x80) {
            if (lead == '\n')
                out += "\\n";
            else if (lead == '\r')
                out += "\\r";
            else if (lead == '\t')
                out += "\\t";
            else if (lead < 0x20 || lead == 0x7f) {
                out += "\\x";
                out += kHex[lead >> 4];
                out += kHex[lead & 0xf];
            } else
                out += static_cast<char>(lead);
            ++i;
            continue;
        }
        // The length of the sequence and the range of its second byte, which is where overlong forms,
        // surrogates and values above U+10FFFF are told apart (RFC 3629's table).
        std::size_t length = 0;
        std::uint8_t low = 0x80;
        std::uint8_t high = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf)
            length = 2;
        else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            if (lead == 0xe0)
                low = 0xa0;
            else if (lead == 0xed)
                high = 0x9f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            if (lead == 0xf0)
                low = 0x90;
            else if (lead == 0xf4)
                high = 0x8f;
        }
        std::size_t valid = length == 0 ? 0 : 1; // bytes of the sequence that are well-formed so far
        while (valid > 0 && valid < length && i + valid < text.size()) {
            const std::uint8_t next = byteAt(i + valid);
            const std::uint8_t min = valid == 1 ? low : 0x80;
            const std::uint8_t max = valid == 1 ? high : 0xbf;
            if (next < min || next > max)
                break;
            ++valid;
        }
        if (length == 0 || valid < length) {
            out += kReplacement;
            i += valid == 0 ? 1 : valid;
            continue;
        }
        if (length == 2 && lead == 0xc2 && byteAt(i + 1) < 0xa0) { // U+0080 to U+009F: C1 controls
            out += "\\u00";
            out += kHex[(byteAt(i + 1) >> 4) & 0xf];
            out += kHex[byteAt(i + 1) & 0xf];
        } else
            out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

} // namespace digitpad
