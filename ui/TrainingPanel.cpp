// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrainingPanel.h"

#include "AppDataFolders.h"
#include "AugmentPreview.h"
#include "ErrorMessage.h"
#include "LogCategories.h"
#include "LossChart.h"
#include "ScrollColumn.h"
#include "SessionErrorText.h"
#include "TrainingController.h"
#include "TrainingInsights.h"
#include "TrainingSettingsForm.h"
#include "TrainingTypes.h"

#include "app/KnownDatasets.h"
#include "app/Locations.h"
#include "data/ClassNames.h"
#include "data/DigitFormat.h"
#include "io/ModelFile.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStringList>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

/// The repository's root when this build runs from a source checkout (the bundled models' folder's parent).
QString sourceRoot() {
    const std::optional<std::string> root = digitpad::sourceTreeRoot();
    return root ? QDir::cleanPath(QString::fromStdString(*root)) : QString();
}

/// The shared default (data/mnist here, else the checkout's), as an absolute path for the folder field.
QString defaultDataFolder() {
    return QDir::cleanPath(
        QDir::current().absoluteFilePath(QString::fromStdString(digitpad::dataFolder({}))));
}

/// True when folder holds a training split in one of the spellings readIdxFolder accepts.
bool hasTrainingFiles(const QString& folder) {
    const QDir dir(folder);
    return dir.exists() && !dir.entryList({QStringLiteral("train-images*")}, QDir::Files).isEmpty();
}

/// The one command that puts MNIST into folder.
QString fetchCommand(const QString& folder) {
    const QString root = sourceRoot();
    const QString script = root.isEmpty()
                               ? QStringLiteral("scripts/fetch-mnist")
                               : QDir(root).absoluteFilePath(QStringLiteral("scripts/fetch-mnist"));
    const QString repoDefault =
        root.isEmpty() ? QString() : QDir(root).absoluteFilePath(QStringLiteral("data/mnist"));
    if (QDir::cleanPath(folder) == repoDefault)
        return QDir::toNativeSeparators(script);
    return QStringLiteral("%1 %2").arg(QDir::toNativeSeparators(script), QDir::toNativeSeparators(folder));
}

/// Where the Train tab's settings live between runs of the app (group "train" of the app's settings).
class TrainSettings {
public:
    TrainSettings() : settings_(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")) {
        settings_.beginGroup(QStringLiteral("train"));
    }
    QSettings& operator*() { return settings_; }

private:
    QSettings settings_;
};

const QString kDataFolderKey = QStringLiteral("dataFolder");

/// Which of a run's models an entry of the weights box stands for.
enum class KeptWeights { Last, Best };

QString formatDuration(double seconds) {
    const int s = static_cast<int>(seconds + 0.5);
    if (s >= 3600)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    if (s >= 60)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 s").arg(s);
}

} // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent) {
    registerTrainingTypes();
    controller_ = new TrainingController(this);
    buildUi();

    connect(controller_, &TrainingController::runningChanged, this, &TrainingPanel::onRunningChanged);
    connect(controller_, &TrainingController::pausedChanged, this, &TrainingPanel::onPausedChanged);
    connect(controller_, &TrainingController::dataLoaded, this, &TrainingPanel::onDataLoaded);
    connect(controller_, &TrainingController::batchProgress, this, &TrainingPanel::onBatch);
    connect(controller_, &TrainingController::epochFinished, this, &TrainingPanel::onEpoch);
    connect(controller_, &TrainingController::finished, this, &TrainingPanel::onFinished);
    connect(controller_, &TrainingController::failed, this, &TrainingPanel::onFailed);
    // The confusion matrix, accuracy per class and mistakes: the validation set's every epoch, the test set's
    // once the run's model is scored.
    connect(controller_, &TrainingController::runningChanged, insights_, [this](bool running) {
        if (running) {
            // The names the run's model will get (Fashion-MNIST's for its folder, a labels file's), so the
            // validation matrix names its classes too; digits when the folder gives none.
            const digitpad::Result<std::vector<std::string>> names =
                digitpad::classNamesFor(QDir::current().absoluteFilePath(dataFolder()).toStdString(),
                                        std::nullopt, digitpad::kDigitClasses);
            QStringList shown;
            if (names && !digitpad::areDigitNames(*names))
                for (const std::string& name : *names)
                    shown << QString::fromStdString(name);
            insights_->startRun(shown);
        }
    });
    connect(controller_, &TrainingController::validationSetLoaded, insights_,
            &TrainingInsights::setValidationSet);
    connect(controller_, &TrainingController::epochFinished, insights_, &TrainingInsights::showEpoch);
    connect(controller_, &TrainingController::testEvaluated, insights_, &TrainingInsights::showTestReport);

    TrainSettings settings;
    form_->restoreFields(*settings);
    const QString savedFolder = (*settings).value(kDataFolderKey).toString();
    setDataFolder(savedFolder.isEmpty() ? defaultDataFolder() : savedFolder);
    offerModels({});
    onRunningChanged(false);
}

