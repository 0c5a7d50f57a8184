// SPDX-License-Identifier: GPL-3.0-or-later
#include "QtImage.h"

#include "GrayOverWhite.h"
#include "ImageSizeLimit.h"
#include "PngDecoder.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImageReader>
#include <QString>
#include <QStringList>

#include <cstring>
#include <mutex>

digitpad::GrayImage toGrayImage(const QImage& image) {
    if (image.isNull())
        return {};
    // Non-premultiplied ARGB keeps each pixel's colour exact whatever its alpha, so the composite below is
    // the only rounding.
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    digitpad::GrayImage gray(argb.width(), argb.height());
    for (int y = 0; y < argb.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            const QRgb pixel = row[x];
            gray.at(x, y) = grayOverWhite(qRed(pixel), qGreen(pixel), qBlue(pixel), qAlpha(pixel));
        }
    }
    return gray;
}

QImage toQImage(const digitpad::GrayImage& image) {
    QImage result(image.width, image.height, QImage::Format_Grayscale8);
    for (int y = 0; y < image.height; ++y)
        std::memcpy(result.scanLine(y), image.pixels.data() + static_cast<std::size_t>(y) * image.width,
                    static_cast<std::size_t>(image.width));
    return result;
}

namespace {

/// The warnings Qt's image plugins (and the libraries behind them, e.g. "libpng error: Read Error") print
/// while one image is read on this thread: collected into that image's error message instead of going to
/// stderr without naming any file.
thread_local QStringList* tCapturedWarnings = nullptr;
QtMessageHandler gPreviousHandler = nullptr;

void captureOrForward(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (tCapturedWarnings != nullptr && type != QtFatalMsg) {
        tCapturedWarnings->append(message);
        return;
    }
    if (gPreviousHandler != nullptr)
        gPreviousHandler(type, context, message);
    else
        qt_message_output(type, context, message);
}

/// Collects the Qt messages of this thread while it lives. The handler is installed once for the process
/// and forwards every other thread's messages (and this thread's outside a capture) unchanged.
class WarningCapture {
public:
    WarningCapture() {
        static std::once_flag installed;
        std::call_once(installed, [] { gPreviousHandler = qInstallMessageHandler(captureOrForward); });
        previous_ = tCapturedWarnings;
        tCapturedWarnings = &warnings_;
    }
    ~WarningCapture() { tCapturedWarnings = previous_; }
    WarningCapture(const WarningCapture&) = delete;
    WarningCapture& operator=(const WarningCapture&) = delete;
    const QStringList& warnings() const { return warnings_; }

private:
    QStringList warnings_;
    QStringList* previous_ = nullptr;
};

/// The formats this build's image plugins read, e.g. "bmp, gif, jpeg, png, …".
QString readableFormats() {
    QStringList formats;
    for (const QByteArray& format : QImageReader::supportedImageFormats())
        formats << QString::fromLatin1(format);
    return formats.join(QStringLiteral(", "));
}

std::string withWarnings(const std::string& reason, const QStringList& warnings) {
    if (warnings.isEmpty())
        return reason;
    return reason + " (" + warnings.join(QStringLiteral("; ")).toStdString() + ")";
}

digitpad::Result<digitpad::GrayImage> readWith(QImageReader& reader, const std::string& name) {
    const auto failed = [&name](const std::string& reason) {
        return digitpad::Error{"cannot read image '" + name + "': " + reason};
    };
    const WarningCapture capture;
    // Orientation tags matter for photos of digits taken with a phone.
    reader.setAutoTransform(true);
    const QFileInfo file(reader.fileName());
    const bool isFile = !reader.fileName().isEmpty();
    if (isFile && !file.isFile())
        return failed(file.exists() ? "it is not a file" : "no such file");
    QIODevice* device = reader.device();
    if ((isFile && file.size() == 0) || (!isFile && device != nullptr && device->size() == 0))
        return failed(isFile ? "the file is empty" : "no data");
    // Decoding takes 4 bytes a pixel; Qt refuses images beyond its allocation limit (in MB) before decoding.
    const qint64 limitPixels = qint64(QImageReader::allocationLimit()) * 1024 * 1024 / 4;
    // PNGs are decoded here rather than by Qt's plugin, so that libpng's errors name the file (PngDecoder.h).
    if (device != nullptr && (device->isOpen() || device->open(QIODevice::ReadOnly)) &&
        isPng(device->peek(8))) {
        const digitpad::Result<digitpad::GrayImage> png = decodePng(device->readAll(), limitPixels);
        if (!png)
            return failed(png.error().message);
        return png;
    }
    if (!reader.canRead())
        return failed("not an image in a format DigitPad reads (" + readableFormats().toStdString() + ")");
    const QByteArray format = reader.format().toUpper();
    const QSize size = reader.size();
    if (size.isValid() && limitPixels > 0 && qint64(size.width()) * size.height() > limitPixels)
        return failed(tooLargeReason(size.width(), size.height(), limitPixels));
    const QImage image = reader.read();
    if (image.isNull())
        return failed(withWarnings("truncated or damaged " + format.toStdString() +
                                       " data: " + reader.errorString().toStdString(),
                                   capture.warnings()));
    return toGrayImage(image);
}

} // namespace

digitpad::Result<digitpad::GrayImage> readGrayImage(const std::string& path) {
    QImageReader reader(QString::fromStdString(path));
    return readWith(reader, path);
}

digitpad::Result<digitpad::GrayImage> decodeGrayImage(const QByteArray& bytes, const std::string& name) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return readWith(reader, name);
}
