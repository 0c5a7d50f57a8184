// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/Checkpoint.h"

#include "io/AtomicFile.h"
#include "tensor/PrintableText.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace digitpad {
namespace {

using json = nlohmann::json;

constexpr char kMagic[8] = {'D', 'P', 'R', 'E', 'S', 'U', 'M', 'E'};
constexpr std::size_t kPreambleSize =
    sizeof kMagic + 4 + 4 + 4; // magic, version, scalar bytes, header length
constexpr std::size_t kChecksumSize = 4;
/// A header holds the settings, the curves (with each epoch's validation answers) and the generators' states
/// (about 6 KB each): a 20-epoch run on MNIST writes a few hundred KB. 256 MiB bounds what a crafted file can
/// make the JSON parser allocate while leaving room for very long runs.
constexpr std::uint32_t kMaxHeaderSize = 256u << 20;
/// Weights, two optimiser moments and a best epoch's weights, each at most kMaxParameters.
constexpr std::uint64_t kMaxValues = 4ull * 50'000'000ull;

/// The scalar's bits as an unsigned integer of the same size (float32 or float64), little-endian on disk.
using Bits = std::conditional_t<sizeof(Scalar) == 4, std::uint32_t, std::uint64_t>;

Error loadError(const std::string& path, const std::string& what) {
    return Error{"cannot resume from checkpoint '" + path + "': " + what};
}
Error saveError(const std::string& path, const std::string& what) {
    return Error{"cannot save checkpoint '" + path + "': " + what};
}

void appendLittleEndian(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

std::uint64_t readLittleEndian(const std::uint8_t* p, int bytes) {
    std::uint64_t value = 0;
    for (int i = 0; i < bytes; ++i)
        value |= std::uint64_t{p[i]} << (8 * i);
    return value;
}

std::uint32_t checksum(const std::uint8_t* data, std::size_t size, std::uint32_t crc) {
    while (size > 0) {
        const auto piece = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
        crc = static_cast<std::uint32_t>(crc32(crc, data, piece));
        data += piece;
        size -= piece;
    }
    return crc;
}

/// NaN (no validation or test set) as null: JSON has no NaN.
json number(double value) {
    return std::isfinite(value) ? json(value) : json(nullptr);
}
double numberFrom(const json& value) {
    return value.is_null() ? std::numeric_limits<double>::quiet_NaN() : value.get<double>();
}

std::string rngText(const Rng& rng) {
    std::ostringstream text;
    text << rng;
    return text.str();
}
Rng rngFrom(const json& value) {
    Rng rng;
    std::istringstream text(value.get<std::string>());
    text >> rng;
    if (!text)
        throw std::invalid_argument("a random generator's state is malformed");
    return rng;
}

json augmentJson(const AugmentSettings& a) {
    return {{"enabled", a.enabled},
            {"rotationDegrees", a.rotationDegrees},
            {"scaleMin", a.scaleMin},
            {"scaleMax", a.scaleMax},
            {"shear", a.shear},
            {"translationPixels", a.translationPixels},
            {"elasticAlpha", a.elasticAlpha},
            {"elasticSigma", a.elasticSigma},
            {"thickenProbability", a.thickenProbability},
            {"thinProbability", a.thinProbability}};
}

AugmentSettings augmentFrom(const json& j) {
    AugmentSettings a;
    a.enabled = j.at("enabled").get<bool>();
    a.rotationDegrees = j.at("rotationDegrees").get<double>();
    a.scaleMin = j.at("scaleMin").get<double>();
    a.scaleMax = j.at("scaleMax").get<double>();
    a.shear = j.at("shear").get<double>();
    a.translationPixels = j.at("translationPixels").get<double>();
    a.elasticAlpha = j.at("elasticAlpha").get<double>();
    a.elasticSigma = j.at("elasticSigma").get<double>();
    a.thickenProbability = j.at("thickenProbability").get<double>();
    a.thinProbability = j.at("thinProbability").get<double>();
    return a;
}

/// The settings under the names of train's options where there is one, so a mismatch reads like them.
json configJson(const TrainConfig& c) {
    return {{"preset", c.preset},
            {"layers", c.hiddenLayers},
            {"activation", toName(c.activation)},
            {"sigmoidOutput", c.sigmoidOutput},
            {"architecture", c.architecture},
            {"loss", toName(c.loss)},
            {"init", toName(c.init)},
            {"optimizer", toName(c.optimizer.kind)},
            {"lr", c.optimizer.learningRate},
            {"momentum", c.optimizer.momentum},
            {"weight-decay", c.optimizer.weightDecay},
            {"beta1", c.optimizer.beta1},
            {"beta2", c.optimizer.beta2},
            {"epsilon", c.optimizer.epsilon},
            {"batch", c.batchSize},
            {"epochs", c.epochs},
            {"seed", c.seed},
            {"validation", c.validationFraction},
            {"lr-schedule", toName(c.schedule)},
            {"label-smoothing", c.labelSmoothing},
            {"lr-step", c.lrStepEvery},
            {"lr-gamma", c.lrStepGamma},
            {"augment", augmentJson(c.augment)},
            {"framing-steps", c.framingSteps.toText()},
            {"threads", c.threads},
            {"shards", c.shards}};
}

template <NamedEnum Enum> Enum namedFrom(const json& j, const char* key) {
    const std::string text = j.at(key).get<std::string>();
    if (const std::optional<Enum> value = fromName<Enum>(text))
        return *value;
    throw std::invalid_argument("setting '" + std::string(key) + "' has an unknown value '" +
                                printable(text) + "'");
}

TrainConfig configFrom(const json& j) {
    TrainConfig c;
    c.preset = j.at("preset").get<std::string>();
    c.hiddenLayers = j.at("layers").get<std::vector<int>>();
    c.activation = namedFrom<Activation>(j, "activation");
    c.sigmoidOutput = j.at("sigmoidOutput").get<bool>();
    c.architecture = j.at("architecture").get<std::string>();
    c.loss = namedFrom<LossKind>(j, "loss");
    c.init = namedFrom<Init>(j, "init");
    c.optimizer.kind = namedFrom<OptimizerKind>(j, "optimizer");
    c.optimizer.learningRate = j.at("lr").get<double>();
    c.optimizer.momentum = j.at("momentum").get<double>();
    c.optimizer.weightDecay = j.at("weight-decay").get<double>();
    c.optimizer.beta1 = j.at("beta1").get<double>();
    c.optimizer.beta2 = j.at("beta2").get<double>();
    c.optimizer.epsilon = j.at("epsilon").get<double>();
    c.batchSize = j.at("batch").get<int>();
    c.epochs = j.at("epochs").get<int>();
    c.seed = j.at("seed").get<unsigned long long>();
    c.validationFraction = j.at("validation").get<double>();
    // Absent in checkpoints written before the one-cycle schedule: those ran the step schedule.
    if (j.contains("lr-schedule"))
        c.schedule = namedFrom<ScheduleKind>(j, "lr-schedule");
    if (j.contains("label-smoothing")) // absent before label smoothing: none
        c.labelSmoothing = j.at("label-smoothing").get<double>();
    c.lrStepEvery = j.at("lr-step").get<int>();
    c.lrStepGamma = j.at("lr-gamma").get<double>();
    c.augment = augmentFrom(j.at("augment"));
    Result<FramingSteps> steps = parseFramingSteps(j.at("framing-steps").get<std::string>());
    if (!steps)
        throw std::invalid_argument("setting 'framing-steps': " + steps.error().message);
    c.framingSteps = *steps;
    c.threads = j.at("threads").get<int>();
    c.shards = j.at("shards").get<int>();
    return c;
}

json epochJson(const EpochMetrics& m) {
    return {{"epoch", m.epoch},
            {"trainLoss", number(m.trainLoss)},
            {"trainAccuracy", number(m.trainAccuracy)},
            {"validationLoss", number(m.validationLoss)},
            {"validationAccuracy", number(m.validationAccuracy)},
            {"testAccuracy", number(m.testAccuracy)},
            {"learningRate", m.learningRate},
            {"seconds", m.seconds},
            {"validationConfusion", m.validationConfusion},
            {"validationPredictions", m.validationPredictions}};
}

EpochMetrics epochFrom(const json& j) {
    EpochMetrics m;
    m.epoch = j.at("epoch").get<int>();
    m.trainLoss = numberFrom(j.at("trainLoss"));
    m.trainAccuracy = numberFrom(j.at("trainAccuracy"));
    m.validationLoss = numberFrom(j.at("validationLoss"));
    m.validationAccuracy = numberFrom(j.at("validationAccuracy"));
    m.testAccuracy = numberFrom(j.at("testAccuracy"));
    m.learningRate = j.at("learningRate").get<double>();
    m.seconds = j.at("seconds").get<double>();
    m.validationConfusion = j.at("validationConfusion").get<std::vector<std::vector<int>>>();
    m.validationPredictions = j.at("validationPredictions").get<std::vector<int>>();
    return m;
}

/// The groups of tensors after the header, in file order.
struct Groups {
    const std::vector<Matrix>* weights;
    const std::vector<Matrix>* first;
    const std::vector<Matrix>* second;
    const std::vector<Matrix>* best;
};
constexpr const char* kGroupNames[4] = {"weights", "optimizerFirst", "optimizerSecond", "bestWeights"};

json shapesJson(const std::vector<Matrix>& tensors) {
    json shapes = json::array();
    for (const Matrix& m : tensors)
        shapes.push_back({m.rows(), m.cols()});
    return shapes;
}

json headerFor(const Checkpoint& c) {
    const TrainingState& s = c.state;
    json header;
    header["settings"] = configJson(c.config);
    header["data"] = {{"folder", c.dataFolder},
                      {"limit", c.trainingLimit},
                      {"extra", c.extraFolder},
                      {"trainingImages", c.trainingImages}};
    json epochs = json::array();
    for (const EpochMetrics& m : s.epochs)
        epochs.push_back(epochJson(m));
    header["epochs"] = epochs;
    header["rng"] = rngText(s.rng);
    json shardRngs = json::array();
    for (const Rng& rng : s.shardRngs)
        shardRngs.push_back(rngText(rng));
    header["shardRngs"] = shardRngs;
    header["optimizerSteps"] = s.optimizer.steps;
    header["firstLoss"] = number(s.firstLoss);
    header["best"] = {{"epoch", s.bestEpoch}, {"accuracy", s.bestAccuracy}};
    const Groups groups{&c.weights, &s.optimizer.first, &s.optimizer.second, &s.bestWeights};
    header["tensors"] = {{kGroupNames[0], shapesJson(*groups.weights)},
                         {kGroupNames[1], shapesJson(*groups.first)},
                         {kGroupNames[2], shapesJson(*groups.second)},
                         {kGroupNames[3], shapesJson(*groups.best)}};
    return header;
}

/// Each group's tensor shapes from the header; every dimension checked, the total bounded by kMaxValues.
std::vector<std::vector<std::pair<long long, long long>>> shapesFrom(const json& tensors,
                                                                     std::uint64_t& values) {
    std::vector<std::vector<std::pair<long long, long long>>> groups;
    values = 0;
    for (const char* name : kGroupNames) {
        std::vector<std::pair<long long, long long>> shapes;
        for (const json& shape : tensors.at(name)) {
            const long long rows = shape.at(0).get<long long>();
            const long long cols = shape.at(1).get<long long>();
            if (rows < 0 || cols < 0 || rows > std::numeric_limits<std::int32_t>::max() ||
                cols > std::numeric_limits<std::int32_t>::max())
                throw std::invalid_argument("a tensor in '" + std::string(name) +
                                            "' has an impossible shape");
            values += static_cast<std::uint64_t>(rows) * static_cast<std::uint64_t>(cols);
            if (values > kMaxValues)
                throw std::invalid_argument("its tensors hold more values than any network can have");
            shapes.emplace_back(rows, cols);
        }
        groups.push_back(std::move(shapes));
    }
    return groups;
}

bool readExactly(std::ifstream& in, void* into, std::size_t size) {
    in.read(static_cast<char*>(into), static_cast<std::streamsize>(size));
    return static_cast<std::size_t>(in.gcount()) == size;
}

} // namespace

Status saveCheckpoint(const Checkpoint& checkpoint, const std::string& path) {
    std::vector<std::uint8_t> bytes(std::begin(kMagic), std::end(kMagic));
    appendLittleEndian(bytes, static_cast<std::uint32_t>(kCheckpointFormatVersion), 4);
    appendLittleEndian(bytes, sizeof(Scalar), 4);
    std::string header;
    try {
        header = headerFor(checkpoint).dump();
    } catch (const json::exception& error) {
        return saveError(path, error.what()); // e.g. a folder name that is not UTF-8
    }
    appendLittleEndian(bytes, static_cast<std::uint32_t>(header.size()), 4);
    bytes.insert(bytes.end(), header.begin(), header.end());
    const TrainingState& s = checkpoint.state;
    for (const std::vector<Matrix>* group :
         {&checkpoint.weights, &s.optimizer.first, &s.optimizer.second, &s.bestWeights})
        for (const Matrix& tensor : *group) {
            bytes.reserve(bytes.size() + static_cast<std::size_t>(tensor.size()) * sizeof(Scalar));
            for (Eigen::Index i = 0; i < tensor.size(); ++i)
                appendLittleEndian(bytes, std::bit_cast<Bits>(tensor.data()[i]), sizeof(Scalar));
        }
    appendLittleEndian(bytes, checksum(bytes.data(), bytes.size(), 0), 4);
    if (const Status written = writeFileAtomically(path, bytes); !written)
        return saveError(path, written.error().message);
    return Success{};
}

Result<Checkpoint> loadCheckpoint(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return loadError(path, "it is a folder");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return loadError(path, fs::exists(path, ec) ? "the file cannot be read" : "no such file");
    const std::uint64_t fileSize = fs::file_size(path, ec);
    if (ec)
        return loadError(path, "its size cannot be read");
    std::uint8_t preamble[kPreambleSize];
    if (fileSize < kPreambleSize + kChecksumSize || !readExactly(in, preamble, kPreambleSize))
        return loadError(path,
                         "the file is too short to be a checkpoint (" + std::to_string(fileSize) + " bytes)");
    if (!std::equal(std::begin(kMagic), std::end(kMagic), preamble))
        return loadError(path, "it is not a DigitPad training checkpoint");
    const auto version = static_cast<std::uint32_t>(readLittleEndian(preamble + 8, 4));
    if (version != static_cast<std::uint32_t>(kCheckpointFormatVersion))
        return loadError(path, "checkpoint format version " + std::to_string(version) +
                                   " is not supported (this build reads version " +
                                   std::to_string(kCheckpointFormatVersion) + ")");
    const auto scalarBytes = static_cast<std::uint32_t>(readLittleEndian(preamble + 12, 4));
    if (scalarBytes != sizeof(Scalar))
        return loadError(path, "it holds " + std::to_string(8 * scalarBytes) +
                                   "-bit numbers, this build trains with " +
                                   std::to_string(8 * sizeof(Scalar)) + "-bit ones");
    const auto headerSize = static_cast<std::uint32_t>(readLittleEndian(preamble + 16, 4));
    if (headerSize > kMaxHeaderSize || headerSize > fileSize - kPreambleSize - kChecksumSize)
        return loadError(path, "the file is truncated or damaged: its header length " +
                                   std::to_string(headerSize) + " does not fit its " +
                                   std::to_string(fileSize) + " bytes");
    std::string headerText(headerSize, '\0');
    if (!readExactly(in, headerText.data(), headerSize))
        return loadError(path, "the file is truncated");
    std::uint32_t crc = checksum(preamble, kPreambleSize, 0);
    crc = checksum(reinterpret_cast<const std::uint8_t*>(headerText.data()), headerText.size(), crc);

    const json header = json::parse(headerText, nullptr, false);
    if (header.is_discarded() || !header.is_object())
        return loadError(path, "the file is truncated or damaged: its header is not valid JSON");
    Checkpoint c;
    std::vector<std::vector<std::pair<long long, long long>>> shapes;
    try {
        c.config = configFrom(header.at("settings"));
        const json& data = header.at("data");
        c.dataFolder = data.at("folder").get<std::string>();
        c.trainingLimit = data.at("limit").get<int>();
        c.extraFolder = data.at("extra").get<std::string>();
        c.trainingImages = data.at("trainingImages").get<int>();
        for (const json& epoch : header.at("epochs"))
            c.state.epochs.push_back(epochFrom(epoch));
        for (std::size_t i = 0; i < c.state.epochs.size(); ++i)
            if (c.state.epochs[i].epoch != static_cast<int>(i) + 1)
                throw std::invalid_argument("its epochs are not numbered 1, 2, …");
        c.state.rng = rngFrom(header.at("rng"));
        for (const json& rng : header.at("shardRngs"))
            c.state.shardRngs.push_back(rngFrom(rng));
        c.state.optimizer.steps = header.at("optimizerSteps").get<long long>();
        c.state.firstLoss = numberFrom(header.at("firstLoss"));
        c.state.bestEpoch = header.at("best").at("epoch").get<int>();
        c.state.bestAccuracy = header.at("best").at("accuracy").get<double>();
        std::uint64_t values = 0;
        shapes = shapesFrom(header.at("tensors"), values);
        const std::uint64_t expected = kPreambleSize + headerSize + values * sizeof(Scalar) + kChecksumSize;
        if (expected != fileSize)
            return loadError(path, expected > fileSize
                                       ? "the file is truncated: it holds " + std::to_string(fileSize) +
                                             " bytes, its header describes " + std::to_string(expected)
                                       : "the file has " + std::to_string(fileSize - expected) +
                                             " bytes more than its header describes");
    } catch (const std::exception& error) {
        // nlohmann's messages name the key or the type: "[json.exception.out_of_range.403] key 'rng' not
        // found".
        return loadError(path, "its header is malformed: " + printable(error.what()));
    }

    std::vector<Matrix>* targets[4] = {&c.weights, &c.state.optimizer.first, &c.state.optimizer.second,
                                       &c.state.bestWeights};
    std::vector<std::uint8_t> buffer;
    for (std::size_t group = 0; group < 4; ++group)
        for (const auto& [rows, cols] : shapes[group]) {
            Matrix tensor(rows, cols);
            buffer.resize(static_cast<std::size_t>(tensor.size()) * sizeof(Scalar));
            if (!readExactly(in, buffer.data(), buffer.size()))
                return loadError(path, "the file is truncated");
            crc = checksum(buffer.data(), buffer.size(), crc);
            for (Eigen::Index i = 0; i < tensor.size(); ++i)
                tensor.data()[i] = std::bit_cast<Scalar>(static_cast<Bits>(readLittleEndian(
                    buffer.data() + static_cast<std::size_t>(i) * sizeof(Scalar), sizeof(Scalar))));
            targets[group]->push_back(std::move(tensor));
        }
    std::uint8_t stored[kChecksumSize];
    if (!readExactly(in, stored, kChecksumSize))
        return loadError(path, "the file is truncated");
    if (static_cast<std::uint32_t>(readLittleEndian(stored, 4)) != crc)
        return loadError(path, "the file is damaged: its checksum does not match its contents");
    return c;
}

std::string settingsDifference(const TrainConfig& saved, const TrainConfig& wanted) {
    const json before = configJson(saved).flatten();
    const json after = configJson(wanted).flatten();
    for (const auto& [key, value] : before.items()) {
        // A one-cycle schedule is spread over the run's epochs, so more of them would change its rates.
        if ((key == "/epochs" && saved.schedule == ScheduleKind::Step) || key == "/threads")
            continue;
        const json other = after.contains(key) ? after.at(key) : json();
        if (other != value)
            return "the checkpoint's run used " + key.substr(1) + " " + value.dump() +
                   ", this one asks for " + other.dump();
    }
    for (const auto& [key, value] : after.items())
        if (!before.contains(key)) // a longer list of layers
            return "the checkpoint's run used other " + key.substr(1, key.find('/', 1) - 1) +
                   ", this one asks for " + configJson(wanted).at(key.substr(1, key.find('/', 1) - 1)).dump();
    return {};
}

} // namespace digitpad
