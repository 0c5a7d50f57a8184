// SPDX-License-Identifier: GPL-3.0-or-later
// At twice the scale (QT_SCALE_FACTOR=2, a 2× screen): the canvas shows its ink at the screen's resolution
// while the 280×280 image the recognisers read is the very image a 1× screen gives; the Train tab's settings
// column scrolls instead of being cut off below Start on a short screen; the 28×28 preview grows with the
// window.
#include "DrawingCanvas.h"
#include "InputPreview.h"
#include "MainWindow.h"
#include "RecognizePanel.h"
#include "TrainingPanel.h"

#include <QApplication>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

#include "support/CanvasStrokes.h"

namespace {

constexpr int kCanvasSide = 400; // device-independent pixels
const char* const kDrawFlag = "--draw-seven-to";

/// A seven drawn with mouse events on a canvas of kCanvasSide; false when the canvas did not show.
bool drawSevenOn(DrawingCanvas& canvas) {
    canvas.resize(kCanvasSide, kCanvasSide);
    canvas.show();
    if (!QTest::qWaitForWindowExposed(&canvas))
        return false;
    digitpad::test::drawSeven(&canvas);
    return true;
}

/// The pixels of `column` in `image` between rows `top` and `bottom` that are partly inked (neither paper nor
/// full ink): the stroke's soft edges, in device pixels.
QList<int> softEdgePixels(const QImage& image, int column, int top, int bottom) {
    QList<int> soft;
    for (int y = top; y < bottom; ++y) {
        const int grey = qGray(image.pixel(column, y));
        if (grey > 5 && grey < 250)
            soft.append(grey);
    }
    return soft;
}

} // namespace

class TestScaling : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear();
        QCOMPARE(qApp->devicePixelRatio(), 2.0);
    }

    void canvasInkIsDrawnAtTheScreensResolution() {
        DrawingCanvas canvas;
        canvas.resize(kCanvasSide, kCanvasSide);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        // A level stroke across the middle of the paper: a column through it crosses its two edges.
        const QRectF paper = canvas.displayRect();
        const QList<QPointF> stroke = digitpad::test::paperStroke(&canvas, {{0.2, 0.5}, {0.8, 0.5}});
        digitpad::test::drawStroke(&canvas, stroke);
        const QImage shown = canvas.grab().toImage();
        QCOMPARE(shown.width(), 2 * kCanvasSide);
        const int column = static_cast<int>(2 * (paper.x() + paper.width() / 2));
        int ink = 0;
        for (int y = 0; y < shown.height(); ++y)
            ink += qGray(shown.pixel(column, y)) <= 40 ? 1 : 0;
        QVERIFY2(ink > 10, qPrintable(QString::number(ink)));
        // Drawn at the screen's resolution an edge is at most two device pixels soft; the 280-pixel image
        // scaled up to this paper (about 2.8 device pixels per image pixel) smears each edge over several.
        // Inside the paper's frame (drawn in a mid grey of its own).
        const QList<int> soft = softEdgePixels(shown, column, static_cast<int>(2 * paper.top()) + 4,
                                               static_cast<int>(2 * paper.bottom()) - 4);
        QStringList greys;
        for (int grey : soft)
            greys.append(QString::number(grey));
        QVERIFY2(soft.size() <= 4, qPrintable(QStringLiteral("soft edge pixels: ") + greys.join(' ')));
        // The image the recognisers read keeps its logical size.
        QCOMPARE(canvas.image().size(), QSize(280, 280));
    }

    /// The same mouse strokes give the same 280×280 image at 1× (drawn by this program in a child process)
    /// and at 2×, so recognition cannot change with the screen's scale.
    void logicalImageIsTheSameAsAtOneTimes() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString oneTimes = dir.filePath(QStringLiteral("one-times.png"));
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_SCALE_FACTOR"), QStringLiteral("1"));
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kDrawFlag), oneTimes});
        QVERIFY(child.waitForFinished(300000));
        QCOMPARE(child.exitCode(), 0);
        const QImage expected(oneTimes);
        QVERIFY(!expected.isNull());

        DrawingCanvas canvas;
        QVERIFY(drawSevenOn(canvas));
        QCOMPARE(canvas.devicePixelRatioF(), 2.0);
        QCOMPARE(canvas.image().convertToFormat(QImage::Format_RGB32),
                 expected.convertToFormat(QImage::Format_RGB32));
    }

    /// A 2560×1536 screen at 2× leaves about 1280×700 for the window: Start and the buttons under it must be
    /// reachable, by scrolling the settings column with its scroll bar.
    void trainTabFitsAShortScreen() {
        MainWindow window;
        QVERIFY2(window.minimumSizeHint().height() <= 700,
                 qPrintable(QString::number(window.minimumSizeHint().height())));
        window.resize(1280, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTabBar* tabBar = window.tabs()->tabBar();
        QTest::mouseClick(tabBar, Qt::LeftButton, {}, tabBar->tabRect(1).center());
        QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->currentWidget(), window.trainingPanel(), 10000);
        QCOMPARE(window.height(), 700);

        auto* scroll = window.trainingPanel()->findChild<QScrollArea*>(QStringLiteral("settingsScroll"));
        QVERIFY(scroll);
        QScrollBar* bar = scroll->verticalScrollBar();
        QPushButton* start = window.trainingPanel()->startButton();
        const auto fullyShown = [](const QWidget* widget) {
            return widget->visibleRegion().boundingRect() == widget->rect();
        };
        // Clicks on the scroll bar's track below the handle page down until Start is in view.
        for (int i = 0; i < 50 && !fullyShown(start) && bar->isVisible() && bar->value() < bar->maximum();
             ++i)
            QTest::mouseClick(bar, Qt::LeftButton, {}, QPoint(bar->width() / 2, bar->height() - 3));
        QVERIFY(fullyShown(start));
        QVERIFY(fullyShown(window.trainingPanel()->stopButton()));
        const QPoint belowStart = start->mapTo(&window, QPoint(0, start->height()));
        QVERIFY2(belowStart.y() <= window.height(), qPrintable(QString::number(belowStart.y())));
    }

    /// The 28×28 preview uses the room of a large window, in whole pixels per input pixel.
    void previewGrowsWithTheWindow() {
        MainWindow window;
        window.resize(1200, 660);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        InputPreview* preview = window.recognizePanel()->preview();
        const int usual = preview->pictureRect().width();
        QVERIFY2(usual >= 84, qPrintable(QString::number(usual)));
        window.resize(1900, 1300);
        QTRY_VERIFY_WITH_TIMEOUT(preview->pictureRect().width() > usual, 10000);
        const int large = preview->pictureRect().width();
        QVERIFY2(large >= 2 * 140 && large % 28 == 0, qPrintable(QString::number(large)));
    }
};

int main(int argc, char** argv) {
    // The child of logicalImageIsTheSameAsAtOneTimes runs at the scale its parent sets; the tests at 2×.
    const bool drawOnly = argc == 3 && std::strcmp(argv[1], kDrawFlag) == 0;
    if (!drawOnly)
        qputenv("QT_SCALE_FACTOR", "2");
    QApplication app(argc, argv);
    if (drawOnly) {
        DrawingCanvas canvas;
        return drawSevenOn(canvas) && canvas.image().save(QString::fromLocal8Bit(argv[2])) ? 0 : 1;
    }
    TestScaling test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "test_scaling.moc"
