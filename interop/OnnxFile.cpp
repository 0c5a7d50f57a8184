// SPDX-License-Identifier: GPL-3.0-or-later
#include "OnnxFile.h"

#include "app/InferenceGraph.h"
#include "io/AtomicFile.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <vector>

namespace digitpad {
namespace {

void setShape(onnx::ValueInfoProto& value, const std::string& name, const std::vector<std::int64_t>& dims) {
    value.set_name(name);
    onnx::TypeProto_Tensor* tensor = value.mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(onnx::TensorProto::FLOAT);
    for (const std::int64_t dim : dims) {
        onnx::TensorShapeProto_Dimension* d = tensor->mutable_shape()->add_dim();
        if (dim < 0)
            d->set_dim_param("N"); // any batch size
        else
            d->set_dim_value(dim);
    }
}

void addAttribute(onnx::NodeProto& node, const GraphAttribute& attribute) {
    onnx::AttributeProto* a = node.add_attribute();
    a->set_name(attribute.name);
    if (attribute.isList) {
        a->set_type(onnx::AttributeProto::INTS);
        for (const std::int64_t value : attribute.ints)
            a->add_ints(value);
    } else {
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(attribute.ints.at(0));
    }
}

void addConstant(onnx::GraphProto& graph, const GraphConstant& constant) {
    onnx::TensorProto* tensor = graph.add_initializer();
    tensor->set_name(constant.name);
    for (const std::int64_t dim : constant.dims)
        tensor->add_dims(dim);
    if (!constant.int64s.empty()) {
        tensor->set_data_type(onnx::TensorProto::INT64);
        for (const std::int64_t value : constant.int64s)
            tensor->add_int64_data(value);
        return;
    }
    tensor->set_data_type(onnx::TensorProto::FLOAT);
    // raw_data is little-endian float32, the compact form every runtime reads.
    tensor->set_raw_data(constant.floats.data(), constant.floats.size() * sizeof(float));
}

onnx::ModelProto protoOf(const InferenceGraph& source, const std::string& version) {
    onnx::ModelProto model;
    model.set_ir_version(onnx::IR_VERSION_2019_9_19); // IR 6, what opset 11 shipped with
    model.set_producer_name("DigitPad");
    model.set_producer_version(version);
    model.set_domain("org.digitpad");
    model.set_doc_string("Handwritten digit recognition. Input: preprocessed 28x28 drawings, see the "
                         "'preprocessing' metadata property.");
    onnx::OperatorSetIdProto* opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(InferenceGraph::kOpset);
    for (const auto& [key, value] : source.metadata) {
        onnx::StringStringEntryProto* entry = model.add_metadata_props();
        entry->set_key(key);
        entry->set_value(value);
    }
    onnx::GraphProto* graph = model.mutable_graph();
    graph->set_name(source.name);
    setShape(*graph->add_input(), source.inputName, source.inputDims);
    setShape(*graph->add_output(), source.outputName, source.outputDims);
    for (const GraphConstant& constant : source.constants)
        addConstant(*graph, constant);
    for (const GraphNode& node : source.nodes) {
        onnx::NodeProto* n = graph->add_node();
        n->set_op_type(node.op);
        n->set_name(node.outputs.front());
        for (const std::string& input : node.inputs)
            n->add_input(input);
        for (const std::string& output : node.outputs)
            n->add_output(output);
        for (const GraphAttribute& attribute : node.attributes)
            addAttribute(*n, attribute);
    }
    return model;
}

} // namespace

Status saveOnnx(const Model& model, const std::string& path) {
    const auto failed = [&path](const std::string& why) {
        return Error{"cannot export '" + path + "': " + why};
    };
    const Result<InferenceGraph> graph = inferenceGraphOf(model);
    if (!graph)
        return failed(graph.error().message);
    const std::string bytes = protoOf(*graph, DIGITPAD_VERSION).SerializeAsString();
    if (bytes.empty())
        return failed("the graph could not be serialised");
    if (const Status written =
            writeFileAtomically(path, std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
        !written)
        return failed(written.error().message);
    return Success{};
}

} // namespace digitpad
