// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/Model.h"
#include "tensor/Result.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace digitpad {

/// An attribute of a graph node: a list of integers (kernel_shape, strides, pads, axes) or one integer (axis,
/// transB, keepdims). ONNX's names and meanings.
struct GraphAttribute {
    std::string name;
    std::vector<std::int64_t> ints; ///< the list, or the one value
    bool isList = true;
};

/// One operator of the graph, in ONNX's terms (op type, named inputs and outputs, attributes).
struct GraphNode {
    std::string op; ///< e.g. "Conv", "Gemm", "MaxPool", "Relu", "Flatten", "Softmax"
    std::vector<std::string> inputs;
    std::vector<std::string> outputs;
    std::vector<GraphAttribute> attributes;
};

/// A constant tensor: float weights (row-major in `dims`) or an int64 shape.
struct GraphConstant {
    std::string name;
    std::vector<std::int64_t> dims;
    std::vector<float> floats;        ///< the values, row-major, when the tensor is float
    std::vector<std::int64_t> int64s; ///< the values when the tensor is int64 (a Reshape's target shape)
};

/// A model's inference as a dataflow graph that a standard runtime can execute: input `input`
/// [N, C, H, W] float32 (N free), the network's layers in order, and output `probabilities` [N, classes]
/// (softmax of the logits, or for an Identity head the outputs clamped at 0 over their sum, as
/// Network::probabilities() computes them; an all-zero output, which DigitPad leaves at zero, divides by 0).
/// Dropout is left out (inference). Preprocessing (framing, framing steps, min-max) is not in the graph: the
/// input is what digitpad::preprocess() returns, 28×28 values in [0, 1] with ink high, row by row.
struct InferenceGraph {
    static constexpr int kOpset =
        11; ///< ONNX opset: old enough for every common runtime, new enough for all ops
    std::string name;
    std::string inputName = "input";
    std::vector<std::int64_t> inputDims; ///< {-1, C, H, W}; -1 = any batch size
    std::string outputName = "probabilities";
    std::vector<std::int64_t> outputDims; ///< {-1, classes}
    std::vector<GraphNode> nodes;         ///< in execution order
    std::vector<GraphConstant> constants; ///< weights, biases and shapes the nodes read
    /// What a reader needs to feed and explain the model: architecture, labels, framing, framing steps,
    /// accuracies, training data, the preprocessing steps; as key/value strings.
    std::vector<std::pair<std::string, std::string>> metadata;
};

/// The graph of `model`'s network. Fails naming the layer when a layer has no counterpart (none today: every
/// layer type DigitPad has is covered).
Result<InferenceGraph> inferenceGraphOf(const Model& model);

} // namespace digitpad
