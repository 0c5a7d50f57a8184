// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/Model.h"
#include "tensor/Result.h"

#include <string>

namespace digitpad {

/// Writes `model` as an ONNX file (opset InferenceGraph::kOpset): input `input` [N, 1, 28, 28] float32 as
/// digitpad::preprocess() makes it, output `probabilities` [N, classes], the model's header as metadata
/// properties (see inferenceGraphOf()). The write is atomic. Fails with "cannot export 'path': …".
Status saveOnnx(const Model& model, const std::string& path);

} // namespace digitpad
