// SPDX-License-Identifier: GPL-3.0-or-later
#include "TeachDialog.h"

#include "AppDataFolders.h"
#include "DataErrorText.h"
#include "DivergenceText.h"
#include "FineTuneController.h"
#include "LossChart.h"
#include "ModelLibrary.h"
#include "SessionErrorText.h"

#include "app/Locations.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>

namespace {

constexpr int kDigits = digitpad::kDigitClasses;
/// The default settings of a run; the dialog's boxes start at these.
const digitpad::FineTuneSettings kDefaults{};

/// An absolute path for a location core gives relative to the working directory.
QString absolute(const std::string& path) {
    return QDir::cleanPath(QDir::current().absoluteFilePath(QString::fromStdString(path)));
}

QString native(const QString& path) {
    return QDir::toNativeSeparators(path);
}

/// "93.4 %" with a no-break space, so a wrapped line never leaves the % sign alone.
QString percent(double fraction) {
    return QString::number(100.0 * fraction, 'f', 1) + QChar(0x00A0) + u'%';
}

QString timeStamp() {
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

/// `<folder>/<stem>.dpm`, or `<stem>-2.dpm`, … when a model of that name is there already (two keeps within
/// the same second), so a kept model never overwrites another.
QString freshModelPath(const QString& folder, const QString& stem) {
    const QDir dir(folder);
    QString path = dir.filePath(stem + QStringLiteral(".dpm"));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = dir.filePath(QStringLiteral("%1-%2.dpm").arg(stem).arg(n));
    return path;
}

std::optional<double> scoreOf(const digitpad::FineTuneScores& scores, TeachDialog::ScoreRow row) {
    switch (row) {
    case TeachDialog::ScoreRow::HeldOut:
        return scores.heldOut;
    case TeachDialog::ScoreRow::Mnist:
        return scores.mnist;
    case TeachDialog::ScoreRow::Drawn:
        return scores.drawn;
    }
    return std::nullopt;
}

constexpr std::array kScoreRows{TeachDialog::ScoreRow::HeldOut, TeachDialog::ScoreRow::Mnist,
                                TeachDialog::ScoreRow::Drawn};

QTableWidgetItem* readOnlyItem(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled);
    item->setTextAlignment(Qt::AlignCenter);
    return item;
}

/// A table sized to show all its rows without scrolling.
void fitHeight(QTableWidget* table) {
    table->resizeRowsToContents();
    int height = table->horizontalHeader()->height() + 2 * table->frameWidth();
    for (int row = 0; row < table->rowCount(); ++row)
        height += table->rowHeight(row);
    table->setFixedHeight(height);
}

} // namespace

TeachDialog::TeachDialog(ModelLibrary* library, QWidget* parent) : QDialog(parent), library_(library) {
    registerTrainingTypes();
    setWindowTitle(tr("Teach DigitPad your handwriting"));
    controller_ = new FineTuneController(this);
    buildUi();

    connect(controller_, &FineTuneController::scanned, this, &TeachDialog::onScanned);
    connect(controller_, &FineTuneController::scanFailed, this, &TeachDialog::onScanFailed);
    connect(controller_, &FineTuneController::started, this, &TeachDialog::onStarted);
    connect(controller_, &FineTuneController::batchProgress, this, &TeachDialog::onBatch);
    connect(controller_, &FineTuneController::epochFinished, this, &TeachDialog::onEpoch);
    connect(controller_, &FineTuneController::finished, this, &TeachDialog::onFinished);
    connect(controller_, &FineTuneController::failed, this, &TeachDialog::onFailed);
    connect(controller_, &FineTuneController::runningChanged, this, &TeachDialog::updateButtons);

    dataFolder_ = absolute(digitpad::dataFolder({}));
    drawnFolder_ = absolute(digitpad::drawnDigitsFolder({}));
    setDrawingsFolder(appdata::myDigitsFolder());
}

TeachDialog::~TeachDialog() {
    // The controller's destructor cancels, quits and waits; nothing it still had queued reaches this
    // half-destroyed dialog.
    controller_->disconnect(this);
    delete controller_;
    controller_ = nullptr;
}

