// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/AtomicFile.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

namespace digitpad {
namespace {

/// Writes everything, retrying after EINTR. SIGXFSZ is ignored while writing: by default a file size limit
/// (ulimit -f) kills the process, whereas a save that does not fit should just fail like a full disk does,
/// and with the signal ignored write() returns EFBIG instead.
Status writeAll(int fd, const std::vector<std::uint8_t>& bytes) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    struct sigaction previous {};
    const bool ignoring = ::sigaction(SIGXFSZ, &ignore, &previous) == 0;
    Status result = Success{};
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            result = Error{errno == EFBIG ? std::string("file too large (the file size limit was reached)")
                                          : std::string(std::strerror(errno))};
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    if (ignoring)
        ::sigaction(SIGXFSZ, &previous, nullptr);
    return result;
}

/// Whether `name` is "<target>.tmp-" followed by 8 hex digits: a temp file writeFileAtomically made for this
/// target.
bool isTempFileOf(const std::string& name, const std::string& target) {
    const std::string prefix = target + ".tmp-";
    if (name.size() != prefix.size() + 8 || name.compare(0, prefix.size(), prefix) != 0)
        return false;
    return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// Deletes the temp files an earlier save of `path` left behind when it was killed before its rename. Only
/// this target's (other targets' saves may still be running), and only files; failures are ignored, as the
/// new save does not depend on them.
void removeStaleTempFiles(const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const std::string name = target.filename().string();
    const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code typeError;
        if (isTempFileOf(it->path().filename().string(), name) && it->is_regular_file(typeError))
            fs::remove(it->path(), typeError);
    }
}

std::string randomSuffix() {
    std::random_device device;
    std::uniform_int_distribution<unsigned> digit(0, 15);
    std::string suffix;
    for (int i = 0; i < 8; ++i)
        suffix += "0123456789abcdef"[digit(device)];
    return suffix;
}

std::string tempPathFor(const std::string& path) {
    return path + ".tmp-" + randomSuffix();
}

} // namespace

Status checkTempFileCreatable(const std::string& path) {
    const std::string temp = tempPathFor(path);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return Error{"cannot create '" + temp + "': " + std::strerror(errno)};
    ::close(fd);
    ::unlink(temp.c_str());
    return Success{};
}

Status writeFileAtomically(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    removeStaleTempFiles(path);
    const std::string temp = tempPathFor(path);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return Error{"cannot create '" + temp + "': " + std::strerror(errno)};
    Status written = writeAll(fd, bytes);
    if (written && ::fsync(fd) != 0)
        written = Error{std::string("fsync failed: ") + std::strerror(errno)};
    if (::close(fd) != 0 && written)
        written = Error{std::string("close failed: ") + std::strerror(errno)};
    if (!written) {
        ::unlink(temp.c_str());
        return Error{"writing '" + temp + "' failed: " + written.error().message};
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        ::unlink(temp.c_str());
        return Error{"cannot rename '" + temp + "' to it: " + ec.message()};
    }
    // Make the rename itself durable. Failure here is not an error: the file is complete either way.
    const std::filesystem::path dir = std::filesystem::path(path).parent_path();
    const int dirFd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return Success{};
}

} // namespace digitpad
