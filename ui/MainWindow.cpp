// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "AppDataFolders.h"
#include "AppLanguage.h"
#include "ErrorMessage.h"
#include "LogCategories.h"
#include "LookInsidePanel.h"
#include "ModelLibrary.h"
#include "MyDigitsDialog.h"
#include "MyDigitsStore.h"
#include "OnnxFile.h"
#include "RecognizePanel.h"
#include "RecognizeViewActions.h"
#include "SessionSettings.h"
#include "StandardKeys.h"
#include "TeachDialog.h"
#include "TrainingInsights.h"
#include "TrainingPanel.h"

#include "io/Checkpoint.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageReader>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

namespace {

/// Built on each use so it is in the language of the translator installed by then.
QString modelFilter() {
    return MainWindow::tr("DigitPad models (*.dpm)");
}

QString imageFilter() {
    QStringList patterns;
    for (const QByteArray& format : QImageReader::supportedImageFormats())
        patterns.append(QStringLiteral("*.") + QString::fromLatin1(format));
    return MainWindow::tr("Images (%1)").arg(patterns.join(' '));
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("DigitPad"));
    library_ = new ModelLibrary(this);
    myDigits_ = new MyDigitsStore(appdata::myDigitsFolder(), this);
    // Deletions can be undone only while the window lives: what an earlier session deleted goes for good.
    myDigits_->emptyTrash();

    tabs_ = new QTabWidget(this);
    recognizePanel_ = new RecognizePanel(tabs_);
    trainingPanel_ = new TrainingPanel(tabs_);
    // Their texts come with the menus' in retranslate().
    tabs_->addTab(recognizePanel_, QString());
    tabs_->addTab(trainingPanel_, QString());
    // Tab reaches the tab bar (arrow keys then switch tabs); a click on a tab leaves focus where it was.
    tabs_->setFocusPolicy(Qt::TabFocus);
    tabs_->tabBar()->setFocusPolicy(Qt::TabFocus);
    recognizePanel_->setStore(myDigits_);
    setCentralWidget(tabs_);
    connect(tabs_, &QTabWidget::currentChanged, this,
            [this] { recognizePanel_->setActionsActive(tabs_->currentWidget() == recognizePanel_); });

    modelLabel_ = new QLabel(this);
    statusBar()->addPermanentWidget(modelLabel_);

    connect(recognizePanel_, &RecognizePanel::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    connect(recognizePanel_, &RecognizePanel::errorOccurred, this, &MainWindow::showError);
    connect(trainingPanel_, &TrainingPanel::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    connect(trainingPanel_, &TrainingPanel::useModelRequested, this,
            [this](std::shared_ptr<const digitpad::Model> model) {
                setModel(std::move(model), tr("trained just now, not saved"));
                tabs_->setCurrentWidget(recognizePanel_);
            });
    // An image from the Train tab's mistakes or confusion cells, to look at on the canvas.
    connect(trainingPanel_->insights(), &TrainingInsights::imageChosen, this,
            [this](const QImage& image, const QString& caption) {
                tabs_->setCurrentWidget(recognizePanel_);
                recognizePanel_->showImage(image, caption);
            });
    connect(library_, &ModelLibrary::recentModelsChanged, this, &MainWindow::rebuildRecentMenu);

    viewActions_ = new RecognizeViewActions(recognizePanel_);
    createMenus();
    retranslate();
    setModel(nullptr, {});
    session::restore(*this);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
    fileMenu_ = menuBar()->addMenu(QString());
    openImageAction_ = fileMenu_->addAction(QString(), this, &MainWindow::openImageDialog);
    openImageAction_->setShortcuts(standardKeys(QKeySequence::Open, {QKeySequence(Qt::CTRL | Qt::Key_O)}));
    fileMenu_->addSeparator();
    quitAction_ = fileMenu_->addAction(QString(), this, &QWidget::close);
    quitAction_->setShortcuts(standardKeys(QKeySequence::Quit, {QKeySequence(Qt::CTRL | Qt::Key_Q)}));
    quitAction_->setMenuRole(QAction::QuitRole);

    editMenu_ = menuBar()->addMenu(QString());
    editMenu_->addAction(recognizePanel_->recognizeAction());
    editMenu_->addSeparator();
    editMenu_->addAction(recognizePanel_->undoAction());
    editMenu_->addAction(recognizePanel_->redoAction());
    editMenu_->addAction(recognizePanel_->clearAction());

    viewMenu_ = menuBar()->addMenu(QString());
    viewMenu_->addAction(recognizePanel_->lookInside()->toggleAction());
    viewActions_->addTo(viewMenu_);
    viewMenu_->addSeparator();
    // Alt+R and Alt+T (the tabs' mnemonics) switch tabs too; these also work where a field takes Alt keys.
    toRecognizeAction_ =
        viewMenu_->addAction(QString(), this, [this] { tabs_->setCurrentWidget(recognizePanel_); });
    toRecognizeAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    toTrainAction_ =
        viewMenu_->addAction(QString(), this, [this] { tabs_->setCurrentWidget(trainingPanel_); });
    toTrainAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));

