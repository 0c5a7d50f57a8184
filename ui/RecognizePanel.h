// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Preprocess.h"
#include "io/Model.h"
#include "tensor/Result.h"

#include <QWidget>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

class DrawingCanvas;
class InputPreview;
class LookInsidePanel;
class MyAccuracy;
class MyDigitsStore;
class ProbabilityChart;
class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QToolButton;

namespace digitpad {
struct NumberRecognition;
}

/// The Recognize tab: a canvas to draw on, the answer (digit, probability, all ten probabilities) and the
/// 28×28 image the network saw.
///
/// Every classification takes the same path, whatever started it (Enter, the button, live mode, an opened or
/// dropped image, a framing switch): canvas image → digitpad::recognizeNumber (one digit: preprocess(framing)
/// → network probabilities on the whole canvas; several: each digit alone, shown as a number with boxes).
/// The keyboard actions (Enter/Return recognise, Backspace/Delete clear, Ctrl+Z undo, Ctrl+Shift+Z and Ctrl+Y
/// redo) are window-level, so they work wherever focus is: on a focused button Enter still recognises and
/// Space presses the button. Every control takes focus from Tab (not from a click, so a mouse user's Space
/// never repeats a click) and shows the style's focus ring.
///
/// After an answer the person can say what the digit really was, and the drawing is kept in the
/// MyDigitsStore with that label: a digit key (window-level, like Enter), the "It is:" row of buttons, or
/// "Keep as …" in the answer's context menu. Each answer can be kept once; the drawing must be unchanged
/// since it was recognised. "My accuracy" under the answer scores the model in use on everything kept.
class RecognizePanel : public QWidget {
    Q_OBJECT
public:
    /// What the answer area shows.
    enum class Answer {
        Idle,       ///< nothing asked yet, or cleared
        Digit,      ///< a recognised digit
        Number,     ///< several digits side by side, each recognised alone (shownNumber())
        Nothing,    ///< the canvas has no ink: "Nothing to recognise"
        NoModel,    ///< no model is loaded
        Unsuitable, ///< the model cannot take a 28×28 input
    };
    Q_ENUM(Answer)

    explicit RecognizePanel(QWidget* parent = nullptr);
    ~RecognizePanel() override;

    /// The model used for every classification; null shows "No model loaded". Adopts the framing the model
    /// was trained with and re-classifies what is shown.
    /// `name` (e.g. the file name) goes into the records of kept drawings with the model's training time.
    void setModel(std::shared_ptr<const digitpad::Model> model, const QString& name = {});
    std::shared_ptr<const digitpad::Model> model() const { return model_; }

    digitpad::Framing framing() const;
    /// Switches the framing; re-classifies at once when the canvas holds something.
    void setFraming(digitpad::Framing framing);
    bool isLive() const;
    void setLive(bool live);

    /// Loads an image file onto the canvas (scaled to fit) and classifies it. The error names the file.
    digitpad::Status openImage(const QString& path);
    /// Puts `picture` on the canvas as an opened file is (scaled to fit) and classifies it; `caption` says
    /// what it is in the status bar, e.g. "test image 123: true 4, answered 9 (97.3 %)".
    void showImage(const QImage& picture, const QString& caption);

    Answer answer() const { return answer_; }
    /// The shown class index, -1 unless answer() == Digit.
    int shownDigit() const { return digit_; }
    /// The shown number's digits ("42"), empty unless answer() == Number.
    QString shownNumber() const { return number_; }
    double shownProbability() const { return probability_; }
    /// True when the shown digit came from live mode (a provisional answer).
    bool isProvisional() const { return provisional_; }
    /// The text under the big digit, e.g. "98.1 %" or "Nothing to recognise".
    QString answerText() const;

    DrawingCanvas* canvas() const { return canvas_; }
    ProbabilityChart* chart() const { return chart_; }
    InputPreview* preview() const { return preview_; }
    /// The collapsible "Look inside" views, updated with every answer and cleared with the canvas.
    LookInsidePanel* lookInside() const { return lookInside_; }
    /// Enter/Return, Backspace/Delete, Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y; the main window puts them in its
    /// Edit menu. Undo and Redo name the step they take ("Undo Clear"), from the canvas's history.
    QAction* recognizeAction() const { return recognizeAction_; }
    QAction* clearAction() const { return clearAction_; }
    QAction* undoAction() const { return undoAction_; }
    QAction* redoAction() const { return redoAction_; }
    /// The framing, Live and pen controls: the View menu's actions follow them, the session restores them.
    QComboBox* framingBox() const { return framingBox_; }
    QCheckBox* liveBox() const { return liveBox_; }
    QSlider* penSlider() const { return penSlider_; }
    /// Where kept drawings go; without a store the "It is:" row and My accuracy are hidden. Not owned.
    void setStore(MyDigitsStore* store);
    MyDigitsStore* store() const { return store_; }
    MyAccuracy* myAccuracy() const { return myAccuracy_; }
    /// True when the shown answer belongs to the drawing on the canvas and has not been kept yet.
    bool canKeep() const;
    /// Keeps the drawing labelled `label` (0–9) with the answer it got. Fails when canKeep() is false or the
    /// store cannot write (the error is also shown in a dialog through errorOccurred).
    digitpad::Status keep(int label);
    /// "Keep as 0" … "Keep as 9": the digit keys, the context menu of resultArea(), the "It is:" buttons.
    QAction* keepAction(int digit) const { return keepActions_.at(static_cast<std::size_t>(digit)); }
    QToolButton* keepButton(int digit) const { return keepButtons_.at(static_cast<std::size_t>(digit)); }
    /// The big digit and its probability; its context menu offers the keep actions.
    QWidget* resultArea() const { return resultArea_; }
    /// The feedback after keeping, e.g. "Kept as 7 — My digits: 12 drawings".
    QString keptText() const;
    QString myAccuracyText() const;

