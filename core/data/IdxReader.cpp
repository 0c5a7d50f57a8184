// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/IdxReader.h"

#include "data/DigitFormat.h"

#include "data/Preprocess.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <system_error>

namespace digitpad {
namespace {

constexpr std::uint8_t kUnsignedByteType = 0x08;
constexpr int kMaxRank = 3; // labels (1) and images (3) are all DigitPad reads
constexpr std::uint64_t kMaxElements = std::numeric_limits<std::int32_t>::max();
constexpr std::size_t kGzipChunk = 1 << 20;

std::string quoted(const std::string& path) {
    return "'" + path + "'";
}

Error readError(const std::string& path, const std::string& what) {
    return Error{"cannot read " + quoted(path) + ": " + what};
}

/// Saturating product, so a header of huge dimensions cannot overflow into a small, plausible count.
std::uint64_t elementCount(const std::vector<std::uint32_t>& dimensions) {
    std::uint64_t count = 1;
    for (std::uint32_t d : dimensions) {
        if (d != 0 && count > std::numeric_limits<std::uint64_t>::max() / d)
            return std::numeric_limits<std::uint64_t>::max();
        count *= d;
    }
    return count;
}

/// "2147483648 images of 28x28", "60000 labels", "3 items of 4x5" — the words a message uses for the claim.
std::string describeClaim(const std::vector<std::uint32_t>& dimensions) {
    if (dimensions.size() == 1)
        return std::to_string(dimensions[0]) + " labels";
    std::string text = std::to_string(dimensions[0]);
    text.append(dimensions.size() == 3 ? " images of " : " items of ");
    for (std::size_t i = 1; i < dimensions.size(); ++i) {
        if (i > 1)
            text.push_back('x');
        text.append(std::to_string(dimensions[i]));
    }
    return text;
}

const char* payloadWord(std::size_t rank) {
    return rank == 3 ? "bytes of pixels" : "bytes of data";
}

struct GzCloser {
    void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzHandle = std::unique_ptr<gzFile_s, GzCloser>;

/// Reads up to `size` bytes, looping over short reads. Returns the count read, or -1 on a zlib error.
long long readFully(gzFile file, std::uint8_t* buffer, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const auto want = static_cast<unsigned>(std::min<std::size_t>(size - done, kGzipChunk));
        const int n = gzread(file, buffer + done, want);
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    // A gzip stream that ends early yields its bytes and leaves an error set instead of returning -1.
    int code = Z_OK;
    gzerror(file, &code);
    if (done < size && code != Z_OK)
        return -1;
    return static_cast<long long>(done);
}

std::string gzipProblem(gzFile file) {
    int code = Z_OK;
    const char* message = gzerror(file, &code);
    if (code == Z_ERRNO)
        return std::strerror(errno);
    return message != nullptr && *message != '\0' ? message : "unknown zlib error";
}

bool isGzip(const std::string& path, std::string& problem) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        problem = std::strerror(errno);
        return false;
    }
    unsigned char magic[2] = {0, 0};
    const std::size_t n = std::fread(magic, 1, 2, file);
    std::fclose(file);
    return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

} // namespace

Result<IdxArray> readIdx(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found)
        return readError(path, "no such file");
    if (ec)
        return readError(path, ec.message());
    if (fs::is_directory(status))
        return readError(path, "it is a directory, not an IDX file");
    const std::uintmax_t fileSize = fs::file_size(path, ec);
    if (ec)
        return readError(path, ec.message());
    if (fileSize == 0)
        return readError(path, "the file is empty");

    std::string problem;
    const bool gzip = isGzip(path, problem);
    if (!problem.empty())
        return readError(path, problem);

    // zlib reads raw files transparently, so one code path serves both; only the size checks differ.
    errno = 0;
    GzHandle file(gzopen(path.c_str(), "rb"));
    if (!file)
        return readError(path, errno != 0 ? std::strerror(errno) : "cannot open");
    gzbuffer(file.get(), 128 * 1024);
    const std::string compressed = gzip ? " (after gzip decompression)" : "";

