// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Result.h"

#include <QString>

#include <optional>

/// What an Error says, in the language installed now: the GUI's wording of the Error's kind (ErrorKind) and
/// fields, as a clause to put into a sentence ("Cannot start: %1"). Nothing for kind Other, which only core's
/// English message describes. Core's message is never part of it, except as the technical reason why a file's
/// bytes or a layer string are wrong, which has no words of the GUI's own.
std::optional<QString> errorKindText(const digitpad::Error& error);
