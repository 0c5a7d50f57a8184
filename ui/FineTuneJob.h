// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TrainingTypes.h"

#include "app/FineTune.h"
#include "io/Model.h"

#include <QString>

#include <memory>

/// What one fine-tuning run needs, as the GUI has it: the model in use (shared, never changed), the person's
/// drawings as read by FineTuneWorker::scan(), and where MNIST and the drawn-digit set lie.
struct FineTuneJob {
    std::shared_ptr<const digitpad::Model> base;
    QString baseName; ///< what the tuned model's header names as its origin, e.g. "default.dpm"
    SharedDrawings drawings;
    QString dataFolder;  ///< MNIST's IDX files; empty = no replay and no MNIST score
    QString drawnFolder; ///< DigitPad's drawn-digit set; empty = not scored
    digitpad::FineTuneSettings settings;
};
