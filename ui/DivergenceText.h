// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "train/Divergence.h"

#include <QString>

/// Why a run diverged, in the language installed now: the GUI's wording of core's Divergence (core's own
/// English text, TrainingOutcome::reason, is for the CLI and the log). E.g. "loss became NaN at epoch 2,
/// batch 17; kept the weights from the end of epoch 1 (try a lower learning rate)".
QString divergenceText(const digitpad::Divergence& divergence);
