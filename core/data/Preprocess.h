// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/FramingSteps.h"
#include "data/GrayImage.h"
#include "tensor/Matrix.h"
#include "tensor/NameTable.h"

#include <optional>
#include <string>

namespace digitpad {

/// How a drawing is framed into 28×28.
enum class Framing {
    Mnist,  ///< crop to the ink, longer side to 20 px (aspect kept, area averaging), centre of mass at the
            ///< centre
    Resize, ///< area-resize the whole image to 28×28 (the classic tutorials' way)
};

inline constexpr NameTable<Framing, 2> kFramingNames{{
    {Framing::Mnist, "mnist"},
    {Framing::Resize, "resize"},
}};
constexpr const auto& names(Framing) {
    return kFramingNames;
}

/// The one preprocessing used by the GUI, the CLI, training and tests:
/// 1. invert (ink high), 2. frame into 28×28, 3. the framing steps that are on (deskew, stroke width),
/// 4. min-max normalise to [0, 1]. With the stroke-width step and MNIST framing, ink heavy for the digit's
/// size is first thinned at the image's own resolution (thinHeavyInk()), before framing shrinks it.
/// Returns the 784 values (row-major, the same layout as an MNIST column), or nullopt when the image has no
/// ink (max == min): "nothing to recognise", never NaN.
std::optional<Vector> preprocess(const GrayImage& image, Framing framing, const FramingSteps& steps = {});

/// Step 3 alone, in place: (v - min) / (max - min). Returns false and leaves v as zeros when max == min.
/// Training images go through it too, so inference sees the statistics training saw.
bool normaliseMinMax(Eigen::Ref<Vector> v);

} // namespace digitpad
