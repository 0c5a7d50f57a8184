// SPDX-License-Identifier: GPL-3.0-or-later
// `digitpad-cli bench`: the performance figures of issues 2 and 4, measured on this machine (the bench/ peer
// scripts print the same JSON keys for PyTorch and numpy).
#include "ArgumentParser.h"
#include "Commands.h"
#include "Console.h"
#include "JsonOutput.h"
#include "UsageError.h"

#include "app/Locations.h"
#include "app/LookInside.h"
#include "app/Recognizer.h"
#include "app/SplitLoader.h"
#include "io/ModelFile.h"
#include "kernels/Kernels.h"
#include "nn/Evaluation.h"
#include "train/Preset.h"
#include "train/Trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace digitpad::cli {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kQuickTrainImages = 6000;
constexpr int kThroughputBatch = 1000;
constexpr int kThroughputPasses = 3;

/// How often the latency and answer timings repeat. --quick is a smoke test of every code path: its figures
/// are not the benchmark, and under the sanitizers the full counts take minutes with the bundled ensemble.
struct Repetitions {
    int latencyWarmup = 500;
    int latencyRuns = 5000;
    int answerWarmup = 20;
    int answerRuns = 200;
};
constexpr Repetitions kQuickRepetitions{5, 50, 2, 10};
/// One epoch's test accuracy moves by a point from seed to seed (95.2–96.1 % for mlp), more than DigitPad and
/// the peers differ, so the mlp workload also trains seeds 2 … kMlpAccuracySeeds and reports the median.
constexpr int kMlpAccuracySeeds = 5;
constexpr int kQuickMlpAccuracySeeds = 2;
constexpr int kCanvasScale = 10; ///< a 28×28 test image drawn as the app's 280×280 canvas

// Results are added here so the compiler cannot drop the timed work as unused.
volatile double gSink = 0.0;

struct EpochRun {
    Network network;
    double seconds = 0.0;
};

/// One epoch of a preset over all of `train` (no validation split, no test evaluation inside the timing).
Result<EpochRun> timeEpoch(const std::string& presetName, const Dataset& train, unsigned long long seed = 1) {
    std::optional<TrainConfig> config = presetConfig(presetName);
    if (!config)
        return Error{"preset '" + presetName + "' is missing from this build"};
    config->seed = seed;
    config->epochs = 1;
    config->validationFraction = 0.0;
    EpochRun run{config->makeNetwork(train.shape, train.classes), 0.0};
    TrainingControl control;
    const TrainingOutcome outcome = digitpad::train(run.network, train, nullptr, *config, control);
    if (outcome.status != TrainingStatus::Completed || outcome.epochs.empty())
        return Error{"the " + presetName + " epoch did not complete: " + toName(outcome.status) + " " +
                     outcome.reason};
    run.seconds = outcome.epochs.front().seconds;
    return run;
}

/// A time-to-accuracy workload: a preset trained from seeds 1 to TimeToAccuracyRuns::seeds with the test
/// split scored after every epoch, and the test accuracy it waits for. They train several runs of several
/// epochs, so they run only when --only names them.
struct TimeToAccuracyWorkload {
    std::string name;       ///< the workload, and the preset it trains
    double target;          ///< test accuracy, 0..1
    std::string prefix;     ///< of its JSON keys
    std::string timeKey;    ///< the JSON key of its time
    std::string targetText; ///< the target as the table prints it
};
const std::vector<TimeToAccuracyWorkload> kTimeToAccuracyWorkloads = {
    {"fast", 0.99, "fast", "fast_time_to_99_s", "99%"},
    {"fast-99.5", 0.995, "fast995", "fast995_time_to_995_s", "99.5%"},
};
/// The seeds and epoch cap of a run: all the preset's epochs over five seeds, or under --quick (a smoke test
/// of the code path, which sanitizer builds run) one epoch over two seeds.
struct TimeToAccuracyRuns {
    int seeds = 5;
    int maxEpochs = 0; ///< 0: the preset's own count
};
constexpr TimeToAccuracyRuns kQuickTimeToAccuracyRuns{2, 1};