TrainingPanel::~TrainingPanel() {
    saveSettings();
    // The controller's destructor cancels, quits and waits; nothing it still had queued reaches this
    // half-destroyed widget.
    controller_->disconnect(this);
    delete controller_;
    controller_ = nullptr;
}

void TrainingPanel::buildUi() {
    folderEdit_ = new QLineEdit(this);
    folderEdit_->setObjectName("dataFolderEdit");
    // The texts are set in retranslate(), after building and on every language change.
    browseButton_ = new QToolButton(this);
    folderHint_ = new QLabel(this);
    folderHint_->setWordWrap(true);
    folderHint_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The known data sets found on this machine (MNIST, Fashion-MNIST), each a shortcut to its folder; hidden
    // when there are none.
    datasetBox_ = new QComboBox(this);
    datasetBox_->setObjectName("datasetBox");
    for (const digitpad::DatasetLocation& location :
         digitpad::presentDatasets(digitpad::dataFolder(std::nullopt), digitpad::fashionMnistCandidates()))
        datasetBox_->addItem(
            QString::fromStdString(location.name),
            QDir::cleanPath(QDir::current().absoluteFilePath(QString::fromStdString(location.folder))));
    datasetBox_->setVisible(datasetBox_->count() > 0);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(datasetBox_);
    folderRow->addWidget(folderEdit_, 1);
    folderRow->addWidget(browseButton_);
    dataBox_ = new QGroupBox(this);
    auto* dataLayout = new QVBoxLayout(dataBox_);
    dataLayout->addLayout(folderRow);
    fetchHelpButton_ = new QPushButton(this);
    fetchHelpButton_->setObjectName("fetchHelpButton");
    connect(fetchHelpButton_, &QPushButton::clicked, this, &TrainingPanel::explainFetching);
    auto* hintRow = new QHBoxLayout;
    hintRow->addWidget(folderHint_, 1);
    hintRow->addWidget(fetchHelpButton_, 0, Qt::AlignTop);
    dataLayout->addLayout(hintRow);

    form_ = new TrainingSettingsForm(this);
    settingsBox_ = new QGroupBox(this);
    auto* settingsLayout = new QVBoxLayout(settingsBox_);
    settingsLayout->addWidget(form_);

    startButton_ = new QPushButton(this);
    startButton_->setDefault(false);
    pauseButton_ = new QPushButton(this);
    stopButton_ = new QPushButton(this);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(startButton_);
    runRow->addWidget(pauseButton_);
    runRow->addWidget(stopButton_);

    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setTextVisible(true);
    progress_->setFormat(tr("Idle"));

    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("trainingMessage"));
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message_->setMinimumHeight(message_->fontMetrics().lineSpacing() * 3);
    message_->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    useButton_ = new QPushButton(this);
    saveButton_ = new QPushButton(this);
    auto* resultRow = new QHBoxLayout;
    resultRow->addWidget(useButton_);
    resultRow->addWidget(saveButton_);
    weightsBox_ = new QComboBox(this);
    weightsLabel_ = new QLabel(this);
    weightsLabel_->setBuddy(weightsBox_);
    auto* weightsRow = new QHBoxLayout;
    weightsRow->addWidget(weightsLabel_);
    weightsRow->addWidget(weightsBox_, 1);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(dataBox_);
    leftLayout->addWidget(settingsBox_);
    leftLayout->addLayout(runRow);
    leftLayout->addWidget(progress_);
    leftLayout->addWidget(message_);
    leftLayout->addLayout(weightsRow);
    leftLayout->addLayout(resultRow);
    leftLayout->addStretch(1);
    // The settings column scrolls when the window is short (a 2× screen of a small laptop) rather than
    // cutting off Start and the result.
    left->setMaximumWidth(420);
    leftScroll_ = new ScrollColumn(left, this);
    leftScroll_->setObjectName("settingsScroll");

    chart_ = new LossChart(this);
    insights_ = new TrainingInsights(chart_, this);
    pngButton_ = new QPushButton(this);
    csvButton_ = new QPushButton(this);
    auto* exportRow = new QHBoxLayout;
    exportRow->addStretch(1);
    exportRow->addWidget(pngButton_);
    exportRow->addWidget(csvButton_);

    augmentPreview_ = new AugmentPreview(this);
    shuffleButton_ = new QPushButton(this);
    previewHint_ = new QLabel(this);
    previewHint_->setWordWrap(true);
    previewBox_ = new QGroupBox(this);
    // The strip gets the box's full width (its tiles grow in whole multiples of 28 px); the button goes
    // below.
    auto* previewButtons = new QHBoxLayout;
    previewButtons->addWidget(previewHint_, 1);
    previewButtons->addWidget(shuffleButton_);
    auto* previewLayout = new QVBoxLayout(previewBox_);
    previewLayout->addWidget(augmentPreview_);
    previewLayout->addLayout(previewButtons);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(insights_, 1);
    rightLayout->addWidget(previewBox_);
    rightLayout->addLayout(exportRow);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(leftScroll_);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(splitter);

    connect(form_, &TrainingSettingsForm::augmentChanged, this, &TrainingPanel::updateAugmentPreview);
    connect(shuffleButton_, &QPushButton::clicked, augmentPreview_, &AugmentPreview::shuffle);
    updateAugmentPreview();
    connect(browseButton_, &QToolButton::clicked, this, &TrainingPanel::chooseFolder);
    connect(folderEdit_, &QLineEdit::textChanged, this, &TrainingPanel::checkDataFolder);
    connect(datasetBox_, &QComboBox::activated, this,
            [this](int index) { setDataFolder(datasetBox_->itemData(index).toString()); });
    connect(startButton_, &QPushButton::clicked, this, &TrainingPanel::start);
    connect(pauseButton_, &QPushButton::clicked, this, &TrainingPanel::togglePause);
    connect(stopButton_, &QPushButton::clicked, controller_, &TrainingController::cancel);
    connect(useButton_, &QPushButton::clicked, this, [this] {
        const std::shared_ptr<const digitpad::Model> model = finishedModel();
        if (!model)
            return;
        qCInfo(lcTrain) << "using the trained model, epoch" << model->info.epochs;
        emit useModelRequested(model);
        emit statusMessage(
            tr("The Recognize tab now uses the model trained here (epoch %1).").arg(model->info.epochs));
    });
    connect(saveButton_, &QPushButton::clicked, this, &TrainingPanel::saveModel);
    connect(pngButton_, &QPushButton::clicked, this, &TrainingPanel::exportPng);
    connect(csvButton_, &QPushButton::clicked, this, &TrainingPanel::exportCsv);
    retranslate();
}

void TrainingPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TrainingPanel::retranslate() {
    folderEdit_->setToolTip(
        tr("A folder with IDX files: train-images-idx3-ubyte, train-labels-idx1-ubyte and "
           "optionally the t10k pair (MNIST, Fashion-MNIST, ...)"));
    browseButton_->setText(tr("…"));
    browseButton_->setToolTip(tr("Choose the data folder"));
    datasetBox_->setToolTip(tr("Train on a data set found on this computer"));
    dataBox_->setTitle(tr("Data"));
    fetchHelpButton_->setText(tr("How to download MNIST…"));
    settingsBox_->setTitle(tr("Network and training"));
    startButton_->setText(tr("&Start"));
    pauseButton_->setText(controller_ && controller_->isPaused() ? tr("Res&ume") : tr("&Pause"));
    stopButton_->setText(tr("St&op"));
    useButton_->setText(tr("Use th&is model"));
    useButton_->setToolTip(tr("Recognize drawings with the model this run trained"));
    saveButton_->setText(tr("Save mo&del…"));
    weightsBox_->setToolTip(tr("A run that got worse, was stopped or diverged keeps the weights of its last "
                               "complete epoch and of its best one by validation accuracy"));
    weightsLabel_->setText(tr("Weights:"));
    pngButton_->setText(tr("E&xport curves as PNG…"));
    csvButton_->setText(tr("Export metrics as CSV…"));
    augmentPreview_->setToolTip(tr("Training images of the data folder as the network will see them"));
    shuffleButton_->setText(tr("Shuffle"));
    shuffleButton_->setToolTip(tr("Other images, other distortions"));
    if (messageWords_)
        message_->setText(messageWords_());
    if (progressWords_ && !isTraining())
        progress_->setFormat(progressWords_());
    else if (!isTraining() && progress_->value() == 0 && metrics_.empty())
        progress_->setFormat(tr("Idle"));
    if (folderHint_->isVisibleTo(this))
        checkDataFolder();
    updatePreviewTexts();
    if (offered_) {
        // The entries name their epochs; the chosen one stays chosen.
        const int chosen = weightsBox_->currentIndex();
        offerModels(*offered_);
        weightsBox_->setCurrentIndex(chosen);
    }
}

