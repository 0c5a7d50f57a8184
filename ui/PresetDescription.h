// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "train/Preset.h"

#include <QString>

/// What a training preset is, in the language installed now, for its tooltip. Core's description stays
/// English for the CLI's listing; a preset the GUI has no words for shows that.
QString presetDescription(const digitpad::Preset& preset);
