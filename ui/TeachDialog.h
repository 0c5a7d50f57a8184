// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TrainingTypes.h"

#include "app/FineTune.h"
#include "data/DigitFormat.h"
#include "io/Model.h"
#include "train/Trainer.h"

#include <QDialog>
#include <QElapsedTimer>

#include <array>
#include <memory>
#include <optional>

class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

class FineTuneController;
class LossChart;
class ModelLibrary;

/// Tools ▸ Teach…: fine-tunes the model in use on the drawings the person kept (appdata::myDigitsFolder()).
/// Shows how many drawings there are of each digit and how many are held out, runs the fine-tuning on a
/// worker thread (FineTuneController) with live curves, then a before/after table of the held-out drawings,
/// MNIST test and DigitPad's drawn-digit set, and lets the person keep the tuned model (saved into
/// appdata::tunedModelsFolder(), then announced through modelKept()) or discard it. Nothing here replaces the
/// model in use unless the person presses Keep.
class TeachDialog : public QDialog {
    Q_OBJECT
public:
    /// Fewer drawings than this teach the model nothing worth keeping, so Start stays off.
    static constexpr int kMinimumDrawings = 10;

    /// The rows of the before/after table.
    enum class ScoreRow { HeldOut, Mnist, Drawn };
    /// The columns of the before/after table.
    enum class ScoreColumn { Before, After, Change };

    /// Starts reading the person's drawings at once; saves through library.
    explicit TeachDialog(ModelLibrary* library, QWidget* parent = nullptr);
    /// Stops a running fine-tuning (cancel → quit → wait); its model never arrives.
    ~TeachDialog() override;

    /// The model to tune: the one in use, never changed. `path` is the file it came from or was saved to,
    /// empty when it exists only in memory (trained just now): Keep then saves it too, next to the tuned one,
    /// so it is not lost.
    void setBaseModel(std::shared_ptr<const digitpad::Model> model, const QString& path);
    /// Reads the sample folder to teach from (by default the person's kept drawings) on the worker thread.
    void setDrawingsFolder(const QString& folder);
    QString drawingsFolder() const { return drawingsFolder_; }
    /// The MNIST IDX folder for replay and the MNIST score (by default the Train tab's, data/mnist).
    void setDataFolder(const QString& folder);
    QString dataFolder() const { return dataFolder_; }
    /// DigitPad's drawn-digit set (by default datasets/drawn-digits); a folder that does not exist is
    /// skipped.
    void setDrawnFolder(const QString& folder);
    QString drawnFolder() const { return drawnFolder_; }

    bool isRunning() const;
    /// The drawings read from the folder (0 until read, or when it could not be read).
    int drawingCount() const;
    /// The name the tuned model's header records as its origin.
    QString baseName() const { return baseName_; }
    /// The tuned model of the last completed run until it is kept or discarded, else null.
    std::shared_ptr<const digitpad::Model> tunedModel() const { return tuned_; }

    /// The parts a test drives with real events or reads.
    QPushButton* startButton() const { return startButton_; }
    QPushButton* stopButton() const { return stopButton_; }
    QPushButton* keepButton() const { return keepButton_; }
    QPushButton* discardButton() const { return discardButton_; }
    QSpinBox* epochsBox() const { return epochsBox_; }
    QDoubleSpinBox* replayBox() const { return replayBox_; }
    LossChart* chart() const { return chart_; }
    QTableWidget* countsTable() const { return countsTable_; }
    QTableWidget* scoresTable() const { return scoresTable_; }
    FineTuneController* controller() const { return controller_; }
    QString scoreText(ScoreRow row, ScoreColumn column) const;
    /// The line under the controls: what is happening, the result, or what went wrong.
    QString messageText() const;
    /// Why a score is missing ("—" in the table), one line per missing set.
    QString scoreNotesText() const;
    /// What the drawings folder holds and what will be held out.
    QString overviewText() const;

signals:
    /// The tuned model was saved to `path`; the receiver makes it the model in use.
    void modelKept(std::shared_ptr<const digitpad::Model> model, const QString& path);

protected:
    /// Closing while a run is going asks first, then stops the run and closes once the worker has let go of
    /// it, so the GUI never waits for a batch or an evaluation; closing with an unkept model asks too.
    void reject() override;
    /// On QEvent::LanguageChange: a failure on the message line is worded again (the dialog's other texts
    /// are set when it opens, in the language installed then).
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    void start();
    void stop();
    void keep();
    void discard();
    void onScanned(const QString& folder, SharedDrawings drawings, const SkippedEntries& skipped);
    void onScanFailed(const QString& folder, const QString& message);
    void onStarted(const digitpad::FineTuneStart& start);
    void onBatch(const digitpad::BatchProgress& progress);
    void onEpoch(const digitpad::EpochMetrics& metrics);
    void onFinished(const digitpad::TrainingOutcome& outcome, const digitpad::FineTuneScores& after,
                    std::shared_ptr<const digitpad::Model> model);
    void onFailed(const digitpad::SessionError& error);
    /// What the message line says of a run that could not start or threw, in the language installed now.
    static QString failureText(const digitpad::SessionError& error);
    /// How many drawings of each digit were read.
    std::array<int, digitpad::kDigitClasses> digitCounts() const;
    void showCounts();
    void showScores(ScoreColumn column, const digitpad::FineTuneScores& scores);
    void showChanges();
    void clearScores();
    void updateOverview();
    void updateButtons();
    /// `details` (core's English reason, for those who need it) becomes the message's tooltip.
    void setMessage(const QString& text, bool error = false, const QString& details = QString());
    void closeIfStopping();

    ModelLibrary* library_ = nullptr;
    FineTuneController* controller_ = nullptr;
    QLabel* overview_ = nullptr;
    QTableWidget* countsTable_ = nullptr;
    QSpinBox* epochsBox_ = nullptr;
    QDoubleSpinBox* replayBox_ = nullptr;
    QPushButton* startButton_ = nullptr;
    QPushButton* stopButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* message_ = nullptr;
    LossChart* chart_ = nullptr;
    QTableWidget* scoresTable_ = nullptr;
    QLabel* scoreNotes_ = nullptr;
    QPushButton* keepButton_ = nullptr;
    QPushButton* discardButton_ = nullptr;
    QPushButton* closeButton_ = nullptr;

    std::shared_ptr<const digitpad::Model> base_;
    QString baseName_;
    bool baseSaved_ = false;
    QString drawingsFolder_;
    QString dataFolder_;
    QString drawnFolder_;
    SharedDrawings drawings_;
    QString scanError_;
    bool scanning_ = false;
    std::shared_ptr<const digitpad::Model> tuned_;
    digitpad::FineTuneStart start_;
    digitpad::FineTuneScores after_;
    bool haveAfter_ = false;
    QString drawnMissing_;
    int totalEpochs_ = 0;
    bool closeWhenStopped_ = false;
    /// The failure the message line shows, to word it again on a language change; empty once another
    /// message replaces it.
    std::optional<digitpad::SessionError> shownFailure_;
    QElapsedTimer runClock_;
};
