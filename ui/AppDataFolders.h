// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// Where DigitPad keeps the person's own data, under QStandardPaths::AppDataLocation (e.g.
/// ~/.local/share/DigitPad/DigitPad on Linux), so it survives upgrades and reinstalls. Tests switch the
/// location to a scratch one with QStandardPaths::setTestModeEnabled(true). The folders are not created here.
namespace appdata {

/// The person's kept drawings, a sample folder: `<label>/<id>.png` with `<id>.json` beside each.
QString myDigitsFolder();

/// Models the person tuned and chose to keep (Tools ▸ Teach…).
QString tunedModelsFolder();

/// The Train tab's checkpoint, rewritten after every epoch of a run and removed when the run ends: one left
/// behind at start is a run a crash or a kill interrupted, which the app offers to resume.
QString trainingCheckpointFile();

} // namespace appdata