    std::uint8_t magic[4];
    const long long magicRead = readFully(file.get(), magic, 4);
    if (magicRead < 0)
        return readError(path, "corrupt gzip data: " + gzipProblem(file.get()));
    if (magicRead < 4)
        return readError(path, "the file holds " + std::to_string(magicRead) + " bytes" + compressed +
                                   ", too short for an IDX header");
    if (magic[0] != 0 || magic[1] != 0) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%02x %02x", magic[0], magic[1]);
        return readError(path, std::string("not an IDX file (magic bytes ") + hex + ", expected 00 00)");
    }
    if (magic[2] != kUnsignedByteType) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", magic[2]);
        return readError(path, std::string("unsupported IDX type code ") + hex +
                                   " (supported: 0x08, unsigned bytes)");
    }
    const int rank = magic[3];
    if (rank < 1 || rank > kMaxRank)
        return readError(path, "unsupported IDX rank " + std::to_string(rank) + " (supported: 1 to " +
                                   std::to_string(kMaxRank) + ")");

    std::uint8_t dimensionBytes[4 * kMaxRank];
    const long long dimensionsRead =
        readFully(file.get(), dimensionBytes, 4 * static_cast<std::size_t>(rank));
    if (dimensionsRead < 0)
        return readError(path, "corrupt gzip data: " + gzipProblem(file.get()));
    if (dimensionsRead < 4 * rank)
        return readError(path, "the header is truncated: rank " + std::to_string(rank) + " needs " +
                                   std::to_string(4 * rank) + " bytes of dimensions, the file holds " +
                                   std::to_string(dimensionsRead));

    IdxArray array;
    array.dimensions.resize(static_cast<std::size_t>(rank));
    for (int i = 0; i < rank; ++i) {
        const std::uint8_t* b = dimensionBytes + 4 * i;
        array.dimensions[static_cast<std::size_t>(i)] = (std::uint32_t{b[0]} << 24) |
                                                        (std::uint32_t{b[1]} << 16) |
                                                        (std::uint32_t{b[2]} << 8) | std::uint32_t{b[3]};
    }
    const std::uint64_t claimed = elementCount(array.dimensions);
    const std::uint64_t headerSize = 4 + 4 * static_cast<std::uint64_t>(rank);
    const std::string claim = "header claims " + describeClaim(array.dimensions);
    const char* word = payloadWord(array.dimensions.size());

    if (!gzip) {
        // A raw file's size is known: compare it with the claim before allocating anything.
        const std::uint64_t payload = fileSize - headerSize;
        if (claimed > payload)
            return readError(path, claim + " but the file holds " + std::to_string(payload) + " " + word);
        if (claimed < payload)
            return readError(path, claim + " (" + std::to_string(claimed) + " bytes) but the file holds " +
                                       std::to_string(payload) + " " + word + ": " +
                                       std::to_string(payload - claimed) + " trailing bytes");
    }
    if (claimed > kMaxElements)
        return readError(path, claim + ", more than the " + std::to_string(kMaxElements) +
                                   " bytes an IDX array may hold here");

    if (!gzip) {
        array.data.resize(static_cast<std::size_t>(claimed));
        const long long n = readFully(file.get(), array.data.data(), array.data.size());
        if (n != static_cast<long long>(claimed))
            return readError(path, "read failed after " + std::to_string(std::max(n, 0LL)) + " of " +
                                       std::to_string(claimed) + " bytes");
        return array;
    }

    // Gzip: the decompressed size is unknown until read, so grow the buffer as data really arrives; a lying
    // header costs at most one chunk beyond what the file holds.
    std::size_t total = 0;
    while (total < claimed) {
        const std::size_t want = std::min<std::size_t>(kGzipChunk, static_cast<std::size_t>(claimed) - total);
        array.data.resize(total + want);
        const long long n = readFully(file.get(), array.data.data() + total, want);
        if (n < 0)
            return readError(path, "corrupt or truncated gzip data after " + std::to_string(total) +
                                       " bytes of payload: " + gzipProblem(file.get()));
        total += static_cast<std::size_t>(n);
        if (static_cast<std::size_t>(n) < want)
            return readError(path, claim + " but the file holds " + std::to_string(total) + " " + word +
                                       compressed);
    }
    std::uint8_t extra = 0;
    const long long more = readFully(file.get(), &extra, 1);
    if (more < 0)
        return readError(path,
                         "corrupt or truncated gzip data after the payload: " + gzipProblem(file.get()));
    if (more > 0)
        return readError(path, claim + " (" + std::to_string(claimed) + " bytes) but the file holds more " +
                                   word + compressed + ": trailing data");
    return array;
}

