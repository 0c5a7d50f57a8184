// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/ConvolutionAlgorithm.h"

#include "layers/DirectConvolution.h"
#include "layers/Im2colConvolution.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace digitpad {

namespace {

/// The output positions o in [0, outSize) whose input coordinate o·stride + tap − padding lies in [0,
/// inSize): [first, last). Outside that range the input is zero padding.
std::pair<int, int> validRange(int outSize, int inSize, int stride, int tap, int padding) {
    const int shift = tap - padding; // input coordinate = o·stride + shift
    int first = 0;
    if (shift < 0)
        first = (-shift + stride - 1) / stride;
    int last = 0;
    if (inSize - 1 - shift >= 0)
        last = (inSize - 1 - shift) / stride + 1;
    last = std::min(last, outSize);
    first = std::min(first, last);
    return {first, last};
}

} // namespace

ConvShape::ConvShape(Shape in, ConvGeometry g) : input(in), geometry(g) {
    if (g.kernel < 1 || g.stride < 1 || g.padding < 0 || g.outChannels < 1)
        throw std::invalid_argument("convolution needs kernel, stride and output channels of at least 1 and "
                                    "padding of at least 0 (got kernel " +
                                    std::to_string(g.kernel) + ", stride " + std::to_string(g.stride) +
                                    ", padding " + std::to_string(g.padding) + ", channels " +
                                    std::to_string(g.outChannels) + ")");
    if (in.channels < 1 || in.height < 1 || in.width < 1)
        throw std::invalid_argument("convolution input " + in.toString() + " is empty");
    if (in.height + 2 * g.padding < g.kernel || in.width + 2 * g.padding < g.kernel)
        throw std::invalid_argument("kernel " + std::to_string(g.kernel) + "x" + std::to_string(g.kernel) +
                                    " does not fit input " + in.toString() + " with padding " +
                                    std::to_string(g.padding));
    output = {g.outChannels, (in.height + 2 * g.padding - g.kernel) / g.stride + 1,
              (in.width + 2 * g.padding - g.kernel) / g.stride + 1};
}

ConvShape::TapRectangle ConvShape::tapRectangle(int c, int ky, int kx) const {
    const int stride = geometry.stride, pad = geometry.padding;
    const auto [xFirst, xLast] = validRange(output.width, input.width, stride, kx, pad);
    const auto [yFirst, yLast] = validRange(output.height, input.height, stride, ky, pad);
    TapRectangle r{xFirst, yFirst, xLast - xFirst, yLast - yFirst, 0};
    // Non-negative whenever the rectangle is not empty.
    if (!r.empty())
        r.offset = (Eigen::Index(c) * input.height + (yFirst * stride + ky - pad)) * input.width +
                   (xFirst * stride + kx - pad);
    return r;
}

ConvScratch::Map ConvScratch::view(Eigen::Index rows, Eigen::Index cols) {
    if (storage_.size() < static_cast<std::size_t>(rows * cols))
        storage_.resize(static_cast<std::size_t>(rows * cols));
    return Map(storage_.data(), rows, cols);
}

std::unique_ptr<ConvolutionAlgorithm> makeConvolutionAlgorithm(const ConvShape& shape) {
    if (shape.geometry.stride == 1)
        return std::make_unique<DirectConvolution>(shape);
    return std::make_unique<Im2colConvolution>(shape);
}

} // namespace digitpad
