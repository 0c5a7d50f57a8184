// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/InferenceGraph.h"

#include "layers/ActivationLayer.h"
#include "layers/Conv2DLayer.h"
#include "layers/DenseLayer.h"
#include "layers/DropoutLayer.h"
#include "layers/FlattenLayer.h"
#include "layers/MaxPool2DLayer.h"

#include <cstdio>
#include <map>

namespace digitpad {
namespace {

/// Builds the graph node by node, keeping the name and rank of the tensor the next node reads.
class GraphBuilder {
public:
    explicit GraphBuilder(InferenceGraph& graph) : graph_(graph), current_(graph.inputName) {}

    /// Appends `op` reading the current tensor (and `constants`), writing a new one that becomes current.
    void add(const std::string& op, std::vector<std::string> constants = {},
             std::vector<GraphAttribute> attributes = {}, const std::string& output = {}) {
        GraphNode node;
        node.op = op;
        node.inputs.push_back(current_);
        for (std::string& constant : constants)
            node.inputs.push_back(std::move(constant));
        current_ = output.empty() ? op + "_" + std::to_string(graph_.nodes.size()) : output;
        node.outputs.push_back(current_);
        node.attributes = std::move(attributes);
        graph_.nodes.push_back(std::move(node));
    }

    /// A float constant of `dims` from `values` (row-major); returns its name.
    std::string constant(const std::string& name, std::vector<std::int64_t> dims, std::vector<float> values) {
        graph_.constants.push_back({name, std::move(dims), std::move(values), {}});
        return name;
    }

    /// [N, C, H, W] → [N, C·H·W], as DigitPad's dense layers read a feature map (channel by channel, each
    /// row by row).
    void flatten() {
        if (flat_)
            return;
        add("Flatten", {}, {{"axis", {1}, false}});
        flat_ = true;
    }

    /// [N, features] → [N, C, H, W] for a layer that reads a feature map.
    void unflatten(Shape shape) {
        if (!flat_)
            return;
        const std::string name = "shape_" + std::to_string(graph_.nodes.size());
        graph_.constants.push_back({name, {4}, {}, {-1, shape.channels, shape.height, shape.width}});
        add("Reshape", {name});
        flat_ = false;
    }

    const std::string& current() const { return current_; }

