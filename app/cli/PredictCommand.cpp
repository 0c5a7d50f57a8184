// SPDX-License-Identifier: GPL-3.0-or-later
// `digitpad-cli predict`: image files → CSV of digit and confidence, through the shared preprocessing.
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "ImageLoader.h"
#include "JsonOutput.h"
#include "ModelChoice.h"
#include "QtImage.h"
#include "UsageError.h"

#include "app/Locations.h"
#include "app/NumberRecognizer.h"
#include "app/Recognizer.h"
#include "data/ImportedImage.h"
#include "io/ModelFile.h"

#include <QByteArray>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace digitpad::cli {

namespace {

/// The image behind one PATH: standard input for kStandardInput, else the file.
Result<GrayImage> readImage(const std::string& path) {
    if (path != kStandardInput)
        return readGrayImage(path);
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return Error{"cannot read standard input: " + input.errorString().toStdString()};
    const QByteArray bytes = input.readAll();
    if (bytes.isEmpty())
        return Error{"cannot read image from standard input: it is empty"};
    return decodeGrayImage(bytes, "standard input");
}

/// One image's answer as a JSON Lines object: class (index) and label are null, confidence 0 and
/// probabilities empty when the image has no ink.
Json predictionJson(const std::string& file, const Recognition& recognition, const ImportedImage& imported) {
    Json object = {{"file", file},
                   {"class", nullptr},
                   {"label", nullptr},
                   {"confidence", 0.0},
                   {"probabilities", Json::array()}};
    if (recognition.recognised()) {
        object["class"] = recognition.classIndex;
        object["label"] = recognition.label;
        object["confidence"] = recognition.probability;
        object["probabilities"] = recognition.probabilities;
    }
    if (recognition.recognised()) {
        object["runner_up"] =
            recognition.runnerUpIndex >= 0 ? Json(recognition.runnerUpLabel) : Json(nullptr);
        object["runner_up_confidence"] = recognition.runnerUpProbability;
        object["unsure"] = recognition.unsure;
        object["not_a_digit"] = !recognition.looksLikeADigit();
    } else {
        object["runner_up"] = nullptr;
        object["runner_up_confidence"] = 0.0;
        object["unsure"] = false;
        object["not_a_digit"] = false;
    }
    object["inverted"] = imported.inverted;
    object["flattened"] = imported.flattened;
    return object;
}

/// One image's digits (predict --multi) as a JSON Lines object: the number as text and each digit's class,
/// label, confidence, box (pixels of the image), runner-up, unsure and not-a-digit flags, left to right.
Json numberJson(const std::string& file, const NumberRecognition& number, const ImportedImage& imported) {
    Json digits = Json::array();
    for (const DigitReading& digit : number.digits) {
        const Recognition& r = digit.recognition;
        digits.push_back({{"class", r.classIndex},
                          {"label", r.label},
                          {"confidence", r.probability},
                          {"box",
                           {{"x", digit.box.x},
                            {"y", digit.box.y},
                            {"width", digit.box.width},
                            {"height", digit.box.height}}},
                          {"runner_up", r.runnerUpIndex >= 0 ? Json(r.runnerUpLabel) : Json(nullptr)},
                          {"runner_up_confidence", r.runnerUpProbability},
                          {"unsure", r.unsure},
                          {"not_a_digit", !r.looksLikeADigit()}});
    }
    return {{"file", file},
            {"number", number.number()},
            {"digits", std::move(digits)},
            {"inverted", imported.inverted},
            {"flattened", imported.flattened}};
}

/// Prints one image's number (predict --multi): a CSV line `file,number,confidences` (the digits' confidences
/// with 4 decimals, separated by spaces) or a JSON line, and warns on stderr about an empty image or an
/// unsure digit or one that does not look like a digit.
void printNumber(const std::string& file, const NumberRecognition& number, const ImportedImage& imported,
                 bool json) {
    if (!number.recognised())
        warning("predict", "'" + file + "': nothing to recognise (no ink)");
    for (std::size_t i = 0; i < number.digits.size(); ++i) {
        const Recognition& r = number.digits[i].recognition;
        if (!r.looksLikeADigit())
            warning("predict", "'" + file + "', digit " + std::to_string(i + 1) +
                                   ": doesn't look like a digit (maybe " + r.label + "?)");
        else if (r.unsure && r.runnerUpIndex >= 0)
            warning("predict", "'" + file + "', digit " + std::to_string(i + 1) + ": not sure: " + r.label +
                                   " or " + r.runnerUpLabel + "?");
    }
    if (json) {
        printJson(numberJson(file, number, imported));
        return;
    }
    std::cout << csvField(file) << ',' << number.number() << ',';
    for (std::size_t i = 0; i < number.digits.size(); ++i)
        std::cout << (i > 0 ? " " : "") << fixed(number.digits[i].recognition.probability, 4);
    std::cout << '\n';
}

} // namespace

