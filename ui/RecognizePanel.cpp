// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecognizePanel.h"

#include "DrawingCanvas.h"
#include "InputPreview.h"
#include "LogCategories.h"
#include "LookInsidePanel.h"
#include "MyAccuracy.h"
#include "MyDigitsStore.h"
#include "ProbabilityChart.h"
#include "ProbabilityText.h"
#include "QtImage.h"
#include "StandardKeys.h"

#include "app/NumberRecognizer.h"
#include "app/Recognizer.h"
#include "data/ImportedImage.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QStringList>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace {

constexpr int kPreviewSide = digitpad::kDigitSide;

} // namespace

RecognizePanel::RecognizePanel(QWidget* parent) : QWidget(parent) {
    canvas_ = new DrawingCanvas(this);
    chart_ = new ProbabilityChart(this);
    preview_ = new InputPreview(this);
    lookInside_ = new LookInsidePanel(this);

    // Texts and tooltips are set in retranslate(), at the end and on every language change.
    recognizeAction_ = new QAction(this);
    recognizeAction_->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    clearAction_ = new QAction(this);
    clearAction_->setShortcuts({QKeySequence(Qt::Key_Backspace), QKeySequence(Qt::Key_Delete)});
    undoAction_ = new QAction(this);
    undoAction_->setShortcuts(standardKeys(QKeySequence::Undo, {QKeySequence(Qt::CTRL | Qt::Key_Z)}));
    redoAction_ = new QAction(this);
    redoAction_->setShortcuts(
        standardKeys(QKeySequence::Redo,
                     {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)}));
    // Window-level shortcuts: they work as soon as the window is shown, whichever child has focus.
    for (QAction* action : {recognizeAction_, clearAction_, undoAction_, redoAction_}) {
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
    }
    connect(recognizeAction_, &QAction::triggered, this, &RecognizePanel::recognize);
    connect(clearAction_, &QAction::triggered, this, &RecognizePanel::clear);
    connect(undoAction_, &QAction::triggered, this, &RecognizePanel::undo);
    connect(redoAction_, &QAction::triggered, this, &RecognizePanel::redo);

    recognizeButton_ = new QPushButton(this);
    recognizeButton_->setObjectName("recognizeButton");
    clearButton_ = new QPushButton(this);
    clearButton_->setObjectName("clearButton");
    undoButton_ = new QPushButton(this);
    undoButton_->setObjectName("undoButton");
    connect(recognizeButton_, &QPushButton::clicked, this, &RecognizePanel::recognize);
    connect(clearButton_, &QPushButton::clicked, this, &RecognizePanel::clear);
    connect(undoButton_, &QPushButton::clicked, this, &RecognizePanel::undo);

    framingBox_ = new QComboBox(this);
    framingBox_->addItem(QString(), QString::fromStdString(toName(digitpad::Framing::Mnist)));
    framingBox_->addItem(QString(), QString::fromStdString(toName(digitpad::Framing::Resize)));
    framingBox_->setObjectName("framingBox");
    connect(framingBox_, &QComboBox::currentIndexChanged, this, [this] {
        if (answer_ == Answer::Digit || answer_ == Answer::Number || answer_ == Answer::Nothing ||
            !canvas_->isEmpty())
            classify(isLive() && provisional_);
    });

    framingStepsLabel_ = new QLabel(this);
    framingStepsLabel_->setObjectName("framingStepsLabel");

    liveBox_ = new QCheckBox(this);
    liveBox_->setObjectName("liveBox");
    connect(liveBox_, &QCheckBox::toggled, this, [this](bool live) {
        if (live && !canvas_->isEmpty())
            classify(true);
    });

    penLabel_ = new QLabel(this);
    penSlider_ = new QSlider(Qt::Horizontal, this);
    penSlider_->setObjectName("penSlider");
    penSlider_->setRange(6, 40);
    // One arrow key (or View ▸ Thinner/Thicker pen) makes a difference one can see.
    penSlider_->setSingleStep(2);
    penSlider_->setPageStep(6);
    penSlider_->setValue(static_cast<int>(DrawingCanvas::kDefaultPenWidth));
    penLabel_->setBuddy(penSlider_);
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
    connect(canvas_, &DrawingCanvas::restored, this, &RecognizePanel::canvasRestored);
    connect(canvas_->history(), &QUndoStack::indexChanged, this, &RecognizePanel::updateActions);
    connect(canvas_, &DrawingCanvas::cleared, this, &RecognizePanel::showIdle);
    connect(canvas_, &DrawingCanvas::imageFileDropped, this, [this](const QString& path) {
        const digitpad::Status status = openImage(path);
        if (!status)
            emit errorOccurred(tr("Cannot open image"),
                               tr("DigitPad cannot open the image %1.").arg(QDir::toNativeSeparators(path)),
                               QString::fromStdString(status.error().message));
    });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(recognizeButton_);
    buttons->addWidget(clearButton_);
    buttons->addWidget(undoButton_);
    auto* options = new QHBoxLayout;
    options->addWidget(framingBox_);
    options->addWidget(framingStepsLabel_);
    options->addWidget(liveBox_);
    options->addSpacing(12);
    options->addWidget(penLabel_);
    options->addWidget(penSlider_, 1);
    auto* left = new QVBoxLayout;
    left->addWidget(canvas_, 1);
    left->addLayout(buttons);
    left->addLayout(options);

    previewCaption_ = new QLabel(this);
    previewCaption_->setWordWrap(true);
    auto* previewRow = new QHBoxLayout;
    previewRow->addWidget(preview_, 2);
    previewRow->addWidget(previewCaption_, 1);
    createCorrectionRow();
    resultArea_ = new QWidget(this);
    resultArea_->setObjectName("resultArea");
    auto* result = new QVBoxLayout(resultArea_);
    result->setContentsMargins(0, 0, 0, 0);
    result->addWidget(digitLabel_);
    result->addWidget(probabilityLabel_);
    // Right-click on the answer offers the same "Keep as …" actions as the digit keys.
    resultArea_->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (QAction* action : keepActions_)
        resultArea_->addAction(action);

    // The pad is for digits: a model of other classes (e.g. Fashion-MNIST's clothes) still answers, but a
    // drawing is not what it learned from, so the panel says so instead of pretending.
    notDigitsLabel_ = new QLabel(this);
    notDigitsLabel_->setObjectName("notDigitsLabel");
    notDigitsLabel_->setWordWrap(true);
    notDigitsLabel_->setVisible(false);

    myAccuracyLabel_ = new QLabel(this);
    myAccuracyLabel_->setObjectName("myAccuracyLabel");
    myAccuracyLabel_->setWordWrap(true);
    myAccuracyLabel_->setVisible(false);

    auto* right = new QVBoxLayout;
    right->addWidget(notDigitsLabel_);
    right->addWidget(resultArea_);
    right->addWidget(correctionRow_);
    // The chart and the 28×28 preview share the height a large window gives.
    right->addWidget(chart_, 2);
    right->addLayout(previewRow, 1);
    right->addWidget(myAccuracyLabel_);

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 3);
    layout->addLayout(right, 2);
    layout->addWidget(lookInside_, 2);

    // Tab reaches every control, in reading order; a click gives none of them focus (Qt::TabFocus), so the
    // canvas-first mouse use stays as it was and Space never repeats a click. Enter and Backspace stay
    // window-level: no control here needs them.
    QList<QWidget*> order{recognizeButton_, clearButton_, undoButton_, framingBox_, liveBox_, penSlider_};
    for (QToolButton* button : keepButtons_)
        order.append(button);
    order.append(lookInside_->toggleButton());
    order.append(lookInside_->views());
    for (QWidget* widget : order)
        widget->setFocusPolicy(Qt::TabFocus);
    for (qsizetype i = 0; i + 1 < order.size(); ++i)
        setTabOrder(order[i], order[i + 1]);

    showIdle();
    retranslate();
}

void RecognizePanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RecognizePanel::retranslate() {
    recognizeAction_->setText(tr("Reco&gnise"));
    recognizeAction_->setToolTip(tr("Recognise the drawing (Enter)"));
    clearAction_->setText(tr("&Clear"));
    clearAction_->setToolTip(tr("Clear the canvas (Backspace; Ctrl+Z brings the drawing back)"));
    recognizeButton_->setText(tr("Recognise"));
    recognizeButton_->setToolTip(recognizeAction_->toolTip());
    clearButton_->setText(tr("Clear"));
    clearButton_->setToolTip(clearAction_->toolTip());
    undoButton_->setText(tr("Undo"));
    framingBox_->setItemText(0, tr("MNIST framing"));
    framingBox_->setItemText(1, tr("Resize whole canvas"));
    framingBox_->setItemData(0, tr("Crop to the ink, fit into 20×20, centre by mass (as MNIST was made)"),
                             Qt::ToolTipRole);
    framingBox_->setItemData(1, tr("Shrink the whole canvas to 28×28 (the classic tutorials' way)"),
                             Qt::ToolTipRole);
    framingStepsLabel_->setToolTip(
        tr("Corrections after framing that the model was trained with and applies to every drawing: deskew "
           "straightens slanted writing, stroke width thins or thickens the ink toward MNIST's. The 28×28 "
           "preview shows their result.") +
        QLatin1Char(' ') +
        tr("A model with test-time augmentation answers with the mean over slightly moved or turned copies "
           "of the 28×28 image."));
    showFramingSteps();
    liveBox_->setText(tr("Live"));
    liveBox_->setToolTip(tr("Recognise after every stroke (answers marked provisional)"));
    penLabel_->setText(tr("&Pen"));
    penSlider_->setToolTip(tr("Pen width in canvas pixels (the canvas is 280 wide)"));
    previewCaption_->setText(tr("What the network sees:\n28×28, ink bright"));
    preview_->setToolTip(InputPreview::defaultToolTip());
    correctionCaption_->setText(tr("It is:"));
    keepHint_->setText(tr("Press the digit's key to keep this drawing with its label: the answer's key "
                          "confirms it, another key corrects it."));
    showNotDigits();
    showAnswerText();
    setStale(stale_);
    updateMyAccuracy();
    updateActions();
}

