// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/Model.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class ModelLibrary;
class MyDigitsDialog;
class MyDigitsStore;
class QAction;
class QLabel;
class QMenu;
class QMessageBox;
class QTabWidget;
class RecognizePanel;
class RecognizeViewActions;
class TeachDialog;
class TrainingPanel;

/// The DigitPad window: the Recognize and Train tabs, the File / Edit / View / Model / Tools / Help menus and
/// a status bar that names the model in use. The session (geometry, tab, the Recognize tab's options) is
/// saved on closing and restored at start (SessionSettings). Owns the model in use and hands it to the
/// Recognize tab; a model finished in the Train tab or tuned in Tools ▸ Teach… replaces it only when the user
/// asks (on the GUI thread).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Makes `model` the one in use; `source` says where it came from (a file name, or e.g. "trained just
    /// now"); `path` is the file it was loaded from, empty when it exists only in memory.
    void setModel(std::shared_ptr<const digitpad::Model> model, const QString& source,
                  const QString& path = {});
    std::shared_ptr<const digitpad::Model> model() const { return model_; }
    QString modelSource() const { return modelSource_; }
    /// The file the model in use was loaded from or last saved to; empty when it is not saved (e.g. trained
    /// just now in the Train tab), so tuning it must not lose it.
    QString modelPath() const { return modelPath_; }

    /// Loads a model file and uses it. On failure shows an error dialog naming the file and the reason, keeps
    /// the model in use and returns false.
    bool openModelFile(const QString& path);
    /// Saves the model in use; on failure shows an error dialog and returns false.
    bool saveModelFile(const QString& path);
    /// Writes the model in use as ONNX (Model ▸ Export as ONNX…); shows an error naming the file on failure.
    bool exportOnnxFile(const QString& path);
    /// Puts an image file on the canvas and classifies it; on failure shows an error dialog.
    bool openImageFile(const QString& path);
    /// Uses the last used model, else the bundled one; tells in the status bar when neither loads.
    void restoreStartupModel();
    /// When the Train tab's checkpoint (appdata::trainingCheckpointFile()) is left from a run a crash or a
    /// kill interrupted, asks "Resume the training interrupted at epoch k of N?" in a window-modal box:
    /// Resume continues it in the Train tab, Discard removes the checkpoint. An unreadable checkpoint is
    /// reported in the status bar and left alone. Returns whether it asked.
    bool offerToResumeTraining();
    /// The box offerToResumeTraining() shows, while it is open; else null.
    QMessageBox* resumeOffer() const;

    RecognizePanel* recognizePanel() const { return recognizePanel_; }
    TrainingPanel* trainingPanel() const { return trainingPanel_; }
    /// View ▸ Live, Framing, Thinner/Thicker pen.
    RecognizeViewActions* viewActions() const { return viewActions_; }
    ModelLibrary* library() const { return library_; }
    /// The person's kept drawings (appdata::myDigitsFolder()), shared by the Recognize tab and My digits.
    MyDigitsStore* myDigits() const { return myDigits_; }
    /// Tools ▸ My digits… (Ctrl+M); null until first opened.
    MyDigitsDialog* myDigitsDialog() const { return myDigitsDialog_; }
    void showMyDigits();
    QTabWidget* tabs() const { return tabs_; }
    /// Tools ▸ Teach…'s dialog while it is open, else null.
    TeachDialog* teachDialog() const;
    /// The model in use, described in full: the status bar's model label shows this (or, when too wide, a
    /// shorter form with this as its tooltip).
    QString modelStatusText() const;

signals:
    void modelChanged();

protected:
    void closeEvent(QCloseEvent* event) override;
    /// On QEvent::LanguageChange (Tools ▸ Language installs other translators): retranslate().
    void changeEvent(QEvent* event) override;

private:
    void createMenus();
    /// Puts the menus', tabs' and status bar's texts in the language of the translators installed now.
    void retranslate();
    QString noModelMessage() const;
    QMenu* createLanguageMenu();
    void openModelDialog();
    void saveModelDialog();
    void exportOnnxDialog();
    void openImageDialog();
    void useBundledModel();
    /// Tools ▸ Teach…: fine-tunes the model in use on the person's kept drawings in a modal dialog.
    void openTeachDialog();
    void rebuildRecentMenu();
    void about();
    void showError(const QString& title, const QString& text, const QString& details);
    void updateActions();
    /// Shows modelStatusText() in the model label if it fits in 460 pixels, else the summary without layer
    /// sizes, elided in the middle if need be; the full text is the tooltip. Status messages on the left so
    /// keep room to be read.
    void updateModelStatus();

    ModelLibrary* library_ = nullptr;
    MyDigitsStore* myDigits_ = nullptr;
    MyDigitsDialog* myDigitsDialog_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    RecognizePanel* recognizePanel_ = nullptr;
    TrainingPanel* trainingPanel_ = nullptr;
    RecognizeViewActions* viewActions_ = nullptr;
    QLabel* modelLabel_ = nullptr;
    QMenu* fileMenu_ = nullptr;
    QMenu* editMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* modelMenu_ = nullptr;
    QMenu* toolsMenu_ = nullptr;
    QMenu* helpMenu_ = nullptr;
    QMenu* languageMenu_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QAction* openImageAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* toRecognizeAction_ = nullptr;
    QAction* toTrainAction_ = nullptr;
    QAction* openModelAction_ = nullptr;
    QAction* myDigitsAction_ = nullptr;
    QAction* aboutAction_ = nullptr;
    QAction* aboutQtAction_ = nullptr;
    QAction* systemLanguageAction_ = nullptr;
    QAction* saveModelAction_ = nullptr;
    QAction* exportOnnxAction_ = nullptr;
    QAction* bundledAction_ = nullptr;
    QAction* teachAction_ = nullptr;
    QPointer<TeachDialog> teachDialog_;
    QPointer<QMessageBox> resumeOffer_;
    std::shared_ptr<const digitpad::Model> model_;
    QString modelSource_;
    QString modelPath_;
    /// Whether the status bar shows noModelMessage(), which a language change then shows anew.
    bool noModelMessageShown_ = false;
};
