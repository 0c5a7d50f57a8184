// SPDX-License-Identifier: GPL-3.0-or-later
#include "PngDecoder.h"

#include "GrayOverWhite.h"
#include "ImageSizeLimit.h"

#include <png.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

/// Frees libpng's state on every path out of decodePng.
class SimplifiedImage {
public:
    SimplifiedImage() {
        std::memset(&image_, 0, sizeof image_);
        image_.version = PNG_IMAGE_VERSION;
    }
    ~SimplifiedImage() { png_image_free(&image_); }
    SimplifiedImage(const SimplifiedImage&) = delete;
    SimplifiedImage& operator=(const SimplifiedImage&) = delete;
    png_image& operator*() { return image_; }
    png_image* operator->() { return &image_; }

private:
    png_image image_;
};

} // namespace

bool isPng(const QByteArray& bytes) {
    static constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    return bytes.size() >= 8 && std::memcmp(bytes.constData(), kSignature, sizeof kSignature) == 0;
}

digitpad::Result<digitpad::GrayImage> decodePng(const QByteArray& bytes, std::int64_t limitPixels) {
    const auto damaged = [](const char* message) {
        return digitpad::Error{std::string("truncated or damaged PNG data: ") + message};
    };
    SimplifiedImage image;
    if (!png_image_begin_read_from_memory(&*image, bytes.constData(), static_cast<std::size_t>(bytes.size())))
        return damaged(image->message);
    const std::int64_t pixels = std::int64_t(image->width) * image->height;
    if (limitPixels > 0 && pixels > limitPixels)
        return digitpad::Error{tooLargeReason(image->width, image->height, limitPixels)};
    // 8-bit sRGB, not premultiplied: the same values Qt's reader gives an 8-bit PNG, so the composite
    // matches.
    image->format = PNG_FORMAT_RGBA;
    std::vector<std::uint8_t> rgba(PNG_IMAGE_SIZE(*image));
    if (!png_image_finish_read(&*image, nullptr, rgba.data(), 0, nullptr))
        return damaged(image->message);
    digitpad::GrayImage gray(static_cast<int>(image->width), static_cast<int>(image->height));
    for (std::size_t i = 0; i < gray.pixels.size(); ++i) {
        const std::uint8_t* pixel = rgba.data() + 4 * i;
        gray.pixels[i] = grayOverWhite(pixel[0], pixel[1], pixel[2], pixel[3]);
    }
    return gray;
}