RecognizePanel::~RecognizePanel() {
    // The canvas, a child, outlives this class's part of the object: its undo stack clears itself when it is
    // destroyed and would call updateActions() on a panel that is already half gone.
    disconnect(canvas_->history(), nullptr, this, nullptr);
}

void RecognizePanel::createCorrectionRow() {
    for (int digit = 0; digit < 10; ++digit) {
        auto* action = new QAction(tr("Keep as %1").arg(digit), this);
        action->setObjectName(QStringLiteral("keepAs%1").arg(digit));
        const auto key = static_cast<Qt::Key>(Qt::Key_0 + digit);
        action->setShortcuts({QKeySequence(key), QKeySequence(Qt::KeypadModifier | key)});
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, [this, digit] { keep(digit); });
        keepActions_[static_cast<std::size_t>(digit)] = action;
    }

    correctionRow_ = new QWidget(this);
    correctionRow_->setObjectName("correctionRow");
    correctionCaption_ = new QLabel(correctionRow_);
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    buttons->addWidget(correctionCaption_);
    for (int digit = 0; digit < 10; ++digit) {
        auto* button = new QToolButton(correctionRow_);
        button->setObjectName(QStringLiteral("keepButton%1").arg(digit));
        button->setText(QString::number(digit));
        button->setMinimumWidth(26);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        connect(button, &QToolButton::clicked, this, [this, digit] { keep(digit); });
        buttons->addWidget(button);
        keepButtons_[static_cast<std::size_t>(digit)] = button;
    }
    keepHint_ = new QLabel(correctionRow_);
    keepHint_->setObjectName("keepHint");
    keepHint_->setWordWrap(true);
    keepHint_->setStyleSheet(QStringLiteral("color: palette(mid);"));
    keptLabel_ = new QLabel(correctionRow_);
    keptLabel_->setObjectName("keptLabel");
    keptLabel_->setWordWrap(true);
    auto* column = new QVBoxLayout(correctionRow_);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(buttons);
    column->addWidget(keepHint_);
    column->addWidget(keptLabel_);
    correctionRow_->setVisible(false);
}