/// One training run of a time-to-accuracy preset from `seed`: the cumulative training time (evaluation left
/// out) at the end of the first epoch whose test accuracy reached `target` (nullopt when none did), and the
/// test accuracy of the last epoch.
struct TimeToAccuracy {
    unsigned long long seed = 0;
    std::optional<double> seconds;
    double accuracy = 0.0;
    std::vector<double> epochAccuracies;
    double trainingSeconds = 0.0;
};

Result<TimeToAccuracy> timeToAccuracy(const TimeToAccuracyWorkload& workload, const Dataset& train,
                                      const Dataset& test, unsigned long long seed, int maxEpochs) {
    std::optional<TrainConfig> config = presetConfig(workload.name);
    if (!config)
        return Error{"preset '" + workload.name + "' is missing from this build"};
    config->validationFraction = 0.0;
    config->seed = seed;
    if (maxEpochs > 0)
        config->epochs = std::min(config->epochs, maxEpochs);
    Network network = config->makeNetwork(train.shape, train.classes);
    TrainingControl control;
    const TrainingOutcome outcome = digitpad::train(network, train, &test, *config, control);
    if (outcome.status != TrainingStatus::Completed || outcome.epochs.empty())
        return Error{"the " + workload.name + " run did not complete: " + toName(outcome.status) + " " +
                     outcome.reason};
    TimeToAccuracy run;
    run.seed = seed;
    for (const EpochMetrics& epoch : outcome.epochs) {
        run.trainingSeconds += epoch.seconds;
        run.epochAccuracies.push_back(epoch.testAccuracy);
        if (!run.seconds && epoch.testAccuracy >= workload.target)
            run.seconds = run.trainingSeconds;
    }
    run.accuracy = outcome.epochs.back().testAccuracy;
    return run;
}

/// The median of `values` (the mean of the middle two for an even count); values must not be empty.
double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

/// Median wall time of probabilities() on one column, in microseconds. `Classifier` is a Network or a Model
/// (every member of an ensemble).
template <typename Classifier>
double medianLatencyMicroseconds(const Classifier& network, const Matrix& sample,
                                 const Repetitions& repetitions) {
    double sink = 0.0;
    for (int i = 0; i < repetitions.latencyWarmup; ++i)
        sink += network.probabilities(sample)(0, 0);
    std::vector<double> times(repetitions.latencyRuns);
    for (double& time : times) {
        const auto start = Clock::now();
        sink += network.probabilities(sample)(0, 0);
        time = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    }
    gSink = sink;
    return median(std::move(times));
}

