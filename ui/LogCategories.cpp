// SPDX-License-Identifier: GPL-3.0-or-later
#include "LogCategories.h"

// Info is on by default so a classification shows up in the terminal without any rules; QT_LOGGING_RULES can
// still silence it.
Q_LOGGING_CATEGORY(lcRecognize, "digitpad.recognize", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTrain, "digitpad.train", QtInfoMsg)
Q_LOGGING_CATEGORY(lcModel, "digitpad.model", QtInfoMsg)