void RecognizePanel::setStore(MyDigitsStore* store) {
    if (store_ != nullptr)
        disconnect(store_, nullptr, this, nullptr);
    store_ = store;
    delete myAccuracy_;
    myAccuracy_ = nullptr;
    if (store_ != nullptr) {
        myAccuracy_ = new MyAccuracy(store_->folder(), this);
        connect(myAccuracy_, &MyAccuracy::updated, this, &RecognizePanel::updateMyAccuracy);
        connect(store_, &MyDigitsStore::changed, myAccuracy_, &MyAccuracy::refresh);
        connect(store_, &QObject::destroyed, this, [this] { setStore(nullptr); });
        myAccuracy_->setModel(model_);
    }
    correctionRow_->setVisible(store_ != nullptr);
    myAccuracyLabel_->setVisible(store_ != nullptr);
    updateMyAccuracy();
    updateActions();
}

bool RecognizePanel::canKeep() const {
    return store_ != nullptr && answer_ == Answer::Digit && !stale_ && !kept_;
}

digitpad::Status RecognizePanel::keep(int label) {
    if (label < 0 || label > 9)
        return digitpad::Error{"label " + std::to_string(label) + " is not a digit 0–9"};
    if (!canKeep())
        return digitpad::Error{store_ == nullptr ? "there is no store for kept drawings"
                               : kept_           ? "this drawing is kept already"
                                                 : "there is no answer for the drawing on the canvas"};
    digitpad::DrawingRecord record;
    record.label = label;
    record.drawing = canvas_->drawing();
    record.input = input_;
    record.model = modelDescription().toStdString();
    record.answer = digit_;
    record.probability = probability_;
    const digitpad::Result<digitpad::DrawingRecord> kept = store_->add(canvas_->image(), std::move(record));
    if (!kept) {
        emit errorOccurred(tr("Cannot keep the drawing"),
                           tr("DigitPad cannot keep the drawing in My digits."),
                           QString::fromStdString(kept.error().message));
        return kept.error();
    }
    kept_ = true;
    const int count = store_->count();
    const QString total = count == 1 ? tr("1 drawing") : tr("%1 drawings").arg(count);
    keptLabel_->setText(
        label == digit_
            ? tr("Kept as %1 — My digits: %2").arg(label).arg(total)
            : tr("Kept as %1 (the answer was %2) — My digits: %3").arg(label).arg(digit_).arg(total));
    qCInfo(lcRecognize).noquote() << QStringLiteral("kept %1 as %2 (answer %3)")
                                         .arg(QString::fromStdString(kept->id))
                                         .arg(label)
                                         .arg(digit_);
    updateActions();
    emit statusMessage(keptLabel_->text());
    emit drawingKept(QString::fromStdString(kept->id), label);
    return digitpad::Success{};
}

QString RecognizePanel::keptText() const {
    return keptLabel_->text();
}

QString RecognizePanel::myAccuracyText() const {
    return myAccuracyLabel_->text();
}

QString RecognizePanel::modelDescription() const {
    if (model_ == nullptr)
        return {};
    QString name = modelName_.isEmpty() ? QString::fromStdString(model_->info.preset) : modelName_;
    if (!model_->info.trainedAt.empty())
        name += QStringLiteral(" (trained %1)").arg(QString::fromStdString(model_->info.trainedAt));
    return name;
}

void RecognizePanel::updateMyAccuracy() {
    if (myAccuracy_ == nullptr) {
        myAccuracyLabel_->clear();
        myAccuracyLabel_->setToolTip({});
        return;
    }
    myAccuracyLabel_->setText(myAccuracy_->text());
    myAccuracyLabel_->setToolTip(myAccuracy_->details());
}

