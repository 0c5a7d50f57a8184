// SPDX-License-Identifier: GPL-3.0-or-later
#include "DrawingCanvas.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImageReader>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QTabletEvent>
#include <QTouchEvent>
#include <QUndoCommand>
#include <QUndoStack>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace {

/// Points closer than this (logical pixels) to the previous one add nothing visible and are skipped.
constexpr qreal kMinStep = 0.5;

QPen inkPen(qreal width) {
    return QPen(Qt::black, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
}

} // namespace

/// One change of the drawing. The change has happened when the step is pushed, so its first redo() (which
/// QUndoStack::push calls) does nothing.
class DrawingCanvas::Step : public QUndoCommand {
public:
    Step(DrawingCanvas* canvas, const QString& text, Snapshot before, Snapshot after)
        : QUndoCommand(text), canvas_(canvas), before_(std::move(before)), after_(std::move(after)) {}

    void undo() override { canvas_->restore(before_); }
    void redo() override {
        if (pushed_)
            canvas_->restore(after_);
        pushed_ = true;
    }

private:
    DrawingCanvas* canvas_;
    Snapshot before_;
    Snapshot after_;
    bool pushed_ = false;
};

DrawingCanvas::DrawingCanvas(QWidget* parent) : QWidget(parent) {
    image_ = QImage(kLogicalSize, kLogicalSize, QImage::Format_RGB32);
    image_.fill(Qt::white);
    history_ = new QUndoStack(this);
    // Enough for any digit and many clears; a step holds shared copies, so even this many cost little.
    history_->setUndoLimit(500);
    setAttribute(Qt::WA_AcceptTouchEvents);
    setAcceptDrops(true);
    setCursor(Qt::CrossCursor);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    retranslate();
}

void DrawingCanvas::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void DrawingCanvas::retranslate() {
    setToolTip(tr("Draw a digit. Enter recognises, Backspace clears, Ctrl+Z undoes the last step.\n"
                  "You can also drop an image file here."));
}

bool DrawingCanvas::isEmpty() const {
    return strokes_.isEmpty() && background_.isNull();
}

digitpad::Drawing DrawingCanvas::drawing() const {
    digitpad::Drawing drawing;
    drawing.canvasSide = kLogicalSize;
    drawing.strokes.reserve(static_cast<std::size_t>(strokes_.size()));
    for (const Stroke& stroke : strokes_) {
        digitpad::PenStroke& pen = drawing.strokes.emplace_back();
        pen.reserve(static_cast<std::size_t>(stroke.points.size()));
        for (qsizetype i = 0; i < stroke.points.size(); ++i)
            pen.push_back({stroke.points[i].x(), stroke.points[i].y(), stroke.widths[i]});
    }
    return drawing;
}

void DrawingCanvas::setPenWidth(qreal width) {
    penWidth_ = std::clamp(width, 1.0, kLogicalSize / 4.0);
}

QRectF DrawingCanvas::displayRect() const {
    // Leave one pixel for the frame drawn around the paper.
    const qreal side = std::max(1, std::min(width(), height()) - 2);
    return {(width() - side) / 2.0, (height() - side) / 2.0, side, side};
}

QPointF DrawingCanvas::toLogical(const QPointF& widgetPos) const {
    const QRectF r = displayRect();
    const qreal scale = kLogicalSize / r.width();
    return (widgetPos - r.topLeft()) * scale;
}

