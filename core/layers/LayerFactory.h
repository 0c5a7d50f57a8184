// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/Layer.h"

#include <memory>
#include <string_view>
#include <vector>

namespace digitpad {

/// The most parameters (weights and biases of all layers together) an architecture may hold. The biggest
/// preset, cnn, holds 228 906, so 50 million leaves a factor of 200 for experiments. It bounds what an
/// architecture string (typed by a user, or read from a possibly crafted model file) can make us allocate:
/// 50 M float parameters are 200 MB, and training keeps four such sets (weights, gradients, Adam's two
/// moments), 800 MB, which a desktop still has.
inline constexpr long long kMaxParameters = 50'000'000;

/// The most values one sample may have at a network's input or at any layer's output: 2^24 (64 MB of floats
/// per sample). The largest in a preset is 13 824 (cnn's first convolution, 24×24×24). It keeps every
/// Shape::size() far inside int and stops a crafted padding (conv1x1x1p1000000) from asking for terabytes.
inline constexpr long long kMaxValuesPerSample = 1LL << 24;

/// What a layer would be, worked out from its token without allocating its weights.
struct LayerPlan {
    Shape output;
    long long parameters = 0; ///< weights + biases
    /// The weight matrix's shape; the bias is weightRows × 1. Both 0 for a layer without parameters. Lets a
    /// model file's tensor table be checked before any weight is allocated.
    long long weightRows = 0;
    long long weightCols = 0;
};

/// Builds one layer from its architecture token for the given input shape:
/// "dense<N>" (N units), "sigmoid", "tanh", "relu", "conv<K>x<K>x<N>" (K×K kernel, N output channels) with
/// optional "s<S>" (stride) and "p<P>" (zero padding) suffixes in that order, "pool<N>" (N×N max pooling,
/// stride N), "dropout<P>" (P percent), "flatten". Throws std::invalid_argument naming the token, also when
/// a well-formed token does not fit `input` (e.g. a kernel larger than the padded image), and before
/// allocating anything when the layer alone would exceed kMaxParameters or kMaxValuesPerSample.
std::unique_ptr<Layer> makeLayer(std::string_view token, Shape input);

/// The output shape and parameter count makeLayer(token, input) would give, without allocating weights.
/// Throws what makeLayer throws for a bad token or an input or output above kMaxValuesPerSample, but does
/// not limit the parameter count (see makeLayers for the limit on the whole architecture).
LayerPlan planLayer(std::string_view token, Shape input);

/// The output shape and total parameter count of every layer of `architecture` chained on `input`, checked
/// as makeLayers() checks them (bad tokens, sizes, kMaxParameters) but without allocating anything: how a
/// configuration is validated before a network is built. Throws std::invalid_argument like makeLayers().
LayerPlan planLayers(Shape input, std::string_view architecture);

/// planLayers() layer by layer: one plan per token, in order, with the same checks (and the same exceptions)
/// but nothing allocated, so a model file's tensor table can be compared with the architecture before the
/// network is built.
std::vector<LayerPlan> planEachLayer(Shape input, std::string_view architecture);

/// Builds every layer of `architecture` (tokens as for makeLayer, separated by commas, spaces around a token
/// ignored) on `input`, each layer taking the previous one's output shape. Plans the whole chain first, so
/// a bad token or a total above kMaxParameters throws std::invalid_argument (naming the token that crosses
/// the limit and the total) before any layer is allocated.
std::vector<std::unique_ptr<Layer>> makeLayers(Shape input, std::string_view architecture);

} // namespace digitpad