void RecognizePanel::updateKeepControls() {
    const bool enabled = canKeep();
    for (int digit = 0; digit < 10; ++digit) {
        const bool confirms = answer_ == Answer::Digit && digit == digit_;
        QAction* action = keepActions_[static_cast<std::size_t>(digit)];
        action->setEnabled(actionsActive_ && enabled);
        action->setText(confirms ? tr("Keep as %1 (confirms the answer)").arg(digit)
                                 : tr("Keep as %1").arg(digit));
        QToolButton* button = keepButtons_[static_cast<std::size_t>(digit)];
        button->setEnabled(enabled);
        QFont font = button->font();
        font.setBold(confirms);
        button->setFont(font);
        button->setToolTip(confirms
                               ? tr("It is %1, as answered: keep the drawing (key %1)").arg(digit)
                               : tr("It is %1: keep the drawing with this correction (key %1)").arg(digit));
    }
}

void RecognizePanel::setModel(std::shared_ptr<const digitpad::Model> model, const QString& name) {
    model_ = std::move(model);
    modelName_ = name;
    if (myAccuracy_ != nullptr)
        myAccuracy_->setModel(model_);
    if (model_ != nullptr) {
        // A model records the framing it was trained with; start from it (the user can still switch).
        const QSignalBlocker block(framingBox_);
        framingBox_->setCurrentIndex(model_->info.framing == digitpad::Framing::Resize ? 1 : 0);
    }
    lookInside_->setModel(model_);
    showFramingSteps();
    showNotDigits();
    if (answer_ != Answer::Idle || !canvas_->isEmpty())
        classify(isLive() && provisional_);
}

void RecognizePanel::showNotDigits() {
    const bool digits = model_ == nullptr || digitpad::isDigitModel(model_->info);
    if (!digits) {
        QStringList names;
        for (const std::string& className : digitpad::classNamesOf(model_->info))
            names << QString::fromStdString(className);
        notDigitsLabel_->setText(tr("This pad is for digits, but the model recognises %1. Its answers to a "
                                    "drawing mean little.")
                                     .arg(names.join(tr(", "))));
    }
    notDigitsLabel_->setVisible(!digits);
}

void RecognizePanel::showFramingSteps() {
    const digitpad::FramingSteps steps =
        model_ != nullptr ? model_->info.framingSteps : digitpad::FramingSteps{};
    QStringList names;
    if (steps.deskew)
        names << tr("deskew");
    if (steps.strokeWidth)
        names << tr("stroke width");
    const digitpad::TestTimeAugmentation testTime =
        model_ != nullptr ? model_->info.testTime : digitpad::TestTimeAugmentation::None;
    if (testTime != digitpad::TestTimeAugmentation::None)
        names << tr("mean of %1 copies").arg(digitpad::testTimeImageCount(testTime));
    framingStepsLabel_->setText(names.isEmpty() ? tr("+ no steps") : tr("+ %1").arg(names.join(tr(", "))));
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
    const digitpad::Result<digitpad::GrayImage> picture =
        readGrayImage(QDir::toNativeSeparators(path).toStdString());
    if (!picture)
        return picture.error();
    // In canvas terms (dark ink on white paper), so strokes drawn over it show and the white around a
    // non-square picture matches its paper.
    const digitpad::ImportedImage imported = digitpad::importImage(*picture);
    QString how;
    if (imported.inverted)
        how += tr(", light ink on dark inverted");
    if (imported.flattened)
        how += tr(", uneven paper evened out");
    showImage(toQImage(imported.image), tr("Opened %1 (%2×%3%4)")
                                            .arg(QFileInfo(path).fileName())
                                            .arg(picture->width)
                                            .arg(picture->height)
                                            .arg(how));
    return digitpad::Success{};
}

