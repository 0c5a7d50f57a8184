// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "train/TrainConfig.h"

#include <optional>
#include <string>
#include <vector>

namespace digitpad {

/// A named, ready-made training recipe (from the classic tutorials, plus DigitPad's own).
struct Preset {
    std::string name;
    std::string description;
    TrainConfig config;
};

/// All presets, in the order a menu shows them.
const std::vector<Preset>& presets();
std::optional<TrainConfig> presetConfig(const std::string& name);

} // namespace digitpad
