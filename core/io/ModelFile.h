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
///            tensor table (name, rows, cols) in Network::tensors() order; for an ensemble also "members":
///            the later networks, each {architecture, tensors}, sharing the input, head and labels
///   ...      the tensors as little-endian float32, column-major, in table order (an ensemble: the first
///            network's, then each member's in list order)
///   u32      CRC-32 (zlib) of every byte before it
/// Saving writes "<path>.tmp-<random>" then renames it over <path>: a crash never leaves a half-written
/// model.
inline constexpr int kModelFormatVersion = 1;

/// Writes the model atomically (a temp file renamed over `path`). Removes temp files an interrupted earlier
/// save of the same `path` left behind, and its own temp file on every failure. A file size limit (ulimit -f)
/// is reported as "file too large", not a signal.
Status saveModel(const Model& model, const std::string& path);

/// Whether saveModel(…, path) can create its file: the folder exists and a file can be created in it (tried
/// with a temp file that is removed at once). For checking a destination before a long training run.
Status checkModelTarget(const std::string& path);

/// Fails with a message naming the file and the reason: bad magic, unsupported version, wrong checksum,
/// truncated data, a malformed header, or tensor sizes that do not match the architecture. Checks the header
/// length (at most 1 MiB) and the size the header declares against the file's size before parsing or
/// allocating what the header declares; quotes header strings only through printable().
Result<Model> loadModel(const std::string& path);

} // namespace digitpad
