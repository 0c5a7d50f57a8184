// SPDX-License-Identifier: GPL-3.0-or-later
// `digitpad-cli bench`: the performance figures of issue 2, measured on this machine (the bench/ peer scripts
// print the same JSON keys for PyTorch and numpy).
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "Locations.h"
#include "UsageError.h"

#include "Evaluation.h"
#include "IdxReader.h"
#include "Preset.h"
#include "Trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>

namespace digitpad::cli {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kQuickTrainImages = 6000;
constexpr int kLatencyWarmup = 500;
constexpr int kLatencyRuns = 5000;
constexpr int kThroughputBatch = 1000;
constexpr int kThroughputPasses = 3;

// Results are added here so the compiler cannot drop the timed work as unused.
volatile double gSink = 0.0;

struct EpochRun {
    Network network;
    double seconds = 0.0;
};

/// One epoch of a preset over all of `train` (no validation split, no test evaluation inside the timing).
Result<EpochRun> timeEpoch(const std::string& presetName, const Dataset& train) {
    std::optional<TrainConfig> config = presetConfig(presetName);
    if (!config)
        return Error{"preset '" + presetName + "' is missing from this build"};
    config->epochs = 1;
    config->validationFraction = 0.0;
    EpochRun run{config->makeNetwork(train.shape, train.classes), 0.0};
    TrainingControl control;
    const TrainingOutcome outcome = digitpad::train(run.network, train, nullptr, *config, control);
    if (outcome.status != TrainingStatus::Completed || outcome.epochs.empty())
        return Error{"the " + presetName + " epoch did not complete: " + toString(outcome.status) + " " +
                     outcome.reason};
    run.seconds = outcome.epochs.front().seconds;
    return run;
}

/// Median wall time of probabilities() on one column, in microseconds.
double medianLatencyMicroseconds(const Network& network, const Matrix& sample) {
    double sink = 0.0;
    for (int i = 0; i < kLatencyWarmup; ++i)
        sink += network.probabilities(sample)(0, 0);
    std::vector<double> times(kLatencyRuns);
    for (double& time : times) {
        const auto start = Clock::now();
        sink += network.probabilities(sample)(0, 0);
        time = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    }
    gSink = sink;
    std::nth_element(times.begin(), times.begin() + kLatencyRuns / 2, times.end());
    return times[kLatencyRuns / 2];
}

/// Images per second classifying the whole test set in batches of kThroughputBatch, best of a few passes.
double throughputImagesPerSecond(const Network& network, const Dataset& test) {
    std::vector<Matrix> batches;
    for (int first = 0; first < test.size(); first += kThroughputBatch)
        batches.emplace_back(test.images.middleCols(first, std::min(kThroughputBatch, test.size() - first)));
    double best = 0.0;
    double sink = 0.0;
    for (int pass = 0; pass < kThroughputPasses; ++pass) {
        const auto start = Clock::now();
        for (const Matrix& batch : batches)
            sink += network.probabilities(batch)(0, 0);
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        best = std::max(best, test.size() / seconds);
    }
    gSink = sink;
    return best;
}

} // namespace

int runBench(const std::vector<std::string>& args) {
    ArgumentParser parser(
        "bench [--data DIR] [--json] [--quick]",
        "Measures on this machine: seconds for one training epoch of the mlp preset (batch 64,\n"
        "Adam, cross-entropy) and of sigmoid-100 (batch 1, SGD, MSE) over the whole training\n"
        "split; the mlp network's single-image inference latency (median of 5000 runs of one\n"
        "column through probabilities(), after warm-up); batch inference throughput over the\n"
        "test split in batches of 1000 (best of 3 passes); and the mlp test accuracy after\n"
        "its one epoch.");
    parser.addOption("--data", "DIR", "folder with train-* and t10k-* IDX files (default data/mnist)");
    parser.addOption("--json", "", "print one JSON object instead of the table (keys below)");
    parser.addNotes(
        "JSON keys: mlp_epoch_s, sigmoid100_epoch_s, latency_us, throughput_ips, mlp_test_accuracy\n"
        "(0..1) and train_images; the bench/ peer scripts print the same keys.\n");
    parser.addOption("--quick", "", "train on the first 6000 images only (a smoke test, not the benchmark)");
    if (!parser.parse(args)) {
        std::cout << parser.help();
        return 0;
    }
    if (!parser.positionals().empty())
        throw UsageError("unexpected argument '" + parser.positionals().front() + "'");
    const bool json = parser.has("--json");

    const std::string folder = dataFolder(parser.value("--data"));
    Result<Dataset> trainSet = readIdxFolder(folder, "train");
    if (!trainSet)
        return failure("bench", trainSet.error().message + missingDataHint(folder));
    Result<Dataset> testSet = readIdxFolder(folder, "t10k");
    if (!testSet)
        return failure("bench", testSet.error().message);
    Dataset& train = *trainSet;
    const Dataset& test = *testSet;
    if (parser.has("--quick") && train.size() > kQuickTrainImages)
        train = train.slice(0, kQuickTrainImages);

    const auto progress = [json](const std::string& text) {
        if (!json)
            std::cerr << text << std::flush;
    };
    progress("mlp epoch over " + std::to_string(train.size()) + " images... ");
    Result<EpochRun> mlp = timeEpoch("mlp", train);
    if (!mlp)
        return failure("bench", mlp.error().message);
    progress("sigmoid-100 epoch... ");
    Result<EpochRun> sigmoid = timeEpoch("sigmoid-100", train);
    if (!sigmoid)
        return failure("bench", sigmoid.error().message);
    progress("inference...\n");
    const Evaluation evaluation = evaluate(mlp->network, *makeLoss(LossKind::CrossEntropy), test);
    const Matrix sample = test.images.col(0);
    const double latency = medianLatencyMicroseconds(mlp->network, sample);
    const double throughput = throughputImagesPerSecond(mlp->network, test);

    if (json) {
        std::cout << "{\"mlp_epoch_s\": " << fixed(mlp->seconds, 4)
                  << ", \"sigmoid100_epoch_s\": " << fixed(sigmoid->seconds, 4)
                  << ", \"latency_us\": " << fixed(latency, 3)
                  << ", \"throughput_ips\": " << fixed(throughput, 0)
                  << ", \"mlp_test_accuracy\": " << fixed(evaluation.accuracy, 4)
                  << ", \"train_images\": " << train.size() << "}" << std::endl;
        return 0;
    }
    const std::string images = std::to_string(train.size()) + " images";
    const auto row = [](const std::string& label, const std::string& value) {
        std::cout << std::left << std::setw(48) << label << value << '\n';
    };
    row("mlp epoch (" + images + ", batch 64, adam)", fixed(mlp->seconds, 3) + " s");
    row("sigmoid-100 epoch (" + images + ", batch 1, sgd)", fixed(sigmoid->seconds, 3) + " s");
    row("mlp single-image latency (median of " + std::to_string(kLatencyRuns) + ")",
        fixed(latency, 2) + " us");
    row("mlp batch throughput (batches of " + std::to_string(kThroughputBatch) + ")",
        fixed(throughput, 0) + " images/s");
    row("mlp test accuracy after 1 epoch", percent(evaluation.accuracy));
    std::cout.flush();
    return 0;
}

} // namespace digitpad::cli
