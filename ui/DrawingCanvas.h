// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/Drawing.h"

#include <QImage>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QWidget>

class QMimeData;
class QPainter;
class QUndoStack;

/// A square drawing surface like Qt's Scribble example: black, round-capped, anti-aliased ink on white paper.
///
/// The drawing lives in a logical kLogicalSize × kLogicalSize image, whatever size the widget is shown at and
/// whatever the screen's devicePixelRatio, so the image the network sees depends only on what was drawn.
/// Pointer positions are scaled from the displayed square into logical coordinates.
///
/// Strokes are kept as polylines (with a width per point, so tablet pressure can vary it). An image set with
/// setBackgroundImage() (File ▸ Open image, or a dropped file) lies under the strokes until clear().
///
/// Every change is a step in history(): each stroke, clear() and setBackgroundImage(). A step remembers the
/// strokes and image before and after it, so undo() and redo() give back the very drawing, pixel for pixel
/// (redrawing paints the same segments in the same order).
class DrawingCanvas : public QWidget {
    Q_OBJECT
public:
    static constexpr int kLogicalSize = 280;
    /// Ink width in logical pixels. On a 280 canvas the MNIST framing shrinks a digit of about 190 px to 20
    /// px, so 22 px ink becomes about 2.3 px: the stroke width of MNIST digits (20 px looked thin in the
    /// preview).
    static constexpr qreal kDefaultPenWidth = 22.0;

    explicit DrawingCanvas(QWidget* parent = nullptr);

    /// The drawing, kLogicalSize × kLogicalSize, Format_RGB32, white paper and black ink.
    QImage image() const { return image_; }
    /// True when there is neither a stroke nor a background image.
    bool isEmpty() const;
    int strokeCount() const { return static_cast<int>(strokes_.size()); }
    /// The strokes as drawn, in logical coordinates (canvasSide = kLogicalSize) with each point's ink width:
    /// what a kept drawing records so it can be rendered again. Follows clear() and undo(); a background
    /// image is not part of it.
    digitpad::Drawing drawing() const;
    bool hasBackgroundImage() const { return !background_.isNull(); }
    /// The drawing's undo history (owned by the canvas); its command texts name the steps ("Stroke",
    /// "Clear").
    QUndoStack* history() const { return history_; }
    /// True while an image file is dragged over the canvas (its frame is drawn in the highlight colour).
    bool isDropTarget() const { return dropTarget_; }

    qreal penWidth() const { return penWidth_; }
    /// Width for new strokes, clamped to [1, kLogicalSize / 4].
    void setPenWidth(qreal width);

    /// The square in widget coordinates where the logical image is shown (centred, as large as fits).
    QRectF displayRect() const;
    /// Maps a widget position into logical image coordinates.
    QPointF toLogical(const QPointF& widgetPos) const;

    /// A box drawn over the paper with a caption above it: where a digit of a number was found and what it
    /// was read as.
    struct OverlayBox {
        QRectF rect; ///< logical coordinates
        QString caption;
    };
    /// Shows `boxes` over the drawing until it changes (a stroke begins, undo, clear, a new picture).
    void setOverlay(const QList<OverlayBox>& boxes);
    const QList<OverlayBox>& overlay() const { return overlay_; }

    /// Puts an image under the strokes, scaled to fit the canvas keeping its aspect ratio and centred;
    /// removes existing strokes (a new picture replaces the old drawing, undoably).
    void setBackgroundImage(const QImage& picture);

    QSize sizeHint() const override { return {kLogicalSize, kLogicalSize}; }
    QSize minimumSizeHint() const override { return {kLogicalSize / 2, kLogicalSize / 2}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; }

public slots:
    /// Wipes strokes and image as one undoable step (nothing is recorded when the canvas is empty already).
    void clear();
    /// Takes back the last step (a stroke, a clear, an image); returns false when there is none.
    bool undo();
    /// Does again the step undo() took back; returns false when there is none.
    bool redo();

signals:
    /// A stroke was completed (pointer released).
    void strokeFinished();
    /// undo() or redo() put back another drawing.
    void restored();
    /// The canvas was wiped.
    void cleared();
    /// A local image file was dropped on the canvas; the receiver decides how to load it.
    void imageFileDropped(const QString& path);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void tabletEvent(QTabletEvent* event) override;
    bool event(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    /// On QEvent::LanguageChange: retranslate().
    void changeEvent(QEvent* event) override;

private:
    /// The tooltip in the language installed now; the undo history keeps the names its steps got.
    void retranslate();
    struct Stroke {
        QList<QPointF> points; ///< logical coordinates
        QList<qreal> widths;   ///< one per point
    };
    /// What a history step changes: the strokes and the image under them (both implicitly shared, so a
    /// step costs little).
    struct Snapshot {
        QList<Stroke> strokes;
        QImage background;
    };
    class Step;

    Snapshot snapshot() const;
    /// Shows `state` (a step undone or redone) and emits restored().
    void restore(const Snapshot& state);
    /// Records the change from `before` to the drawing shown now as a step named `text`.
    void record(const QString& text, Snapshot before);

    void beginStroke(const QPointF& widgetPos, qreal width);
    void extendStroke(const QPointF& widgetPos, qreal width);
    void endStroke();
    /// Draws segment `index` of `stroke` (the line from point index - 1 to index, or the starting dot for 0)
    /// onto the image; returns the logical rectangle it touched.
    QRectF drawSegment(const Stroke& stroke, qsizetype index);
    /// Paints one segment with `painter`, whose coordinates are logical canvas pixels.
    static QRectF paintSegment(QPainter& painter, const Stroke& stroke, qsizetype index);
    void redrawAll();
    /// Device-independent screen pixels per logical canvas pixel.
    qreal screenScale() const;
    /// Whether the screen image no longer fits the paper's size or the screen's pixel ratio.
    bool screenImageIsStale() const;
    /// Draws the screen image afresh from the strokes (and the opened picture).
    void renderScreenImage();
    void updateLogicalRect(const QRectF& logical);
    void paintOverlay(QPainter& painter, const QRectF& paper) const;
    qreal pressureWidth(qreal pressure) const;
    static QString droppedImagePath(const QMimeData* mime);

    QImage image_; ///< the logical kLogicalSize square the recognisers read
    /// The same drawing at the size the paper has on screen, in device pixels (devicePixelRatio-aware), so
    /// the ink stays sharp on a large canvas or a 2× screen instead of being the logical image scaled up.
    QImage screenImage_;
    QImage background_; ///< already scaled and centred, kLogicalSize square; null when none
    QList<Stroke> strokes_;
    QList<OverlayBox> overlay_; ///< the digits of the last number answer, until the drawing changes
    bool drawing_ = false;
    bool dropTarget_ = false; ///< an image file is being dragged over the canvas: the frame is highlighted
    qreal penWidth_ = kDefaultPenWidth;
    QUndoStack* history_ = nullptr;
};
