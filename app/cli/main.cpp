// SPDX-License-Identifier: GPL-3.0-or-later
// digitpad-cli: trains, evaluates, inspects and runs DigitPad models without a window.
#include "Commands.h"
#include "UsageError.h"

#include <exception>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct Subcommand {
    const char* name;
    const char* summary;
    std::function<int(const std::vector<std::string>&)> run;
};

const std::vector<Subcommand>& subcommands() {
    using namespace digitpad::cli;
    static const std::vector<Subcommand> all = {
        {"train", "train a network on an IDX data set (MNIST by default) and save it", runTrain},
        {"eval", "score a model on a data set or a sample folder: accuracy, per class, confusions", runEval},
        {"finetune", "tune a copy of a model to a person's handwriting from a sample folder", runFinetune},
        {"predict", "classify image files or folders of images, printing CSV", runPredict},
        {"info", "show what a model file holds", runInfo},
        {"bench", "measure training and inference speed on MNIST", runBench},
        {"export", "write a model as ONNX for other programs and runtimes", runExport},
        {"ensemble", "combine trained models into one that averages their answers", runEnsemble},
    };
    return all;
}

void printHelp() {
    std::cout
        << "Usage: digitpad-cli COMMAND [OPTIONS]\n"
           "       digitpad-cli COMMAND --help\n"
           "       digitpad-cli help [COMMAND]\n\n"
           "DigitPad's headless front end: train, evaluate, fine-tune and use handwritten-digit models.\n\n"
           "Commands:\n";
    for (const Subcommand& command : subcommands())
        std::cout << "  " << command.name << std::string(10 - std::string(command.name).size(), ' ')
                  << command.summary << '\n';
    std::cout << "\nOptions:\n"
                 "  -h, --help    show this help and exit\n"
                 "  --version     show the version and exit\n\n"
                 "Output: eval, info, predict, train and bench take --json for machine-readable output on\n"
                 "stdout (snake_case keys, accuracies 0..1); messages and progress always go to stderr.\n\n"
                 "Exit status: 0 success, 1 failure (the message names the file and what is wrong),\n"
                 "2 usage error, 130 training interrupted with Ctrl+C.\n";
}

const Subcommand* findSubcommand(const std::string& name) {
    for (const Subcommand& command : subcommands())
        if (name == command.name)
            return &command;
    return nullptr;
}

/// `help [COMMAND]`: the general usage, or the command's own --help text (it prints it and returns 0).
int runHelp(const std::vector<std::string>& args) {
    if (args.empty()) {
        printHelp();
        return 0;
    }
    if (args.size() > 1) {
        std::cerr << "digitpad-cli help: unexpected argument '" << args[1]
                  << "' (try 'digitpad-cli --help')\n";
        return 2;
    }
    if (const Subcommand* command = findSubcommand(args.front()))
        return command->run({"--help"});
    std::cerr << "digitpad-cli help: unknown command '" << args.front() << "' (try 'digitpad-cli --help')\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << "digitpad-cli: missing command (try 'digitpad-cli --help')\n";
        return 2;
    }
    const std::string& first = args.front();
    if (first == "--help" || first == "-h") {
        printHelp();
        return 0;
    }
    if (first == "help")
        return runHelp({args.begin() + 1, args.end()});
    if (first == "--version") {
        std::cout << "digitpad-cli " << DIGITPAD_VERSION << '\n';
        return 0;
    }
    if (const Subcommand* command = findSubcommand(first)) {
        try {
            return command->run({args.begin() + 1, args.end()});
        } catch (const digitpad::cli::UsageError& error) {
            std::cerr << "digitpad-cli " << command->name << ": " << error.what() << " (try 'digitpad-cli "
                      << command->name << " --help')\n";
            return 2;
        } catch (const std::exception& error) {
            std::cerr << "digitpad-cli " << command->name << ": " << error.what() << '\n';
            return 1;
        }
    }
    const char* kind = first.starts_with('-') ? "option" : "command";
    std::cerr << "digitpad-cli: unknown " << kind << " '" << first << "' (try 'digitpad-cli --help')\n";
    return 2;
}
