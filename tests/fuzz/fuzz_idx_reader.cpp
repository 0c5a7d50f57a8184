// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the IDX reader, raw and gzip (detected by content, so one target covers both). Any byte
// string must give an array or an error, never more memory than the header checks allow (kMaxIdxBytes).
#include "FuzzInputFile.h"
#include "data/IdxReader.h"

#include <functional>
#include <numeric>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto array = digitpad::readIdx(digitpad::fuzz::writeInputFile(data, size, ".idx"));
    if (array.ok()) {
        // What the reader returns must be what its dimensions say: anything else would let a caller read
        // past the data.
        const auto& dims = array->dimensions;
        const unsigned long long expected =
            std::accumulate(dims.begin(), dims.end(), 1ULL, std::multiplies<unsigned long long>());
        if (array->data.size() != expected)
            __builtin_trap();
    }
    return 0;
}
