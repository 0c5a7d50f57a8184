// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Drawing.h"
#include "tensor/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace digitpad {

/// What DigitPad keeps about one labelled drawing besides its image: the sidecar `<id>.json` next to
/// `<label>/<id>.png` in a sample folder (docs/sample-folder.md). The folder it lies in is the label's
/// truth; `label` repeats it so a record read alone is complete.
struct DrawingRecord {
    std::string id;        ///< unique in the folder, also the file stem, e.g. "20261201-143512-042-7f3a"
    int label = 0;         ///< what the person says the digit is, 0–9
    std::string createdAt; ///< ISO 8601 UTC
    Drawing drawing;       ///< the strokes (empty for an imported image)
    /// The 28×28 values the network saw (row-major, ink high, 0..1), quantised to bytes; empty when unknown.
    std::vector<std::uint8_t> input;
    std::string model;        ///< which model answered: its file name and training time, free text
    int answer = -1;          ///< the class it answered, -1 when unknown
    double probability = 0.0; ///< the answer's probability, 0..1
};

/// The record as compact JSON (one object; strokes as arrays of [x, y, width] with 0.1 px precision).
std::string toJson(const DrawingRecord& record);

/// Reads a record written by toJson(). `where` names the file in messages. Fails on malformed JSON, a missing
/// id or label, a label outside 0–9, a point that is not three finite numbers, or an input that is neither
/// empty nor 784 bytes. Unknown keys are ignored, so newer versions may add fields.
Result<DrawingRecord> drawingRecordFromJson(const std::string& text, const std::string& where);

} // namespace digitpad