void DrawingCanvas::setBackgroundImage(const QImage& picture) {
    Snapshot before = snapshot();
    strokes_.clear();
    drawing_ = false;
    background_ = QImage(kLogicalSize, kLogicalSize, QImage::Format_RGB32);
    background_.fill(Qt::white);
    if (!picture.isNull()) {
        const QImage scaled =
            picture.scaled(kLogicalSize, kLogicalSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        QPainter painter(&background_);
        painter.drawImage((kLogicalSize - scaled.width()) / 2, (kLogicalSize - scaled.height()) / 2, scaled);
    }
    redrawAll();
    record(tr("Image"), std::move(before));
}

void DrawingCanvas::clear() {
    Snapshot before = snapshot();
    strokes_.clear();
    background_ = QImage();
    drawing_ = false;
    redrawAll();
    if (!before.strokes.isEmpty() || !before.background.isNull())
        record(tr("Clear"), std::move(before));
    emit cleared();
}

bool DrawingCanvas::undo() {
    if (!history_->canUndo())
        return false;
    history_->undo();
    return true;
}

bool DrawingCanvas::redo() {
    if (!history_->canRedo())
        return false;
    history_->redo();
    return true;
}

DrawingCanvas::Snapshot DrawingCanvas::snapshot() const {
    return {strokes_, background_};
}

void DrawingCanvas::restore(const Snapshot& state) {
    // A stroke in progress (Ctrl+Z with the button held) ends here; its release then draws nothing.
    drawing_ = false;
    strokes_ = state.strokes;
    background_ = state.background;
    redrawAll();
    emit restored();
}

void DrawingCanvas::record(const QString& text, Snapshot before) {
    history_->push(new Step(this, text, std::move(before), snapshot()));
}

void DrawingCanvas::paintEvent(QPaintEvent* event) {
    QPainter painter(this);
    painter.setClipRegion(event->region());
    const QRectF paper = displayRect();
    if (screenImageIsStale())
        renderScreenImage();
    // On whole device pixels, so the ink is copied pixel for pixel, never resampled.
    const qreal ratio = screenImage_.devicePixelRatio();
    painter.drawImage(QPointF(std::round(paper.x() * ratio) / ratio, std::round(paper.y() * ratio) / ratio),
                      screenImage_);
    painter.setBrush(Qt::NoBrush);
    if (dropTarget_) {
        // "Drop it here": a wide frame in the highlight colour around the paper.
        painter.setPen(QPen(palette().color(QPalette::Highlight), 4));
        painter.drawRect(paper.adjusted(-2, -2, 2, 2));
        return;
    }
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.drawRect(paper.adjusted(-0.5, -0.5, 0.5, 0.5));
    paintOverlay(painter, paper);
}

void DrawingCanvas::setOverlay(const QList<OverlayBox>& boxes) {
    overlay_ = boxes;
    update();
}

void DrawingCanvas::paintOverlay(QPainter& painter, const QRectF& paper) const {
    if (overlay_.isEmpty())
        return;
    const qreal scale = paper.width() / kLogicalSize;
    const QColor colour = palette().color(QPalette::Highlight);
    QFont font = painter.font();
    font.setBold(true);
    painter.setFont(font);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF metrics(font);
    QList<QRectF> tabs;
    const auto coversATab = [&tabs](const QRectF& tab) {
        return std::any_of(tabs.begin(), tabs.end(),
                           [&tab](const QRectF& other) { return other.intersects(tab); });
    };
    for (const OverlayBox& box : overlay_) {
        const QRectF rect(paper.topLeft() + box.rect.topLeft() * scale, box.rect.size() * scale);
        painter.setPen(QPen(colour, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect.adjusted(-3, -3, 3, 3));
        // The caption sits on a filled tab above the box, or inside its top when the box touches the paper's
        // top.
        const QSizeF size(metrics.horizontalAdvance(box.caption) + 8, metrics.height() + 2);
        QPointF corner(rect.left() - 3, rect.top() - 3 - size.height());
        if (corner.y() < paper.top())
            corner.setY(rect.top() - 3);
        QRectF tab(corner, size);
        // Digits drawn overlapping have boxes whose corners meet: a caption that would cover an earlier one
        // stands on top of it, or under its own box when there is no room above.
        while (coversATab(tab) && tab.top() - size.height() >= paper.top())
            tab.moveTop(tab.top() - size.height());
        if (coversATab(tab)) {
            tab.moveTop(rect.bottom() + 3);
            while (coversATab(tab))
                tab.moveTop(tab.top() + size.height());
        }
        tabs.append(tab);
        painter.fillRect(tab, colour);
        painter.setPen(palette().color(QPalette::HighlightedText));
        painter.drawText(tab, Qt::AlignCenter, box.caption);
    }
}

void DrawingCanvas::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    update();
}

void DrawingCanvas::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        beginStroke(event->position(), penWidth_);
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void DrawingCanvas::mouseMoveEvent(QMouseEvent* event) {
    if (drawing_ && (event->buttons() & Qt::LeftButton)) {
        extendStroke(event->position(), penWidth_);
        event->accept();
        return;
    }
    QWidget::mouseMoveEvent(event);
}

void DrawingCanvas::mouseReleaseEvent(QMouseEvent* event) {
    if (drawing_ && event->button() == Qt::LeftButton) {
        extendStroke(event->position(), penWidth_);
        endStroke();
        event->accept();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void DrawingCanvas::tabletEvent(QTabletEvent* event) {
    // Accepting the event stops Qt from synthesising a mouse event for the same motion.
    const qreal width = pressureWidth(event->pressure());
    switch (event->type()) {
    case QEvent::TabletPress:
        beginStroke(event->position(), width);
        break;
    case QEvent::TabletMove:
        if (drawing_)
            extendStroke(event->position(), width);
        break;
    case QEvent::TabletRelease:
        if (drawing_)
            endStroke();
        break;
    default:
        break;
    }
    event->accept();
}

bool DrawingCanvas::event(QEvent* event) {
    switch (event->type()) {
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::TouchCancel: {
        // One finger draws; further fingers are ignored rather than drawing lines between them.
        const auto* touch = static_cast<QTouchEvent*>(event);
        if (touch->points().isEmpty())
            return true;
        const QPointF pos = touch->points().first().position();
        if (event->type() == QEvent::TouchBegin)
            beginStroke(pos, penWidth_);
        else if (drawing_ && event->type() != QEvent::TouchCancel)
            extendStroke(pos, penWidth_);
        if (drawing_ && (event->type() == QEvent::TouchEnd || event->type() == QEvent::TouchCancel))
            endStroke();
        event->accept();
        return true;
    }
    default:
        return QWidget::event(event);
    }
}

void DrawingCanvas::dragEnterEvent(QDragEnterEvent* event) {
    if (droppedImagePath(event->mimeData()).isEmpty())
        return;
    event->acceptProposedAction();
    dropTarget_ = true;
    update();
}

void DrawingCanvas::dragLeaveEvent(QDragLeaveEvent* event) {
    QWidget::dragLeaveEvent(event);
    dropTarget_ = false;
    update();
}

void DrawingCanvas::dropEvent(QDropEvent* event) {
    dropTarget_ = false;
    update();
    const QString path = droppedImagePath(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    emit imageFileDropped(path);
}

void DrawingCanvas::beginStroke(const QPointF& widgetPos, qreal width) {
    drawing_ = true;
    if (!overlay_.isEmpty()) {
        overlay_.clear();
        update();
    }
    Stroke stroke;
    stroke.points.append(toLogical(widgetPos));
    stroke.widths.append(width);
    strokes_.append(stroke);
    updateLogicalRect(drawSegment(strokes_.last(), 0));
}

void DrawingCanvas::extendStroke(const QPointF& widgetPos, qreal width) {
    if (!drawing_ || strokes_.isEmpty())
        return;
    Stroke& stroke = strokes_.last();
    const QPointF p = toLogical(widgetPos);
    const QPointF step = p - stroke.points.last();
    if (std::abs(step.x()) + std::abs(step.y()) < kMinStep)
        return;
    stroke.points.append(p);
    stroke.widths.append(width);
    updateLogicalRect(drawSegment(stroke, stroke.points.size() - 1));
}

void DrawingCanvas::endStroke() {
    drawing_ = false;
    Snapshot before = snapshot();
    before.strokes.removeLast();
    record(tr("Stroke"), std::move(before));
    emit strokeFinished();
}

QRectF DrawingCanvas::paintSegment(QPainter& painter, const Stroke& stroke, qsizetype index) {
    painter.setRenderHint(QPainter::Antialiasing);
    const QPointF p = stroke.points[index];
    const qreal w = stroke.widths[index];
    if (index == 0) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(Qt::black);
        painter.drawEllipse(p, w / 2, w / 2);
        return {p.x() - w, p.y() - w, 2 * w, 2 * w};
    }
    const QPointF q = stroke.points[index - 1];
    const qreal segmentWidth = (w + stroke.widths[index - 1]) / 2;
    painter.setPen(inkPen(segmentWidth));
    painter.drawLine(q, p);
    return QRectF(q, p).normalized().adjusted(-segmentWidth, -segmentWidth, segmentWidth, segmentWidth);
}

QRectF DrawingCanvas::drawSegment(const Stroke& stroke, qsizetype index) {
    // Incremental drawing and redrawAll() paint the very same segments in the same order, so an undo gives
    // back exactly the pixels drawn before the removed stroke.
    QPainter painter(&image_);
    const QRectF touched = paintSegment(painter, stroke, index);
    if (!screenImageIsStale()) {
        QPainter screen(&screenImage_);
        screen.scale(screenScale(), screenScale());
        paintSegment(screen, stroke, index);
    }
    return touched;
}

qreal DrawingCanvas::screenScale() const {
    return displayRect().width() / kLogicalSize;
}

bool DrawingCanvas::screenImageIsStale() const {
    const qreal ratio = devicePixelRatioF();
    const int side = static_cast<int>(std::lround(displayRect().width() * ratio));
    return screenImage_.isNull() || screenImage_.devicePixelRatio() != ratio || screenImage_.width() != side;
}

void DrawingCanvas::renderScreenImage() {
    const qreal ratio = devicePixelRatioF();
    const int side = static_cast<int>(std::lround(displayRect().width() * ratio));
    screenImage_ = QImage(side, side, QImage::Format_RGB32);
    screenImage_.setDevicePixelRatio(ratio);
    screenImage_.fill(Qt::white);
    QPainter painter(&screenImage_);
    painter.scale(screenScale(), screenScale());
    if (!background_.isNull()) {
        // An opened picture exists only at the logical size; the strokes over it are drawn sharp.
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(QRectF(0, 0, kLogicalSize, kLogicalSize), background_);
    }
    for (const Stroke& stroke : strokes_)
        for (qsizetype i = 0; i < stroke.points.size(); ++i)
            paintSegment(painter, stroke, i);
}

void DrawingCanvas::redrawAll() {
    if (background_.isNull())
        image_.fill(Qt::white);
    else
        image_ = background_.copy();
    screenImage_ = QImage(); // drawn again at the next paint, at the screen's resolution
    for (const Stroke& stroke : strokes_)
        for (qsizetype i = 0; i < stroke.points.size(); ++i)
            drawSegment(stroke, i);
    overlay_.clear();
    update();
}

void DrawingCanvas::updateLogicalRect(const QRectF& logical) {
    const QRectF r = displayRect();
    const qreal scale = r.width() / kLogicalSize;
    const QRectF widgetRect(r.topLeft() + logical.topLeft() * scale, logical.size() * scale);
    update(widgetRect.toAlignedRect().adjusted(-2, -2, 2, 2));
}

qreal DrawingCanvas::pressureWidth(qreal pressure) const {
    // Half pressure gives the set width; the range 0.4×…1.6× keeps light strokes visible.
    return penWidth_ * (0.4 + 1.2 * std::clamp(pressure, 0.0, 1.0));
}

QString DrawingCanvas::droppedImagePath(const QMimeData* mime) {
    if (mime == nullptr || !mime->hasUrls())
        return {};
    const QList<QByteArray> formats = QImageReader::supportedImageFormats();
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        if (formats.contains(QFileInfo(path).suffix().toLower().toUtf8()))
            return path;
    }
    return {};
}
