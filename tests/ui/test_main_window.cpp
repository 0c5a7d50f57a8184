// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: shortcuts that work as soon as the window shows, models opened, saved, restored and refused
// (a corrupt file shows an error naming it and the model in use stays), and the Train tab's hand-over.
#include "DrawingCanvas.h"
#include "MainWindow.h"
#include "ModelLibrary.h"
#include "RecognizePanel.h"
#include "TrainingPanel.h"
#include "io/ModelFile.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "support/MouseDrawing.h"

namespace {

using digitpad::test::drawStroke;

void drawSeven(DrawingCanvas* canvas) {
    const QRectF paper = canvas->displayRect();
    const QList<QPointF> corners{{0.3, 0.2}, {0.7, 0.2}, {0.45, 0.85}};
    QList<QPointF> points;
    for (qsizetype i = 0; i + 1 < corners.size(); ++i)
        for (int step = 0; step <= 10; ++step) {
            const QPointF f = corners[i] + (corners[i + 1] - corners[i]) * (step / 10.0);
            points.append(paper.topLeft() + QPointF(f.x() * paper.width(), f.y() * paper.height()));
        }
    drawStroke(canvas, points);
}

std::shared_ptr<const digitpad::Model> randomModel(const std::string& preset, unsigned long long seed) {
    auto model = std::make_shared<digitpad::Model>();
    model->network = digitpad::Network::fromArchitecture(digitpad::Shape{1, 28, 28}, "dense16,relu,dense10",
                                                         digitpad::OutputHead::Softmax);
    model->network.initialise(digitpad::Init::He, seed);
    model->info.preset = preset;
    model->info.testAccuracy = 0.5;
    return model;
}

/// Closes every modal dialog that appears while it lives and remembers the message box texts: the error
/// dialogs are checked through the real QMessageBox, not a test-only path.
class DialogCatcher : public QObject {
public:
    DialogCatcher() {
        connect(&timer_, &QTimer::timeout, this, [this] {
            QWidget* modal = QApplication::activeModalWidget();
            if (modal == nullptr)
                return;
            if (auto* box = qobject_cast<QMessageBox*>(modal)) {
                texts.append(box->text() + '\n' + box->informativeText());
                details.append(box->detailedText());
            } else
                texts.append(modal->metaObject()->className());
            modal->close();
        });
        timer_.start(10);
    }
    QStringList texts;
    QStringList details; ///< the message boxes' "Show Details…" texts, in the order of texts

private:
    QTimer timer_;
};

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString validPath_;

