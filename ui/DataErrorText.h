// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Result.h"

#include <QString>

/// Why a data set could not be read, in the language installed now: errorKindText() of the Error. A kind it
/// has no words for (Other) shows core's English message, as does the technical part of an unreadable file
/// (why its bytes are wrong).
QString dataErrorText(const digitpad::Error& error);
