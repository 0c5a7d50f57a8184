// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ModelFile.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <fcntl.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>
#include <vector>

namespace digitpad {
namespace {

using json = nlohmann::json;

constexpr char kMagic[8] = {'D', 'I', 'G', 'I', 'T', 'P', 'A', 'D'};
constexpr std::size_t kPreambleSize = sizeof kMagic + 4 + 4; // magic, version, header length
constexpr std::size_t kChecksumSize = 4;
constexpr std::size_t kMinimalSize = kPreambleSize + kChecksumSize;
constexpr int kMaxDimension = 1 << 16; // far beyond any image a model reads; keeps a crafted shape harmless

static_assert(std::numeric_limits<float>::is_iec559, "the file format stores IEEE 754 float32");

Error loadError(const std::string& path, const std::string& what) {
    return Error{"cannot load model '" + path + "': " + what};
}
Error saveError(const std::string& path, const std::string& what) {
    return Error{"cannot save model '" + path + "': " + what};
}

void appendU32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::uint32_t readU32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
           (std::uint32_t{p[3]} << 24);
}

/// zlib's crc32 takes a uInt length; feed it in pieces so any size works.
std::uint32_t checksum(const std::uint8_t* data, std::size_t size) {
    uLong crc = crc32(0L, Z_NULL, 0);
    while (size > 0) {
        const auto piece = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
        crc = crc32(crc, data, piece);
        data += piece;
        size -= piece;
    }
    return static_cast<std::uint32_t>(crc);
}

std::string hex32(std::uint32_t v) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", v);
    return text;
}

json headerFor(const Model& model) {
    const Network& net = model.network;
    const ModelInfo& info = model.info;
    json header;
    header["architecture"] = net.architecture();
    const Shape in = net.inputShape();
    header["input"] = {{"channels", in.channels}, {"height", in.height}, {"width", in.width}};
    header["head"] = toName(net.head());
    header["framing"] = toName(info.framing);
    header["labels"] = info.labels;
    header["training"] = {{"preset", info.preset},
                          {"loss", toName(info.loss)},
                          {"optimizer", toName(info.optimizer)},
                          {"learningRate", info.learningRate},
                          {"batchSize", info.batchSize},
                          {"epochs", info.epochs},
                          {"seed", info.seed},
                          {"dataset", info.dataset},
                          {"trainedAt", info.trainedAt}};
    // Optional, and left out when empty, so a model trained without augmentation has the header it always
    // had.
    if (!info.augmentation.empty())
        header["training"]["augmentation"] = info.augmentation;
    json accuracy = json::object();
    if (info.testAccuracy)
        accuracy["test"] = *info.testAccuracy;
    if (info.drawnAccuracy)
        accuracy["drawn"] = *info.drawnAccuracy;
    header["accuracy"] = accuracy;
    json table = json::array();
    for (const auto& [name, tensor] : net.tensors())
        table.push_back({{"name", name}, {"rows", tensor->rows()}, {"cols", tensor->cols()}});
    header["tensors"] = table;
    return header;
}

/// Reads required and optional header fields, collecting the first problem as a message.
class HeaderReader {
public:
    const std::string& problem() const { return problem_; }

    const json* field(const json& object, const char* key, const std::string& where) {
        if (!problem_.empty())
            return nullptr;
        if (!object.is_object() || !object.contains(key)) {
            problem_ = "header field '" + where + key + "' is missing";
            return nullptr;
        }
        return &object[key];
    }
    std::string string(const json& object, const char* key, const std::string& where = "") {
        const json* v = field(object, key, where);
        if (v == nullptr)
            return {};
        if (!v->is_string()) {
            problem_ = "header field '" + where + key + "' must be a string";
            return {};
        }
        return v->get<std::string>();
    }
    /// A string field that must name a value of Enum, e.g. "softmax" for the output head.
    template <NamedEnum Enum>
    Enum named(const json& object, const char* key, const char* what, const std::string& where = "") {
        const std::string text = string(object, key, where);
        if (!problem_.empty())
            return Enum{};
        if (const std::optional<Enum> value = fromName<Enum>(text))
            return *value;
        fail("unknown " + std::string(what) + " '" + text + "' (expected " + nameChoices<Enum>() + ")");
        return Enum{};
    }
    double number(const json& object, const char* key, const std::string& where = "") {
        const json* v = field(object, key, where);
        if (v == nullptr)
            return 0.0;
        if (!v->is_number()) {
            problem_ = "header field '" + where + key + "' must be a number";
            return 0.0;
        }
        return v->get<double>();
    }
    long long integer(const json& object, const char* key, long long min, long long max,
                      const std::string& where = "") {
        const json* v = field(object, key, where);
        if (v == nullptr)
            return 0;
        if (!v->is_number_integer() || v->get<long long>() < min || v->get<long long>() > max) {
            problem_ = "header field '" + where + key + "' must be an integer from " + std::to_string(min) +
                       " to " + std::to_string(max);
            return 0;
        }
        return v->get<long long>();
    }
    unsigned long long unsignedInteger(const json& object, const char* key, const std::string& where = "") {
        const json* v = field(object, key, where);
        if (v == nullptr)
            return 0;
        if (!v->is_number_unsigned()) {
            problem_ = "header field '" + where + key + "' must be a non-negative integer";
            return 0;
        }
        return v->get<unsigned long long>();
    }
    /// An optional string field: empty when absent (files written before the field existed), an error when
    /// present but not a string.
    std::string optionalString(const json& object, const char* key, const std::string& where) {
        if (!problem_.empty() || !object.is_object() || !object.contains(key))
            return {};
        return string(object, key, where);
    }
    std::optional<double> optionalFraction(const json& object, const char* key, const std::string& where) {
        if (!problem_.empty() || !object.is_object() || !object.contains(key))
            return std::nullopt;
        const json& v = object[key];
        if (!v.is_number() || v.get<double>() < 0.0 || v.get<double>() > 1.0) {
            problem_ = "header field '" + where + key + "' must be a number from 0 to 1";
            return std::nullopt;
        }
        return v.get<double>();
    }
    void fail(std::string message) {
        if (problem_.empty())
            problem_ = std::move(message);
    }

private:
    std::string problem_;
};

