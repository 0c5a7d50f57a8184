// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TrainingTypes.h"

#include "io/Checkpoint.h"
#include "io/Model.h"
#include "train/Trainer.h"

#include <QElapsedTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;

class AugmentPreview;
class LossChart;
class ScrollColumn;
class TrainingController;
class TrainingInsights;
class TrainingSettingsForm;

/// The "Train" tab: data folder, preset and settings, Start / Pause / Stop, live curves, and what to do with
/// the finished model (use it, save it, export curves and metrics). Training runs on a worker thread owned by
/// a TrainingController; this widget only reacts to its queued signals, so the GUI never waits for training.
/// The settings and the data folder are remembered across restarts (the app's settings, group "train").
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);
    /// Stops a running training cleanly (cancel → quit → wait).
    ~TrainingPanel() override;

    bool isTraining() const;
    /// Cancels the run and waits for the worker thread (closing the window): nothing the run had queued
    /// arrives afterwards, so it neither offers nor replaces a model.
    void stopAndWait();

    /// Continues the run `checkpoint` holds (one a crash or a kill interrupted): its settings and data folder
    /// go into the form, its completed epochs into the curves, and training goes on from the next epoch.
    /// Returns false while a run is going.
    bool resumeRun(std::shared_ptr<const digitpad::Checkpoint> checkpoint);

    /// The data folder the next run reads (an IDX folder such as data/mnist).
    QString dataFolder() const;
    void setDataFolder(const QString& folder);

    /// The parts a test drives with real events.
    QPushButton* startButton() const { return startButton_; }
    QPushButton* pauseButton() const { return pauseButton_; }
    QPushButton* stopButton() const { return stopButton_; }
    QPushButton* useModelButton() const { return useButton_; }
    QPushButton* saveModelButton() const { return saveButton_; }
    /// Which weights of the finished run Use and Save act on: the last completed epoch's or the best
    /// validation epoch's; shown only when the run offers both.
    QComboBox* weightsBox() const { return weightsBox_; }
    TrainingSettingsForm* settingsForm() const { return form_; }
    LossChart* chart() const { return chart_; }
    /// The tabs of curves, confusion matrix and mistakes.
    TrainingInsights* insights() const { return insights_; }
    AugmentPreview* augmentPreview() const { return augmentPreview_; }
    QPushButton* shuffleButton() const { return shuffleButton_; }
    TrainingController* controller() const { return controller_; }
    /// The message line under the controls (errors, the final figures).
    QString messageText() const;
    /// The weights of the last run chosen in weightsBox() (completed, stopped or diverged), or null when the
    /// run kept none (it ended before its first epoch did, or failed).
    std::shared_ptr<const digitpad::Model> finishedModel() const;

signals:
    /// The user asked to use the finished model; emitted on the GUI thread.
    void useModelRequested(std::shared_ptr<const digitpad::Model> model);
    void trainingStateChanged(bool running);
    void statusMessage(const QString& text);

private:
    void buildUi();
    /// Puts the tab's texts in the language installed now (the message line keeps what it reported).
    void retranslate();
    void updatePreviewTexts();
    /// Remembers the form's fields and the data folder for the next start (at Start and on closing).
    void saveSettings() const;
    void chooseFolder();
    void checkDataFolder();
    /// Tells how to download MNIST into the data folder, with the command in the details.
    void explainFetching();
    /// Shows the form's augmentation in the preview strip and its title.
    void updateAugmentPreview();
    void start();
    /// Starts `config` on the controller, continuing `resume` when set; checkpoints go to the app-data file.
    void begin(const digitpad::TrainConfig& config, std::shared_ptr<const digitpad::Checkpoint> resume);
    void togglePause();
    void onDataLoaded(const QString& summary);
    void onBatch(const digitpad::BatchProgress& progress);
    void onEpoch(const digitpad::EpochMetrics& metrics);
    void onFinished(const digitpad::TrainingOutcome& outcome, const TrainedModels& models);
    /// Fills weightsBox() with the run's models, named by epoch and validation accuracy.
    void offerModels(const digitpad::TrainingOutcome& outcome);
    void onFailed(const digitpad::SessionError& error);
    /// What the message line says of a run that could not start or threw, in the language installed now.
    static QString failureText(const digitpad::SessionError& error);
    void onRunningChanged(bool running);
    void onPausedChanged(bool paused);
    /// Seconds of training so far, without the time spent paused.
    double activeSeconds() const;
    void saveModel();
    void exportPng();
    void exportCsv();
    void setMessage(const QString& text, bool error = false);
    /// Words that a language change says again: the message line's or the progress bar's text while it
    /// stands for a state that lasts (a run's end), rather than for the next batch.
    using Words = std::function<QString()>;
    void setMessage(Words words, bool error = false);
    void setProgressWords(Words words);

protected:
    /// On QEvent::LanguageChange: retranslate().
    void changeEvent(QEvent* event) override;

private:
    TrainingController* controller_ = nullptr;
    TrainingSettingsForm* form_ = nullptr;
    LossChart* chart_ = nullptr;
    TrainingInsights* insights_ = nullptr;
    QComboBox* datasetBox_ = nullptr; ///< the known data sets present (KnownDatasets.h), by name
    QLineEdit* folderEdit_ = nullptr;
    QToolButton* browseButton_ = nullptr;
    ScrollColumn* leftScroll_ = nullptr;
    QLabel* folderHint_ = nullptr;
    QPushButton* fetchHelpButton_ = nullptr;
    QPushButton* startButton_ = nullptr;
    QPushButton* pauseButton_ = nullptr;
    QPushButton* stopButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* message_ = nullptr;
    QPushButton* useButton_ = nullptr;
    QPushButton* saveButton_ = nullptr;
    QLabel* weightsLabel_ = nullptr;
    QComboBox* weightsBox_ = nullptr;
    QPushButton* pngButton_ = nullptr;
    QPushButton* csvButton_ = nullptr;
    QGroupBox* previewBox_ = nullptr;
    QGroupBox* dataBox_ = nullptr;
    QGroupBox* settingsBox_ = nullptr;
    QLabel* previewHint_ = nullptr;
    AugmentPreview* augmentPreview_ = nullptr;
    QPushButton* shuffleButton_ = nullptr;
    TrainedModels models_; ///< what the last run reached; weightsBox_ chooses between them
    /// The outcome whose models weightsBox_ offers, to name them again after a language change.
    std::optional<digitpad::TrainingOutcome> offered_;
    Words messageWords_;  ///< the message line's, when setMessage(Words) gave it; else null
    Words progressWords_; ///< the idle progress bar's, when setProgressWords() gave it; else null
    std::vector<digitpad::EpochMetrics> metrics_;
    int totalEpochs_ = 0;
    int resumedEpochs_ = 0; ///< epochs a resumed run had completed before it started here
    bool runningState_ = false;
    QElapsedTimer runClock_;
    QElapsedTimer pauseClock_;
    double pausedSeconds_ = 0.0;
};
