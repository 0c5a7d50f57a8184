// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/LabelledDrawing.h"
#include "io/DrawingRecord.h"
#include "tensor/Result.h"

#include <optional>
#include <string>
#include <vector>

/// One image of a sample folder, with its sidecar record when there is one.
struct SampleFile {
    digitpad::LabelledDrawing sample; ///< image, label (from the folder), strokes from the record
    std::optional<digitpad::DrawingRecord> record; ///< from `<stem>.json` beside the image, when present
    std::string imagePath;
};

/// Reads a sample folder: `dir/<label>/<name>.<ext>` for labels 0–9, any image format Qt reads (PNG, JPEG,
/// BMP, …, detected by content), black ink on white, any size; an optional `<name>.json` sidecar
/// (DrawingRecord) beside an image adds its strokes and history. Other files at the top (index.csv, README)
/// are ignored, as are hidden files. The result is ordered by label, then by the record's createdAt (images
/// without a record after those, by file name), so "every fifth drawing of each digit" is stable.
/// Fails with a message naming the path when: `dir` is missing or not a folder; a subfolder's name is not a
/// single digit; an image cannot be decoded; a sidecar is corrupt or names another label; the folder holds
/// no image at all.
digitpad::Result<std::vector<SampleFile>> readSampleFolder(const std::string& dir);

/// What a lenient reading of a sample folder found: the entries that read well, in readSampleFolder()'s
/// order, and one Error for each that did not (a folder not named 0–9, an undecodable image, a corrupt or
/// contradicting sidecar): its message names the path and says what is wrong, its `path` is the entry left
/// out (the folder, or the drawing's image).
struct SampleFolderReading {
    std::vector<SampleFile> files;
    std::vector<digitpad::Error> problems;
};

/// Reads what it can of a sample folder, skipping the entries readSampleFolder() would fail on, so that one
/// damaged file does not lock the person out of all their drawings. Fails only when `dir` is missing, not a
/// folder or cannot be listed; an empty folder gives an empty reading.
digitpad::Result<SampleFolderReading> readSampleFolderSkippingProblems(const std::string& dir);

/// Just the drawings of readSampleFolder()'s result, in its order.
std::vector<digitpad::LabelledDrawing> samplesOf(const std::vector<SampleFile>& files);
