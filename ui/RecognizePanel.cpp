// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecognizePanel.h"

#include "DrawingCanvas.h"
#include "InputPreview.h"
#include "LogCategories.h"
#include "ProbabilityChart.h"
#include "QtImage.h"

#include "app/Recognizer.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <chrono>

namespace {

constexpr int kPreviewSide = digitpad::kDigitSide;

} // namespace

RecognizePanel::RecognizePanel(QWidget* parent) : QWidget(parent) {
    canvas_ = new DrawingCanvas(this);
    chart_ = new ProbabilityChart(this);
    preview_ = new InputPreview(this);

    recognizeAction_ = new QAction(tr("&Recognise"), this);
    recognizeAction_->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    recognizeAction_->setToolTip(tr("Recognise the drawing (Enter)"));
    clearAction_ = new QAction(tr("&Clear"), this);
    clearAction_->setShortcuts({QKeySequence(Qt::Key_Backspace), QKeySequence(Qt::Key_Delete)});
    clearAction_->setToolTip(tr("Clear the canvas (Backspace)"));
    undoAction_ = new QAction(tr("&Undo stroke"), this);
    undoAction_->setShortcuts(QKeySequence::Undo);
    undoAction_->setToolTip(tr("Remove the last stroke (Ctrl+Z)"));
    // Window-level shortcuts: they work as soon as the window is shown, whichever child has focus.
    for (QAction* action : {recognizeAction_, clearAction_, undoAction_}) {
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
    }
    connect(recognizeAction_, &QAction::triggered, this, &RecognizePanel::recognize);
    connect(clearAction_, &QAction::triggered, this, &RecognizePanel::clear);
    connect(undoAction_, &QAction::triggered, this, &RecognizePanel::undo);

    auto* recognizeButton = new QPushButton(tr("Recognise"), this);
    recognizeButton->setToolTip(recognizeAction_->toolTip());
    auto* clearButton = new QPushButton(tr("Clear"), this);
    clearButton->setToolTip(clearAction_->toolTip());
    undoButton_ = new QPushButton(tr("Undo"), this);
    undoButton_->setToolTip(undoAction_->toolTip());
    // Buttons never take focus: Space on a focused button would repeat its click behind the user's back.
    for (QPushButton* button : {recognizeButton, clearButton, undoButton_})
        button->setFocusPolicy(Qt::NoFocus);
    connect(recognizeButton, &QPushButton::clicked, this, &RecognizePanel::recognize);
    connect(clearButton, &QPushButton::clicked, this, &RecognizePanel::clear);
    connect(undoButton_, &QPushButton::clicked, this, &RecognizePanel::undo);

    framingBox_ = new QComboBox(this);
    framingBox_->addItem(tr("MNIST framing"), QString::fromStdString(toName(digitpad::Framing::Mnist)));
    framingBox_->addItem(tr("Resize whole canvas"),
                         QString::fromStdString(toName(digitpad::Framing::Resize)));
    framingBox_->setItemData(0, tr("Crop to the ink, fit into 20×20, centre by mass (as MNIST was made)"),
                             Qt::ToolTipRole);
    framingBox_->setItemData(1, tr("Shrink the whole canvas to 28×28 (the classic tutorials' way)"),
                             Qt::ToolTipRole);
    framingBox_->setFocusPolicy(Qt::NoFocus);
    connect(framingBox_, &QComboBox::currentIndexChanged, this, [this] {
        if (answer_ == Answer::Digit || answer_ == Answer::Nothing || !canvas_->isEmpty())
            classify(isLive() && provisional_);
    });

    liveBox_ = new QCheckBox(tr("Live"), this);
    liveBox_->setToolTip(tr("Recognise after every stroke (answers marked provisional)"));
    liveBox_->setFocusPolicy(Qt::NoFocus);
    connect(liveBox_, &QCheckBox::toggled, this, [this](bool live) {
        if (live && !canvas_->isEmpty())
            classify(true);
    });

    auto* penLabel = new QLabel(tr("Pen"), this);
    penSlider_ = new QSlider(Qt::Horizontal, this);
    penSlider_->setRange(6, 40);
    penSlider_->setValue(static_cast<int>(DrawingCanvas::kDefaultPenWidth));
    penSlider_->setToolTip(tr("Pen width in canvas pixels (the canvas is 280 wide)"));
    penSlider_->setFocusPolicy(Qt::NoFocus);
    penLabel->setBuddy(penSlider_);
    connect(penSlider_, &QSlider::valueChanged, this, [this](int width) { canvas_->setPenWidth(width); });

    digitLabel_ = new QLabel(this);
    digitLabel_->setObjectName("digitLabel");
    digitLabel_->setAlignment(Qt::AlignCenter);
    QFont big = digitLabel_->font();
    big.setPointSizeF(big.pointSizeF() * 6);
    big.setBold(true);
    digitLabel_->setFont(big);
    digitLabel_->setMinimumHeight(QFontMetrics(big).height());
    probabilityLabel_ = new QLabel(this);
    probabilityLabel_->setObjectName("probabilityLabel");
    probabilityLabel_->setAlignment(Qt::AlignCenter);
    probabilityLabel_->setWordWrap(true);
    QFont medium = probabilityLabel_->font();
    medium.setPointSizeF(medium.pointSizeF() * 1.4);
    probabilityLabel_->setFont(medium);

    connect(canvas_, &DrawingCanvas::strokeFinished, this, &RecognizePanel::canvasChanged);
    connect(canvas_, &DrawingCanvas::strokeUndone, this, &RecognizePanel::canvasChanged);
    connect(canvas_, &DrawingCanvas::cleared, this, &RecognizePanel::showIdle);
    connect(canvas_, &DrawingCanvas::imageFileDropped, this, [this](const QString& path) {
        const digitpad::Status status = openImage(path);
        if (!status)
            emit errorOccurred(tr("Cannot open image"), QString::fromStdString(status.error().message));
    });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(recognizeButton);
    buttons->addWidget(clearButton);
    buttons->addWidget(undoButton_);
    auto* options = new QHBoxLayout;
    options->addWidget(framingBox_);
    options->addWidget(liveBox_);
    options->addSpacing(12);
    options->addWidget(penLabel);
    options->addWidget(penSlider_, 1);
    auto* left = new QVBoxLayout;
    left->addWidget(canvas_, 1);
    left->addLayout(buttons);
    left->addLayout(options);

    auto* previewCaption = new QLabel(tr("What the network sees:\n28×28, ink bright"), this);
    previewCaption->setWordWrap(true);
    auto* previewRow = new QHBoxLayout;
    previewRow->addWidget(preview_);
    previewRow->addWidget(previewCaption, 1);
    auto* right = new QVBoxLayout;
    right->addWidget(digitLabel_);
    right->addWidget(probabilityLabel_);
    right->addWidget(chart_, 1);
    right->addLayout(previewRow);

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 3);
    layout->addLayout(right, 2);

    showIdle();
}

