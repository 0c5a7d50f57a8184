// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/Model.h"
#include "tensor/Result.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>

#include <array>
#include <memory>
#include <optional>

/// "My accuracy": how the model in use does on the person's kept drawings (MyDigitsStore's folder), next to
/// the accuracy its file records on the data set's test split.
///
/// Each refresh() re-reads the folder and runs the model on every drawing through digitpad::scoreDrawings, so
/// the preprocessing is the one recognition uses. Reading a few hundred PNGs and running a CNN on them takes
/// longer than a frame (about 1.5 s for 300 drawings with the bundled CNN on a busy two-core machine), so it
/// runs on Qt's thread pool, one run at a time; a run overtaken by a change is dropped and followed by a
/// fresh one. The model is shared read-only (inference is const).
class MyAccuracy : public QObject {
    Q_OBJECT
public:
    static constexpr int kRecentCount = 20;

    /// What one run measured.
    struct Figures {
        int count = 0;         ///< drawings scored
        double accuracy = 0.0; ///< 0..1
        int recentCount = 0;   ///< how many of the newest drawings `recent` covers
        double recent = 0.0;   ///< 0..1
        std::array<int, 10> perDigitCount{};
        std::array<int, 10> perDigitCorrect{};
        QStringList problems; ///< kept drawings that could not be read (skipped)
        /// Why there is no score (e.g. the model does not take digits), worded when shown, so in the language
        /// installed then; empty when scored.
        std::optional<digitpad::Error> error;
    };

    explicit MyAccuracy(const QString& folder, QObject* parent = nullptr);
    ~MyAccuracy() override;

    /// Uses `model` from now on and refreshes.
    void setModel(std::shared_ptr<const digitpad::Model> model);
    /// Measures again in the background; updated() follows.
    void refresh();

    bool isMeasuring() const { return measuring_; }
    /// The newest run's figures; empty before the first run has finished or without a model.
    const std::optional<Figures>& figures() const { return figures_; }
    /// One line, e.g. "My accuracy: 87% of 120 drawings (last 20: 90%) · MNIST: 99.56%".
    QString text() const;
    /// Accuracy per digit, one line each, plus the drawings that could not be read.
    QString details() const;

    /// Scores `model` on the drawings kept in `folder` (runs on any thread).
    static Figures measure(const QString& folder, const digitpad::Model& model);

signals:
    /// New figures (or none, after the model was removed).
    void updated();

private:
    void start();

    QString folder_;
    std::shared_ptr<const digitpad::Model> model_;
    std::optional<Figures> figures_;
    QFutureWatcher<Figures>* watcher_ = nullptr; ///< the run going on, null when none
    int generation_ = 0; ///< counts changes; a run's figures are used only when none happened during it
    bool measuring_ = false;
};