    /// Enables or disables the keyboard actions (the digit keys included), e.g. while another tab is shown
    /// (so Enter in a Train tab field does not recognise the hidden canvas).
    void setActionsActive(bool active);

public slots:
    /// A final (not provisional) classification of the canvas.
    void recognize();
    void clear();
    void undo();
    void redo();

signals:
    /// After every classification that found a digit.
    void recognized(int digit, double probability, bool provisional);
    /// A message for the status bar.
    void statusMessage(const QString& text);
    /// A drawing was kept in the store as `label`.
    void drawingKept(const QString& id, int label);
    /// A failure the user should see in a dialog (e.g. a dropped file that is not an image).
    void errorOccurred(const QString& title, const QString& message, const QString& details);

protected:
    /// On QEvent::LanguageChange: retranslate().
    void changeEvent(QEvent* event) override;

private:
    /// Puts every text of the tab, the shown answer's included, in the language installed now.
    void retranslate();
    /// The probability line for answer_ (and shown_), in the language installed now.
    void showAnswerText();
    void showNotDigits();
    void classify(bool provisional);
    void canvasChanged();
    /// An undo or redo put back another drawing.
    void canvasRestored();
    void showIdle();
    /// An answer without a recognition (Idle, NoModel, Unsuitable, Nothing); showAnswerText() words it.
    void showMessage(Answer answer, const QString& big);
    /// Shows a number of several digits: the digits, each one's probability, and their boxes on the canvas.
    void showNumber(const digitpad::NumberRecognition& number, bool provisional);
    void setStale(bool stale);
    void updateActions();
    void updateKeepControls();
    void updateMyAccuracy();
    void showFramingSteps();
    void createCorrectionRow();
    QString modelDescription() const;

    std::shared_ptr<const digitpad::Model> model_;
    DrawingCanvas* canvas_ = nullptr;
    ProbabilityChart* chart_ = nullptr;
    InputPreview* preview_ = nullptr;
    LookInsidePanel* lookInside_ = nullptr;
    QLabel* digitLabel_ = nullptr;
    QLabel* probabilityLabel_ = nullptr;
    QComboBox* framingBox_ = nullptr;
    /// The model's steps after framing (deskew, stroke width) and its test-time augmentation.
    QLabel* framingStepsLabel_ = nullptr;
    QLabel* notDigitsLabel_ = nullptr; ///< shown while the model's classes are not the digits
    QCheckBox* liveBox_ = nullptr;
    QSlider* penSlider_ = nullptr;
    QPushButton* recognizeButton_ = nullptr;
    QPushButton* clearButton_ = nullptr;
    QPushButton* undoButton_ = nullptr;
    QLabel* penLabel_ = nullptr;
    QLabel* previewCaption_ = nullptr;
    QLabel* correctionCaption_ = nullptr;
    QAction* recognizeAction_ = nullptr;
    QAction* clearAction_ = nullptr;
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    QWidget* resultArea_ = nullptr;
    QWidget* correctionRow_ = nullptr;
    QLabel* keepHint_ = nullptr;
    QLabel* keptLabel_ = nullptr;
    QLabel* myAccuracyLabel_ = nullptr;
    std::array<QAction*, 10> keepActions_{};
    std::array<QToolButton*, 10> keepButtons_{};
    MyDigitsStore* store_ = nullptr;
    MyAccuracy* myAccuracy_ = nullptr;
    QString modelName_;

    Answer answer_ = Answer::Idle;
    int digit_ = -1;
    QString number_; ///< the digits of a Number answer
    /// The Digit or Number answer shown, so a language change can word it again; null for other answers.
    std::shared_ptr<const digitpad::NumberRecognition> shown_;
    double probability_ = 0.0;
    bool provisional_ = false;
    bool actionsActive_ = true;
    bool stale_ = false;
    /// The shown answer's drawing is in the store; cleared when the drawing changes, not when it is merely
    /// recognised again (another model, another framing), so one drawing is kept once.
    bool kept_ = false;
    std::vector<std::uint8_t> input_; ///< the shown answer's 28×28 input, quantised for the record
};
