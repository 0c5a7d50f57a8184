// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/TrainingSession.h"

#include <QString>

/// Why a training or fine-tuning session did not start, in the language installed now: the error's kind and
/// fields worded by errorKindText(); an error of kind Other is core's English message (a settings error's
/// with a translated prefix).
QString sessionErrorText(const digitpad::SessionError& error);