RecognizePanel::~RecognizePanel() = default;

void RecognizePanel::setModel(std::shared_ptr<const digitpad::Model> model) {
    model_ = std::move(model);
    if (model_ != nullptr) {
        // A model records the framing it was trained with; start from it (the user can still switch).
        const QSignalBlocker block(framingBox_);
        framingBox_->setCurrentIndex(model_->info.framing == digitpad::Framing::Resize ? 1 : 0);
    }
    if (answer_ != Answer::Idle || !canvas_->isEmpty())
        classify(isLive() && provisional_);
}

digitpad::Framing RecognizePanel::framing() const {
    return digitpad::fromName<digitpad::Framing>(framingBox_->currentData().toString().toStdString())
        .value_or(digitpad::Framing::Mnist);
}

void RecognizePanel::setFraming(digitpad::Framing framing) {
    framingBox_->setCurrentIndex(framing == digitpad::Framing::Resize ? 1 : 0);
}

bool RecognizePanel::isLive() const {
    return liveBox_->isChecked();
}

void RecognizePanel::setLive(bool live) {
    liveBox_->setChecked(live);
}

digitpad::Status RecognizePanel::openImage(const QString& path) {
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QImage picture = reader.read();
    if (picture.isNull()) {
        return digitpad::Error{
            QStringLiteral("cannot open image '%1': %2").arg(path, reader.errorString()).toStdString()};
    }
    canvas_->setBackgroundImage(picture);
    updateActions();
    emit statusMessage(
        tr("Opened %1 (%2×%3)").arg(QFileInfo(path).fileName()).arg(picture.width()).arg(picture.height()));
    classify(false);
    return digitpad::Success{};
}