    modelMenu_ = menuBar()->addMenu(QString());
    openModelAction_ = modelMenu_->addAction(QString(), this, &MainWindow::openModelDialog);
    openModelAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    saveModelAction_ = modelMenu_->addAction(QString(), this, &MainWindow::saveModelDialog);
    saveModelAction_->setShortcuts(
        standardKeys(QKeySequence::SaveAs, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)}));
    exportOnnxAction_ = modelMenu_->addAction(QString(), this, &MainWindow::exportOnnxDialog);
    recentMenu_ = modelMenu_->addMenu(QString());
    recentMenu_->setObjectName(QStringLiteral("recentModelsMenu"));
    bundledAction_ = modelMenu_->addAction(QString(), this, &MainWindow::useBundledModel);
    rebuildRecentMenu();

    toolsMenu_ = menuBar()->addMenu(QString());
    myDigitsAction_ = toolsMenu_->addAction(QString(), this, &MainWindow::showMyDigits);
    myDigitsAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    teachAction_ = toolsMenu_->addAction(QString(), this, &MainWindow::openTeachDialog);
    teachAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));

    toolsMenu_->addMenu(createLanguageMenu());

    helpMenu_ = menuBar()->addMenu(QString());
    aboutAction_ = helpMenu_->addAction(QString(), this, &MainWindow::about);
    aboutAction_->setMenuRole(QAction::AboutRole);
    aboutQtAction_ = helpMenu_->addAction(QString(), qApp, &QApplication::aboutQt);
    aboutQtAction_->setMenuRole(QAction::AboutQtRole);
}