/// Images per second classifying the whole test set in batches of kThroughputBatch, best of a few passes.
/// `Classifier` is a Network or a Model (an ensemble averages its members' probabilities).
template <typename Classifier>
double throughputImagesPerSecond(const Classifier& network, const Dataset& test) {
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

/// The fastest and the median of a set of timings.
struct MinMedian {
    double min = 0.0;
    double median = 0.0;
};

/// `sample` (28×28, ink high) as the app's canvas gives it: 280×280, dark ink on white paper.
GrayImage canvasOf(const Matrix& sample, int side) {
    GrayImage canvas(side * kCanvasScale, side * kCanvasScale);
    for (int y = 0; y < canvas.height; ++y)
        for (int x = 0; x < canvas.width; ++x) {
            const double ink =
                std::clamp(double(sample((y / kCanvasScale) * side + x / kCanvasScale, 0)), 0.0, 1.0);
            canvas.at(x, y) = static_cast<std::uint8_t>(std::lround(255.0 * (1.0 - ink)));
        }
    return canvas;
}

/// Milliseconds per answer as the Recognize tab computes it: recognize() on a 280×280 canvas (preprocess and
/// probabilities), and with `lookInside` also every layer's output and the why-map (lookInside()). The
/// first-layer filters depend on the model only and are left out, as the app draws them once per model.
MinMedian answerMilliseconds(const Model& model, const GrayImage& canvas, bool withLookInside,
                             const Repetitions& repetitions) {
    double sink = 0.0;
    const auto answer = [&] {
        const Result<Recognition> recognition = recognize(model, canvas, model.info.framing);
        if (!recognition || !recognition->recognised())
            return;
        sink += recognition->probability;
        if (withLookInside)
            sink += lookInside(model, recognition->input, recognition->probabilities).why.sum();
    };
    for (int i = 0; i < repetitions.answerWarmup; ++i)
        answer();
    std::vector<double> times(repetitions.answerRuns);
    for (double& time : times) {
        const auto start = Clock::now();
        answer();
        time = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    }
    gSink = sink;
    return {*std::min_element(times.begin(), times.end()), median(std::move(times))};
}

/// The workloads --only can pick, in the order they run. The last two, time to accuracy, run only when --only
/// names them.
const std::vector<std::string> kWorkloads = {"mlp", "sigmoid-100", "lenet", "default", "fast", "fast-99.5"};

/// Whether `workload` is one of kTimeToAccuracyWorkloads.
bool isTimeToAccuracy(const std::string& workload) {
    return std::any_of(kTimeToAccuracyWorkloads.begin(), kTimeToAccuracyWorkloads.end(),
                       [&workload](const TimeToAccuracyWorkload& each) { return each.name == workload; });
}

/// One measured figure: its JSON key and value, and its row in the text table.
struct Figure {
    std::string key;
    Json json;
    std::string label;
    std::string text;
};

/// `value` rounded to `decimals` places: the JSON carries the precision the measurement has, not the float's
/// noise.
double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

/// The model whose latency the "default" workload measures: --model, else the bundled model; nullopt (after a
/// warning naming every place looked in) when there is none.
std::optional<std::string> defaultModelPath(const std::optional<std::string>& given) {
    if (given)
        return given;
    if (std::optional<std::string> bundled = bundledModelPath())
        return bundled;
    std::string places;
    for (const std::string& candidate : bundledModelCandidates())
        places += (places.empty() ? "'" : ", '") + candidate + "'";
    warning("bench", "no bundled model found (looked in " + places +
                         "); skipping the default-model latency (pass --model FILE)");
    return std::nullopt;
}

} // namespace