void RecognizePanel::showImage(const QImage& picture, const QString& caption) {
    canvas_->setBackgroundImage(picture);
    kept_ = false;
    updateActions();
    emit statusMessage(caption);
    classify(false);
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

void RecognizePanel::redo() {
    canvas_->redo();
}

void RecognizePanel::canvasRestored() {
    // An undo back to a blank canvas (or a redone Clear) is a fresh start, as after Backspace.
    if (canvas_->isEmpty())
        showIdle();
    else
        canvasChanged();
}

void RecognizePanel::canvasChanged() {
    kept_ = false;
    keptLabel_->clear();
    if (isLive())
        classify(true);
    else if (answer_ != Answer::Idle)
        setStale(true);
    updateActions();
}

void RecognizePanel::classify(bool provisional) {
    if (model_ == nullptr) {
        showMessage(Answer::NoModel, QStringLiteral("–"));
        return;
    }
    const digitpad::Framing how = framing();
    const QString framingName = QString::fromStdString(toName(how));
    const auto start = std::chrono::steady_clock::now();
    // One use case for one digit and for several: a single digit's answer is recognize() on the whole canvas.
    // The strokes go along, so digits drawn touching or overlapping are still read apart.
    const digitpad::Result<digitpad::NumberRecognition> number =
        digitpad::recognizeNumber(*model_, toGrayImage(canvas_->image()), canvas_->drawing(), how);
    if (!number) {
        showMessage(Answer::Unsuitable, QStringLiteral("?"));
        return;
    }
    if (!number->recognised()) {
        qCInfo(lcRecognize).noquote() << QStringLiteral("nothing to recognise (%1 framing)").arg(framingName);
        showMessage(Answer::Nothing, QStringLiteral("–"));
        return;
    }
    shown_ = std::make_shared<const digitpad::NumberRecognition>(*number);
    if (number->digits.size() > 1) {
        showNumber(*number, provisional);
        qCInfo(lcRecognize).noquote() << QStringLiteral("recognized number %1 (%2 digits, %3 framing)%4")
                                             .arg(number_)
                                             .arg(number->digits.size())
                                             .arg(framingName)
                                             .arg(provisional ? QStringLiteral(" provisional") : QString());
        return;
    }
    const digitpad::Recognition* recognition = &number->digits.front().recognition;
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    const QList<double> values(recognition->probabilities.begin(), recognition->probabilities.end());
    answer_ = Answer::Digit;
    number_.clear();
    canvas_->setOverlay({});
    digit_ = recognition->classIndex;
    probability_ = recognition->probability;
    provisional_ = provisional;
    input_.resize(static_cast<std::size_t>(recognition->input.size()));
    for (Eigen::Index i = 0; i < recognition->input.size(); ++i)
        input_[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(
            std::lround(255.0 * std::clamp(static_cast<double>(recognition->input[i]), 0.0, 1.0)));

    const QString label = QString::fromStdString(recognition->label);
    // Ink that does not look like a digit gets no big digit: the network's answer is only a guess there.
    digitLabel_->setText(recognition->looksLikeADigit() ? label : QStringLiteral("?"));
    showAnswerText();
    setStale(false);
    QStringList names;
    for (const std::string& name : digitpad::classNamesOf(model_->info))
        names << QString::fromStdString(name);
    chart_->setProbabilities(values, names, provisional);
    preview_->setInput(recognition->input, kPreviewSide);
    lookInside_->showInput(recognition->input, recognition->probabilities);
    updateActions();

    qCInfo(lcRecognize).noquote() << QStringLiteral("recognized %1 p=%2 (%3 framing, %4 ms)%5")
                                         .arg(label)
                                         .arg(probability_, 0, 'f', 3)
                                         .arg(framingName)
                                         .arg(ms, 0, 'f', 2)
                                         .arg(provisional ? QStringLiteral(" provisional") : QString());
    emit recognized(digit_, probability_, provisional);
}

void RecognizePanel::showNumber(const digitpad::NumberRecognition& number, bool provisional) {
    answer_ = Answer::Number;
    digit_ = -1;
    probability_ = 0.0;
    provisional_ = provisional;
    number_ = QString::fromStdString(number.number());
    QList<DrawingCanvas::OverlayBox> boxes;
    for (const digitpad::DigitReading& digit : number.digits) {
        const digitpad::Recognition& r = digit.recognition;
        // The canvas image is the logical drawing, so the boxes are in logical coordinates already.
        boxes.append({QRectF(digit.box.x, digit.box.y, digit.box.width, digit.box.height),
                      tr("%1 %2").arg(QString::fromStdString(r.label), probabilityText(r.probability))});
    }
    digitLabel_->setText(number_);
    showAnswerText();
    setStale(false);
    // The chart, the 28×28 preview and Look inside are about one input; a number has several.
    chart_->clearProbabilities();
    preview_->clearInput();
    lookInside_->clearViews();
    input_.clear();
    canvas_->setOverlay(boxes);
    updateActions();
}

void RecognizePanel::showIdle() {
    kept_ = false;
    keptLabel_->clear();
    showMessage(Answer::Idle, QString());
}

void RecognizePanel::showAnswerText() {
    QString text;
    switch (answer_) {
    case Answer::Idle:
        text = tr("Draw a digit, then press Enter");
        break;
    case Answer::NoModel:
        text = tr("No model loaded (Model ▸ Open model…)");
        break;
    case Answer::Unsuitable:
        text = model_ ? tr("This model expects %1 inputs, not a 28×28 image")
                            .arg(model_->network.inputShape().size())
                      : QString();
        break;
    case Answer::Nothing:
        text = tr("Nothing to recognise");
        break;
    case Answer::Digit:
        if (shown_ && !shown_->digits.empty()) {
            const digitpad::Recognition& r = shown_->digits.front().recognition;
            const QString label = QString::fromStdString(r.label);
            // An unsure answer names the runner-up too, so a person sees what the network hesitated between.
            text =
                !r.looksLikeADigit() ? tr("doesn't look like a digit (maybe %1?)").arg(label)
                : r.unsure && r.runnerUpIndex >= 0
                    ? tr("not sure: %1 or %2? (%3)")
                          .arg(label, QString::fromStdString(r.runnerUpLabel), probabilityText(r.probability))
                    : probabilityText(r.probability);
        }
        break;
    case Answer::Number:
        if (shown_) {
            QStringList parts;
            for (const digitpad::DigitReading& digit : shown_->digits) {
                const digitpad::Recognition& r = digit.recognition;
                const QString label = QString::fromStdString(r.label);
                const QString certainty = probabilityText(r.probability);
                // Non-breaking spaces inside a digit's part, so a long number wraps between digits only.
                const QString part = !r.looksLikeADigit() ? tr("%1: doesn't look like a digit").arg(label)
                                     : r.unsure && r.runnerUpIndex >= 0
                                         ? tr("%1: not sure, %1 or %2? %3")
                                               .arg(label, QString::fromStdString(r.runnerUpLabel), certainty)
                                         : tr("%1: %2").arg(label, certainty);
                parts.append(QString(part).replace(QLatin1Char(' '), QChar::Nbsp));
            }
            text = parts.join(QStringLiteral(" · "));
        }
        break;
    }
    const bool answered = answer_ == Answer::Digit || answer_ == Answer::Number;
    probabilityLabel_->setText(answered && provisional_ ? tr("%1 (live, provisional)").arg(text) : text);
}

void RecognizePanel::showMessage(Answer answer, const QString& big) {
    answer_ = answer;
    shown_.reset();
    digit_ = -1;
    number_.clear();
    canvas_->setOverlay({});
    probability_ = 0.0;
    provisional_ = false;
    digitLabel_->setText(big);
    showAnswerText();
    setStale(false);
    chart_->clearProbabilities();
    preview_->clearInput();
    lookInside_->clearViews();
    input_.clear();
    updateActions();
}

void RecognizePanel::setStale(bool stale) {
    stale_ = stale;
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
    const QUndoStack* history = canvas_->history();
    undoButton_->setEnabled(history->canUndo());
    undoAction_->setEnabled(actionsActive_ && history->canUndo());
    redoAction_->setEnabled(actionsActive_ && history->canRedo());
    undoAction_->setText(history->canUndo() ? tr("&Undo %1").arg(history->undoText()) : tr("&Undo"));
    redoAction_->setText(history->canRedo() ? tr("&Redo %1").arg(history->redoText()) : tr("&Redo"));
    const QString undoKey = undoAction_->shortcut().toString(QKeySequence::NativeText);
    undoAction_->setToolTip(history->canUndo() ? tr("Undo %1 (%2)").arg(history->undoText(), undoKey)
                                               : tr("Nothing to undo (%1)").arg(undoKey));
    undoButton_->setToolTip(undoAction_->toolTip());
    recognizeAction_->setEnabled(actionsActive_);
    clearAction_->setEnabled(actionsActive_);
    lookInside_->toggleAction()->setEnabled(actionsActive_);
    updateKeepControls();
}
