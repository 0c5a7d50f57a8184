// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/IdxReader.h"

#include "data/DigitFormat.h"

#include "data/Preprocess.h"

#include <zlib.h>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <new>
#include <string>
#include <system_error>
#include <vector>

namespace digitpad {
namespace {

static_assert(kMaxIdxBytes < std::numeric_limits<std::int32_t>::max(), "sizes are converted to int");

constexpr std::uint8_t kUnsignedByteType = 0x08;
constexpr int kMaxRank = 3; // labels (1) and images (3) are all DigitPad reads
constexpr std::size_t kGzipChunk = 1 << 20;
constexpr std::size_t kGzipExcessCheck = 64 << 10; ///< how far past the claimed size a gzip stream is decoded

std::string quoted(const std::string& path) {
    return "'" + path + "'";
}

Error readError(const std::string& path, const std::string& what) {
    return Error{"cannot read " + quoted(path) + ": " + what, ErrorKind::FileUnreadable, path};
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

/// The decoded bytes of a raw or gzip file, in order. Gzip is inflated here rather than through gzread,
/// because gzread silently ignores whatever follows the last gzip member, and decoding only on demand is what
/// lets the caller stop at the size the header claims.
class ByteSource {
public:
    /// Takes ownership of `file`, positioned at its start.
    ByteSource(std::FILE* file, bool gzip) : file_(file), gzip_(gzip) {
        if (gzip_) {
            // 15 + 16: a gzip wrapper only; a raw deflate or zlib stream is not an IDX file's compression.
            if (inflateInit2(&stream_, 15 + 16) != Z_OK) {
                std::fclose(file_); // the destructor does not run for a constructor that throws
                throw std::bad_alloc();
            }
            input_.resize(kGzipChunk);
        }
    }
    ~ByteSource() {
        if (gzip_)
            inflateEnd(&stream_);
        std::fclose(file_);
    }
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;

    /// Reads up to `size` bytes. Returns the count read, fewer than `size` only at the end of the data, or -1
    /// with problem() saying why (a read error, corrupt or truncated gzip data, trailing data).
    long long read(std::uint8_t* buffer, std::size_t size) {
        if (!gzip_) {
            const std::size_t n = std::fread(buffer, 1, size, file_);
            if (n < size && std::ferror(file_))
                return fail(std::strerror(errno));
            return static_cast<long long>(n);
        }
        if (failed_)
            return -1;
        std::size_t done = 0;
        while (done < size && !finished_) {
            if (stream_.avail_in == 0) {
                const long long n = refill();
                if (n < 0)
                    return -1;
                if (n == 0)
                    return fail("truncated gzip data (unexpected end of file)");
            }
            const auto want = static_cast<uInt>(std::min<std::size_t>(size - done, kGzipChunk));
            stream_.next_out = buffer + done;
            stream_.avail_out = want;
            const int code = inflate(&stream_, Z_NO_FLUSH);
            done += want - stream_.avail_out;
            if (code == Z_STREAM_END && !startNextMember()) {
                // Bytes the member produced are good; the caller sees the trailing data on its next read, so
                // a message can say that the whole payload was there.
                if (done < size)
                    return -1;
                failed_ = true;
                break;
            }
            if (code != Z_OK && code != Z_BUF_ERROR && code != Z_STREAM_END)
                return fail(std::string("corrupt gzip data (") +
                            (stream_.msg != nullptr ? stream_.msg : "zlib error " + std::to_string(code)) +
                            ")");
        }
        return static_cast<long long>(done);
    }

    /// Why the last read() returned -1 (a read() after that returns -1 again only after trailing data).
    const std::string& problem() const { return problem_; }

private:
    long long fail(const std::string& problem) {
        problem_ = problem;
        return -1;
    }

    /// Appends file bytes after the `stream_.avail_in` still unread; returns how many, or -1 on a read
    /// error.
    long long refill() {
        if (stream_.avail_in > 0)
            std::memmove(input_.data(), stream_.next_in, stream_.avail_in);
        const std::size_t n =
            std::fread(input_.data() + stream_.avail_in, 1, input_.size() - stream_.avail_in, file_);
        if (std::ferror(file_))
            return fail(std::strerror(errno));
        stream_.next_in = input_.data();
        stream_.avail_in += static_cast<uInt>(n);
        return static_cast<long long>(n);
    }

    /// After a gzip member ends: the file may end, or hold another member (as `cat a.gz b.gz` makes,
    /// which gzip decodes as one stream). Anything else is trailing data, refused so a damaged or
    /// tampered file cannot pass as valid.
    bool startNextMember() {
        if (stream_.avail_in < 2 && refill() < 0)
            return false;
        if (stream_.avail_in == 0) {
            finished_ = true;
            return true;
        }
        if (stream_.avail_in < 2 || stream_.next_in[0] != 0x1f || stream_.next_in[1] != 0x8b) {
            long long trailing = stream_.avail_in;
            if (const long here = std::ftell(file_); here >= 0 && std::fseek(file_, 0, SEEK_END) == 0) {
                const long end = std::ftell(file_);
                if (end >= here)
                    trailing += end - here;
            }
            fail(std::to_string(trailing) + (trailing == 1 ? " byte" : " bytes") +
                 " of trailing data after the end of the gzip stream");
            return false;
        }
        inflateReset(&stream_);
        return true;
    }

    std::FILE* file_;
    bool gzip_;
    z_stream stream_{};
    std::vector<std::uint8_t> input_;
    bool finished_ = false; ///< the last gzip member ended at the end of the file
    bool failed_ = false;   ///< trailing data follows the bytes already returned
    std::string problem_;
};

/// The first `bytes` bytes of an open file mapped read-only into memory, prefaulted, owned by the returned
/// pointer (which unmaps them); nullptr where mapping is not supported or fails (the caller reads instead).
std::shared_ptr<const std::uint8_t> mapFile(std::FILE* file, std::uint64_t bytes) {
#ifdef __linux__
    void* mapped = mmap(nullptr, static_cast<std::size_t>(bytes), PROT_READ, MAP_PRIVATE | MAP_POPULATE,
                        fileno(file), 0);
    if (mapped == MAP_FAILED)
        return nullptr;
    return {static_cast<const std::uint8_t*>(mapped),
            [bytes](const std::uint8_t* begin) { munmap(const_cast<std::uint8_t*>(begin), bytes); }};
#else
    (void)file;
    (void)bytes;
    return nullptr;
#endif
}

/// `bytes` as an IdxArray's data and storage.
void holdBytes(IdxArray& array, std::vector<std::uint8_t> bytes) {
    auto owned = std::make_shared<const std::vector<std::uint8_t>>(std::move(bytes));
    array.data = *owned;
    array.storage = std::move(owned);
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

    errno = 0;
    std::FILE* opened = std::fopen(path.c_str(), "rb");
    if (opened == nullptr)
        return readError(path, errno != 0 ? std::strerror(errno) : "cannot open");
    unsigned char gzipMagic[2] = {0, 0};
    const bool gzip =
        std::fread(gzipMagic, 1, 2, opened) == 2 && gzipMagic[0] == 0x1f && gzipMagic[1] == 0x8b;
    std::rewind(opened);
    ByteSource file(opened, gzip); // one code path serves both; only the size checks differ
    const std::string compressed = gzip ? " (after gzip decompression)" : "";
    std::uint8_t magic[4];
    const long long magicRead = file.read(magic, 4);
    if (magicRead < 0)
        return readError(path, file.problem());
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
    const long long dimensionsRead = file.read(dimensionBytes, 4 * static_cast<std::size_t>(rank));
    if (dimensionsRead < 0)
        return readError(path, file.problem());
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

    // The bound on memory: checked on the header alone (first, so it holds whatever the file size), before a
    // byte of payload is decoded or allocated.
    if (claimed > kMaxIdxBytes)
        return readError(path, claim + " (" + std::to_string(claimed) + " bytes), more than the limit of " +
                                   std::to_string(kMaxIdxBytes) + " bytes (" +
                                   std::to_string(kMaxIdxBytes >> 20) + " MiB) for one IDX file");

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

    if (!gzip) {
        if (std::shared_ptr<const std::uint8_t> mapped = mapFile(opened, fileSize)) {
            array.data = {mapped.get() + headerSize, static_cast<std::size_t>(claimed)};
            array.storage = std::move(mapped);
            return array;
        }
        std::vector<std::uint8_t> bytes(static_cast<std::size_t>(claimed));
        const long long n = file.read(bytes.data(), bytes.size());
        if (n != static_cast<long long>(claimed))
            return readError(path, "read failed after " + std::to_string(std::max(n, 0LL)) + " of " +
                                       std::to_string(claimed) + " bytes");
        holdBytes(array, std::move(bytes));
        return array;
    }

    // Gzip: the decompressed size is unknown until read, so grow the buffer as data really arrives; a lying
    // header costs at most one chunk beyond what the file holds, and decoding stops at the claimed size
    // (at most kMaxIdxBytes) plus kGzipExcessCheck.
    std::size_t total = 0;
    std::vector<std::uint8_t> bytes;
    while (total < claimed) {
        const std::size_t want = std::min<std::size_t>(kGzipChunk, static_cast<std::size_t>(claimed) - total);
        bytes.resize(total + want);
        const long long n = file.read(bytes.data() + total, want);
        if (n < 0)
            return readError(path, file.problem() + " after " + std::to_string(total) + " bytes of payload");
        total += static_cast<std::size_t>(n);
        if (static_cast<std::size_t>(n) < want)
            return readError(path, claim + " but the file holds " + std::to_string(total) + " " + word +
                                       compressed);
    }
    // Decoding a little past the claim, rather than one byte, lets a stream that is corrupt near its end
    // report that (zlib finds it at the checksum) instead of the extra bytes the corruption produced.
    std::vector<std::uint8_t> extra(kGzipExcessCheck);
    const long long more = file.read(extra.data(), extra.size());
    if (more < 0)
        return readError(path, file.problem() + " (the whole payload was read)");
    if (more > 0)
        return readError(path, claim + " (" + std::to_string(claimed) + " bytes) but the file holds more " +
                                   word + compressed + ": trailing data");
    holdBytes(array, std::move(bytes));
    return array;
}

namespace {

/// Asks Linux to back [data, data + bytes) with 2 MiB pages before it is first written. MNIST's training
/// images take 188 MB as floats: in 4 KiB pages that is 46 000 page faults, which in this virtual machine
/// cost more than converting the bytes; with huge pages (transparent_hugepage set to madvise, Debian's
/// default) a few hundred. Only advice: where it is not supported nothing changes.
void adviseHugePages(void* data, std::size_t bytes) {
#ifdef __linux__
    constexpr std::uintptr_t kHugePage = std::uintptr_t(2) << 20;
    const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(data) + kHugePage - 1) & ~(kHugePage - 1);
    const std::uintptr_t end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHugePage - 1);
    if (end > begin)
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace

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

    // readIdx bounds rows * cols * count by kMaxIdxBytes (< 2^31), so every one of these fits an int.
    Dataset dataset;
    dataset.shape = Shape{1, static_cast<int>(rows), static_cast<int>(cols)};
    dataset.classes = kDigitClasses;
    dataset.name = name;
    const Eigen::Index pixels = dataset.shape.size();
    const Eigen::Index count = static_cast<Eigen::Index>(imageCount);
    // Min-max normalised as normaliseMinMax() does it, but from the bytes: their extremes are found on the
    // bytes (which are finite and four times smaller), and each value is converted, shifted and divided in
    // one pass, the same operations on the same floats, so the result is bit for bit normaliseMinMax()'s. A
    // separate cast and normalising pass over the floats took about 0.4 s of the 0.5 s MNIST's two splits
    // took to load.
    dataset.images.resize(pixels, count);
    adviseHugePages(dataset.images.data(), static_cast<std::size_t>(dataset.images.size()) * sizeof(Scalar));
    for (Eigen::Index i = 0; i < count; ++i) {
        const std::uint8_t* bytes = images->data.data() + i * pixels;
        std::uint8_t lo = bytes[0], hi = bytes[0];
        for (Eigen::Index p = 0; p < pixels; ++p) {
            lo = std::min(lo, bytes[p]);
            hi = std::max(hi, bytes[p]);
        }
        Scalar* column = dataset.images.col(i).data();
        if (lo == hi) { // a blank image stays all zeros
            std::fill(column, column + pixels, Scalar(0));
            continue;
        }
        const Scalar low = lo, range = Scalar(hi) - Scalar(lo);
        for (Eigen::Index p = 0; p < pixels; ++p)
            column[p] = (Scalar(bytes[p]) - low) / range;
    }
    dataset.labels.assign(labels->data.begin(), labels->data.end());
    return dataset;
}

Result<Dataset> readIdxFolder(const std::string& folder, const std::string& split) {
    namespace fs = std::filesystem;
    if (split != "train" && split != "t10k")
        return Error{"cannot read IDX folder " + quoted(folder) + ": unknown split '" + split +
                     "' (expected train or t10k)"};
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return fs::exists(folder, ec)
                   ? Error{"cannot read IDX folder " + quoted(folder) + ": it is not a folder",
                           ErrorKind::NotAFolder, folder}
                   : Error{"cannot read IDX folder " + quoted(folder) + ": no such folder",
                           ErrorKind::NoSuchFolder, folder};

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
                         " (looked for " + tried + ")",
                     ErrorKind::SplitMissing, folder, split};
    }

    std::string base = fs::path(folder).lexically_normal().filename().string();
    if (base.empty())
        base = fs::path(folder).lexically_normal().parent_path().filename().string();
    return readIdxDataset(imagesPath, labelsPath, base + (split == "train" ? " train" : " test"));
}

} // namespace digitpad
