// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// Follow them with QT_LOGGING_RULES, e.g. QT_LOGGING_RULES="digitpad.recognize.info=true".

/// Every classification: digit, probability, framing, time.
Q_DECLARE_LOGGING_CATEGORY(lcRecognize)
/// Training runs started from the Train tab and fine-tuning runs from Tools ▸ Teach….
Q_DECLARE_LOGGING_CATEGORY(lcTrain)
/// Loading, saving and switching models.
Q_DECLARE_LOGGING_CATEGORY(lcModel)
