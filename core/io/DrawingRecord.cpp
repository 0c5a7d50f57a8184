// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/DrawingRecord.h"

#include "data/DigitFormat.h"
#include "tensor/PrintableText.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace digitpad {

namespace {

using json = nlohmann::json;

/// A tenth of a canvas pixel: finer than any pointer reports, and it keeps a sidecar a few KB.
double tenth(double v) {
    return std::round(v * 10.0) / 10.0;
}

Error recordError(const std::string& where, const std::string& what) {
    return Error{"cannot read drawing record '" + where + "': " + what};
}

} // namespace

std::string toJson(const DrawingRecord& record) {
    json strokes = json::array();
    for (const PenStroke& stroke : record.drawing.strokes) {
        json points = json::array();
        for (const PenPoint& p : stroke)
            points.push_back({tenth(p.x), tenth(p.y), tenth(p.width)});
        strokes.push_back(std::move(points));
    }
    json out = {{"id", record.id},
                {"label", record.label},
                {"createdAt", record.createdAt},
                {"canvas", record.drawing.canvasSide},
                {"strokes", std::move(strokes)},
                {"input", record.input},
                {"model", record.model},
                {"answer", record.answer},
                {"probability", record.probability}};
    return out.dump();
}

Result<DrawingRecord> drawingRecordFromJson(const std::string& text, const std::string& where) {
    const json in = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (in.is_discarded())
        return recordError(where, "not valid JSON");
    if (!in.is_object())
        return recordError(where, "not a JSON object");
    DrawingRecord record;
    if (!in.contains("id") || !in["id"].is_string() || in["id"].get<std::string>().empty())
        return recordError(where, "'id' must be a non-empty string");
    record.id = in["id"].get<std::string>();
    // The id is a file stem: nothing that could leave the folder or hide a file.
    const bool safeId =
        record.id.front() != '.' && std::all_of(record.id.begin(), record.id.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
        });
    if (!safeId)
        return recordError(where, "'id' may hold only letters, digits, '-', '_' and '.', not first");
    if (!in.contains("label") || !in["label"].is_number_integer() || in["label"].get<long long>() < 0 ||
        in["label"].get<long long>() >= kDigitClasses)
        return recordError(where, "'label' must be a digit 0–9");
    record.label = in["label"].get<int>();
    if (in.contains("createdAt") && in["createdAt"].is_string())
        record.createdAt = in["createdAt"].get<std::string>();
    if (in.contains("canvas")) {
        if (!in["canvas"].is_number_integer() || in["canvas"].get<long long>() < 1 ||
            in["canvas"].get<long long>() > 1 << 16)
            return recordError(where, "'canvas' must be a side length from 1 to 65536");
        record.drawing.canvasSide = in["canvas"].get<int>();
    }
    if (in.contains("strokes")) {
        if (!in["strokes"].is_array())
            return recordError(where, "'strokes' must be an array of strokes");
        for (const json& stroke : in["strokes"]) {
            if (!stroke.is_array())
                return recordError(where, "a stroke must be an array of [x, y, width] points");
            PenStroke points;
            for (const json& p : stroke) {
                if (!p.is_array() || p.size() != 3 || !p[0].is_number() || !p[1].is_number() ||
                    !p[2].is_number())
                    return recordError(where, "a point must be three numbers [x, y, width]");
                const PenPoint point{p[0].get<double>(), p[1].get<double>(), p[2].get<double>()};
                if (!std::isfinite(point.x) || !std::isfinite(point.y) || !std::isfinite(point.width) ||
                    point.width < 0.0)
                    return recordError(where, "a point must be finite with a width of at least 0");
                points.push_back(point);
            }
            record.drawing.strokes.push_back(std::move(points));
        }
    }
    if (in.contains("input")) {
        const json& input = in["input"];
        const auto size = static_cast<std::size_t>(kDigitShape.size());
        if (!input.is_array() || (!input.empty() && input.size() != size))
            return recordError(where, "'input' must be empty or " + std::to_string(size) + " bytes");
        for (const json& v : input) {
            if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 255)
                return recordError(where, "'input' values must be integers 0–255");
            record.input.push_back(static_cast<std::uint8_t>(v.get<int>()));
        }
    }
    if (in.contains("model") && in["model"].is_string())
        record.model = printable(in["model"].get<std::string>());
    if (in.contains("answer") && in["answer"].is_number_integer())
        record.answer = in["answer"].get<int>();
    if (in.contains("probability") && in["probability"].is_number())
        record.probability = in["probability"].get<double>();
    return record;
}

} // namespace digitpad