struct TableEntry {
    std::string name;
    long long rows = 0;
    long long cols = 0;
};

/// The tensor table of a parsed header, or nullopt when it is not an array of {name, rows, cols}.
std::optional<std::vector<TableEntry>> tensorTable(const json& header, HeaderReader& reader) {
    const json* table = reader.field(header, "tensors", "");
    if (table == nullptr)
        return std::nullopt;
    if (!table->is_array()) {
        reader.fail("header field 'tensors' must be an array");
        return std::nullopt;
    }
    std::vector<TableEntry> entries;
    for (std::size_t i = 0; i < table->size(); ++i) {
        const json& entry = (*table)[i];
        const std::string where = "tensors[" + std::to_string(i) + "].";
        TableEntry e;
        e.name = reader.string(entry, "name", where);
        e.rows = reader.integer(entry, "rows", 0, std::numeric_limits<std::int32_t>::max(), where);
        e.cols = reader.integer(entry, "cols", 0, std::numeric_limits<std::int32_t>::max(), where);
        if (!reader.problem().empty())
            return std::nullopt;
        entries.push_back(std::move(e));
    }
    return entries;
}

/// Bytes of float32 data a table describes, saturating so a crafted table cannot wrap around.
std::uint64_t tableBytes(const std::vector<TableEntry>& table) {
    std::uint64_t total = 0;
    for (const TableEntry& e : table) {
        const std::uint64_t bytes =
            static_cast<std::uint64_t>(e.rows) * static_cast<std::uint64_t>(e.cols) * 4;
        if (total > std::numeric_limits<std::uint64_t>::max() - bytes)
            return std::numeric_limits<std::uint64_t>::max();
        total += bytes;
    }
    return total;
}

/// When the checksum fails, a header that still parses tells whether the file was cut short or grew, which is
/// a more useful message than "wrong checksum" alone. Empty when it cannot tell.
std::string sizeDiagnosis(const std::vector<std::uint8_t>& bytes, std::uint32_t headerLength) {
    const json header = json::parse(bytes.begin() + kPreambleSize,
                                    bytes.begin() + kPreambleSize + headerLength, nullptr, false);
    if (header.is_discarded())
        return {};
    HeaderReader reader;
    const auto table = tensorTable(header, reader);
    if (!table)
        return {};
    const std::uint64_t expected = kPreambleSize + headerLength + tableBytes(*table) + kChecksumSize;
    if (expected > bytes.size())
        return "the file is truncated: it holds " + std::to_string(bytes.size()) +
               " bytes, its header describes " + std::to_string(expected);
    if (expected < bytes.size())
        return "the file has " + std::to_string(bytes.size() - expected) +
               " bytes more than its header describes";
    return {};
}

Status writeAll(int fd, const std::vector<std::uint8_t>& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error{std::strerror(errno)};
        }
        done += static_cast<std::size_t>(n);
    }
    return Success{};
}

std::string randomSuffix() {
    std::random_device device;
    std::uniform_int_distribution<unsigned> digit(0, 15);
    std::string suffix;
    for (int i = 0; i < 8; ++i)
        suffix += "0123456789abcdef"[digit(device)];
    return suffix;
}

} // namespace

