// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/TrainingSession.h"

#include <QString>

/// Why a training session did not start, in the language installed now: a data error's kind and fields
/// worded by dataErrorText(); any other error is core's English message (settings errors with a translated
/// prefix: the Train tab's form checks its fields before a run, so these are rare).
QString sessionErrorText(const digitpad::SessionError& error);
