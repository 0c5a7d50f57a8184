// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/LookInside.h"
#include "nn/FirstLayerFilters.h"

#include <QCoreApplication>
#include <QImage>
#include <QSize>
#include <QString>

/// Tiles for a TileGrid: what a layer's output or a model's first-layer filters look like as images.
struct TileSheet {
    Q_DECLARE_TR_FUNCTIONS(TileSheet)

public:
    QImage sheet;  ///< tile i is the tileSize rectangle at y = i · height
    int count = 0; ///< how many tiles
    QSize tileSize;
    int scale = 1;   ///< how many screen pixels per value (device-independent)
    QString caption; ///< e.g. "24 maps of 24×24" or "256 units"

    /// One tile per channel of a C×H×W output (H×W each) when it has maps; else one 1×1 tile per unit. Values
    /// at or above 0 are shades of grey up to white at the layer's largest value, negative ones shades of
    /// blue down to its lowest; one scale per layer, so its maps can be compared with each other.
    static TileSheet fromActivation(const digitpad::LayerActivation& activation);
    /// One tile per filter and input channel (K×K for a convolution, 28×28 for a dense unit on the input):
    /// mid-grey is 0, white the largest positive and black the most negative weight of the layer.
    static TileSheet fromFilters(const digitpad::FirstLayerFilters& filters);
};
