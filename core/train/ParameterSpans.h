// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/Parameter.h"
#include "optim/Optimizer.h"

#include <array>
#include <vector>

namespace digitpad {

/// The values of `params` cut into spans of at most `maxValues` (a positive multiple of 16), for element-wise
/// work shared out over threads: each tensor's values in order, every span within one tensor. A span starts
/// at a multiple of 16 values of its tensor, so on the 64-byte boundary the tensor starts on, where the
/// kernels' vector loads are fastest. The cut depends only on the tensors' sizes, so the result of the work
/// does not depend on which thread takes which span.
std::vector<ParamSpan> parameterSpans(const std::vector<ParamRef>& params, Eigen::Index maxValues);

/// The spans of a step whose layers split their work in two (Layer::shareWork), by part: a tensor with a
/// ParamRef::splitColumn gives its columns before it to part 0 and the rest to part 1, so each part is
/// updated by the thread that computed its gradient and holds it in its cache; every other tensor goes whole
/// to the part with fewer values so far.
std::array<std::vector<ParamSpan>, kSplitParts> partSpans(const std::vector<ParamRef>& params);

} // namespace digitpad