void TrainingPanel::saveSettings() const {
    TrainSettings settings;
    form_->saveFields(*settings);
    (*settings).setValue(kDataFolderKey, dataFolder());
}

bool TrainingPanel::isTraining() const {
    return controller_ && controller_->isRunning();
}

void TrainingPanel::stopAndWait() {
    if (!isTraining())
        return;
    controller_->stopAndWait();
    setMessage([] { return tr("Training stopped; the model in use is unchanged."); });
}

QString TrainingPanel::dataFolder() const {
    return folderEdit_->text().trimmed();
}

void TrainingPanel::setDataFolder(const QString& folder) {
    folderEdit_->setText(QDir::toNativeSeparators(folder));
    checkDataFolder();
}

QString TrainingPanel::messageText() const {
    return message_->text();
}

void TrainingPanel::chooseFolder() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Choose an IDX data folder"), dataFolder());
    if (!folder.isEmpty())
        setDataFolder(folder);
}

void TrainingPanel::updateAugmentPreview() {
    const digitpad::AugmentSettings settings = form_->augmentSettings();
    const digitpad::FramingSteps steps = form_->config().framingSteps;
    augmentPreview_->setFramingSteps(steps);
    augmentPreview_->setSettings(settings);
    updatePreviewTexts();
}

void TrainingPanel::updatePreviewTexts() {
    const digitpad::AugmentSettings settings = form_->augmentSettings();
    const digitpad::FramingSteps steps = form_->config().framingSteps;
    QStringList stepNames;
    if (steps.deskew)
        stepNames << tr("deskewed");
    if (steps.strokeWidth)
        stepNames << tr("stroke width normalised");
    const QString stepsText = stepNames.isEmpty() ? QString() : tr(", %1").arg(stepNames.join(tr(", ")));
    if (settings.enabled) {
        previewBox_->setTitle(tr("Augmented training images (strength %1%2)")
                                  .arg(form_->augmentStrengthBox()->value())
                                  .arg(stepsText));
        previewHint_->setText(tr("Every epoch distorts each training image afresh."));
    } else {
        previewBox_->setTitle(tr("Training images (augmentation off%1)").arg(stepsText));
        previewHint_->setText(tr("Tick Augment to see the distortions training would apply."));
    }
}

