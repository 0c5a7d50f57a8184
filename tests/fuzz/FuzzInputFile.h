// SPDX-License-Identifier: GPL-3.0-or-later
// The readers under fuzzing take a path (they stat the file to bound what they allocate), so each input is
// written to one scratch file per process first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace digitpad::fuzz {

/// Writes `size` bytes to this process's scratch file (in $TMPDIR, else /tmp) and returns its path. Aborts
/// when the file cannot be written: a fuzzer that silently tested nothing would report a clean run.
inline const std::string& writeInputFile(const std::uint8_t* data, std::size_t size,
                                         const char* suffix = "") {
    static const std::string path = [suffix] {
        const char* folder = std::getenv("TMPDIR");
        return std::string(folder && *folder ? folder : "/tmp") + "/digitpad-fuzz-" +
               std::to_string(getpid()) + suffix;
    }();
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file || (size > 0 && std::fwrite(data, 1, size, file) != size) || std::fclose(file) != 0)
        std::abort();
    return path;
}

} // namespace digitpad::fuzz
