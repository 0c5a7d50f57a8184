// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the .dpm model loader. Any byte string must give a model or an error, within the memory
// bound the loader promises (header at most 1 MiB, nothing allocated beyond what the file's size allows).
#include "FuzzInputFile.h"
#include "io/ModelFile.h"

#include "tensor/Matrix.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& path = digitpad::fuzz::writeInputFile(data, size, ".dpm");
    auto model = digitpad::loadModel(path);
    if (model.ok()) {
        // A model the loader accepts must also run: one forward pass on a blank input of its declared shape.
        digitpad::Model& loaded = model.value();
        digitpad::Matrix input = digitpad::Matrix::Zero(loaded.network.inputShape().size(), 1);
        (void)loaded.network.probabilities(input);
    }
    return 0;
}
