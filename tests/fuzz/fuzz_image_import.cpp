// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: importing an image file as the GUI's Open and the CLI's predict do — decoding with Qt's
// readers (PNG, JPEG, BMP, GIF, …, whichever the content says), the size and truncation checks, polarity and
// paper correction, then framing to 28×28 with every framing and both corrections. Any byte string must give
// an image or an error naming the file.
#include "QtImage.h"
#include "data/ImportedImage.h"
#include "data/Preprocess.h"

#include <QByteArray>
#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto gray = decodeGrayImage(bytes, "fuzz-input");
    if (!gray.ok())
        return 0;
    const digitpad::ImportedImage imported = digitpad::importImage(gray.value());
    for (auto framing : {digitpad::Framing::Mnist, digitpad::Framing::Resize}) {
        const auto field =
            digitpad::preprocess(imported.image, framing, {.deskew = true, .strokeWidth = true});
        // A framed field is the network's input: every value finite and in [0, 1].
        if (field && (!field->allFinite() || field->minCoeff() < 0.0f || field->maxCoeff() > 1.0f))
            __builtin_trap();
    }
    return 0;
}