    /// The next nodes read the graph's input again (an ensemble's next member).
    void restart() {
        current_ = graph_.inputName;
        flat_ = false;
    }

private:
    InferenceGraph& graph_;
    std::string current_;
    bool flat_ = false;
};

/// A Matrix's values row by row: ONNX tensors are row-major, Eigen's column-major.
std::vector<float> rowMajor(const Matrix& m) {
    std::vector<float> values;
    values.reserve(static_cast<std::size_t>(m.size()));
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            values.push_back(static_cast<float>(m(r, c)));
    return values;
}

std::string percentText(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f%%", 100.0 * fraction);
    return text;
}

/// The preprocessing a program must apply before feeding the graph, in words.
std::string preprocessingText(const ModelInfo& info) {
    std::string text =
        "canvas: white paper, dark ink. 1. grayscale and invert (ink high). 2. frame into 28x28: ";
    text += info.framing == Framing::Mnist
                ? "crop to the ink's bounding box, scale the longer side to 20 px keeping the aspect ratio "
                  "(area averaging), place so the centre of mass is at the centre"
                : "area-resize the whole canvas to 28x28";
    text +=
        ". 3. framing steps: " + (info.framingSteps.any() ? info.framingSteps.toText() : std::string("none"));
    text += ". 4. min-max normalise to [0, 1]. Feed as float32 [N, 1, 28, 28], row by row.";
    if (info.testTime != TestTimeAugmentation::None)
        text += " DigitPad also averages the probabilities over test-time copies of the image (" +
                toName(info.testTime) + ", " + std::to_string(testTimeImageCount(info.testTime)) +
                " images, 0 filling in at the edges); this graph answers the one image it is fed.";
    return text;
}

void describe(const Model& model, InferenceGraph& graph) {
    const ModelInfo& info = model.info;
    auto& meta = graph.metadata;
    meta.emplace_back("architecture", model.network.architecture());
    meta.emplace_back("labels", info.labels);
    meta.emplace_back("framing", toName(info.framing));
    meta.emplace_back("framing_steps", info.framingSteps.any() ? info.framingSteps.toText() : "none");
    meta.emplace_back("test_time", toName(info.testTime));
    meta.emplace_back("preprocessing", preprocessingText(info));
    if (!info.dataset.empty())
        meta.emplace_back("dataset", info.dataset);
    if (info.testAccuracy)
        meta.emplace_back("test_accuracy", percentText(*info.testAccuracy));
    if (info.drawnAccuracy)
        meta.emplace_back("drawn_accuracy", percentText(*info.drawnAccuracy));
    if (!info.extraTrainingData.empty())
        meta.emplace_back("extra_training_data", info.extraTrainingData);
    if (!info.trainedAt.empty())
        meta.emplace_back("trained_at", info.trainedAt);
}

/// Appends `network`'s layers, reading the graph's input, up to its probabilities. Constants are named
/// `memberPrefix` + the tensor's name ("" for a single network, "m1." … for an ensemble's later members), so
/// a single network's graph keeps the names it always had. `output` names the probabilities.
Status appendNetwork(GraphBuilder& builder, InferenceGraph& graph, const Network& network,
                     const std::string& memberPrefix, const std::string& output) {
    std::map<std::string, const Matrix*> tensors;
    for (const auto& [name, tensor] : network.tensors())
        tensors[name] = tensor;
    builder.restart();
    for (std::size_t i = 0; i < network.layers().size(); ++i) {
        const Layer& layer = *network.layers()[i];
        const std::string prefix = std::to_string(i) + ".";
        const std::string constantPrefix = memberPrefix + prefix;
        if (dynamic_cast<const DenseLayer*>(&layer)) {
            builder.flatten();
            const Matrix& weights = *tensors.at(prefix + "weight"); // units × inputs
            const Matrix& bias = *tensors.at(prefix + "bias");      // units × 1
            const std::string w = builder.constant(constantPrefix + "weight",
                                                   {weights.rows(), weights.cols()}, rowMajor(weights));
            const std::string b = builder.constant(constantPrefix + "bias", {bias.rows()}, rowMajor(bias));
            builder.add("Gemm", {w, b}, {{"transB", {1}, false}});
        } else if (const auto* conv = dynamic_cast<const Conv2DLayer*>(&layer)) {
            builder.unflatten(layer.inputShape());
            const ConvGeometry& g = conv->geometry();
            const Matrix& weights = *tensors.at(prefix + "weight"); // OUT × (C·K·K), taps (c·K + ky)·K + kx
            const Matrix& bias = *tensors.at(prefix + "bias");
            const std::string w = builder.constant(
                constantPrefix + "weight", {g.outChannels, layer.inputShape().channels, g.kernel, g.kernel},
                rowMajor(weights));
            const std::string b = builder.constant(constantPrefix + "bias", {bias.rows()}, rowMajor(bias));
            builder.add("Conv", {w, b},
                        {{"kernel_shape", {g.kernel, g.kernel}},
                         {"strides", {g.stride, g.stride}},
                         {"pads", {g.padding, g.padding, g.padding, g.padding}}});
        } else if (const auto* pool = dynamic_cast<const MaxPool2DLayer*>(&layer)) {
            builder.unflatten(layer.inputShape());
            // Non-overlapping windows, trailing rows and columns dropped: ONNX's default floor rounding.
            const std::int64_t window = pool->window();
            builder.add("MaxPool", {}, {{"kernel_shape", {window, window}}, {"strides", {window, window}}});
        } else if (const auto* activation = dynamic_cast<const ActivationLayer*>(&layer)) {
            switch (activation->activation()) {
            case Activation::Relu:
                builder.add("Relu");
                break;
            case Activation::Sigmoid:
                builder.add("Sigmoid");
                break;
            case Activation::Tanh:
                builder.add("Tanh");
                break;
            }
        } else if (dynamic_cast<const DropoutLayer*>(&layer)) {
            continue; // the identity at inference
        } else if (dynamic_cast<const FlattenLayer*>(&layer)) {
            builder.flatten();
        } else {
            return Error{memberPrefix + "layer " + std::to_string(i) + " ('" + layer.spec() +
                         "') has no ONNX counterpart"};
        }
    }
    builder.flatten();
    if (network.head() == OutputHead::Softmax) {
        builder.add("Softmax", {}, {{"axis", {1}, false}}, output);
    } else {
        // Clamped at 0 and divided by the sum, as Network::probabilities() shows an Identity head's outputs.
        // The sum comes from a product with a classes × classes matrix of ones, repeated in every column, so
        // the division needs no broadcasting (OpenCV's importer cannot broadcast [N, 10] / [N, 1], nor does
        // it know LpNormalization).
        builder.add("Relu");
        const std::string clamped = builder.current();
        const std::int64_t classes = network.outputSize();
        const std::string ones =
            builder.constant(memberPrefix + "ones", {classes, classes},
                             std::vector<float>(static_cast<std::size_t>(classes * classes), 1.0f));
        builder.add("MatMul", {ones});
        graph.nodes.push_back({"Div", {clamped, builder.current()}, {output}, {}});
    }
    return Success{};
}

} // namespace

Result<InferenceGraph> inferenceGraphOf(const Model& model) {
    const Network& network = model.network;
    if (network.empty())
        return Error{"the network has no layers"};
    InferenceGraph graph;
    graph.name = "digitpad " + network.architecture();
    if (!model.otherMembers.empty())
        graph.name += " (ensemble of " + std::to_string(model.memberCount()) + ")";
    const Shape input = network.inputShape();
    graph.inputDims = {-1, input.channels, input.height, input.width};
    graph.outputDims = {-1, network.outputSize()};
    GraphBuilder builder(graph);
    if (model.otherMembers.empty()) {
        if (Status added = appendNetwork(builder, graph, network, "", graph.outputName); !added)
            return added.error();
        describe(model, graph);
        return graph;
    }
    // An ensemble: every member's probabilities [N, classes], concatenated to [N, members × classes], times
    // a (members × classes) × classes matrix holding 1/members where a member's class meets the same class:
    // the mean of the members' probabilities, with operators every runtime has (OpenCV's importer has no
    // Mean and cannot broadcast a Mul).
    const std::vector<const Network*> members = model.members();
    std::vector<std::string> memberOutputs;
    for (std::size_t k = 0; k < members.size(); ++k) {
        // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "m" + std::string&&.
        std::string prefix;
        if (k > 0) {
            prefix = "m";
            prefix += std::to_string(k) + ".";
        }
        std::string output = "member_";
        output += std::to_string(k) + "_probabilities";
        memberOutputs.push_back(output);
        if (Status added = appendNetwork(builder, graph, *members[k], prefix, memberOutputs.back()); !added)
            return added.error();
    }
    const std::int64_t classes = network.outputSize();
    const auto count = static_cast<std::int64_t>(members.size());
    std::vector<float> averaging(static_cast<std::size_t>(count * classes * classes), 0.0f);
    for (std::int64_t k = 0; k < count; ++k)
        for (std::int64_t c = 0; c < classes; ++c)
            averaging[static_cast<std::size_t>((k * classes + c) * classes + c)] =
                1.0f / static_cast<float>(count);
    graph.nodes.push_back({"Concat", memberOutputs, {"member_probabilities"}, {{"axis", {1}, false}}});
    const std::string mean =
        builder.constant("ensemble_mean", {count * classes, classes}, std::move(averaging));
    graph.nodes.push_back({"MatMul", {"member_probabilities", mean}, {graph.outputName}, {}});
    describe(model, graph);
    return graph;
}

} // namespace digitpad
