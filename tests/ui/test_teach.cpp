// SPDX-License-Identifier: GPL-3.0-or-later
// Tools ▸ Teach… driven with real keys and clicks on the main window: the counts and the message for too few
// drawings, an unreadable folder entry (named and left out), a run that fills the curves and the before/after
// table, Keep (the tuned model is saved into the tuned-models folder and used, and a model that was not saved
// is saved beside it), Discard, Stop from the run's start, a missing MNIST folder and a drawing without ink.
// The person's drawings are synthetic seven-segment digits rendered from strokes and written as a sample
// folder.
#include "AppDataFolders.h"
#include "FineTuneController.h"
#include "FineTuneWorker.h"
#include "LossChart.h"
#include "MainWindow.h"
#include "ModelLibrary.h"
#include "TeachDialog.h"
#include "image/QtImage.h"

#include "data/Drawing.h"
#include "io/DrawingRecord.h"
#include "io/ModelFile.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <array>
#include <memory>
#include <random>

namespace {

using Row = TeachDialog::ScoreRow;
using Column = TeachDialog::ScoreColumn;

// Generous: the bundled model is an ensemble of three networks taught in turn, which takes minutes under the
// sanitizers on a busy machine (193 s measured under ASan).
constexpr int kRunTimeoutMs = 900000;

QString miniMnist() {
    return QStringLiteral(DIGITPAD_TEST_DATA "/mnist-mini");
}

/// A digit as a seven-segment display draws it, each segment a stroke with its ends jittered by a few pixels,
/// on DigitPad's 280 × 280 canvas: ten distinct shapes, quick to make and to recognise.
digitpad::Drawing segmentDigit(int digit, std::mt19937& rng) {
    // Segments a (top), b (upper right), c (lower right), d (bottom), e (lower left), f (upper left), g
    // (middle).
    constexpr std::array<std::array<double, 4>, 7> kSegments{{{90, 50, 190, 50},
                                                              {190, 50, 190, 140},
                                                              {190, 140, 190, 230},
                                                              {90, 230, 190, 230},
                                                              {90, 140, 90, 230},
                                                              {90, 50, 90, 140},
                                                              {90, 140, 190, 140}}};
    constexpr std::array<const char*, 10> kLit{"abcdef", "bc",     "abdeg", "abcdg",   "bcfg",
                                               "acdfg",  "acdefg", "abc",   "abcdefg", "abcdfg"};
    std::uniform_real_distribution<double> jitter(-8.0, 8.0);
    digitpad::Drawing drawing;
    for (const char* s = kLit[static_cast<std::size_t>(digit)]; *s != '\0'; ++s) {
        const auto& seg = kSegments[static_cast<std::size_t>(*s - 'a')];
        drawing.strokes.push_back({{seg[0] + jitter(rng), seg[1] + jitter(rng), 20.0},
                                   {seg[2] + jitter(rng), seg[3] + jitter(rng), 20.0}});
    }
    return drawing;
}

/// Writes `perDigit` drawings of every digit into `folder` as DigitPad keeps them: `<label>/<id>.png` with a
/// `<id>.json` record holding the strokes, created one second apart.
void writeDrawings(const QString& folder, int perDigit, unsigned seed = 7) {
    std::mt19937 rng(seed);
    int n = 0;
    for (int i = 0; i < perDigit; ++i)
        for (int digit = 0; digit < 10; ++digit, ++n) {
            digitpad::DrawingRecord record;
            record.id =
                QStringLiteral("20261201-1200%1-%2").arg(n / 60, 2, 10, QChar('0')).arg(n % 60).toStdString();
            record.label = digit;
            record.createdAt = QStringLiteral("2026-12-01T12:%1:%2Z")
                                   .arg(n / 60, 2, 10, QChar('0'))
                                   .arg(n % 60, 2, 10, QChar('0'))
                                   .toStdString();
            record.drawing = segmentDigit(digit, rng);
            const QDir dir(QDir(folder).filePath(QString::number(digit)));
            QVERIFY(dir.mkpath(QStringLiteral(".")));
            const QString stem = dir.filePath(QString::fromStdString(record.id));
            QVERIFY(toQImage(digitpad::renderDrawing(record.drawing)).save(stem + QStringLiteral(".png")));
            QFile json(stem + QStringLiteral(".json"));
            QVERIFY(json.open(QIODevice::WriteOnly));
            json.write(QByteArray::fromStdString(digitpad::toJson(record)));
        }
}

/// A small untrained network that takes 28 × 28 digits: fine-tuning it is quick.
std::shared_ptr<const digitpad::Model> smallModel(unsigned long long seed) {
    auto model = std::make_shared<digitpad::Model>();
    model->network = digitpad::Network::fromArchitecture(digitpad::Shape{1, 28, 28}, "dense16,relu,dense10",
                                                         digitpad::OutputHead::Softmax);
    model->network.initialise(digitpad::Init::He, seed);
    model->info.preset = "mlp";
    model->info.trainedAt = "2026-12-01T10:00:00Z";
    return model;
}

QStringList tunedFiles() {
    return QDir(appdata::tunedModelsFolder()).entryList({QStringLiteral("*.dpm")}, QDir::Files, QDir::Name);
}

int graphPoints(QCPGraph* graph) {
    return graph->data()->size();
}

} // namespace