int runBench(const std::vector<std::string>& args) {
    ArgumentParser parser(
        "bench [--data DIR] [--json] [--quick] [--only WORKLOAD] [--model FILE]",
        "Measures on this machine: seconds for one training epoch of the mlp preset (batch 64,\n"
        "Adam, cross-entropy), of sigmoid-100 (batch 1, SGD, MSE) and of lenet (two 5x5\n"
        "convolutions, batch 64, Adam) over the whole training split; the mlp and the trained\n"
        "lenet network's single-image inference latency (median of 5000 runs of one column\n"
        "through probabilities(), after warm-up); batch inference throughput of mlp over the\n"
        "test split in batches of 1000 (best of 3 passes); the mlp and lenet test accuracy after\n"
        "their one epoch, and mlp's median over seeds 1 to 5 (a seed moves it by a point); and\n"
        "the same latency for the bundled model (models/default.dpm), with\n"
        "milliseconds per answer as the Recognize tab computes it (a test image drawn as a 280x280\n"
        "canvas: preprocess and probabilities), with the look-inside views off and on (every\n"
        "layer's output and the why-map added), fastest and median of 200.");
    parser.addOption("--data", "DIR", "folder with train-* and t10k-* IDX files (default data/mnist)");
    parser.addOption("--json", "", "print one JSON object instead of the table (keys below)");
    parser.addOption("--quick", "",
                     "first 6000 training images, few timing runs, 2 seeds (time to accuracy: 1 epoch each); "
                     "a smoke test, not the benchmark");
    parser.addOption("--only", "WORKLOAD",
                     "run one workload: mlp, sigmoid-100, lenet, default, fast or fast-99.5 (see below)");
    parser.addOption("--model", "FILE",
                     "the model the default workload measures (default: the bundled model)");
    parser.addNotes(
        "Workloads: mlp (epoch, latency, throughput, accuracy), sigmoid-100 (epoch), lenet (epoch,\n"
        "latency, accuracy), default (the bundled model's latency, or that of --model FILE); all\n"
        "of them unless --only names one. fast (only with --only fast): time to 99% test accuracy,\n"
        "the fast preset trained from seeds 1 to 5 with the test split scored after every epoch;\n"
        "the time is the training time up to the first epoch at 99% (scoring left out).\n"
        "fast-99.5 (only with --only fast-99.5): the same for 99.5% and the fast-99.5 preset.\n"
        "JSON keys: mlp_epoch_s, sigmoid100_epoch_s, latency_us, throughput_ips, mlp_test_accuracy\n"
        "and mlp_seeds_test_accuracy (0..1), lenet_epoch_s, lenet_latency_us, lenet_test_accuracy,\n"
        "default_latency_us,\n"
        "default_throughput_ips (the whole model, every member of an ensemble), fast_time_to_99_s\n"
        "(median over the seeds, null when most did not reach it), fast_reached (seeds that did),\n"
        "fast_test_accuracy (median after the last epoch), fast_runs (each seed's figures), the\n"
        "same with fast995_ (fast995_time_to_995_s, ...),\n"
        "default_answer_ms and default_answer_look_inside_ms ({\"min\", \"median\"}),\n"
        "default_model (its path), train_images and cpu_variant (the kernels used: baseline,\n"
        "x86-64-v3 or x86-64-v4, the widest this CPU runs unless the environment variable\n"
        "DIGITPAD_CPU names another); keys of workloads that did not run are left out. The bench/\n"
        "peer scripts print the same keys (except the default model's and cpu_variant).\n"
        "Without a bundled model the default workload is skipped with a warning.\n");
    if (!parser.parse(args)) {
        std::cout << parser.help();
        return 0;
    }
    if (!parser.positionals().empty())
        throw UsageError("unexpected argument '" + parser.positionals().front() + "'");
    const bool json = parser.has("--json");
    const std::optional<std::string> only = parser.value("--only");
    if (only && std::find(kWorkloads.begin(), kWorkloads.end(), *only) == kWorkloads.end())
        throw UsageError("'--only' expects mlp, sigmoid-100, lenet, default, fast or fast-99.5, got '" +
                         *only + "'");
    const auto runs = [&only](const std::string& workload) {
        return only ? *only == workload : !isTimeToAccuracy(workload);
    };
    if (parser.has("--model") && !runs("default"))
        throw UsageError("'--model' is the default workload's model: drop --only " + *only);
    const bool training =
        runs("mlp") || runs("sigmoid-100") || runs("lenet") || (only && isTimeToAccuracy(*only));

    const std::string folder = dataFolder(parser.value("--data"));
    Result<Dataset> trainSet = training ? loadSplit(folder, "train") : Result<Dataset>(Dataset{});
    if (!trainSet)
        return failure("bench", trainSet.error().message);
    Result<Dataset> testSet = loadSplit(folder, "t10k");
    if (!testSet)
        return failure("bench", testSet.error().message);
    Dataset& train = *trainSet;
    const Dataset& test = *testSet;
    if (parser.has("--quick") && train.size() > kQuickTrainImages)
        train = train.slice(0, kQuickTrainImages);
    const Matrix sample = test.images.col(0);
    const std::unique_ptr<Loss> crossEntropy = makeLoss(LossKind::CrossEntropy);

    const auto progress = [json](const std::string& text) {
        if (!json)
            std::cerr << text << std::flush;
    };
    const std::string images = std::to_string(train.size()) + " images";
    const Repetitions repetitions = parser.has("--quick") ? kQuickRepetitions : Repetitions{};
    const std::string latencyRuns = "median of " + std::to_string(repetitions.latencyRuns);
    std::vector<Figure> figures;
    const auto seconds = [&figures](const std::string& key, const std::string& label, double value) {
        figures.push_back({key, rounded(value, 4), label, fixed(value, 3) + " s"});
    };
    const auto microseconds = [&figures](const std::string& key, const std::string& label, double value) {
        figures.push_back({key, rounded(value, 3), label, fixed(value, 2) + " us"});
    };
    const auto accuracy = [&figures](const std::string& key, const std::string& label, double value) {
        figures.push_back({key, rounded(value, 4), label, percent(value)});
    };

    if (runs("mlp")) {
        progress("mlp epoch over " + images + "... ");
        Result<EpochRun> mlp = timeEpoch("mlp", train);
        if (!mlp)
            return failure("bench", mlp.error().message);
        progress("inference... ");
        seconds("mlp_epoch_s", "mlp epoch (" + images + ", batch 64, adam)", mlp->seconds);
        microseconds("latency_us", "mlp single-image latency (" + latencyRuns + ")",
                     medianLatencyMicroseconds(mlp->network, sample, repetitions));
        const double throughput = throughputImagesPerSecond(mlp->network, test);
        figures.push_back({"throughput_ips", std::llround(throughput),
                           "mlp batch throughput (batches of " + std::to_string(kThroughputBatch) + ")",
                           fixed(throughput, 0) + " images/s"});
        const double firstAccuracy = evaluate(mlp->network, *crossEntropy, test).accuracy;
        accuracy("mlp_test_accuracy", "mlp test accuracy after 1 epoch", firstAccuracy);
        const int seeds = parser.has("--quick") ? kQuickMlpAccuracySeeds : kMlpAccuracySeeds;
        progress("mlp accuracy over " + std::to_string(seeds) + " seeds... ");
        std::vector<double> accuracies{firstAccuracy};
        for (int seed = 2; seed <= seeds; ++seed) {
            Result<EpochRun> run = timeEpoch("mlp", train, static_cast<unsigned long long>(seed));
            if (!run)
                return failure("bench", run.error().message);
            accuracies.push_back(evaluate(run->network, *crossEntropy, test).accuracy);
        }
        accuracy("mlp_seeds_test_accuracy",
                 "mlp test accuracy after 1 epoch, median of seeds 1-" + std::to_string(seeds),
                 median(accuracies));
    }
    if (runs("sigmoid-100")) {
        progress("sigmoid-100 epoch... ");
        Result<EpochRun> sigmoid = timeEpoch("sigmoid-100", train);
        if (!sigmoid)
            return failure("bench", sigmoid.error().message);
        seconds("sigmoid100_epoch_s", "sigmoid-100 epoch (" + images + ", batch 1, sgd)", sigmoid->seconds);
    }
    if (runs("lenet")) {
        progress("lenet epoch... ");
        Result<EpochRun> lenet = timeEpoch("lenet", train);
        if (!lenet)
            return failure("bench", lenet.error().message);
        seconds("lenet_epoch_s", "lenet epoch (" + images + ", batch 64, adam)", lenet->seconds);
        microseconds("lenet_latency_us", "lenet single-image latency (" + latencyRuns + ")",
                     medianLatencyMicroseconds(lenet->network, sample, repetitions));
        accuracy("lenet_test_accuracy", "lenet test accuracy after 1 epoch",
                 evaluate(lenet->network, *crossEntropy, test).accuracy);
    }
    if (runs("default")) {
        if (const std::optional<std::string> path = defaultModelPath(parser.value("--model"))) {
            progress("default model... ");
            Result<Model> model = loadModel(*path);
            if (!model)
                return failure("bench", model.error().message);
            if (model->network.inputShape().size() != test.shape.size())
                return failure("bench", "model '" + *path + "' takes " +
                                            model->network.inputShape().toString() + " inputs, but the " +
                                            test.name + " set in '" + folder + "' has " +
                                            test.shape.toString() + " images");
            microseconds("default_latency_us", "default model single-image latency (" + latencyRuns + ")",
                         medianLatencyMicroseconds(*model, sample, repetitions));
            const double modelThroughput = throughputImagesPerSecond(*model, test);
            figures.push_back({"default_throughput_ips", std::llround(modelThroughput),
                               "default model batch throughput (batches of " +
                                   std::to_string(kThroughputBatch) + ", every member)",
                               fixed(modelThroughput, 0) + " images/s"});
            const GrayImage canvas = canvasOf(sample, test.shape.width);
            const Result<Recognition> check = recognize(*model, canvas, model->info.framing);
            // Timing an answer that stops at "nothing to recognise" would measure almost nothing.
            if (!check || !check->recognised()) {
                warning("bench",
                        "the default model does not recognise test image 0 as a canvas; skipping the "
                        "answer times");
            } else {
                const auto answerFigure = [&](const std::string& key, const std::string& label, bool on) {
                    const MinMedian ms = answerMilliseconds(*model, canvas, on, repetitions);
                    figures.push_back({key,
                                       Json{{"min", rounded(ms.min, 3)}, {"median", rounded(ms.median, 3)}},
                                       label, fixed(ms.min, 2) + " / " + fixed(ms.median, 2) + " ms"});
                };
                answerFigure(
                    "default_answer_ms",
                    "default model answer, min / median of " + std::to_string(repetitions.answerRuns), false);
                answerFigure("default_answer_look_inside_ms", "  with look-inside views on", true);
            }
            figures.push_back({"default_model", *path, "default model", *path});
        }
    }
    for (const TimeToAccuracyWorkload& workload : kTimeToAccuracyWorkloads) {
        if (!runs(workload.name))
            continue;
        std::vector<double> reached;
        std::vector<double> accuracies;
        Json seeds = Json::array();
        const TimeToAccuracyRuns plan =
            parser.has("--quick") ? kQuickTimeToAccuracyRuns : TimeToAccuracyRuns{};
        for (int seed = 1; seed <= plan.seeds; ++seed) {
            progress(workload.name + " preset, seed " + std::to_string(seed) + "... ");
            Result<TimeToAccuracy> run =
                timeToAccuracy(workload, train, test, static_cast<unsigned long long>(seed), plan.maxEpochs);
            if (!run)
                return failure("bench", run.error().message);
            accuracies.push_back(run->accuracy);
            if (run->seconds)
                reached.push_back(*run->seconds);
            seeds.push_back({{"seed", run->seed},
                             {"seconds_to_target", run->seconds ? Json(rounded(*run->seconds, 3)) : Json()},
                             {"test_accuracy", rounded(run->accuracy, 4)},
                             {"epoch_test_accuracies", run->epochAccuracies},
                             {"training_s", rounded(run->trainingSeconds, 3)}});
        }
        // The median run's time: a time only when more than half of the seeds reached the target.
        const bool medianReached = 2 * reached.size() > static_cast<std::size_t>(plan.seeds);
        std::vector<double> times = reached;
        times.resize(static_cast<std::size_t>(plan.seeds), std::numeric_limits<double>::infinity());
        const double medianTime = median(times);
        const std::string& target = workload.targetText;
        figures.push_back({workload.timeKey, medianReached ? Json(rounded(medianTime, 3)) : Json(),
                           workload.name + " preset, time to " + target + " test accuracy (median of " +
                               std::to_string(plan.seeds) + " seeds)",
                           medianReached ? fixed(medianTime, 2) + " s" : std::string("not reached")});
        figures.push_back({workload.prefix + "_reached", static_cast<int>(reached.size()),
                           "  seeds that reached " + target,
                           std::to_string(reached.size()) + " of " + std::to_string(plan.seeds)});
        accuracy(workload.prefix + "_test_accuracy", "  test accuracy after the last epoch (median)",
                 median(accuracies));
        figures.push_back({workload.prefix + "_runs", seeds, "", ""});
    }
    progress("\n");
    // The kernels every figure above ran on (kernels/Kernels.h): the widest the CPU supports, or
    // DIGITPAD_CPU's.
    const KernelChoice& kernels = kernelChoice();
    if (!kernels.warning.empty())
        warning("bench", kernels.warning);
    figures.push_back(
        {"cpu_variant", toName(kernels.variant), "kernels (CPU variant)", toName(kernels.variant)});

    if (json) {
        Json object = Json::object();
        for (const Figure& figure : figures)
            object[figure.key] = figure.json;
        object["train_images"] = train.size();
        printJson(object);
        return 0;
    }
    for (const Figure& figure : figures)
        if (!figure.label.empty())
            std::cout << std::left << std::setw(52) << figure.label << figure.text << '\n';
    std::cout.flush();
    return 0;
}

} // namespace digitpad::cli
