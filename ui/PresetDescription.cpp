// SPDX-License-Identifier: GPL-3.0-or-later
#include "PresetDescription.h"

#include <QCoreApplication>

#include <string_view>

QString presetDescription(const digitpad::Preset& preset) {
    // Keyed by the preset's name, which the CLI and saved settings use too, so it never changes.
    const std::string_view name = preset.name;
    if (name == "mlp")
        return QCoreApplication::translate(
            "PresetDescription", "784-128-64-10 ReLU, softmax, He init; cross-entropy, Adam 1e-3, batch 64");
    if (name == "sigmoid-100")
        return QCoreApplication::translate(
            "PresetDescription",
            "784-100-10 sigmoid everywhere, small-normal init; MSE, SGD 0.1, sample by sample");
    if (name == "sigmoid-64-16")
        return QCoreApplication::translate(
            "PresetDescription",
            "784-64-16-10 sigmoid, softmax, Xavier init; cross-entropy, SGD 0.2, batch 128");
    if (name == "relu-25-25")
        return QCoreApplication::translate(
            "PresetDescription", "784-25-25-10 ReLU, softmax, He init; cross-entropy, Adam 1e-3, batch 64");
    if (name == "lenet")
        return QCoreApplication::translate("PresetDescription",
                                           "LeNet-style CNN: conv 5x5 1→8, pool 2, conv 5x5 8→16, pool 2, "
                                           "dense 256→128→10; cross-entropy, Adam 1e-3 (1e-4 from epoch 5), "
                                           "batch 64");
    if (name == "cnn")
        return QCoreApplication::translate(
            "PresetDescription", "wider LeNet: conv 5x5 24, pool 2, conv 5x5 48, pool 2, dense 256, "
                                 "dropout 40 %; cross-entropy, Adam 1e-3 halved every 5 epochs, "
                                 "batch 64, 15 epochs");
    if (name == "fast")
        return QCoreApplication::translate(
            "PresetDescription", "LeNet-style CNN tuned for time to 99 %: conv 5x5 8, pool 2, conv 5x5 "
                                 "16, pool 2, dense 128; cross-entropy with label smoothing 0.1, Adam "
                                 "one-cycle to 8e-3, batch 64, 2 epochs");
    if (name == "fast-99.5")
        return QCoreApplication::translate(
            "PresetDescription", "wider LeNet tuned for time to 99.5 %: conv 5x5 24, pool 2, conv 5x5 48, "
                                 "pool 2, dense 256, dropout 40 %; augmentation at strength 0.5; "
                                 "cross-entropy with label smoothing 0.1, Adam one-cycle to 3e-3, "
                                 "batch 64, 6 epochs");
    return QString::fromStdString(preset.description);
}