class TestTeach : public QObject {
    Q_OBJECT

    std::unique_ptr<MainWindow> showWindow() {
        auto window = std::make_unique<MainWindow>();
        window->show();
        QApplication::setActiveWindow(window.get());
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("window not active: shortcuts may not arrive");
        return window;
    }

    /// Presses Ctrl+T and waits until the dialog has read the drawings folder.
    static TeachDialog* openTeach(MainWindow& window) {
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        TeachDialog* dialog = window.teachDialog();
        if (dialog == nullptr)
            return nullptr;
        if (!QTest::qWaitForWindowExposed(dialog))
            qWarning("dialog not exposed");
        const bool read = QTest::qWaitFor(
            [dialog] { return !dialog->messageText().startsWith(QStringLiteral("Reading")); }, 30000);
        if (!read)
            qWarning("the drawings folder was not read");
        return dialog;
    }

    /// Sets the epochs and clicks Start, then waits until the run has ended.
    static void runOnce(TeachDialog* dialog, int epochs) {
        dialog->epochsBox()->setValue(epochs);
        QVERIFY(dialog->startButton()->isEnabled());
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QVERIFY(dialog->isRunning());
        QVERIFY(!dialog->startButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), kRunTimeoutMs);
    }

private slots:
    void initTestCase() {
        // Settings, drawings and tuned models go to a throw-away test location, never the user's.
        QStandardPaths::setTestModeEnabled(true);
    }

    void init() {
        QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear();
        QDir(appdata::myDigitsFolder()).removeRecursively();
        QDir(appdata::tunedModelsFolder()).removeRecursively();
    }

    void noDrawingsExplainsAndKeepsStartOff() {
        auto window = showWindow();
        window->setModel(smallModel(1), QStringLiteral("test"));
        TeachDialog* dialog = openTeach(*window);
        QVERIFY(dialog);
        QCOMPARE(dialog->drawingCount(), 0);
        QVERIFY2(dialog->messageText().contains(
                     QStringLiteral("Keep some drawings first: after an answer, press the digit's key")),
                 qPrintable(dialog->messageText()));
        QVERIFY(!dialog->startButton()->isEnabled());
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QVERIFY(!dialog->isRunning());
        QCOMPARE(dialog->countsTable()->item(0, 10)->text(), QStringLiteral("0"));
    }

    void tooFewDrawingsKeepStartOff() {
        std::mt19937 rng(1);
        // 3 drawings of one digit, fewer than the dialog asks for.
        for (int i = 0; i < 3; ++i) {
            const QDir dir(QDir(appdata::myDigitsFolder()).filePath(QStringLiteral("4")));
            QVERIFY(dir.mkpath(QStringLiteral(".")));
            QVERIFY(toQImage(digitpad::renderDrawing(segmentDigit(4, rng)))
                        .save(dir.filePath(QStringLiteral("four-%1.png").arg(i))));
        }
        auto window = showWindow();
        window->setModel(smallModel(1), QStringLiteral("test"));
        TeachDialog* dialog = openTeach(*window);
        QVERIFY(dialog);
        QCOMPARE(dialog->drawingCount(), 3);
        QCOMPARE(dialog->countsTable()->item(0, 4)->text(), QStringLiteral("3"));
        QCOMPARE(dialog->countsTable()->item(1, 4)->text(), QStringLiteral("0"));
        QVERIFY2(dialog->messageText().contains(QStringLiteral("Keep some drawings first")),
                 qPrintable(dialog->messageText()));
        QVERIFY2(dialog->overviewText().contains(QStringLiteral("No held-out drawing yet of 4")),
                 qPrintable(dialog->overviewText()));
        QVERIFY(!dialog->startButton()->isEnabled());
    }

    void unreadableEntryIsShown() {
        writeDrawings(appdata::myDigitsFolder(), 2);
        QFile broken(QDir(appdata::myDigitsFolder()).filePath(QStringLiteral("3/broken.png")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("this is not a PNG");
        broken.close();
        auto window = showWindow();
        window->setModel(smallModel(1), QStringLiteral("test"));
        TeachDialog* dialog = openTeach(*window);
        QVERIFY(dialog);
        // The damaged file is named and left out; the other drawings can still be taught.
        QVERIFY2(dialog->messageText().contains(QStringLiteral("broken.png")),
                 qPrintable(dialog->messageText()));
        QVERIFY(dialog->startButton()->isEnabled());
    }

    void teachAndKeepTheBundledModel() {
        writeDrawings(appdata::myDigitsFolder(), 5);
        auto window = showWindow();
        window->restoreStartupModel();
        QVERIFY2(window->model(), "the bundled model loads");
        const auto before = window->model();
        QCOMPARE(QFileInfo(window->modelPath()).fileName(), QStringLiteral("default.dpm"));

        TeachDialog* dialog = openTeach(*window);
        QVERIFY(dialog);
        QPointer<TeachDialog> guard(dialog);
        dialog->setDataFolder(miniMnist());
        QVERIFY2(QFileInfo(dialog->drawnFolder()).isDir(), qPrintable(dialog->drawnFolder()));
        // The bundled set's 1800 canvases, scored before and after, cost minutes under the sanitizers.
        dialog->setDrawnFolder(QStringLiteral(DIGITPAD_TEST_DATA "/drawn-mini"));
        QCOMPARE(dialog->drawingCount(), 50);
        // Every fifth drawing of each digit is held out: one of five, for ten digits.
        QCOMPARE(dialog->countsTable()->item(0, 7)->text(), QStringLiteral("5"));
        QCOMPARE(dialog->countsTable()->item(1, 7)->text(), QStringLiteral("1"));
        QCOMPARE(dialog->countsTable()->item(1, 10)->text(), QStringLiteral("10"));
        QCOMPARE(dialog->epochsBox()->value(), digitpad::FineTuneSettings{}.epochs);

        runOnce(dialog, 1);
        QVERIFY2(dialog->keepButton()->isEnabled(), qPrintable(dialog->messageText()));
        QVERIFY(dialog->discardButton()->isEnabled());
        for (Row row : {Row::HeldOut, Row::Mnist, Row::Drawn})
            for (Column column : {Column::Before, Column::After}) {
                const QString text = dialog->scoreText(row, column);
                QVERIFY2(text.endsWith(QStringLiteral("%")), qPrintable(text));
            }
        QVERIFY(dialog->scoreText(Row::HeldOut, Column::Change).contains(QStringLiteral("points")));
        QVERIFY(graphPoints(dialog->chart()->trainLossGraph()) > 0);
        // One epoch per network: the bundled model is an ensemble, whose networks are taught in turn.
        const int networks = before->memberCount();
        QCOMPARE(graphPoints(dialog->chart()->validationAccuracyGraph()), networks);
        QCOMPARE(graphPoints(dialog->chart()->trainAccuracyGraph()), networks);
        QCOMPARE(window->model(), before);
        const auto tuned = dialog->tunedModel();
        QVERIFY(tuned);

        QTest::mouseClick(dialog->keepButton(), Qt::LeftButton);
        QTRY_VERIFY(guard.isNull());
        QCOMPARE(window->model(), tuned);
        const digitpad::ModelInfo& info = window->model()->info;
        QVERIFY2(QString::fromStdString(info.tunedFrom).startsWith(QStringLiteral("default.dpm")),
                 info.tunedFrom.c_str());
        QCOMPARE(info.tunedOnDrawings, 40);
        const QString path = window->modelPath();
        QCOMPARE(QFileInfo(path).absolutePath(), QFileInfo(appdata::tunedModelsFolder()).absoluteFilePath());
        QVERIFY2(QRegularExpression(QStringLiteral("^tuned-\\d{8}-\\d{6}(-\\d+)?\\.dpm$"))
                     .match(QFileInfo(path).fileName())
                     .hasMatch(),
                 qPrintable(path));
        QCOMPARE(tunedFiles(), QStringList{QFileInfo(path).fileName()});
        QCOMPARE(window->library()->recentModels().value(0), QFileInfo(path).absoluteFilePath());
        // The file holds the tuned model, header and all.
        const digitpad::Result<digitpad::Model> loaded = digitpad::loadModel(path.toStdString());
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->info.tunedOnDrawings, 40);
        QCOMPARE(loaded->info.tunedFrom, info.tunedFrom);
    }

    void discardLeavesTheModelInUse() {
        writeDrawings(appdata::myDigitsFolder(), 3);
        auto window = showWindow();
        window->setModel(smallModel(2), QStringLiteral("small.dpm"), QStringLiteral("/models/small.dpm"));
        const auto before = window->model();
        TeachDialog* dialog = openTeach(*window);
        QVERIFY(dialog);
        QPointer<TeachDialog> guard(dialog);
        dialog->setDataFolder(miniMnist());
        runOnce(dialog, 1);
        QVERIFY2(dialog->tunedModel(), qPrintable(dialog->messageText()));
        QCOMPARE(dialog->tunedModel()->info.tunedFrom.rfind("small.dpm", 0), std::size_t{0});
        QTest::mouseClick(dialog->discardButton(), Qt::LeftButton);
        QVERIFY(!dialog->tunedModel());
        QVERIFY(!dialog->keepButton()->isEnabled());
        QVERIFY(dialog->startButton()->isEnabled());
        QCOMPARE(window->model(), before);
        QVERIFY(tunedFiles().isEmpty());
        // Nothing is pending any more, so Close closes without asking.
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(guard.isNull());
        QCOMPARE(window->model(), before);
    }

    void stopFromTheStartLeavesTheModelAndTheDialogUsable() {
        writeDrawings(appdata::myDigitsFolder(), 3);
        auto window = showWindow();
        window->setModel(smallModel(3), QStringLiteral("small.dpm"), QStringLiteral("/models/small.dpm"));
        const auto before = window->model();
        TeachDialog* dialog = openTeach(*window);
        QVERIFY(dialog);
        dialog->setDataFolder(miniMnist());

        // The worker waits on its own thread right after reporting the start until Stop has been clicked on
        // the GUI thread, so the click lands before the first batch however fast this machine trains.
        QSemaphore stopClicked;
        bool released = false;
        QMetaObject::Connection hold = connect(
            dialog->controller()->worker(), &FineTuneWorker::started,
            [&stopClicked](const digitpad::FineTuneStart&) { stopClicked.tryAcquire(1, kRunTimeoutMs); });
        bool clicked = false;
        QMetaObject::Connection click =
            connect(dialog->controller(), &FineTuneController::started, dialog, [&] {
                QVERIFY(dialog->stopButton()->isEnabled());
                QTest::mouseClick(dialog->stopButton(), Qt::LeftButton);
                clicked = true;
                stopClicked.release();
                released = true;
            });
        dialog->epochsBox()->setValue(3);
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), kRunTimeoutMs);
        if (!released)
            stopClicked.release();
        disconnect(hold);
        disconnect(click);
        QVERIFY(clicked);
        QVERIFY2(dialog->messageText().startsWith(QStringLiteral("Stopped")),
                 qPrintable(dialog->messageText()));
        QVERIFY(!dialog->tunedModel());
        QVERIFY(!dialog->keepButton()->isEnabled());
        QCOMPARE(graphPoints(dialog->chart()->trainLossGraph()), 0);
        QCOMPARE(window->model(), before);

        // Usable again: a second run completes.
        runOnce(dialog, 1);
        QVERIFY2(dialog->tunedModel(), qPrintable(dialog->messageText()));
        QCOMPARE(window->model(), before);
    }

    void closingWhileRunningAsksStopsAndNeverWaits() {
        writeDrawings(appdata::myDigitsFolder(), 3);
        auto window = showWindow();
        window->setModel(smallModel(7), QStringLiteral("small.dpm"), QStringLiteral("/models/small.dpm"));
        const auto before = window->model();
        TeachDialog* dialog = openTeach(*window);
        QVERIFY(dialog);
        QPointer<TeachDialog> guard(dialog);
        dialog->setDataFolder(miniMnist());

        // Answers the question with a click on Yes as soon as it shows.
        QStringList questions;
        QTimer answerer;
        connect(&answerer, &QTimer::timeout, this, [&questions] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                questions.append(box->text());
                QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
            }
        });
        answerer.start(10);

        // The worker is held on its own thread after reporting the start: closing must not wait for it.
        QSemaphore closed;
        QMetaObject::Connection hold =
            connect(dialog->controller()->worker(), &FineTuneWorker::started,
                    [&closed](const digitpad::FineTuneStart&) { closed.tryAcquire(1, kRunTimeoutMs); });
        bool stillOpenWhileStopping = false;
        QMetaObject::Connection close =
            connect(dialog->controller(), &FineTuneController::started, dialog, [&] {
                dialog->close();
                stillOpenWhileStopping = dialog->isVisible() && dialog->isRunning() &&
                                         dialog->messageText().startsWith(QStringLiteral("Stopping"));
                closed.release();
            });
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), kRunTimeoutMs);
        disconnect(hold);
        disconnect(close);
        QCOMPARE(questions.size(), 1);
        QVERIFY2(questions.first().contains(QStringLiteral("Stop teaching")), qPrintable(questions.first()));
        QVERIFY(stillOpenWhileStopping);
        QCOMPARE(window->model(), before);
        QVERIFY(tunedFiles().isEmpty());
    }

    void missingMnistShowsADashAndWhy() {
        writeDrawings(appdata::myDigitsFolder(), 5);
        auto window = showWindow();
        window->setModel(smallModel(4), QStringLiteral("small.dpm"), QStringLiteral("/models/small.dpm"));
        TeachDialog* dialog = openTeach(*window);
        QVERIFY(dialog);
        const QString missing = QStringLiteral("/nonexistent/digitpad/mnist");
        dialog->setDataFolder(missing);
        runOnce(dialog, 1);
        QVERIFY2(dialog->tunedModel(), qPrintable(dialog->messageText()));
        QCOMPARE(dialog->scoreText(Row::Mnist, Column::Before), QStringLiteral("—"));
        QCOMPARE(dialog->scoreText(Row::Mnist, Column::After), QStringLiteral("—"));
        QVERIFY(dialog->scoreText(Row::HeldOut, Column::After).endsWith(QStringLiteral("%")));
        QVERIFY2(dialog->scoreNotesText().contains(QStringLiteral("MNIST test: not scored")) &&
                     dialog->scoreNotesText().contains(missing),
                 qPrintable(dialog->scoreNotesText()));
    }

    void missingDrawnSetShowsADashAndWhy() {
        writeDrawings(appdata::myDigitsFolder(), 2);
        auto window = showWindow();
        window->setModel(smallModel(4), QStringLiteral("small.dpm"), QStringLiteral("/models/small.dpm"));
        TeachDialog* dialog = openTeach(*window);
        QVERIFY(dialog);
        dialog->setDataFolder(miniMnist());
        const QString missing = QStringLiteral("/nonexistent/digitpad/drawn-digits");
        dialog->setDrawnFolder(missing);
        runOnce(dialog, 1);
        QVERIFY2(dialog->tunedModel(), qPrintable(dialog->messageText()));
        QCOMPARE(dialog->scoreText(Row::Drawn, Column::After), QStringLiteral("—"));
        QVERIFY(dialog->scoreText(Row::Mnist, Column::After).endsWith(QStringLiteral("%")));
        QVERIFY2(dialog->scoreNotesText().contains(missing), qPrintable(dialog->scoreNotesText()));
    }

    void aDrawingWithoutInkIsReported() {
        writeDrawings(appdata::myDigitsFolder(), 2);
        QImage blank(280, 280, QImage::Format_Grayscale8);
        blank.fill(255);
        QVERIFY(blank.save(QDir(appdata::myDigitsFolder()).filePath(QStringLiteral("6/blank.png"))));
        auto window = showWindow();
        window->setModel(smallModel(5), QStringLiteral("small.dpm"), QStringLiteral("/models/small.dpm"));
        const auto before = window->model();
        TeachDialog* dialog = openTeach(*window);
        QVERIFY(dialog);
        dialog->setDataFolder(miniMnist());
        runOnce(dialog, 1);
        QVERIFY2(dialog->messageText().startsWith(QStringLiteral("Cannot teach")) &&
                     dialog->messageText().contains(QStringLiteral("blank.png")),
                 qPrintable(dialog->messageText()));
        QVERIFY(!dialog->tunedModel());
        QVERIFY(!dialog->keepButton()->isEnabled());
        QVERIFY(dialog->startButton()->isEnabled());
        QCOMPARE(window->model(), before);
    }

    void anUnsavedModelIsSavedBesideTheTunedOne() {
        writeDrawings(appdata::myDigitsFolder(), 2);
        auto window = showWindow();
        window->setModel(smallModel(6), QStringLiteral("trained just now, not saved"));
        QVERIFY(window->modelPath().isEmpty());
        const auto before = window->model();
        TeachDialog* dialog = openTeach(*window);
        QVERIFY(dialog);
        QPointer<TeachDialog> guard(dialog);
        QVERIFY2(dialog->overviewText().contains(QStringLiteral("not saved")),
                 qPrintable(dialog->overviewText()));
        const QString baseName = dialog->baseName();
        QVERIFY2(baseName.startsWith(QStringLiteral("untuned-")), qPrintable(baseName));
        dialog->setDataFolder(miniMnist());
        runOnce(dialog, 1);
        QVERIFY2(dialog->keepButton()->isEnabled(), qPrintable(dialog->messageText()));
        QTest::mouseClick(dialog->keepButton(), Qt::LeftButton);
        QTRY_VERIFY(guard.isNull());
        QVERIFY(window->model() != before);
        QVERIFY(QString::fromStdString(window->model()->info.tunedFrom).startsWith(baseName));
        QCOMPARE(window->model()->info.tunedOnDrawings, 20);
        const QStringList files = tunedFiles();
        QCOMPARE(files.size(), 2);
        QVERIFY(files.contains(baseName));
        // The saved base is the model that was in use, weights and all.
        const digitpad::Result<digitpad::Model> base =
            digitpad::loadModel(QDir(appdata::tunedModelsFolder()).filePath(baseName).toStdString());
        QVERIFY(base.ok());
        QCOMPARE(base->network.architecture(), before->network.architecture());
        QVERIFY(*base->network.tensors().front().second == *before->network.tensors().front().second);
    }
};

QTEST_MAIN(TestTeach)
#include "test_teach.moc"