void TeachDialog::buildUi() {
    overview_ = new QLabel(this);
    overview_->setWordWrap(true);
    overview_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    countsTable_ = new QTableWidget(2, kDigits + 1, this);
    QStringList digits;
    for (int d = 0; d < kDigits; ++d)
        digits.append(QString::number(d));
    digits.append(tr("all"));
    countsTable_->setHorizontalHeaderLabels(digits);
    countsTable_->setVerticalHeaderLabels({tr("drawings"), tr("held out")});
    countsTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    countsTable_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    countsTable_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    countsTable_->setFocusPolicy(Qt::NoFocus);
    countsTable_->setSelectionMode(QAbstractItemView::NoSelection);
    fitHeight(countsTable_);

    auto* drawingsBox = new QGroupBox(tr("Your drawings"), this);
    auto* drawingsLayout = new QVBoxLayout(drawingsBox);
    drawingsLayout->addWidget(countsTable_);
    drawingsLayout->addWidget(overview_);

    epochsBox_ = new QSpinBox(this);
    epochsBox_->setRange(1, 50);
    epochsBox_->setValue(kDefaults.epochs);
    epochsBox_->setToolTip(tr("How many times the model goes through your drawings"));
    replayBox_ = new QDoubleSpinBox(this);
    replayBox_->setRange(0.0, 90.0);
    replayBox_->setDecimals(0);
    replayBox_->setSingleStep(10.0);
    replayBox_->setSuffix(QStringLiteral(" %"));
    replayBox_->setValue(100.0 * kDefaults.replayFraction);
    replayBox_->setToolTip(tr("The share of MNIST digits mixed into the training, so the model does not "
                              "forget other people's handwriting while it learns yours"));
    startButton_ = new QPushButton(tr("&Start"), this);
    stopButton_ = new QPushButton(tr("S&top"), this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1);
    progress_->setValue(0);
    auto* settingsRow = new QHBoxLayout;
    auto* form = new QFormLayout;
    form->addRow(tr("&Epochs:"), epochsBox_);
    auto* replayForm = new QFormLayout;
    replayForm->addRow(tr("MNIST &replay:"), replayBox_);
    settingsRow->addLayout(form);
    settingsRow->addSpacing(12);
    settingsRow->addLayout(replayForm);
    settingsRow->addSpacing(12);
    settingsRow->addWidget(startButton_);
    settingsRow->addWidget(stopButton_);
    settingsRow->addWidget(progress_, 1);

    message_ = new QLabel(this);
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    chart_ = new LossChart(this);
    // A fine-tuning run has no validation split: its held-out drawings play that part, so the chart's
    // validation accuracy curve shows them (onEpoch) and the validation loss, never measured, leaves the
    // legend.
    chart_->validationAccuracyGraph()->setName(tr("held-out drawings accuracy"));
    chart_->validationLossGraph()->removeFromLegend();
    chart_->setMinimumHeight(220);

    scoresTable_ = new QTableWidget(static_cast<int>(kScoreRows.size()), 3, this);
    scoresTable_->setHorizontalHeaderLabels({tr("Before"), tr("After"), tr("Change")});
    scoresTable_->setVerticalHeaderLabels(
        {tr("Your held-out drawings"), tr("MNIST test"), tr("DigitPad's drawn digits")});
    scoresTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    scoresTable_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scoresTable_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scoresTable_->setFocusPolicy(Qt::NoFocus);
    scoresTable_->setSelectionMode(QAbstractItemView::NoSelection);
    scoreNotes_ = new QLabel(this);
    scoreNotes_->setWordWrap(true);
    scoreNotes_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* resultsBox = new QGroupBox(tr("Accuracy before and after"), this);
    auto* resultsLayout = new QVBoxLayout(resultsBox);
    resultsLayout->addWidget(scoresTable_);
    resultsLayout->addWidget(scoreNotes_);
    clearScores();
    fitHeight(scoresTable_);

    auto* buttons = new QDialogButtonBox(this);
    keepButton_ = buttons->addButton(tr("&Keep new model"), QDialogButtonBox::AcceptRole);
    discardButton_ = buttons->addButton(tr("&Discard"), QDialogButtonBox::DestructiveRole);
    closeButton_ = buttons->addButton(QDialogButtonBox::Close);
    // Enter must never keep or discard a model by accident: only a click or the button's own key does.
    for (QPushButton* button : {startButton_, stopButton_, keepButton_, discardButton_, closeButton_})
        button->setAutoDefault(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(drawingsBox);
    layout->addLayout(settingsRow);
    layout->addWidget(message_);
    layout->addWidget(chart_, 1);
    layout->addWidget(resultsBox);
    layout->addWidget(buttons);

    connect(startButton_, &QPushButton::clicked, this, &TeachDialog::start);
    connect(stopButton_, &QPushButton::clicked, this, &TeachDialog::stop);
    connect(keepButton_, &QPushButton::clicked, this, &TeachDialog::keep);
    connect(discardButton_, &QPushButton::clicked, this, &TeachDialog::discard);
    connect(closeButton_, &QPushButton::clicked, this, &TeachDialog::reject);
    // Room for the curves, but never taller than the screen: a 1366×768 laptop must show the buttons.
    const QRect available = (parentWidget() ? parentWidget()->screen() : screen())->availableGeometry();
    resize(std::min(820, available.width()), std::min(760, available.height() - 60));
}

void TeachDialog::setBaseModel(std::shared_ptr<const digitpad::Model> model, const QString& path) {
    base_ = std::move(model);
    baseSaved_ = !path.isEmpty();
    // A model that exists only in memory gets the name Keep will save it under, so the tuned model's header
    // names a file that exists.
    baseName_ = baseSaved_ ? QFileInfo(path).fileName() : QStringLiteral("untuned-%1.dpm").arg(timeStamp());
    updateOverview();
    updateButtons();
}

void TeachDialog::setDrawingsFolder(const QString& folder) {
    drawingsFolder_ = folder;
    drawings_.reset();
    scanError_.clear();
    scanning_ = true;
    showCounts();
    updateOverview();
    setMessage(tr("Reading your drawings…"));
    updateButtons();
    controller_->scan(folder);
}

void TeachDialog::setDataFolder(const QString& folder) {
    dataFolder_ = folder;
}

void TeachDialog::setDrawnFolder(const QString& folder) {
    drawnFolder_ = folder;
}

bool TeachDialog::isRunning() const {
    return controller_->isRunning();
}

int TeachDialog::drawingCount() const {
    return drawings_ ? static_cast<int>(drawings_->size()) : 0;
}

QString TeachDialog::scoreText(ScoreRow row, ScoreColumn column) const {
    const QTableWidgetItem* item = scoresTable_->item(static_cast<int>(row), static_cast<int>(column));
    return item ? item->text() : QString();
}

QString TeachDialog::messageText() const {
    return message_->text();
}

QString TeachDialog::scoreNotesText() const {
    return scoreNotes_->text();
}

QString TeachDialog::overviewText() const {
    return overview_->text();
}

void TeachDialog::onScanned(const QString& folder, SharedDrawings drawings, const SkippedEntries& skipped) {
    if (folder != drawingsFolder_)
        return; // an earlier folder's answer
    scanning_ = false;
    drawings_ = std::move(drawings);
    showCounts();
    updateOverview();
    QString message =
        drawingCount() < kMinimumDrawings
            ? tr("Keep some drawings first: after an answer, press the digit's key.")
            : tr("Press Start to teach the model your handwriting. The model in use stays as it "
                 "is until you keep the new one.");
    // The files by name here, core's English reasons in the tooltip.
    QStringList names;
    QStringList reasons;
    for (const digitpad::Error& entry : skipped) {
        names.append(QFileInfo(QString::fromStdString(entry.path)).fileName());
        reasons.append(QString::fromStdString(entry.message));
    }
    if (!skipped.empty())
        message += QLatin1Char(' ') +
                   tr("%n damaged file(s) left out: %1", nullptr, static_cast<int>(skipped.size()))
                       .arg(names.mid(0, 3).join(QStringLiteral("; ")) +
                            (names.size() > 3 ? QStringLiteral("; …") : QString()));
    setMessage(message, false, reasons.join(QLatin1Char('\n')));
    updateButtons();
}

void TeachDialog::onScanFailed(const QString& folder, const QString& message) {
    if (folder != drawingsFolder_)
        return;
    scanning_ = false;
    drawings_.reset();
    scanError_ = message;
    showCounts();
    updateOverview();
    setMessage(tr("Cannot read your drawings in %1.").arg(native(folder)), true, message);
    updateButtons();
}

std::array<int, kDigits> TeachDialog::digitCounts() const {
    std::array<int, kDigits> counts{};
    if (drawings_)
        for (const digitpad::LabelledDrawing& drawing : *drawings_)
            if (drawing.label >= 0 && drawing.label < kDigits)
                ++counts[static_cast<std::size_t>(drawing.label)];
    return counts;
}

void TeachDialog::showCounts() {
    const std::array<int, kDigits> counts = digitCounts();
    int total = 0;
    int heldOut = 0;
    for (int d = 0; d < kDigits; ++d) {
        const int count = counts[static_cast<std::size_t>(d)];
        // As runFineTune splits: the holdOutEvery-th, 2·holdOutEvery-th, … drawing of each digit.
        const int held = count / kDefaults.holdOutEvery;
        total += count;
        heldOut += held;
        countsTable_->setItem(0, d, readOnlyItem(QString::number(count)));
        countsTable_->setItem(1, d, readOnlyItem(QString::number(held)));
    }
    countsTable_->setItem(0, kDigits, readOnlyItem(QString::number(total)));
    countsTable_->setItem(1, kDigits, readOnlyItem(QString::number(heldOut)));
}

void TeachDialog::updateOverview() {
    QStringList lines;
    const QString folder = native(drawingsFolder_);
    if (scanning_) {
        lines.append(tr("Reading %1…").arg(folder));
    } else if (!scanError_.isEmpty()) {
        lines.append(tr("The drawings in %1 could not be read.").arg(folder));
    } else if (drawingCount() == 0) {
        lines.append(tr("You have not kept any drawings yet. DigitPad keeps them in %1.").arg(folder));
    } else {
        const int count = drawingCount();
        const QString drawings = count == 1 ? tr("1 drawing") : tr("%1 drawings").arg(count);
        if (count < kMinimumDrawings)
            lines.append(tr("Only %1 so far, in %2: keep at least %3 before teaching.")
                             .arg(drawings, folder)
                             .arg(kMinimumDrawings));
        else
            lines.append(
                tr("%1 in %2. Every fifth drawing of each digit is held out: the model does not learn "
                   "from it, it scores the model before and after.")
                    .arg(drawings, folder));
        QStringList unscored;
        const std::array<int, kDigits> counts = digitCounts();
        for (int d = 0; d < kDigits; ++d) {
            const int n = counts[static_cast<std::size_t>(d)];
            if (n > 0 && n < kDefaults.holdOutEvery)
                unscored.append(QString::number(d));
        }
        if (!unscored.isEmpty())
            lines.append(tr("No held-out drawing yet of %1: keep %2 or more of a digit to score it.")
                             .arg(unscored.join(QStringLiteral(", ")))
                             .arg(kDefaults.holdOutEvery));
    }
    if (base_ && !baseSaved_)
        lines.append(tr("The model in use was trained just now and is not saved: Keep saves it too, as %1 "
                        "next to the new one, so it is not lost.")
                         .arg(baseName_));
    overview_->setText(lines.join(QLatin1Char('\n')));
}

void TeachDialog::updateButtons() {
    const bool running = controller_->isRunning();
    const bool ready = base_ && !scanning_ && scanError_.isEmpty() && drawingCount() >= kMinimumDrawings;
    startButton_->setEnabled(ready && !running && !tuned_);
    stopButton_->setEnabled(running && !closeWhenStopped_);
    epochsBox_->setEnabled(!running && !tuned_);
    replayBox_->setEnabled(!running && !tuned_);
    keepButton_->setEnabled(tuned_ && !running);
    discardButton_->setEnabled(tuned_ && !running);
}

void TeachDialog::setMessage(const QString& text, bool error, const QString& details) {
    shownFailure_.reset();
    message_->setText(text);
    message_->setToolTip(details);
    message_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void TeachDialog::clearScores() {
    for (ScoreRow row : kScoreRows)
        for (int column = 0; column < scoresTable_->columnCount(); ++column)
            scoresTable_->setItem(static_cast<int>(row), column, readOnlyItem(QString()));
    scoreNotes_->clear();
    scoreNotes_->hide();
    haveAfter_ = false;
}

void TeachDialog::showScores(ScoreColumn column, const digitpad::FineTuneScores& scores) {
    for (ScoreRow row : kScoreRows) {
        const std::optional<double> score = scoreOf(scores, row);
        scoresTable_->setItem(static_cast<int>(row), static_cast<int>(column),
                              readOnlyItem(score ? percent(*score) : QStringLiteral("—")));
    }
}

void TeachDialog::showChanges() {
    for (ScoreRow row : kScoreRows) {
        const std::optional<double> before = scoreOf(start_.before, row);
        const std::optional<double> after = haveAfter_ ? scoreOf(after_, row) : std::nullopt;
        QString text;
        if (before && after) {
            // From the percentages as shown (one decimal), so the change always matches the two cells and a
            // tiny loss does not read "-0.0 points".
            const double points = (std::round(1000.0 * *after) - std::round(1000.0 * *before)) / 10.0;
            text = points == 0.0 ? tr("no change")
                                 : tr("%1%2 points")
                                       .arg(points > 0.0 ? QStringLiteral("+") : QString())
                                       .arg(points, 0, 'f', 1);
        }
        scoresTable_->setItem(static_cast<int>(row), static_cast<int>(ScoreColumn::Change),
                              readOnlyItem(text));
    }
}

void TeachDialog::start() {
    if (!startButton_->isEnabled() || controller_->isRunning())
        return;
    FineTuneJob job;
    job.base = base_;
    job.baseName = baseName_;
    job.drawings = drawings_;
    job.dataFolder = dataFolder_;
    drawnMissing_.clear();
    if (QFileInfo(drawnFolder_).isDir())
        job.drawnFolder = drawnFolder_;
    else
        drawnMissing_ =
            tr("DigitPad's drawn digits: not scored, the set is not at %1.").arg(native(drawnFolder_));
    job.settings.epochs = epochsBox_->value();
    job.settings.replayFraction = replayBox_->value() / 100.0;

    totalEpochs_ = job.settings.epochs;
    start_ = {};
    after_ = {};
    clearScores();
    chart_->reset(totalEpochs_);
    progress_->setRange(0, 0); // busy until the first batch tells how many there are
    closeWhenStopped_ = false;
    runClock_.start();
    setMessage(tr("Preparing your drawings and scoring the model in use…"));
    controller_->start(job);
    updateButtons();
}

void TeachDialog::stop() {
    controller_->cancel();
    setMessage(tr("Stopping…"));
}

void TeachDialog::onStarted(const digitpad::FineTuneStart& start) {
    start_ = start;
    // An ensemble's members are taught one after the other: the chart and the progress span all of them.
    if (start.totalEpochs > totalEpochs_) {
        totalEpochs_ = start.totalEpochs;
        chart_->reset(totalEpochs_);
    }
    showScores(ScoreColumn::Before, start.before);
    QStringList notes;
    if (start.heldOutDrawings == 0)
        notes.append(
            tr("Your held-out drawings: none yet, every fifth drawing of a digit is held out; keep %1 "
               "or more of a digit to score it.")
                .arg(kDefaults.holdOutEvery));
    if (start.mnistMissing) {
        // The script's path stays as it is: it is what the person types.
        const QString hint = start.mnistMissing->kind == digitpad::ErrorKind::NoSuchFolder
                                 ? tr(" (scripts/fetch-mnist downloads MNIST into data/mnist)")
                                 : QString();
        notes.append(tr("MNIST test: not scored and not replayed, %1%2")
                         .arg(dataErrorText(*start.mnistMissing), hint));
    }
    if (!drawnMissing_.isEmpty())
        notes.append(drawnMissing_);
    if (start.members > 1)
        notes.append(tr("The model is an ensemble of %1 networks: each is taught in turn, so teaching takes "
                        "%1 times as long.")
                         .arg(start.members));
    scoreNotes_->setText(notes.join(QLatin1Char('\n')));
    scoreNotes_->setVisible(!notes.isEmpty());
    setMessage(tr("Teaching: %1 drawings × %2 copies and %3 MNIST images per epoch, %4 held out.")
                   .arg(start.trainingDrawings)
                   .arg(kDefaults.copiesPerDrawing)
                   .arg(start.replayImages)
                   .arg(start.heldOutDrawings));
}

void TeachDialog::onBatch(const digitpad::BatchProgress& progress) {
    chart_->addBatch(progress);
    if (progress.batchesPerEpoch > 0) {
        progress_->setRange(0, totalEpochs_ * progress.batchesPerEpoch);
        progress_->setValue((progress.epoch - 1) * progress.batchesPerEpoch + progress.batch);
    }
}

void TeachDialog::onEpoch(const digitpad::EpochMetrics& metrics) {
    digitpad::EpochMetrics shown = metrics;
    shown.validationAccuracy = metrics.testAccuracy; // the held-out drawings, see buildUi()
    chart_->addEpoch(shown);
}

void TeachDialog::onFinished(const digitpad::TrainingOutcome& outcome, const digitpad::FineTuneScores& after,
                             std::shared_ptr<const digitpad::Model> model) {
    progress_->setRange(0, 1);
    progress_->setValue(model ? 1 : 0);
    if (closeWhenStopped_) {
        closeIfStopping();
        return;
    }
    const QString seconds = QString::number(runClock_.elapsed() / 1000.0, 'f', 1);
    if (outcome.status == digitpad::TrainingStatus::Completed && model) {
        tuned_ = std::move(model);
        after_ = after;
        haveAfter_ = true;
        showScores(ScoreColumn::After, after);
        showChanges();
        const QString heldOut = start_.before.heldOut && after.heldOut
                                    ? tr(" Your held-out drawings: %1 before, %2 after.")
                                          .arg(percent(*start_.before.heldOut), percent(*after.heldOut))
                                    : QString();
        setMessage(tr("Done in %1 s.%2 Keep the new model to use it, or discard it.").arg(seconds, heldOut));
    } else if (outcome.status == digitpad::TrainingStatus::Cancelled) {
        setMessage(tr("Stopped: nothing was tuned, the model in use is unchanged."));
    } else {
        setMessage(tr("The run went wrong (%1): nothing was tuned, the model in use is unchanged. Try fewer "
                      "epochs.")
                       .arg(divergenceText(outcome.divergence)),
                   true);
    }
    updateButtons();
}

void TeachDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange && shownFailure_)
        message_->setText(failureText(*shownFailure_));
    QDialog::changeEvent(event);
}

