// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/Model.h"
#include "tensor/Result.h"

#include <QObject>
#include <QStringList>

#include <memory>

/// Where models come from and go to: the bundled default, files the user opens and saves, the recent list and
/// the last used model (kept in QSettings, organisation "DigitPad", application "DigitPad").
class ModelLibrary : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRecent = 8;

    explicit ModelLibrary(QObject* parent = nullptr);

    /// The bundled default model: <exe dir>/../share/digitpad/models/default.dpm (build tree and installation
    /// alike), else models/default.dpm in the source tree. Empty when neither exists.
    static QString bundledModelPath();

    /// Loads a model file. The error names the file and the reason (from digitpad::loadModel).
    static digitpad::Result<std::shared_ptr<const digitpad::Model>> load(const QString& path);
    /// Saves atomically (temp file + rename) and remembers the path.
    digitpad::Status save(const digitpad::Model& model, const QString& path);

    /// Records `path` as the model in use: it goes to the front of the recent list and is restored at start.
    void remember(const QString& path);
    QStringList recentModels() const;
    /// Drops `path` from the recent list (a file that no longer opens) and, when it was the last used model,
    /// forgets that too.
    void forget(const QString& path);
    /// The folder file dialogs start in: the last one a model or image was opened from or saved to, while it
    /// exists; else the user's documents folder (or home).
    QString dialogFolder() const;
    /// Records the folder of `path` for dialogFolder().
    void rememberFolder(const QString& path);
    void clearRecent();
    QString lastModelPath() const;

    /// The model to start with: the last used one if it still loads, else the bundled one.
    struct Startup {
        std::shared_ptr<const digitpad::Model> model; ///< null when nothing could be loaded
        QString path;
        QStringList problems; ///< why a candidate was skipped, one message each
    };
    Startup loadStartupModel();

    /// One line for the status bar, e.g. "mlp (784-128-64-10), test accuracy 97.3 % — default.dpm"; an
    /// ensemble is counted, not named by its first member's preset: "an ensemble of 5 networks (the first:
    /// …), test accuracy 99.62 % — default.dpm".
    static QString summary(const digitpad::Model& model, const QString& source);
    /// summary() without the layer sizes, e.g. "an ensemble of 5 networks, test accuracy 99.62 % —
    /// default.dpm", for narrow places.
    static QString compactSummary(const digitpad::Model& model, const QString& source);

signals:
    void recentModelsChanged();
};