QString RecognizePanel::answerText() const {
    return probabilityLabel_->text();
}

void RecognizePanel::recognize() {
    classify(false);
}

void RecognizePanel::clear() {
    canvas_->clear();
}

void RecognizePanel::undo() {
    canvas_->undo();
}

void RecognizePanel::canvasChanged() {
    updateActions();
    if (isLive())
        classify(true);
    else if (answer_ != Answer::Idle)
        setStale(true);
}

void RecognizePanel::classify(bool provisional) {
    if (model_ == nullptr) {
        showMessage(Answer::NoModel, QStringLiteral("–"), tr("No model loaded (Model ▸ Open model…)"));
        return;
    }
    const digitpad::Framing how = framing();
    const QString framingName = QString::fromStdString(toName(how));
    const auto start = std::chrono::steady_clock::now();
    const digitpad::Result<digitpad::Recognition> recognition =
        digitpad::recognize(*model_, toGrayImage(canvas_->image()), how);
    if (!recognition) {
        showMessage(
            Answer::Unsuitable, QStringLiteral("?"),
            tr("This model expects %1 inputs, not a 28×28 image").arg(model_->network.inputShape().size()));
        return;
    }
    if (!recognition->recognised()) {
        qCInfo(lcRecognize).noquote() << QStringLiteral("nothing to recognise (%1 framing)").arg(framingName);
        showMessage(Answer::Nothing, QStringLiteral("–"), tr("Nothing to recognise"));
        return;
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    const QList<double> values(recognition->probabilities.begin(), recognition->probabilities.end());
    answer_ = Answer::Digit;
    digit_ = recognition->classIndex;
    probability_ = recognition->probability;
    provisional_ = provisional;

    const QString label = QString::fromStdString(recognition->label);
    digitLabel_->setText(label);
    probabilityLabel_->setText(provisional
                                   ? tr("%1 % (live, provisional)").arg(100.0 * probability_, 0, 'f', 1)
                                   : tr("%1 %").arg(100.0 * probability_, 0, 'f', 1));
    setStale(false);
    chart_->setProbabilities(values, QString::fromStdString(model_->info.labels), provisional);
    preview_->setInput(recognition->input, kPreviewSide);

    qCInfo(lcRecognize).noquote() << QStringLiteral("recognized %1 p=%2 (%3 framing, %4 ms)%5")
                                         .arg(label)
                                         .arg(probability_, 0, 'f', 3)
                                         .arg(framingName)
                                         .arg(ms, 0, 'f', 2)
                                         .arg(provisional ? QStringLiteral(" provisional") : QString());
    emit recognized(digit_, probability_, provisional);
}

void RecognizePanel::showIdle() {
    updateActions();
    showMessage(Answer::Idle, QString(), tr("Draw a digit, then press Enter"));
}

void RecognizePanel::showMessage(Answer answer, const QString& big, const QString& text) {
    answer_ = answer;
    digit_ = -1;
    probability_ = 0.0;
    provisional_ = false;
    digitLabel_->setText(big);
    probabilityLabel_->setText(text);
    setStale(false);
    chart_->clearProbabilities();
    preview_->clearInput();
}

void RecognizePanel::setStale(bool stale) {
    // An answer for a drawing that has changed since stays visible but greyed until the next Enter.
    const QString style = stale ? QStringLiteral("color: palette(mid);") : QString();
    digitLabel_->setStyleSheet(style);
    probabilityLabel_->setStyleSheet(style);
    digitLabel_->setToolTip(stale ? tr("The drawing changed: press Enter to recognise it again") : QString());
}

void RecognizePanel::setActionsActive(bool active) {
    actionsActive_ = active;
    updateActions();
}

void RecognizePanel::updateActions() {
    const bool canUndo = canvas_->strokeCount() > 0;
    undoButton_->setEnabled(canUndo);
    undoAction_->setEnabled(actionsActive_ && canUndo);
    recognizeAction_->setEnabled(actionsActive_);
    clearAction_->setEnabled(actionsActive_);
}