void TrainingPanel::checkDataFolder() {
    const QString folder = QDir::fromNativeSeparators(dataFolder());
    // The box names the data set the folder holds, or nothing for another folder.
    datasetBox_->setCurrentIndex(
        datasetBox_->findData(QDir::cleanPath(QDir::current().absoluteFilePath(folder))));
    const bool hasData = hasTrainingFiles(folder);
    // Only a folder with training files is read: typing a path must not start a read per keystroke.
    augmentPreview_->setDataFolder(hasData ? QDir::current().absoluteFilePath(folder) : QString());
    if (hasData) {
        folderHint_->clear();
        folderHint_->setVisible(false);
        fetchHelpButton_->setVisible(false);
        return;
    }
    folderHint_->setText(
        tr("No training data in this folder. Choose a folder with MNIST's files, or download "
           "MNIST into this one."));
    folderHint_->setVisible(true);
    fetchHelpButton_->setVisible(true);
}

void TrainingPanel::explainFetching() {
    const QString folder = QDir::fromNativeSeparators(dataFolder());
    const QString absolute = QDir::cleanPath(QDir::current().absoluteFilePath(folder));
    // The command is for copying into a terminal, so it is in the details, where it can be selected whole.
    showErrorMessage(this, tr("Download MNIST"),
                     tr("DigitPad's sources come with a script that downloads MNIST (about 12 MB) into this "
                        "folder. Run it in a terminal, then press Start. Show Details has the command."),
                     fetchCommand(absolute), QMessageBox::Information);
}

void TrainingPanel::start() {
    if (isTraining())
        return;
    if (const std::optional<TrainingSettingsForm::Problem> problem = form_->validationProblem()) {
        setMessage([words = problem->words] { return tr("Cannot start: %1").arg(words()); }, true);
        message_->setToolTip(problem->detail);
        return;
    }
    saveSettings();
    begin(form_->config(), nullptr);
}

bool TrainingPanel::resumeRun(std::shared_ptr<const digitpad::Checkpoint> checkpoint) {
    if (isTraining() || !checkpoint)
        return false;
    setDataFolder(QDir::fromNativeSeparators(QString::fromStdString(checkpoint->dataFolder)));
    const digitpad::TrainConfig config = checkpoint->config; // a copy: the pointer is moved below
    form_->setConfig(config);
    begin(config, std::move(checkpoint));
    return true;
}

void TrainingPanel::begin(const digitpad::TrainConfig& config,
                          std::shared_ptr<const digitpad::Checkpoint> resume) {
    models_ = {};
    offerModels({});
    metrics_.clear();
    totalEpochs_ = config.epochs;
    resumedEpochs_ = resume ? resume->epochsDone() : 0;
    pausedSeconds_ = 0.0;
    runClock_.invalidate();
    chart_->reset(config.epochs);
    progress_->setValue(0);
    progressWords_ = nullptr;
    progress_->setFormat(tr("Loading data…"));
    setMessage(tr("Loading %1…").arg(QDir::toNativeSeparators(dataFolder())));
    if (resume) {
        // The curves so far: one training-loss point per epoch stands for the batches that are not kept.
        for (const digitpad::EpochMetrics& metrics : resume->state.epochs) {
            metrics_.push_back(metrics);
            chart_->addBatch({metrics.epoch, 1, 1, metrics.trainLoss, metrics.trainAccuracy, 0.0});
            chart_->addEpoch(metrics);
        }
        progress_->setValue(1000 * resume->epochsDone() / std::max(1, config.epochs));
        setMessage(tr("Resuming after epoch %1 of %2; loading %3…")
                       .arg(resume->epochsDone())
                       .arg(config.epochs)
                       .arg(QDir::toNativeSeparators(dataFolder())));
    }
    const QString checkpoint = appdata::trainingCheckpointFile();
    QDir().mkpath(QFileInfo(checkpoint).absolutePath());
    controller_->start(QDir::fromNativeSeparators(dataFolder()), config, checkpoint, std::move(resume));
}

