// SPDX-License-Identifier: GPL-3.0-or-later
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "ModelChoice.h"
#include "UsageError.h"

#include "OnnxFile.h"

#include <iostream>

namespace digitpad::cli {

int runExport(const std::vector<std::string>& args) {
    ArgumentParser parser(
        "export --onnx OUT [--model FILE]",
        "Writes a model as an ONNX file that other programs and runtimes can run (ONNX Runtime,\n"
        "OpenCV's dnn module, ...): opset 11, input 'input' float32 [N, 1, 28, 28], output\n"
        "'probabilities' [N, 10]. The model's header goes into the file's metadata properties.");
    parser.addOption("--onnx", "OUT", "the .onnx file to write (atomically: a complete file or none)");
    parser.addOption("--model", "FILE", "the .dpm model to export (default: the bundled model)");
    parser.addNotes(
        "The input is the drawing after DigitPad's preprocessing, which is not part of the graph:\n"
        "grayscale, invert (ink high), frame into 28x28 (the model's framing), its framing steps,\n"
        "min-max normalise to [0, 1]. The 'preprocessing' metadata property spells this out for\n"
        "the model; docs/onnx-export.md gives the details.\n");
    if (!parser.parse(args)) {
        std::cout << parser.help();
        return 0;
    }
    if (!parser.positionals().empty())
        throw UsageError("unexpected argument '" + parser.positionals().front() + "'");
    const std::string out = parser.required("--onnx");
    std::string modelPath;
    const Result<Model> model = chooseModel(parser.value("--model"), modelPath);
    if (!model)
        return failure("export", model.error().message);
    if (const Status saved = saveOnnx(*model, out); !saved)
        return failure("export", saved.error().message);
    std::cout << "exported " << modelPath << " to " << out << std::endl;
    return 0;
}

} // namespace digitpad::cli