Result<Dataset> readIdxDataset(const std::string& imagesPath, const std::string& labelsPath,
                               const std::string& name) {
    Result<IdxArray> images = readIdx(imagesPath);
    if (!images)
        return images.error();
    if (images->dimensions.size() != 3)
        return readError(imagesPath,
                         "an image file must have rank 3 (count x rows x cols), this one has rank " +
                             std::to_string(images->dimensions.size()));
    Result<IdxArray> labels = readIdx(labelsPath);
    if (!labels)
        return labels.error();
    if (labels->dimensions.size() != 1)
        return readError(labelsPath, "a label file must have rank 1 (count), this one has rank " +
                                         std::to_string(labels->dimensions.size()));

    const std::uint32_t imageCount = images->dimensions[0];
    const std::uint32_t labelCount = labels->dimensions[0];
    if (imageCount != labelCount)
        return Error{"cannot read data set '" + name + "': " + quoted(imagesPath) + " holds " +
                     std::to_string(imageCount) + " images but " + quoted(labelsPath) + " holds " +
                     std::to_string(labelCount) + " labels"};
    if (imageCount == 0)
        return readError(imagesPath, "the file holds no images");
    const std::uint32_t rows = images->dimensions[1];
    const std::uint32_t cols = images->dimensions[2];
    if (rows == 0 || cols == 0)
        return readError(imagesPath, "images of " + std::to_string(rows) + "x" + std::to_string(cols) +
                                         " pixels hold nothing");

    for (std::size_t i = 0; i < labels->data.size(); ++i) {
        if (labels->data[i] >= kDigitClasses)
            return readError(labelsPath, "label " + std::to_string(labels->data[i]) + " at index " +
                                             std::to_string(i) + " is not a class (expected 0 to " +
                                             std::to_string(kDigitClasses - 1) + ")");
    }

    // readIdx bounds rows * cols * count by 2^31 - 1, so every one of these fits an int.
    Dataset dataset;
    dataset.shape = Shape{1, static_cast<int>(rows), static_cast<int>(cols)};
    dataset.classes = kDigitClasses;
    dataset.name = name;
    const Eigen::Index pixels = dataset.shape.size();
    const Eigen::Index count = static_cast<Eigen::Index>(imageCount);
    using ByteMatrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;
    dataset.images = Eigen::Map<const ByteMatrix>(images->data.data(), pixels, count).cast<Scalar>();
    images->data = {}; // the bytes are no longer needed; free them before normalising
    for (Eigen::Index i = 0; i < count; ++i)
        normaliseMinMax(dataset.images.col(i)); // a blank image stays all zeros
    dataset.labels = std::move(labels->data);
    return dataset;
}

Result<Dataset> readIdxFolder(const std::string& folder, const std::string& split) {
    namespace fs = std::filesystem;
    if (split != "train" && split != "t10k")
        return Error{"cannot read IDX folder " + quoted(folder) + ": unknown split '" + split +
                     "' (expected train or t10k)"};
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return Error{"cannot read IDX folder " + quoted(folder) + ": " +
                     (fs::exists(folder, ec) ? "it is not a folder" : "no such folder")};

    // Returns the first existing spelling of "<split>-<kind>-idx<rank>-ubyte", or "" with `tried` listing
    // them.
    auto find = [&](const std::string& kind, const std::string& idx, std::string& tried) -> std::string {
        const std::string stems[] = {split + "-" + kind + "-" + idx + "-ubyte",
                                     split + "-" + kind + "." + idx + "-ubyte"};
        for (const std::string& stem : stems) {
            for (const char* suffix : {"", ".gz"}) {
                const fs::path candidate = fs::path(folder) / (stem + suffix);
                if (fs::is_regular_file(candidate, ec))
                    return candidate.string();
            }
            tried += (tried.empty() ? "" : ", ") + stem + "[.gz]";
        }
        return {};
    };
    std::string triedImages;
    std::string triedLabels;
    const std::string imagesPath = find("images", "idx3", triedImages);
    const std::string labelsPath = find("labels", "idx1", triedLabels);
    if (imagesPath.empty() || labelsPath.empty()) {
        const bool both = imagesPath.empty() && labelsPath.empty();
        std::string what = both ? "images and labels" : imagesPath.empty() ? "images" : "labels";
        std::string tried = imagesPath.empty() ? triedImages : "";
        if (labelsPath.empty())
            tried += (tried.empty() ? "" : ", ") + triedLabels;
        return Error{"cannot read IDX folder " + quoted(folder) + ": no " + split + " " + what +
                     " (looked for " + tried + ")"};
    }

    std::string base = fs::path(folder).lexically_normal().filename().string();
    if (base.empty())
        base = fs::path(folder).lexically_normal().parent_path().filename().string();
    return readIdxDataset(imagesPath, labelsPath, base + (split == "train" ? " train" : " test"));
}

} // namespace digitpad