void TrainingPanel::togglePause() {
    controller_->setPaused(!controller_->isPaused());
}

void TrainingPanel::onDataLoaded(const QString& summary) {
    runClock_.start();
    setMessage(tr("Training on %1.").arg(summary));
}

double TrainingPanel::activeSeconds() const {
    if (!runClock_.isValid())
        return 0.0;
    double paused = pausedSeconds_;
    if (pauseClock_.isValid())
        paused += pauseClock_.elapsed() / 1000.0;
    return std::max(0.0, runClock_.elapsed() / 1000.0 - paused);
}

void TrainingPanel::onBatch(const digitpad::BatchProgress& p) {
    chart_->addBatch(p);
    if (p.batchesPerEpoch <= 0 || totalEpochs_ <= 0)
        return;
    const double done = (p.epoch - 1 + static_cast<double>(p.batch) / p.batchesPerEpoch) / totalEpochs_;
    progress_->setValue(static_cast<int>(1000.0 * std::clamp(done, 0.0, 1.0)));
    if (controller_->isPaused())
        return;
    // Short enough to fit the bar at the panel's narrowest.
    QString text =
        tr("Epoch %1/%2 · %3/%4").arg(p.epoch).arg(totalEpochs_).arg(p.batch).arg(p.batchesPerEpoch);
    const double elapsed = activeSeconds();
    // The pace of this session's part only: a resumed run's earlier epochs took no time here.
    const double doneHere = done - static_cast<double>(resumedEpochs_) / totalEpochs_;
    // Too early an estimate only flickers; wait for a few percent of the run.
    if (doneHere > 0.02 && elapsed > 0.5)
        text += tr(" · %1 left").arg(formatDuration(elapsed * (1.0 - done) / doneHere));
    progress_->setFormat(text);
}

void TrainingPanel::onEpoch(const digitpad::EpochMetrics& metrics) {
    metrics_.push_back(metrics);
    chart_->addEpoch(metrics);
    QString line = tr("Epoch %1: loss %2, training accuracy %3")
                       .arg(metrics.epoch)
                       .arg(metrics.trainLoss, 0, 'f', 4)
                       .arg(accuracyText(metrics.trainAccuracy));
    if (std::isfinite(metrics.validationAccuracy))
        line += tr(", validation %1").arg(accuracyText(metrics.validationAccuracy));
    if (std::isfinite(metrics.testAccuracy))
        line += tr(", test %1").arg(accuracyText(metrics.testAccuracy));
    setMessage(line + QLatin1Char('.'));
    // The status bar shares its line with the model in use: keep this short.
    const double shown =
        std::isfinite(metrics.validationAccuracy) ? metrics.validationAccuracy : metrics.trainAccuracy;
    emit statusMessage(tr("Training: epoch %1/%2, %3 %4")
                           .arg(metrics.epoch)
                           .arg(totalEpochs_)
                           .arg(std::isfinite(metrics.validationAccuracy) ? tr("validation") : tr("training"))
                           .arg(accuracyText(shown)));
}

std::shared_ptr<const digitpad::Model> TrainingPanel::finishedModel() const {
    const QVariant chosen = weightsBox_->currentData();
    if (!chosen.isValid())
        return nullptr;
    return static_cast<KeptWeights>(chosen.toInt()) == KeptWeights::Best ? models_.best : models_.last;
}