QString TeachDialog::failureText(const digitpad::SessionError& error) {
    if (error.kind == digitpad::ErrorKind::Unexpected)
        return tr("Fine-tuning stopped because of an unexpected error. The model in use is unchanged.");
    return tr("Cannot teach: %1. The model in use is unchanged.").arg(sessionErrorText(error));
}

void TeachDialog::onFailed(const digitpad::SessionError& error) {
    progress_->setRange(0, 1);
    progress_->setValue(0);
    if (closeWhenStopped_) {
        closeIfStopping();
        return;
    }
    // Core's English goes to the tooltip, for those who need it.
    setMessage(failureText(error), true, QString::fromStdString(error.message));
    shownFailure_ = error;
    updateButtons();
}

void TeachDialog::closeIfStopping() {
    closeWhenStopped_ = false;
    updateButtons();
    QDialog::reject();
}

void TeachDialog::keep() {
    if (!tuned_ || controller_->isRunning())
        return;
    const QString folder = appdata::tunedModelsFolder();
    if (!QDir().mkpath(folder)) {
        setMessage(tr("Cannot create the folder %1 for the new model.").arg(native(folder)), true);
        return;
    }
    if (!baseSaved_) {
        const QString basePath = QDir(folder).filePath(baseName_);
        const digitpad::Status saved = library_->save(*base_, basePath);
        if (!saved) {
            setMessage(tr("Cannot save the model in use to %1.").arg(native(basePath)), true,
                       QString::fromStdString(saved.error().message));
            return;
        }
        baseSaved_ = true;
    }
    const QString path = freshModelPath(folder, QStringLiteral("tuned-%1").arg(timeStamp()));
    const digitpad::Status saved = library_->save(*tuned_, path);
    if (!saved) {
        setMessage(tr("Cannot save the new model to %1.").arg(native(path)), true,
                   QString::fromStdString(saved.error().message));
        return;
    }
    std::shared_ptr<const digitpad::Model> kept = std::move(tuned_);
    tuned_.reset();
    updateButtons();
    emit modelKept(std::move(kept), path);
    accept();
}

void TeachDialog::discard() {
    if (!tuned_ || controller_->isRunning())
        return;
    tuned_.reset();
    setMessage(tr("Discarded: the model in use is unchanged."));
    updateButtons();
}

void TeachDialog::reject() {
    if (controller_->isRunning()) {
        if (closeWhenStopped_)
            return; // already stopping; it closes when the worker lets go
        const auto answer = QMessageBox::question(
            this, tr("Teaching in progress"), tr("Stop teaching and close? The model in use stays as it is."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
        if (!controller_->isRunning()) { // the run ended while the question was up
            tuned_.reset();
            QDialog::reject();
            return;
        }
        closeWhenStopped_ = true;
        controller_->cancel();
        setMessage(tr("Stopping…"));
        updateButtons();
        return;
    }
    if (tuned_) {
        const auto answer = QMessageBox::question(
            this, tr("Discard the new model?"),
            tr("The new model is not kept. Close and discard it? The model in use stays as it is."),
            QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Discard)
            return;
        tuned_.reset();
    }
    QDialog::reject();
}
