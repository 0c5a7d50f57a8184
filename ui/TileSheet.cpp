// SPDX-License-Identifier: GPL-3.0-or-later
#include "TileSheet.h"

#include <algorithm>
#include <cmath>

namespace {

/// Tiles of maps are drawn about this many device-independent pixels across.
constexpr int kMapPixels = 40;
constexpr int kFilterPixels = 30;
/// A unit's cell: small enough that a layer of 256 units fits a few rows, larger for short layers (the 10
/// outputs) so each stands out.
constexpr int kManyUnits = 64;
constexpr int kUnitPixelsMany = 9;
constexpr int kUnitPixelsFew = 14;

/// Screen pixels per value for a tile `side` values across, so tiles come out near `pixels` wide.
int scaleFor(int side, int pixels) {
    return std::max(1, static_cast<int>(std::lround(double(pixels) / std::max(1, side))));
}

/// A sheet of `count` tiles of `tile` (stacked), each pixel coloured by `colour(value index)`.
template <typename Colour> QImage makeSheet(int count, QSize tile, Colour&& colour) {
    QImage sheet(tile.width(), tile.height() * count, QImage::Format_RGB32);
    const int perTile = tile.width() * tile.height();
    for (int i = 0; i < count; ++i)
        for (int y = 0; y < tile.height(); ++y) {
            auto* row = reinterpret_cast<QRgb*>(sheet.scanLine(i * tile.height() + y));
            for (int x = 0; x < tile.width(); ++x)
                row[x] = colour(i * perTile + y * tile.width() + x);
        }
    return sheet;
}

} // namespace

TileSheet TileSheet::fromActivation(const digitpad::LayerActivation& activation) {
    TileSheet tiles;
    const digitpad::Shape& shape = activation.shape;
    const bool maps = activation.hasMaps();
    tiles.count = maps ? shape.channels : shape.size();
    tiles.tileSize = maps ? QSize(shape.width, shape.height) : QSize(1, 1);
    tiles.scale = maps ? scaleFor(std::max(shape.width, shape.height), kMapPixels)
                       : (tiles.count > kManyUnits ? kUnitPixelsMany : kUnitPixelsFew);
    tiles.caption =
        maps ? (tiles.count == 1 ? tr("1 map of %1×%2") : tr("%n maps of %1×%2", nullptr, tiles.count))
                   .arg(shape.width)
                   .arg(shape.height)
             : (tiles.count == 1 ? tr("1 unit") : tr("%1 units").arg(tiles.count));
    const digitpad::Vector& values = activation.values;
    // Positive and negative values are scaled apart: before a ReLU the negatives are often far larger and
    // would leave the positive responses, the ones the next layer keeps, too dark to see.
    const double largest = values.size() > 0 ? std::max(0.0, static_cast<double>(values.maxCoeff())) : 0.0;
    const double lowest = values.size() > 0 ? std::min(0.0, static_cast<double>(values.minCoeff())) : 0.0;
    const double up = largest > 0.0 ? 255.0 / largest : 0.0;
    const double down = lowest < 0.0 ? 255.0 / -lowest : 0.0;
    tiles.sheet = makeSheet(tiles.count, tiles.tileSize, [&](int i) {
        const double v = static_cast<double>(values[i]);
        if (v >= 0.0) {
            const int grey = static_cast<int>(std::lround(std::min(v * up, 255.0)));
            return qRgb(grey, grey, grey);
        }
        const int blue = static_cast<int>(std::lround(std::min(-v * down, 255.0)));
        return qRgb(blue / 5, blue * 2 / 5, blue);
    });
    return tiles;
}

TileSheet TileSheet::fromFilters(const digitpad::FirstLayerFilters& filters) {
    TileSheet tiles;
    if (filters.empty())
        return tiles;
    const digitpad::Shape& shape = filters.filterShape;
    const int channels = shape.channels;
    tiles.count = filters.count() * channels;
    tiles.tileSize = QSize(shape.width, shape.height);
    tiles.scale = scaleFor(std::max(shape.width, shape.height), kFilterPixels);
    tiles.caption =
        (filters.count() == 1 ? tr("1 filter of %1×%2") : tr("%n filters of %1×%2", nullptr, filters.count()))
            .arg(shape.width)
            .arg(shape.height) +
        (channels > 1 ? tr(", one tile per input channel") : QString()) +
        QStringLiteral(" (%1)").arg(QString::fromStdString(filters.spec));
    const double largest =
        filters.weights.size() > 0 ? static_cast<double>(filters.weights.cwiseAbs().maxCoeff()) : 0.0;
    const double scale = largest > 0.0 ? 127.0 / largest : 0.0;
    // Filters are the weight matrix's columns, channel-major inside: value index i runs through them in
    // order.
    const digitpad::Scalar* data = filters.weights.data();
    tiles.sheet = makeSheet(tiles.count, tiles.tileSize, [&](int i) {
        const int grey = std::clamp(static_cast<int>(std::lround(128.0 + double(data[i]) * scale)), 0, 255);
        return qRgb(grey, grey, grey);
    });
    return tiles;
}