void TrainingPanel::offerModels(const digitpad::TrainingOutcome& outcome) {
    offered_ = outcome;
    weightsBox_->clear();
    const auto validationOf = [&outcome](int epoch) {
        if (epoch < 1 || epoch > static_cast<int>(outcome.epochs.size()))
            return QString();
        const double accuracy = outcome.epochs[static_cast<std::size_t>(epoch - 1)].validationAccuracy;
        return std::isfinite(accuracy) ? tr(", validation %1").arg(accuracyText(accuracy)) : QString();
    };
    if (models_.last) {
        const int epoch = models_.last->info.epochs;
        const bool best = !models_.best && outcome.bestEpoch == epoch;
        weightsBox_->addItem(tr("Last epoch (%1)%2%3")
                                 .arg(epoch)
                                 .arg(validationOf(epoch), best ? tr(", the best") : QString()),
                             static_cast<int>(KeptWeights::Last));
    }
    if (models_.best) {
        const int epoch = models_.best->info.epochs;
        weightsBox_->addItem(tr("Best epoch (%1)%2").arg(epoch).arg(validationOf(epoch)),
                             static_cast<int>(KeptWeights::Best));
        // A completed run offers its final weights first; a stopped or diverged one its best.
        if (outcome.status != digitpad::TrainingStatus::Completed)
            weightsBox_->setCurrentIndex(weightsBox_->count() - 1);
    }
    const bool choice = weightsBox_->count() > 1;
    weightsLabel_->setVisible(choice);
    weightsBox_->setVisible(choice);
}

void TrainingPanel::onFinished(const digitpad::TrainingOutcome& outcome, const TrainedModels& models) {
    // The run ended here, completed or stopped on purpose, and what it reached is offered below: nothing is
    // left to resume.
    QFile::remove(appdata::trainingCheckpointFile());
    // Every run offers what it reached; none replaces the model in use until the person asks.
    models_ = models;
    offerModels(outcome);
    const bool bad = outcome.status == digitpad::TrainingStatus::Diverged;
    const bool offerBest = models_.best && outcome.status == digitpad::TrainingStatus::Completed;
    // Worded by functions, so a language change says the run's end again in the new language.
    setMessage(
        [outcome, offerBest] {
            return describeOutcome(outcome) +
                   (offerBest ? tr(" Epoch %1 had the best validation accuracy; choose it under Weights.")
                                    .arg(outcome.bestEpoch)
                              : QString());
        },
        bad);
    emit statusMessage(describeOutcome(outcome));
    if (outcome.status == digitpad::TrainingStatus::Completed) {
        progress_->setValue(progress_->maximum());
        const double seconds = activeSeconds();
        setProgressWords([seconds] { return tr("Done in %1").arg(formatDuration(seconds)); });
    } else {
        setProgressWords([bad] { return bad ? tr("Diverged") : tr("Stopped"); });
    }
    onRunningChanged(false);
}

void TrainingPanel::onFailed(const digitpad::SessionError& error) {
    setMessage([error] { return failureText(error); }, true);
    // Core's English, for those who need it; the line itself is in the person's language.
    message_->setToolTip(QString::fromStdString(error.message));
    emit statusMessage(failureText(error));
    progress_->setValue(0);
    setProgressWords([] { return tr("Failed"); });
    checkDataFolder();
}

void TrainingPanel::onRunningChanged(bool running) {
    startButton_->setEnabled(!running);
    pauseButton_->setEnabled(running);
    stopButton_->setEnabled(running);
    form_->setEnabled(!running);
    folderEdit_->setEnabled(!running);
    browseButton_->setEnabled(!running);
    datasetBox_->setEnabled(!running);
    useButton_->setEnabled(!running && finishedModel() != nullptr);
    saveButton_->setEnabled(!running && finishedModel() != nullptr);
    weightsBox_->setEnabled(!running);
    pngButton_->setEnabled(!running);
    csvButton_->setEnabled(!running && !metrics_.empty());
    if (!running) {
        pauseButton_->setText(tr("&Pause"));
        if (pauseClock_.isValid()) {
            pausedSeconds_ += pauseClock_.elapsed() / 1000.0;
            pauseClock_.invalidate();
        }
    }
    if (running != runningState_) {
        runningState_ = running;
        emit trainingStateChanged(running);
    }
}