Status saveModel(const Model& model, const std::string& path) {
    const Network& net = model.network;
    if (net.empty())
        return saveError(path, "the network has no layers");

    std::vector<std::uint8_t> bytes(std::begin(kMagic), std::end(kMagic));
    appendU32(bytes, static_cast<std::uint32_t>(kModelFormatVersion));
    const std::string header = headerFor(model).dump();
    appendU32(bytes, static_cast<std::uint32_t>(header.size()));
    bytes.insert(bytes.end(), header.begin(), header.end());
    for (const auto& [name, tensor] : net.tensors()) {
        // Column-major, as Eigen stores it; the double build narrows to the file's float32 here.
        for (Eigen::Index i = 0; i < tensor->size(); ++i) {
            const float value = static_cast<float>(tensor->data()[i]);
            if (!std::isfinite(value))
                return saveError(path,
                                 "tensor '" + name + "' holds a non-finite value (a diverged network?)");
            appendU32(bytes, std::bit_cast<std::uint32_t>(value));
        }
    }
    appendU32(bytes, checksum(bytes.data(), bytes.size()));

    // Write a sibling temp file, flush it to disk, then rename it over the target: readers see either the old
    // file or the complete new one, even after a crash.
    const std::string temp = path + ".tmp-" + randomSuffix();
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return saveError(path, "cannot create '" + temp + "': " + std::strerror(errno));
    Status written = writeAll(fd, bytes);
    if (written && ::fsync(fd) != 0)
        written = Error{std::string("fsync failed: ") + std::strerror(errno)};
    if (::close(fd) != 0 && written)
        written = Error{std::string("close failed: ") + std::strerror(errno)};
    if (!written) {
        ::unlink(temp.c_str());
        return saveError(path, "writing '" + temp + "' failed: " + written.error().message);
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        ::unlink(temp.c_str());
        return saveError(path, "cannot rename '" + temp + "' to it: " + ec.message());
    }
    // Make the rename itself durable. Failure here is not an error: the file is complete either way.
    std::filesystem::path dir = std::filesystem::path(path).parent_path();
    const int dirFd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return Success{};
}