    std::unique_ptr<MainWindow> showWindow() {
        auto window = std::make_unique<MainWindow>();
        window->show();
        QApplication::setActiveWindow(window.get());
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("window not active: shortcuts may not arrive");
        return window;
    }

private slots:
    void initTestCase() {
        // Settings go to a throw-away test location, never the user's.
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear();
        QVERIFY(dir_.isValid());
        validPath_ = dir_.filePath("valid.dpm");
        const digitpad::Status saved =
            digitpad::saveModel(*randomModel("saved-preset", 3), validPath_.toStdString());
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().message.c_str());
    }

    void init() { QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear(); }

    void shortcutsWorkAsSoonAsTheWindowShows() {
        auto window = showWindow();
        window->setModel(randomModel("in-use", 1), "test");
        RecognizePanel* panel = window->recognizePanel();
        drawSeven(panel->canvas());
        drawSeven(panel->canvas());
        QTest::keyClick(window.get(), Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(panel->canvas()->strokeCount(), 1);
        QTest::keyClick(window.get(), Qt::Key_Backspace);
        QVERIFY(panel->canvas()->isEmpty());
        QTest::keyClick(window.get(), Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Nothing);
    }

    void recognizeKeysAreOffInTheTrainTab() {
        auto window = showWindow();
        window->setModel(randomModel("in-use", 1), "test");
        RecognizePanel* panel = window->recognizePanel();
        drawSeven(panel->canvas());
        window->tabs()->setCurrentWidget(window->trainingPanel());
        QTest::keyClick(window.get(), Qt::Key_Return);
        QTest::keyClick(window.get(), Qt::Key_Backspace);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Idle);
        QCOMPARE(panel->canvas()->strokeCount(), 1);
        window->tabs()->setCurrentWidget(panel);
        QTest::keyClick(window.get(), Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
    }

    void openingAModelUsesAndRemembersIt() {
        auto window = showWindow();
        QSignalSpy changed(window.get(), &MainWindow::modelChanged);
        QVERIFY(window->openModelFile(validPath_));
        QCOMPARE(changed.count(), 1);
        QVERIFY(window->model() != nullptr);
        QCOMPARE(window->model()->info.preset, std::string("saved-preset"));
        QCOMPARE(window->recognizePanel()->model(), window->model());
        QVERIFY2(window->modelStatusText().contains("saved-preset") &&
                     window->modelStatusText().contains("784-16-10") &&
                     window->modelStatusText().contains("50.00 %"),
                 qPrintable(window->modelStatusText()));
        QCOMPARE(window->library()->lastModelPath(), QFileInfo(validPath_).absoluteFilePath());
        QCOMPARE(window->library()->recentModels().value(0), QFileInfo(validPath_).absoluteFilePath());
    }

    void badModelFileShowsErrorAndKeepsModel_data() {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("reason"); // a word the error's details must contain
        QFile valid(validPath_);
        QVERIFY(valid.open(QIODevice::ReadOnly));
        const QByteArray good = valid.readAll();
        QByteArray flipped = good;
        flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x5a);
        QByteArray version = good;
        version[8] = 3;
        QTest::newRow("missing file") << QByteArray() << QString();
        QTest::newRow("not a model at all") << QByteArray("hello, I am a text file") << QString();
        QTest::newRow("truncated") << good.left(good.size() / 3) << QString();
        QTest::newRow("flipped byte (checksum)") << flipped << QString("checksum");
        QTest::newRow("unsupported version") << version << QString("version");
    }
    void badModelFileShowsErrorAndKeepsModel() {
        QFETCH(QByteArray, contents);
        QFETCH(QString, reason);
        const QString path =
            dir_.filePath(QStringLiteral("bad-%1.dpm").arg(QTest::currentDataTag()).replace(' ', '-'));
        if (!contents.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(contents);
        }
        auto window = showWindow();
        const auto inUse = randomModel("in-use", 1);
        window->setModel(inUse, "test");
        const QString statusBefore = window->modelStatusText();
        {
            DialogCatcher catcher;
            QVERIFY(!window->openModelFile(path));
            QCOMPARE(catcher.texts.size(), 1);
            const QString message = catcher.texts.first();
            QVERIFY2(message.contains(QDir::toNativeSeparators(path)), qPrintable(message));
            // The main text speaks plainly; the cause (checksums in hex, format versions) is in the details.
            static const QRegularExpression technical(QStringLiteral("checksum|version|[0-9a-f]{8}"));
            QVERIFY2(!QString(message).remove(QDir::toNativeSeparators(path)).contains(technical),
                     qPrintable(message));
            const QString details = catcher.details.first();
            QVERIFY2(!details.isEmpty(), qPrintable(message));
            QVERIFY2(details.contains(reason, Qt::CaseInsensitive), qPrintable(details));
        }
        QCOMPARE(window->model(), inUse);
        QCOMPARE(window->recognizePanel()->model(), inUse);
        QCOMPARE(window->modelStatusText(), statusBefore);
        QVERIFY(window->library()->recentModels().isEmpty());
    }

    void lastUsedModelIsRestoredAtStart() {
        {
            auto first = showWindow();
            QVERIFY(first->openModelFile(validPath_));
        }
        auto second = showWindow();
        second->restoreStartupModel();
        QVERIFY(second->model() != nullptr);
        QCOMPARE(second->model()->info.preset, std::string("saved-preset"));
        QCOMPARE(second->modelSource(), QFileInfo(validPath_).fileName());
    }

    void vanishedLastModelFallsBackToBundled() {
        const QString gone = dir_.filePath("gone.dpm");
        QVERIFY(QFile::copy(validPath_, gone));
        {
            auto first = showWindow();
            QVERIFY(first->openModelFile(gone));
        }
        QVERIFY(QFile::remove(gone));
        auto second = showWindow();
        second->restoreStartupModel();
        const QString bundled = ModelLibrary::bundledModelPath();
        if (bundled.isEmpty()) {
            QVERIFY(second->model() == nullptr);
            QVERIFY(second->modelStatusText().contains("No model"));
        } else {
            QVERIFY(second->model() != nullptr);
            QCOMPARE(second->modelSource(), QFileInfo(bundled).fileName());
            // The bundled model averages networks of two kinds: the status bar counts them rather than
            // naming the first one's preset, in its full text and in its compact one.
            const int members = second->model()->memberCount();
            if (members > 1) {
                const QString ensemble = QStringLiteral("an ensemble of %1 networks").arg(members);
                QVERIFY2(second->modelStatusText().contains(ensemble), qPrintable(second->modelStatusText()));
                const QString compact = ModelLibrary::compactSummary(*second->model(), second->modelSource());
                QVERIFY2(compact.startsWith(ensemble) && !compact.contains(QStringLiteral("(")),
                         qPrintable(compact));
            }
        }
    }

    void savingWritesALoadableModel() {
        auto window = showWindow();
        const auto inUse = randomModel("to-save", 9);
        window->setModel(inUse, "trained just now");
        const QString path = dir_.filePath("saved-by-window.dpm");
        QVERIFY(window->saveModelFile(path));
        digitpad::Result<digitpad::Model> loaded = digitpad::loadModel(path.toStdString());
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
        QCOMPARE(loaded->info.preset, std::string("to-save"));
        QCOMPARE(loaded->network.architecture(), inUse->network.architecture());
        QCOMPARE(window->library()->lastModelPath(), QFileInfo(path).absoluteFilePath());
        QVERIFY(window->modelStatusText().contains("saved-by-window.dpm"));
    }

    void titleNamesTheModelAndWhetherItIsSaved() {
        auto window = showWindow();
        QVERIFY(window->openModelFile(validPath_));
        QCOMPARE(window->windowTitle(), QStringLiteral("valid.dpm[*] — DigitPad"));
        QVERIFY(!window->isWindowModified());
        window->setModel(randomModel("in-memory", 5), "trained just now");
        QVERIFY(window->isWindowModified());
        const QString path = dir_.filePath("now-saved.dpm");
        QVERIFY(window->saveModelFile(path));
        QCOMPARE(window->windowTitle(), QStringLiteral("now-saved.dpm[*] — DigitPad"));
        QVERIFY(!window->isWindowModified());
        // Saving also made it the most recent model and the folder the next file dialog opens in.
        QCOMPARE(window->library()->recentModels().value(0), QFileInfo(path).absoluteFilePath());
        QCOMPARE(window->library()->dialogFolder(), QFileInfo(path).absolutePath());
    }

    void aRecentModelThatNoLongerOpensLeavesTheList() {
        auto window = showWindow();
        const QString path = dir_.filePath("goes-away.dpm");
        QVERIFY(QFile::copy(validPath_, path));
        QVERIFY(window->openModelFile(path));
        QVERIFY(window->library()->recentModels().contains(QFileInfo(path).absoluteFilePath()));
        QVERIFY(QFile::remove(path));
        DialogCatcher catcher;
        QVERIFY(!window->openModelFile(path));
        QTRY_COMPARE_WITH_TIMEOUT(catcher.texts.size(), 1, 10000);
        QVERIFY2(catcher.texts.first().contains(QStringLiteral("removed from Recent models")),
                 qPrintable(catcher.texts.first()));
        QVERIFY(!window->library()->recentModels().contains(QFileInfo(path).absoluteFilePath()));
        QCOMPARE(window->modelSource(), QStringLiteral("goes-away.dpm")); // the model in use stays
    }

    void exportAsOnnxWritesTheModelInUse() {
        auto window = showWindow();
        QAction* exportAction = nullptr;
        for (QAction* action : window->findChildren<QAction*>())
            if (action->text() == QStringLiteral("&Export as ONNX…"))
                exportAction = action;
        QVERIFY(exportAction);
        window->setModel(randomModel("to-export", 4), "trained just now");
        QVERIFY(exportAction->isEnabled());
        const QString path = dir_.filePath("exported.onnx");
        QVERIFY(window->exportOnnxFile(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("DigitPad"));
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("exported.onnx")));
    }

    void trainedModelIsUsedOnRequestAndRecognizeTabShown() {
        auto window = showWindow();
        window->setModel(randomModel("in-use", 1), "test");
        window->tabs()->setCurrentWidget(window->trainingPanel());
        const auto trained = randomModel("trained", 5);
        emit window->trainingPanel()->useModelRequested(trained);
        QCOMPARE(window->model(), trained);
        QCOMPARE(window->recognizePanel()->model(), trained);
        QCOMPARE(window->tabs()->currentWidget(), window->recognizePanel());
        QVERIFY(window->modelStatusText().contains("trained"));
    }

    void quitShortcutClosesTheWindow() {
        auto window = showWindow();
        QVERIFY(window->isVisible());
        QTest::keyClick(window.get(), Qt::Key_Q, Qt::ControlModifier);
        QVERIFY(!window->isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