QMenu* MainWindow::createLanguageMenu() {
    languageMenu_ = new QMenu(this);
    languageMenu_->setObjectName(QStringLiteral("languageMenu"));
    auto* group = new QActionGroup(languageMenu_);
    const AppLanguage current = language::saved();
    // Each language is named in itself, so someone who cannot read the current one still finds theirs.
    const std::pair<AppLanguage, QString> choices[] = {
        {AppLanguage::System, QString()},
        {AppLanguage::English, QStringLiteral("English")},
        {AppLanguage::SimplifiedChinese, QStringLiteral("简体中文")},
    };
    for (const auto& [choice, name] : choices) {
        QAction* action = languageMenu_->addAction(name);
        action->setCheckable(true);
        action->setChecked(choice == current);
        action->setActionGroup(group);
        if (choice == AppLanguage::System)
            systemLanguageAction_ = action;
        // Applied at once: every widget retranslates itself on the LanguageChange the new translators send,
        // so nothing is rebuilt and a run in progress, the drawing and its history stay as they are.
        connect(action, &QAction::triggered, this, [choice = choice] {
            language::save(choice);
            language::install(choice);
        });
    }
    return languageMenu_;
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate() {
    tabs_->setTabText(tabs_->indexOf(recognizePanel_), tr("&Recognize"));
    tabs_->setTabText(tabs_->indexOf(trainingPanel_), tr("&Train"));

    fileMenu_->setTitle(tr("&File"));
    openImageAction_->setText(tr("Open &image…"));
    quitAction_->setText(tr("&Quit"));
    editMenu_->setTitle(tr("&Edit"));
    viewMenu_->setTitle(tr("&View"));
    toRecognizeAction_->setText(tr("&Recognize tab"));
    toTrainAction_->setText(tr("&Train tab"));
    modelMenu_->setTitle(tr("&Model"));
    openModelAction_->setText(tr("&Open model…"));
    saveModelAction_->setText(tr("&Save model as…"));
    exportOnnxAction_->setText(tr("&Export as ONNX…"));
    exportOnnxAction_->setToolTip(tr("Write the model for other programs and runtimes (ONNX, opset 11)"));
    recentMenu_->setTitle(tr("&Recent models"));
    bundledAction_->setText(tr("Use &bundled model"));
    // Alt+T is the Train tab's.
    toolsMenu_->setTitle(tr("Too&ls"));
    myDigitsAction_->setText(tr("&My digits…"));
    myDigitsAction_->setStatusTip(tr("Browse, delete and export the drawings you kept on the Recognize tab"));
    teachAction_->setText(tr("&Teach…"));
    teachAction_->setStatusTip(tr("Fine-tune the model in use on the drawings you kept"));
    languageMenu_->setTitle(tr("&Language"));
    systemLanguageAction_->setText(tr("&System language"));
    helpMenu_->setTitle(tr("&Help"));
    aboutAction_->setText(tr("&About DigitPad"));
    aboutQtAction_->setText(tr("About &Qt"));
    rebuildRecentMenu();
    updateModelStatus();
    if (!model_ && noModelMessageShown_)
        statusBar()->showMessage(noModelMessage());
}

QString MainWindow::noModelMessage() const {
    return tr("No model could be loaded: train one in the Train tab or open one (Model ▸ Open model…)");
}

void MainWindow::setModel(std::shared_ptr<const digitpad::Model> model, const QString& source,
                          const QString& path) {
    model_ = std::move(model);
    noModelMessageShown_ = false;
    modelSource_ = model_ ? source : QString();
    modelPath_ = model_ ? path : QString();
    recognizePanel_->setModel(model_, modelSource_);
    updateModelStatus();
    if (model_)
        qCInfo(lcModel).noquote() << "using" << ModelLibrary::summary(*model_, source);
    updateActions();
    emit modelChanged();
}

bool MainWindow::openModelFile(const QString& path) {
    auto loaded = ModelLibrary::load(path);
    if (!loaded) {
        QString message = tr("DigitPad cannot open the model %1.").arg(QDir::toNativeSeparators(path));
        if (library_->recentModels().contains(QFileInfo(path).absoluteFilePath())) {
            // A recent entry that no longer opens would fail the same way every time it is chosen.
            library_->forget(path);
            message += tr("\n\nIt was removed from Recent models.");
        }
        showError(tr("Cannot open model"), message, QString::fromStdString(loaded.error().message));
        return false;
    }
    library_->remember(path);
    library_->rememberFolder(path);
    setModel(loaded.value(), QFileInfo(path).fileName(), path);
    statusBar()->showMessage(tr("Opened model %1").arg(path), 5000);
    return true;
}

bool MainWindow::saveModelFile(const QString& path) {
    if (!model_)
        return false;
    const digitpad::Status saved = library_->save(*model_, path);
    if (!saved) {
        showError(tr("Cannot save model"),
                  tr("DigitPad cannot save the model to %1.").arg(QDir::toNativeSeparators(path)),
                  QString::fromStdString(saved.error().message));
        return false;
    }
    library_->rememberFolder(path);
    modelSource_ = QFileInfo(path).fileName();
    modelPath_ = path;
    updateModelStatus();
    statusBar()->showMessage(tr("Saved model to %1").arg(path), 5000);
    return true;
}

bool MainWindow::exportOnnxFile(const QString& path) {
    if (!model_)
        return false;
    const digitpad::Status saved = digitpad::saveOnnx(*model_, QDir::toNativeSeparators(path).toStdString());
    if (!saved) {
        showError(tr("Cannot export model"),
                  tr("DigitPad cannot export the model to %1.").arg(QDir::toNativeSeparators(path)),
                  QString::fromStdString(saved.error().message));
        return false;
    }
    library_->rememberFolder(path);
    statusBar()->showMessage(tr("Exported the model as ONNX to %1").arg(QDir::toNativeSeparators(path)),
                             5000);
    return true;
}

bool MainWindow::openImageFile(const QString& path) {
    tabs_->setCurrentWidget(recognizePanel_);
    const digitpad::Status opened = recognizePanel_->openImage(path);
    if (!opened) {
        showError(tr("Cannot open image"),
                  tr("DigitPad cannot open the image %1.").arg(QDir::toNativeSeparators(path)),
                  QString::fromStdString(opened.error().message));
        return false;
    }
    library_->rememberFolder(path);
    return true;
}

QMessageBox* MainWindow::resumeOffer() const {
    return resumeOffer_;
}

bool MainWindow::offerToResumeTraining() {
    const QString path = appdata::trainingCheckpointFile();
    if (!QFileInfo::exists(path) || trainingPanel_->isTraining())
        return false;
    digitpad::Result<digitpad::Checkpoint> loaded =
        digitpad::loadCheckpoint(QDir::toNativeSeparators(path).toStdString());
    if (!loaded) {
        // Why the bytes are wrong is core's English, for the log; the status bar gets the person's language.
        qCWarning(lcTrain).noquote() << QString::fromStdString(loaded.error().message);
        statusBar()->showMessage(
            tr("The interrupted training cannot be resumed: its checkpoint %1 cannot be read.")
                .arg(QDir::toNativeSeparators(path)),
            10000);
        return false;
    }
    auto checkpoint = std::make_shared<const digitpad::Checkpoint>(std::move(*loaded));
    auto* box = new QMessageBox(QMessageBox::Question, tr("Resume training"),
                                tr("Resume the training interrupted at epoch %1 of %2?")
                                    .arg(checkpoint->epochsDone())
                                    .arg(checkpoint->config.epochs),
                                QMessageBox::NoButton, this);
    box->setInformativeText(tr("DigitPad was closed while training %1 on '%2'. Resume continues from epoch "
                               "%3 with the same result as a run that never stopped.")
                                .arg(QString::fromStdString(checkpoint->config.preset.empty()
                                                                ? checkpoint->config.resolvedArchitecture()
                                                                : checkpoint->config.preset))
                                .arg(QDir::toNativeSeparators(QString::fromStdString(checkpoint->dataFolder)))
                                .arg(checkpoint->epochsDone() + 1));
    QPushButton* resume = box->addButton(tr("&Resume"), QMessageBox::AcceptRole);
    QPushButton* discard = box->addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    box->setDefaultButton(resume);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Closing the box without choosing (Escape) keeps the checkpoint for the next start.
    connect(box, &QMessageBox::finished, this, [this, box, resume, discard, checkpoint, path] {
        if (box->clickedButton() == resume) {
            tabs_->setCurrentWidget(trainingPanel_);
            trainingPanel_->resumeRun(checkpoint);
        } else if (box->clickedButton() == discard) {
            QFile::remove(path);
        }
    });
    resumeOffer_ = box;
    box->open();
    return true;
}

void MainWindow::restoreStartupModel() {
    ModelLibrary::Startup startup = library_->loadStartupModel();
    for (const QString& problem : startup.problems)
        qCWarning(lcModel).noquote() << problem;
    if (startup.model) {
        setModel(startup.model, QFileInfo(startup.path).fileName(), startup.path);
        // The model adopted its training framing; the person's last choice wins at start.
        session::restoreFraming(*recognizePanel_);
        if (!startup.problems.isEmpty() && startup.path != library_->lastModelPath())
            statusBar()->showMessage(startup.problems.first(), 10000);
    } else {
        noModelMessageShown_ = true;
        statusBar()->showMessage(noModelMessage());
    }
}

QString MainWindow::modelStatusText() const {
    return model_ ? tr("Model: %1").arg(ModelLibrary::summary(*model_, modelSource_)) : tr("No model loaded");
}

void MainWindow::updateModelStatus() {
    // Wide enough for "Model: mlp (784-128-64-10), test accuracy 97.47 % — default.dpm" in the default font,
    // while a status message such as "Training: epoch 2/5 …" keeps the rest of a 940-pixel window. Longer
    // texts (a convolutional architecture) drop the layers, then elide the middle.
    constexpr int kModelLabelWidth = 460;
    const QString text = modelStatusText();
    const QFontMetrics metrics = modelLabel_->fontMetrics();
    const QString shown = !model_ || metrics.horizontalAdvance(text) <= kModelLabelWidth
                              ? text
                              : tr("Model: %1").arg(ModelLibrary::compactSummary(*model_, modelSource_));
    modelLabel_->setText(metrics.elidedText(shown, Qt::ElideMiddle, kModelLabelWidth));
    modelLabel_->setToolTip(text);
    // "default.dpm — DigitPad"; a model only in memory (trained or tuned here) is marked unsaved ([*]).
    setWindowTitle(model_ ? tr("%1[*] — DigitPad").arg(modelSource_) : QStringLiteral("DigitPad"));
    setWindowModified(model_ && modelPath_.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    // The Teach dialog is modal, but a window manager can still close this window under it.
    if (teachDialog_ && teachDialog_->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Teaching in progress"),
            tr("DigitPad is learning your handwriting. Stop and quit? The model in use stays as it is."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    if (trainingPanel_->isTraining()) {
        const auto answer = QMessageBox::question(this, tr("Training in progress"),
                                                  tr("A training run is in progress. Stop it and quit?"),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        trainingPanel_->stopAndWait();
    }
    session::save(*this);
    event->accept();
}

void MainWindow::showMyDigits() {
    if (myDigitsDialog_ == nullptr)
        myDigitsDialog_ = new MyDigitsDialog(myDigits_, this);
    myDigitsDialog_->show();
    myDigitsDialog_->raise();
    myDigitsDialog_->activateWindow();
}

void MainWindow::openModelDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open model"), library_->dialogFolder(), modelFilter());
    if (!path.isEmpty())
        openModelFile(path);
}

void MainWindow::saveModelDialog() {
    if (!model_)
        return;
    const QString name =
        modelPath_.isEmpty() ? QStringLiteral("model.dpm") : QFileInfo(modelPath_).fileName();
    QString path = QFileDialog::getSaveFileName(this, tr("Save model as"),
                                                QDir(library_->dialogFolder()).filePath(name), modelFilter());
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".dpm");
    saveModelFile(path);
}

void MainWindow::exportOnnxDialog() {
    if (!model_)
        return;
    const QString base = QFileInfo(modelPath_).completeBaseName();
    const QString name = (base.isEmpty() ? QStringLiteral("model") : base) + QStringLiteral(".onnx");
    QString path = QFileDialog::getSaveFileName(this, tr("Export as ONNX"),
                                                QDir(library_->dialogFolder()).filePath(name),
                                                tr("ONNX models (*.onnx)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".onnx");
    exportOnnxFile(path);
}

void MainWindow::openImageDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open image"), library_->dialogFolder(), imageFilter());
    if (!path.isEmpty())
        openImageFile(path);
}

void MainWindow::useBundledModel() {
    const QString path = ModelLibrary::bundledModelPath();
    if (path.isEmpty()) {
        showError(
            tr("No bundled model"),
            tr("The model that comes with DigitPad is missing. Installing DigitPad again brings it back."),
            tr("default.dpm was not found next to the program (../share/digitpad/models) or in the "
               "source tree."));
        return;
    }
    openModelFile(path);
}

TeachDialog* MainWindow::teachDialog() const {
    return teachDialog_.data();
}

void MainWindow::openTeachDialog() {
    if (!model_)
        return;
    if (teachDialog_) {
        teachDialog_->raise();
        teachDialog_->activateWindow();
        return;
    }
    auto* dialog = new TeachDialog(library_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setBaseModel(model_, modelPath_);
    connect(dialog, &TeachDialog::modelKept, this,
            [this](std::shared_ptr<const digitpad::Model> model, const QString& path) {
                setModel(std::move(model), QFileInfo(path).fileName(), path);
                statusBar()->showMessage(tr("Using the tuned model %1").arg(QFileInfo(path).fileName()),
                                         5000);
            });
    teachDialog_ = dialog;
    // Modal, so the model in use cannot change under a run that started from it.
    dialog->open();
}

void MainWindow::rebuildRecentMenu() {
    if (recentMenu_ == nullptr)
        return;
    recentMenu_->clear();
    const QStringList recent = library_->recentModels();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        QAction* action =
            recentMenu_->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
                                   [this, path] { openModelFile(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
    }
    if (!recent.isEmpty()) {
        recentMenu_->addSeparator();
        recentMenu_->addAction(tr("Clear list"), library_, &ModelLibrary::clearRecent);
    }
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::about() {
    QMessageBox::about(
        this, tr("About DigitPad"),
        tr("<h3>DigitPad %1</h3>"
           "<p>Draw a digit and a neural network you can train yourself recognises it.</p>"
           "<p>Licensed under the GNU General Public License, version 3 or (at your option) any later "
           "version (GPL-3.0-or-later).</p>"
           "<p>Built with Qt %2, Eigen and "
           "<a href=\"https://www.qcustomplot.com/\">QCustomPlot</a> by Emanuel Eichhammer (GPL). "
           "Handwritten digits from the MNIST database by Yann LeCun, Corinna Cortes and Christopher "
           "Burges.</p>")
            .arg(QStringLiteral(DIGITPAD_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::showError(const QString& title, const QString& text, const QString& details) {
    qCWarning(lcModel).noquote() << text << details;
    showErrorMessage(this, title, text, details);
}

void MainWindow::updateActions() {
    saveModelAction_->setEnabled(model_ != nullptr);
    exportOnnxAction_->setEnabled(model_ != nullptr);
    bundledAction_->setEnabled(!ModelLibrary::bundledModelPath().isEmpty());
    teachAction_->setEnabled(model_ != nullptr);
}
