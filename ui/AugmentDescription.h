// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/AugmentSettings.h"

#include <QString>

/// The distortions of `settings`, in the language installed now and the locale's numbers, for a tooltip:
/// what AugmentSettings::describe() says in English for the CLI.
QString augmentDescription(const digitpad::AugmentSettings& settings);
