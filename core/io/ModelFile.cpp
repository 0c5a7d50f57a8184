// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ModelFile.h"

#include "data/ClassNames.h"
#include "io/AtomicFile.h"
#include "layers/LayerFactory.h"
#include "tensor/PrintableText.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
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
#include <stdexcept>
#include <vector>

namespace digitpad {
namespace {

using json = nlohmann::json;

constexpr char kMagic[8] = {'D', 'I', 'G', 'I', 'T', 'P', 'A', 'D'};
constexpr std::size_t kPreambleSize = sizeof kMagic + 4 + 4; // magic, version, header length
constexpr std::size_t kChecksumSize = 4;
constexpr std::size_t kMinimalSize = kPreambleSize + kChecksumSize;
/// The longest header a file may declare. A real header holds a few KB (the bundled model's: 886 bytes; it
/// grows by about 40 bytes per tensor), so 1 MiB is far beyond any real one, yet it bounds what a crafted
/// file can make the JSON parser allocate (a JSON document takes many times its size in memory).
constexpr std::uint32_t kMaxHeaderSize = 1u << 20;
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

/// zlib's crc32 takes a uInt length; feed it in pieces so any size works. `crc` continues an earlier
/// checksum, so a file can be checked piece by piece.
std::uint32_t checksum(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0) {
    while (size > 0) {
        const auto piece = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
        crc = static_cast<std::uint32_t>(crc32(crc, data, piece));
        data += piece;
        size -= piece;
    }
    return crc;
}

/// Reads exactly `size` bytes, or returns false (a file shorter than it was a moment ago, or a read error).
bool readExactly(std::ifstream& in, void* into, std::size_t size) {
    in.read(static_cast<char*>(into), static_cast<std::streamsize>(size));
    return static_cast<std::size_t>(in.gcount()) == size;
}

std::string hex32(std::uint32_t v) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", v);
    return text;
}

json tensorTableOf(const Network& network) {
    json table = json::array();
    for (const auto& [name, tensor] : network.tensors())
        table.push_back({{"name", name}, {"rows", tensor->rows()}, {"cols", tensor->cols()}});
    return table;
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
    // Only when a step is on, so a model without them has the header it always had.
    if (info.framingSteps.any())
        header["framingSteps"] = info.framingSteps.toText();
    // Likewise only when the model reads copies of its input.
    if (info.testTime != TestTimeAugmentation::None)
        header["testTime"] = toName(info.testTime);
    header["labels"] = info.labels;
    // Only when the names are more than the labels' characters, so a digit model has the header it always had
    // (and older readers, which ignore the field, still read a named model by its labels).
    ModelInfo labelsOnly;
    labelsOnly.labels = info.labels;
    if (!info.classNames.empty() && info.classNames != classNamesOf(labelsOnly))
        header["classNames"] = info.classNames;
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
    if (!info.extraTrainingData.empty())
        header["training"]["extraData"] = info.extraTrainingData;
    if (!info.memberSeeds.empty())
        header["training"]["memberSeeds"] = info.memberSeeds;
    // Likewise only for a fine-tuned model.
    if (!info.tunedFrom.empty()) {
        header["training"]["tunedFrom"] = info.tunedFrom;
        header["training"]["tunedOnDrawings"] = info.tunedOnDrawings;
    }
    json accuracy = json::object();
    if (info.testAccuracy)
        accuracy["test"] = *info.testAccuracy;
    if (info.drawnAccuracy)
        accuracy["drawn"] = *info.drawnAccuracy;
    header["accuracy"] = accuracy;
    header["tensors"] = tensorTableOf(net);
    // Only for an ensemble, so a single network has the header it always had.
    if (!model.otherMembers.empty()) {
        json members = json::array();
        for (const Network& member : model.otherMembers)
            members.push_back({{"architecture", member.architecture()}, {"tensors", tensorTableOf(member)}});
        header["members"] = members;
    }
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
        fail("unknown " + std::string(what) + " '" + printable(text) + "' (expected " + nameChoices<Enum>() +
             ")");
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
    /// The "classNames" array: `count` strings (one per label), each 1 to kMaxClassNameBytes bytes.
    std::vector<std::string> classNames(const json& object, std::size_t count) {
        const json* v = field(object, "classNames", "");
        if (v == nullptr)
            return {};
        if (!v->is_array() || v->size() != count) {
            problem_ = "header field 'classNames' must be an array of " + std::to_string(count) +
                       " names, one per label";
            return {};
        }
        std::vector<std::string> names;
        for (const json& name : *v) {
            if (!name.is_string() || name.get<std::string>().empty() ||
                name.get<std::string>().size() > kMaxClassNameBytes) {
                problem_ = "header field 'classNames' must hold names of 1 to " +
                           std::to_string(kMaxClassNameBytes) + " bytes";
                return {};
            }
            names.push_back(name.get<std::string>());
        }
        return names;
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

/// The tensor table of a parsed header (or of one entry of its members list, `where` naming it), or nullopt
/// when it is not an array of {name, rows, cols}.
std::optional<std::vector<TableEntry>> tensorTable(const json& header, HeaderReader& reader,
                                                   const std::string& where = "") {
    const json* table = reader.field(header, "tensors", where);
    if (table == nullptr)
        return std::nullopt;
    if (!table->is_array()) {
        reader.fail("header field '" + where + "tensors' must be an array");
        return std::nullopt;
    }
    std::vector<TableEntry> entries;
    for (std::size_t i = 0; i < table->size(); ++i) {
        const json& entry = (*table)[i];
        const std::string entryWhere = where + "tensors[" + std::to_string(i) + "].";
        TableEntry e;
        e.name = reader.string(entry, "name", entryWhere);
        e.rows = reader.integer(entry, "rows", 0, std::numeric_limits<std::int32_t>::max(), entryWhere);
        e.cols = reader.integer(entry, "cols", 0, std::numeric_limits<std::int32_t>::max(), entryWhere);
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

/// The most networks one file holds (an ensemble): far more than an ensemble gains from, few enough that a
/// crafted list costs nothing.
constexpr std::size_t kMaxMembers = 16;

/// One of an ensemble's later networks as the header lists it.
struct MemberEntry {
    std::string architecture;
    std::vector<TableEntry> table;
};

/// The header's "members" list, an ensemble's networks after the first; empty when absent (a single network).
std::vector<MemberEntry> memberTables(const json& header, HeaderReader& reader) {
    std::vector<MemberEntry> members;
    const auto list = header.find("members");
    if (!reader.problem().empty() || list == header.end())
        return members;
    if (!list->is_array() || list->empty() || list->size() > kMaxMembers - 1) {
        reader.fail("header field 'members' must list 1 to " + std::to_string(kMaxMembers - 1) + " networks");
        return members;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string where = "members[" + std::to_string(i) + "].";
        MemberEntry member;
        member.architecture = reader.string((*list)[i], "architecture", where);
        std::optional<std::vector<TableEntry>> table = tensorTable((*list)[i], reader, where);
        if (!table)
            return {};
        member.table = std::move(*table);
        members.push_back(std::move(member));
    }
    return members;
}

/// When the checksum fails, a header that still parses tells whether the file was cut short or grew, which is
/// a more useful message than "wrong checksum" alone. Empty when it cannot tell.
std::string sizeDiagnosis(const std::string& headerText, std::uint64_t fileSize) {
    const json header = json::parse(headerText, nullptr, false);
    if (header.is_discarded())
        return {};
    HeaderReader reader;
    const auto table = tensorTable(header, reader);
    if (!table)
        return {};
    std::uint64_t bytes = tableBytes(*table);
    for (const MemberEntry& member : memberTables(header, reader))
        bytes = std::max(bytes, bytes + tableBytes(member.table)); // saturates rather than wraps
    const std::uint64_t expected =
        bytes > std::numeric_limits<std::uint64_t>::max() - kMinimalSize - headerText.size()
            ? std::numeric_limits<std::uint64_t>::max()
            : kMinimalSize + headerText.size() + bytes;
    if (expected > fileSize)
        return "the file is truncated: it holds " + std::to_string(fileSize) +
               " bytes, its header describes " + std::to_string(expected);
    if (expected < fileSize)
        return "the file has " + std::to_string(fileSize - expected) +
               " bytes more than its header describes";
    return {};
}

/// The tensor table an architecture's plan calls for: "<layer index>.weight" and "<layer index>.bias" for
/// every layer with parameters, as Network::tensors() names them once the network is built.
std::vector<TableEntry> plannedTensors(const std::vector<LayerPlan>& plans) {
    std::vector<TableEntry> entries;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        if (plans[i].parameters == 0)
            continue;
        entries.push_back({std::to_string(i) + ".weight", plans[i].weightRows, plans[i].weightCols});
        entries.push_back({std::to_string(i) + ".bias", plans[i].weightRows, 1});
    }
    return entries;
}

std::string describeEntry(const std::string& name, long long rows, long long cols) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "'" + std::string&&.
    std::string text(1, '\'');
    text += printable(name);
    text += "' ";
    text += std::to_string(rows) + "x" + std::to_string(cols);
    return text;
}

/// Checks one network of the file against its plan, allocating nothing: the architecture fits the input, it
/// has one output per label, and its tensor table is exactly the one the plan calls for. `which` prefixes
/// the message ("network 2 of 3: " in an ensemble).
Status checkPlan(Shape shape, const MemberEntry& member, const std::string& labels,
                 const std::string& which) {
    const std::string shownArchitecture = printable(member.architecture);
    std::vector<LayerPlan> plans;
    try {
        plans = planEachLayer(shape, member.architecture);
    } catch (const std::invalid_argument& e) {
        return Error{which + "architecture '" + shownArchitecture + "' for input " + shape.toString() +
                     " is invalid: " + printable(e.what())};
    }
    if (plans.empty())
        return Error{which + "architecture '" + shownArchitecture + "' has no layers"};
    const Shape output = plans.back().output;
    const long long outputs = static_cast<long long>(output.channels) * output.height * output.width;
    if (outputs != static_cast<long long>(labels.size()))
        return Error{which + "the network has " + std::to_string(outputs) + " outputs but the header names " +
                     std::to_string(labels.size()) + " labels ('" + printable(labels) + "')"};
    const std::vector<TableEntry> expected = plannedTensors(plans);
    if (member.table.size() != expected.size())
        return Error{which + "the tensor table lists " + std::to_string(member.table.size()) +
                     " tensors but architecture '" + shownArchitecture + "' has " +
                     std::to_string(expected.size())};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const TableEntry& got = member.table[i];
        const TableEntry& want = expected[i];
        if (got.name != want.name || got.rows != want.rows || got.cols != want.cols)
            return Error{which + "tensor " + std::to_string(i) + " is " +
                         describeEntry(got.name, got.rows, got.cols) + " in the file but architecture '" +
                         shownArchitecture + "' needs " + describeEntry(want.name, want.rows, want.cols)};
    }
    return Success{};
}

/// Builds a network checkPlan() accepted and reads its weights from `in`, positioned at its tensor data.
Result<Network> buildMember(Shape shape, OutputHead head, const MemberEntry& member, std::ifstream& in) {
    const std::string shownArchitecture = printable(member.architecture);
    Network network;
    try {
        network = Network::fromArchitecture(shape, member.architecture, head);
    } catch (const std::invalid_argument& e) {
        return Error{"architecture '" + shownArchitecture + "' for input " + shape.toString() +
                     " is invalid: " + printable(e.what())};
    } catch (const std::bad_alloc&) {
        return Error{"architecture '" + shownArchitecture + "' is too large to build"};
    }
    // The plan and the built network describe the same tensors; anything else is a bug in LayerFactory.
    const auto tensors = network.tensors();
    const std::vector<ParamRef> params = network.params();
    const std::vector<TableEntry>& expected = member.table;
    if (tensors.size() != expected.size() || params.size() != expected.size())
        throw std::logic_error("the network has " + std::to_string(tensors.size()) + " tensors and " +
                               std::to_string(params.size()) + " parameters but its plan has " +
                               std::to_string(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i)
        if (tensors[i].first != expected[i].name || tensors[i].second->rows() != expected[i].rows ||
            tensors[i].second->cols() != expected[i].cols)
            throw std::logic_error("tensor " + std::to_string(i) + " of the network is not the planned " +
                                   describeEntry(expected[i].name, expected[i].rows, expected[i].cols));

    std::vector<std::uint8_t> buffer;
    for (std::size_t i = 0; i < params.size(); ++i) {
        Matrix& value = *params[i].value;
        constexpr Eigen::Index kPiece = 1 << 16; // floats read at a time
        for (Eigen::Index start = 0; start < value.size(); start += kPiece) {
            const Eigen::Index count = std::min<Eigen::Index>(kPiece, value.size() - start);
            buffer.resize(static_cast<std::size_t>(count) * 4);
            if (!readExactly(in, buffer.data(), buffer.size()))
                return Error{"read failed: the file is shorter than its size on disk"};
            for (Eigen::Index k = 0; k < count; ++k) {
                const float v = std::bit_cast<float>(readU32(buffer.data() + 4 * k));
                if (!std::isfinite(v))
                    return Error{"tensor '" + expected[i].name + "' holds a non-finite value at index " +
                                 std::to_string(start + k)};
                value.data()[start + k] = static_cast<Scalar>(v);
            }
        }
    }
    return network;
}

} // namespace

Status checkModelTarget(const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::error_code ec;
    const fs::file_status folderStatus = fs::status(folder, ec);
    if (folderStatus.type() == fs::file_type::not_found)
        return saveError(path, "the folder '" + folder.string() + "' does not exist");
    if (!fs::is_directory(folderStatus))
        return saveError(path, "'" + folder.string() + "' is not a folder");
    if (fs::is_directory(fs::status(target, ec)))
        return saveError(path, "it is a folder");
    // Trying is the only reliable test (permissions, ACLs, read-only mounts, root).
    if (const Status creatable = checkTempFileCreatable(path); !creatable)
        return saveError(path, creatable.error().message);
    return Success{};
}

Status saveModel(const Model& model, const std::string& path) {
    const Network& net = model.network;
    if (net.empty())
        return saveError(path, "the network has no layers");
    if (model.otherMembers.size() > kMaxMembers - 1)
        return saveError(path, "an ensemble holds at most " + std::to_string(kMaxMembers) + " networks");
    for (const Network& member : model.otherMembers)
        if (member.empty() || !(member.inputShape() == net.inputShape()) ||
            member.outputSize() != net.outputSize() || member.head() != OutputHead::Softmax ||
            net.head() != OutputHead::Softmax)
            return saveError(path, "an ensemble's networks must share input, classes and the softmax head");

    std::vector<std::uint8_t> bytes(std::begin(kMagic), std::end(kMagic));
    appendU32(bytes, static_cast<std::uint32_t>(kModelFormatVersion));
    const std::string header = headerFor(model).dump();
    appendU32(bytes, static_cast<std::uint32_t>(header.size()));
    bytes.insert(bytes.end(), header.begin(), header.end());
    for (const Network* member : model.members()) {
        for (const auto& [name, tensor] : member->tensors()) {
            // Column-major, as Eigen stores it; the double build narrows to the file's float32 here.
            for (Eigen::Index i = 0; i < tensor->size(); ++i) {
                const float value = static_cast<float>(tensor->data()[i]);
                if (!std::isfinite(value))
                    return saveError(path,
                                     "tensor '" + name + "' holds a non-finite value (a diverged network?)");
                appendU32(bytes, std::bit_cast<std::uint32_t>(value));
            }
        }
    }
    appendU32(bytes, checksum(bytes.data(), bytes.size()));

    if (const Status written = writeFileAtomically(path, bytes); !written)
        return saveError(path, written.error().message);
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
    // The size comes from the file system, and the file is read piece by piece: nothing it declares is
    // allocated before the declarations have been checked against this size.
    const std::uintmax_t sizeOnDisk = fs::file_size(path, ec);
    if (ec)
        return loadError(path, "cannot tell its size: " + ec.message());
    const auto fileSize = static_cast<std::uint64_t>(sizeOnDisk);
    if (fileSize < kMinimalSize)
        return loadError(path, "the file holds " + std::to_string(fileSize) +
                                   " bytes, too short for a DigitPad model (at least " +
                                   std::to_string(kMinimalSize) + ")");
    std::uint8_t preamble[kPreambleSize];
    if (!readExactly(in, preamble, kPreambleSize))
        return loadError(path, "read failed");
    if (std::memcmp(preamble, kMagic, sizeof kMagic) != 0)
        return loadError(path,
                         "not a DigitPad model (bad magic; expected the file to start with \"DIGITPAD\")");
    const std::uint32_t version = readU32(preamble + sizeof kMagic);
    if (version != static_cast<std::uint32_t>(kModelFormatVersion))
        return loadError(path, "unsupported version " + std::to_string(version) +
                                   " (supported: " + std::to_string(kModelFormatVersion) + ")");
    const std::uint32_t headerLength = readU32(preamble + sizeof kMagic + 4);
    // Before the size check: a crafted length is refused for what it is, whatever the file's size.
    if (headerLength > kMaxHeaderSize)
        return loadError(path, "the header declares " + std::to_string(headerLength) +
                                   " bytes, more than the limit of " + std::to_string(kMaxHeaderSize) +
                                   " (a model's header holds a few KB)");
    if (headerLength > fileSize - kMinimalSize)
        return loadError(path, "the file is truncated: its header alone needs " +
                                   std::to_string(headerLength) + " bytes, the file holds " +
                                   std::to_string(fileSize));
    std::string headerText(headerLength, '\0');
    if (!readExactly(in, headerText.data(), headerLength))
        return loadError(path, "read failed");

    // The checksum covers the tensor data too, which is streamed through a small buffer here and read again
    // (into the weights) only once the header has been checked against the file's size.
    const std::uint64_t dataBytes = fileSize - kMinimalSize - headerLength;
    std::uint32_t computed = checksum(preamble, kPreambleSize);
    computed = checksum(reinterpret_cast<const std::uint8_t*>(headerText.data()), headerLength, computed);
    {
        std::vector<std::uint8_t> buffer(
            static_cast<std::size_t>(std::min<std::uint64_t>(dataBytes, 1u << 20)));
        for (std::uint64_t left = dataBytes; left > 0;) {
            const auto piece = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
            if (!readExactly(in, buffer.data(), piece))
                return loadError(path, "read failed: the file is shorter than its size on disk");
            computed = checksum(buffer.data(), piece, computed);
            left -= piece;
        }
    }
    std::uint8_t storedBytes[kChecksumSize];
    if (!readExactly(in, storedBytes, kChecksumSize))
        return loadError(path, "read failed: the file is shorter than its size on disk");
    const std::uint32_t stored = readU32(storedBytes);
    if (stored != computed) {
        const std::string diagnosis = sizeDiagnosis(headerText, fileSize);
        return loadError(path, diagnosis.empty() ? "wrong checksum (stored " + hex32(stored) + ", computed " +
                                                       hex32(computed) + "): the file is corrupt"
                                                 : diagnosis + " (wrong checksum)");
    }

    json header;
    try {
        header = json::parse(headerText);
    } catch (const json::exception& e) {
        return loadError(path, "malformed header: " + printable(e.what()));
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
    if (header.contains("framingSteps")) {
        const std::string text = reader.string(header, "framingSteps");
        if (Result<FramingSteps> steps = parseFramingSteps(text))
            info.framingSteps = *steps;
        else
            reader.fail("header field 'framingSteps': " + steps.error().message);
    }
    if (header.contains("testTime")) {
        const std::string text = reader.string(header, "testTime");
        if (const std::optional<TestTimeAugmentation> testTime = fromName<TestTimeAugmentation>(text))
            info.testTime = *testTime;
        else if (reader.problem().empty())
            reader.fail("header field 'testTime': unknown test-time augmentation '" + printable(text) +
                        "' (expected " + nameChoices<TestTimeAugmentation>() + ")");
    }
    info.labels = reader.string(header, "labels");
    if (header.contains("classNames"))
        info.classNames = reader.classNames(header, info.labels.size());
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
        info.tunedFrom = reader.optionalString(*training, "tunedFrom", where);
        info.extraTrainingData = reader.optionalString(*training, "extraData", where);
        if (training->contains("memberSeeds")) {
            const json& seeds = (*training)["memberSeeds"];
            if (!seeds.is_array() || seeds.size() > kMaxMembers)
                reader.fail("header field 'training.memberSeeds' must list at most " +
                            std::to_string(kMaxMembers) + " seeds");
            else
                for (const json& seed : seeds) {
                    if (!seed.is_number_unsigned()) {
                        reader.fail("header field 'training.memberSeeds' must hold non-negative integers");
                        break;
                    }
                    info.memberSeeds.push_back(seed.get<unsigned long long>());
                }
        }
        if (training->contains("tunedOnDrawings"))
            info.tunedOnDrawings = static_cast<int>(
                reader.integer(*training, "tunedOnDrawings", 0, std::numeric_limits<int>::max(), where));
    }
    if (header.contains("accuracy")) {
        const json& accuracy = header["accuracy"];
        if (!accuracy.is_object())
            reader.fail("header field 'accuracy' must be an object");
        info.testAccuracy = reader.optionalFraction(accuracy, "test", "accuracy.");
        info.drawnAccuracy = reader.optionalFraction(accuracy, "drawn", "accuracy.");
    }
    const auto table = tensorTable(header, reader);
    const std::vector<MemberEntry> laterMembers = memberTables(header, reader);
    if (!reader.problem().empty())
        return loadError(path, reader.problem());
    if (!laterMembers.empty() && head != OutputHead::Softmax)
        return loadError(path, "an ensemble's networks must have the softmax head");
    if (info.testTime != TestTimeAugmentation::None && (shape.channels != 1 || head != OutputHead::Softmax))
        return loadError(path, "header field 'testTime': test-time augmentation '" + toName(info.testTime) +
                                   "' needs one channel of images and the softmax head, the model takes " +
                                   shape.toString() + " inputs and has the " + toName(head) + " head");
    if (!info.memberSeeds.empty() && info.memberSeeds.size() != laterMembers.size() + 1)
        return loadError(path, "the header lists " + std::to_string(info.memberSeeds.size()) +
                                   " member seeds for " + std::to_string(laterMembers.size() + 1) +
                                   " networks");

    // Everything up to building the networks works from the plans, which allocate nothing: each architecture,
    // the labels and each tensor table are checked against each other, and the tables against the file's
    // size, so the networks are built only when the file really holds all of their weights.
    std::vector<MemberEntry> members{{architecture, *table}};
    members.insert(members.end(), laterMembers.begin(), laterMembers.end());
    std::uint64_t needed = 0;
    for (std::size_t m = 0; m < members.size(); ++m) {
        const std::string which = members.size() == 1 ? std::string()
                                                      : "network " + std::to_string(m + 1) + " of " +
                                                            std::to_string(members.size()) + ": ";
        if (Status planned = checkPlan(shape, members[m], info.labels, which); !planned)
            return loadError(path, planned.error().message);
        needed = std::max(needed, needed + tableBytes(members[m].table)); // saturates rather than wraps
    }

    // The size rule: preamble + header + 4 × (the tables' floats) + checksum = the file's size.
    if (dataBytes < needed)
        return loadError(path, "the tensor data is truncated: " + std::to_string(dataBytes) +
                                   " bytes, the header needs " + std::to_string(needed) + " (it declares " +
                                   std::to_string(needed / 4) + " parameters but the file holds " +
                                   std::to_string(dataBytes) + " bytes of tensor data)");
    if (dataBytes > needed)
        return loadError(path, "the tensor data has " + std::to_string(dataBytes - needed) +
                                   " trailing bytes (expected " + std::to_string(needed) + ")");

    // Back to the tensor data, which the checksum pass read through.
    in.clear();
    in.seekg(static_cast<std::streamoff>(kPreambleSize + headerLength));
    for (std::size_t m = 0; m < members.size(); ++m) {
        Result<Network> network = buildMember(shape, head, members[m], in);
        if (!network)
            return loadError(path, network.error().message);
        if (m == 0)
            model.network = std::move(network.value());
        else
            model.otherMembers.push_back(std::move(network.value()));
    }
    return model;
}

} // namespace digitpad
