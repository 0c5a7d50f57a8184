// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/Model.h"
#include "tensor/Result.h"

#include <string>

namespace digitpad {

/// The .dpm format, version 1 (all integers little-endian):
///   8 bytes  magic "DIGITPAD"
///   u32      format version (1)
///   u32      header length H
///   H bytes  UTF-8 JSON header: architecture string, input shape, output head, ModelInfo fields, and the
///            tensor table (name, rows, cols) in Network::tensors() order
///   ...      the tensors as little-endian float32, column-major, in table order
///   u32      CRC-32 (zlib) of every byte before it
/// Saving writes "<path>.tmp-<random>" then renames it over <path>: a crash never leaves a half-written
/// model.
inline constexpr int kModelFormatVersion = 1;

Status saveModel(const Model& model, const std::string& path);

/// Fails with a message naming the file and the reason: bad magic, unsupported version, wrong checksum,
/// truncated data, a malformed header, or tensor sizes that do not match the architecture.
Result<Model> loadModel(const std::string& path);

} // namespace digitpad