int runPredict(const std::vector<std::string>& args) {
    ArgumentParser parser(
        "predict [--model FILE] [--preprocess mnist|resize] [--multi] [--json] PATH...",
        "Classifies images (PNG, JPEG, BMP; any size; dark ink on light paper as the canvas saves\n"
        "them, light ink on a dark background, which is inverted, or a photo or scan of uneven paper,\n"
        "which is evened out) and folders of images, printing one CSV line per image:\n"
        "  file,digit,confidence,kind\n"
        "in the order given, a folder's image files (.png .jpg .jpeg .bmp) sorted by name.\n"
        "The confidence is the winning class's probability with 4 decimals; kind is 'digit', or\n"
        "'not-a-digit' when the ink does not look like a digit at all (a bar, a blob, a scribble the\n"
        "ensemble's networks disagree on), so the digit is only a guess. No header line.\n"
        "A PATH of - reads one image (any format Qt decodes) from standard input; its file is '-'.");
    parser.addOption("--model", "FILE", "the .dpm model to use (default: the bundled model)");
    parser.addOption("--preprocess", "MODE",
                     "framing: mnist or resize (default: the one the model was trained for)");
    parser.addOption("--json", "", "print one JSON object per image and line (JSON Lines) instead of CSV");
    parser.addOption("--multi", "", "read a number of several digits per image (see below)");
    parser.addNotes(
        "An image without ink prints 'file,,0.0000,' and a warning on stderr (nothing to recognise).\n"
        "A file that cannot be decoded is reported on stderr naming it; the other images are still\n"
        "classified, and the exit status is then 1. A transparent background counts as white.\n"
        "A folder without image files is an error (exit status 1, nothing classified).\n"
        "JSON keys: file, class (the index), label, confidence and probabilities (one per class,\n"
        "summing to 1), in the order of the CSV lines; class and label are null for an image without\n"
        "ink; runner_up and runner_up_confidence name the second most probable class, unsure is true\n"
        "when the answer is below the app's certainty threshold (the CSV line stays; stderr says\n"
        "'not sure: A or B?'); not_a_digit is true when the ink does not look like a digit (stderr\n"
        "says 'doesn't look like a digit (maybe A?)'); inverted and flattened say whether the picture\n"
        "was light on dark, or uneven paper.\n"
        "\n"
        "With --multi each image may hold a number of several digits side by side (a year, a phone\n"
        "number): the ink is split into digits (parts that belong together are merged, touching digits\n"
        "are cut apart), each is classified alone, and the CSV line is\n"
        "  file,number,confidences\n"
        "the number's digits left to right and each digit's confidence with 4 decimals, separated by\n"
        "spaces (an image found to hold one digit gives exactly the answer of predict). JSON keys:\n"
        "file, number (text), digits (one object per digit, left to right: class, label, confidence,\n"
        "box {x, y, width, height} in the image's pixels, runner_up, runner_up_confidence, unsure,\n"
        "not_a_digit), inverted and flattened. An unsure digit, or one that does not look like a digit,\n"
        "is named on stderr by its position.\n");
    if (!parser.parse(args)) {
        std::cout << parser.help();
        return 0;
    }
    if (parser.positionals().empty())
        throw UsageError("no image or folder given");
    const auto& paths = parser.positionals();
    if (std::count(paths.begin(), paths.end(), kStandardInput) > 1)
        throw UsageError("'-' (standard input) may be given once");
    const bool json = parser.has("--json");
    const bool multi = parser.has("--multi");
    std::optional<Framing> framingOverride;
    if (const auto mode = parser.value("--preprocess")) {
        framingOverride = fromName<Framing>(*mode);
        if (!framingOverride)
            throw UsageError("option '--preprocess' expects " + nameChoices<Framing>() + ", got '" + *mode +
                             "'");
    }

    std::string modelPath;
    Result<Model> model = chooseModel(parser.value("--model"), modelPath);
    if (!model)
        return failure("predict", model.error().message);
    if (!takesDigitImages(model->network))
        return failure("predict", "model '" + modelPath + "' takes " +
                                      model->network.inputShape().toString() +
                                      " inputs; predict feeds 1x28x28 grayscale digits");
    const Framing framing = framingOverride.value_or(model->info.framing);

    Result<std::vector<std::string>> files = expandImagePaths(parser.positionals());
    if (!files)
        return failure("predict", files.error().message);

    int status = 0;
    for (const std::string& file : *files) {
        Result<GrayImage> image = readImage(file);
        if (!image) {
            status = failure("predict", image.error().message);
            continue;
        }
        // A picture, unlike a canvas drawing, may be light on dark or a photo of uneven paper.
        const ImportedImage imported = importImage(*image);
        if (multi) {
            const Result<NumberRecognition> number = recognizeNumber(*model, imported.image, framing);
            if (!number) {
                status = failure("predict", "'" + file + "': " + number.error().message);
                continue;
            }
            printNumber(file, *number, imported, json);
            continue;
        }
        const Result<Recognition> recognition = recognize(*model, imported.image, framing);
        if (!recognition) {
            status = failure("predict", "'" + file + "': " + recognition.error().message);
            continue;
        }
        if (!recognition->recognised())
            warning("predict", "'" + file + "': nothing to recognise (no ink)");
        else if (!recognition->looksLikeADigit())
            warning("predict",
                    "'" + file + "': doesn't look like a digit (maybe " + recognition->label + "?)");
        else if (recognition->unsure && recognition->runnerUpIndex >= 0)
            warning("predict", "'" + file + "': not sure: " + recognition->label + " or " +
                                   recognition->runnerUpLabel + "?");
        if (json) {
            printJson(predictionJson(file, *recognition, imported));
            continue;
        }
        if (!recognition->recognised()) {
            std::cout << csvField(file) << ",,0.0000,\n";
            continue;
        }
        std::cout << csvField(file) << ',' << recognition->label << ',' << fixed(recognition->probability, 4)
                  << ',' << (recognition->looksLikeADigit() ? "digit" : "not-a-digit") << '\n';
    }
    std::cout.flush();
    return status;
}

} // namespace digitpad::cli