Result<Model> loadModel(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found)
        return loadError(path, "no such file");
    if (ec)
        return loadError(path, ec.message());
    if (fs::is_directory(status))
        return loadError(path, "it is a directory, not a model file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return loadError(path, std::string("cannot open it: ") + std::strerror(errno));
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                          std::istreambuf_iterator<char>());
    if (in.bad())
        return loadError(path, "read failed");

    if (bytes.size() < kMinimalSize)
        return loadError(path, "the file holds " + std::to_string(bytes.size()) +
                                   " bytes, too short for a DigitPad model (at least " +
                                   std::to_string(kMinimalSize) + ")");
    if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        return loadError(path,
                         "not a DigitPad model (bad magic; expected the file to start with \"DIGITPAD\")");
    const std::uint32_t version = readU32(bytes.data() + sizeof kMagic);
    if (version != static_cast<std::uint32_t>(kModelFormatVersion))
        return loadError(path, "unsupported version " + std::to_string(version) +
                                   " (supported: " + std::to_string(kModelFormatVersion) + ")");
    const std::uint32_t headerLength = readU32(bytes.data() + sizeof kMagic + 4);
    if (headerLength > bytes.size() - kMinimalSize)
        return loadError(path, "the file is truncated: its header alone needs " +
                                   std::to_string(headerLength) + " bytes, the file holds " +
                                   std::to_string(bytes.size()));

    const std::size_t body = bytes.size() - kChecksumSize;
    const std::uint32_t stored = readU32(bytes.data() + body);
    const std::uint32_t computed = checksum(bytes.data(), body);
    if (stored != computed) {
        const std::string diagnosis = sizeDiagnosis(bytes, headerLength);
        return loadError(path, diagnosis.empty() ? "wrong checksum (stored " + hex32(stored) + ", computed " +
                                                       hex32(computed) + "): the file is corrupt"
                                                 : diagnosis + " (wrong checksum)");
    }

    json header;
    try {
        header = json::parse(bytes.begin() + kPreambleSize, bytes.begin() + kPreambleSize + headerLength);
    } catch (const json::exception& e) {
        return loadError(path, std::string("malformed header: ") + e.what());
    }
    if (!header.is_object())
        return loadError(path, "malformed header: not a JSON object");

    HeaderReader reader;
    const std::string architecture = reader.string(header, "architecture");
    const json* input = reader.field(header, "input", "");
    Shape shape;
    if (input != nullptr) {
        shape.channels = static_cast<int>(reader.integer(*input, "channels", 1, kMaxDimension, "input."));
        shape.height = static_cast<int>(reader.integer(*input, "height", 1, kMaxDimension, "input."));
        shape.width = static_cast<int>(reader.integer(*input, "width", 1, kMaxDimension, "input."));
    }
    const OutputHead head = reader.named<OutputHead>(header, "head", "output head");

    Model model;
    ModelInfo& info = model.info;
    info.framing = reader.named<Framing>(header, "framing", "framing");
    info.labels = reader.string(header, "labels");
    const json* training = reader.field(header, "training", "");
    if (training != nullptr) {
        const std::string where = "training.";
        info.preset = reader.string(*training, "preset", where);
        info.loss = reader.named<LossKind>(*training, "loss", "loss", where);
        info.optimizer = reader.named<OptimizerKind>(*training, "optimizer", "optimizer", where);
        info.learningRate = reader.number(*training, "learningRate", where);
        info.batchSize = static_cast<int>(
            reader.integer(*training, "batchSize", 0, std::numeric_limits<int>::max(), where));
        info.epochs =
            static_cast<int>(reader.integer(*training, "epochs", 0, std::numeric_limits<int>::max(), where));
        info.seed = reader.unsignedInteger(*training, "seed", where);
        info.dataset = reader.string(*training, "dataset", where);
        info.trainedAt = reader.string(*training, "trainedAt", where);
        info.augmentation = reader.optionalString(*training, "augmentation", where);
    }
    if (header.contains("accuracy")) {
        const json& accuracy = header["accuracy"];
        if (!accuracy.is_object())
            reader.fail("header field 'accuracy' must be an object");
        info.testAccuracy = reader.optionalFraction(accuracy, "test", "accuracy.");
        info.drawnAccuracy = reader.optionalFraction(accuracy, "drawn", "accuracy.");
    }
    const auto table = tensorTable(header, reader);
    if (!reader.problem().empty())
        return loadError(path, reader.problem());

    try {
        model.network = Network::fromArchitecture(shape, architecture, head);
    } catch (const std::invalid_argument& e) {
        return loadError(path, "architecture '" + architecture + "' for input " + shape.toString() +
                                   " is invalid: " + e.what());
    } catch (const std::bad_alloc&) {
        return loadError(path, "architecture '" + architecture + "' is too large to build");
    }
    if (model.network.empty())
        return loadError(path, "architecture '" + architecture + "' has no layers");
    if (model.network.outputSize() != static_cast<int>(info.labels.size()))
        return loadError(path, "the network has " + std::to_string(model.network.outputSize()) +
                                   " outputs but the header names " + std::to_string(info.labels.size()) +
                                   " labels ('" + info.labels + "')");

    const auto expected = model.network.tensors();
    auto describe = [](const std::string& name, long long rows, long long cols) {
        return "'" + name + "' " + std::to_string(rows) + "x" + std::to_string(cols);
    };
    if (table->size() != expected.size())
        return loadError(path, "the tensor table lists " + std::to_string(table->size()) +
                                   " tensors but architecture '" + architecture + "' has " +
                                   std::to_string(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const TableEntry& got = (*table)[i];
        const auto& [name, tensor] = expected[i];
        if (got.name != name || got.rows != tensor->rows() || got.cols != tensor->cols())
            return loadError(path, "tensor " + std::to_string(i) + " is " +
                                       describe(got.name, got.rows, got.cols) +
                                       " in the file but architecture '" + architecture + "' needs " +
                                       describe(name, tensor->rows(), tensor->cols()));
    }

    const std::uint64_t dataBytes = body - kPreambleSize - headerLength;
    const std::uint64_t needed = tableBytes(*table);
    if (dataBytes < needed)
        return loadError(path, "the tensor data is truncated: " + std::to_string(dataBytes) +
                                   " bytes, the header needs " + std::to_string(needed));
    if (dataBytes > needed)
        return loadError(path, "the tensor data has " + std::to_string(dataBytes - needed) +
                                   " trailing bytes (expected " + std::to_string(needed) + ")");

    const std::vector<ParamRef> params = model.network.params();
    if (params.size() != expected.size())
        throw std::logic_error("Network::params() and tensors() disagree: " + std::to_string(params.size()) +
                               " vs " + std::to_string(expected.size()) + " tensors");
    const std::uint8_t* cursor = bytes.data() + kPreambleSize + headerLength;
    for (std::size_t i = 0; i < params.size(); ++i) {
        Matrix& value = *params[i].value;
        for (Eigen::Index k = 0; k < value.size(); ++k, cursor += 4) {
            const float v = std::bit_cast<float>(readU32(cursor));
            if (!std::isfinite(v))
                return loadError(path, "tensor '" + expected[i].first +
                                           "' holds a non-finite value at index " + std::to_string(k));
            value.data()[k] = static_cast<Scalar>(v);
        }
    }
    return model;
}

} // namespace digitpad