void TrainingPanel::onPausedChanged(bool paused) {
    pauseButton_->setText(paused ? tr("Res&ume") : tr("&Pause"));
    if (paused) {
        pauseClock_.start();
        progress_->setFormat(tr("Paused"));
    } else if (pauseClock_.isValid()) {
        pausedSeconds_ += pauseClock_.elapsed() / 1000.0;
        pauseClock_.invalidate();
        if (isTraining())
            progress_->setFormat(tr("Resuming…"));
    }
}

void TrainingPanel::saveModel() {
    const std::shared_ptr<const digitpad::Model> model = finishedModel();
    if (!model)
        return;
    // Weights that are not the run's final ones say which epoch they are from.
    const bool finalWeights = model == models_.last && model->info.epochs == totalEpochs_;
    const QString name =
        finalWeights
            ? QStringLiteral("digitpad-%1.dpm").arg(form_->presetName())
            : QStringLiteral("digitpad-%1-epoch%2.dpm").arg(form_->presetName()).arg(model->info.epochs);
    const QString suggested = QDir::current().absoluteFilePath(name);
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save model"), suggested, tr("DigitPad models (*.dpm)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".dpm");
    const digitpad::Status saved = digitpad::saveModel(*model, QDir::toNativeSeparators(path).toStdString());
    if (!saved) {
        qCWarning(lcTrain).noquote() << QString::fromStdString(saved.error().message);
        showErrorMessage(this, tr("Save model"),
                         tr("DigitPad cannot save the model to %1.").arg(QDir::toNativeSeparators(path)),
                         QString::fromStdString(saved.error().message));
        return;
    }
    qCInfo(lcTrain).noquote() << "saved the trained model to" << path;
    emit statusMessage(tr("Saved the model to %1").arg(QDir::toNativeSeparators(path)));
}

void TrainingPanel::exportPng() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export curves"), QDir::current().absoluteFilePath(QStringLiteral("training-curves.png")),
        tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".png");
    if (!chart_->savePng(path, 0, 0, 2.0)) {
        showErrorMessage(this, tr("Export curves"),
                         tr("DigitPad cannot save the curves to %1.").arg(QDir::toNativeSeparators(path)),
                         {});
        return;
    }
    emit statusMessage(tr("Saved the curves to %1").arg(QDir::toNativeSeparators(path)));
}

void TrainingPanel::exportCsv() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export metrics"), QDir::current().absoluteFilePath(QStringLiteral("training-metrics.csv")),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) ||
        file.write(epochMetricsCsv(metrics_).toUtf8()) < 0 || !file.commit()) {
        showErrorMessage(this, tr("Export metrics"),
                         tr("DigitPad cannot save the metrics to %1.").arg(QDir::toNativeSeparators(path)),
                         file.errorString());
        return;
    }
    emit statusMessage(tr("Saved the metrics to %1").arg(QDir::toNativeSeparators(path)));
}

QString TrainingPanel::failureText(const digitpad::SessionError& error) {
    if (error.kind == digitpad::ErrorKind::Unexpected)
        return tr("Training stopped because of an unexpected error.");
    return sessionErrorText(error);
}

void TrainingPanel::setMessage(const QString& text, bool error) {
    messageWords_ = nullptr;
    message_->setText(text);
    message_->setToolTip(QString());
    message_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void TrainingPanel::setMessage(Words words, bool error) {
    setMessage(words(), error);
    messageWords_ = std::move(words);
}

void TrainingPanel::setProgressWords(Words words) {
    progress_->setFormat(words());
    progressWords_ = std::move(words);
}
