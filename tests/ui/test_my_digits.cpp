// SPDX-License-Identifier: GPL-3.0-or-later
// Learning a person's handwriting, the GUI part: keeping a recognised drawing with the digit it really is
// (digit keys, the "It is:" buttons, the answer's context menu), the store's files and their atomic writes,
// deleting with undo and redo in Tools ▸ My digits…, exporting, and My accuracy against the core's score.
#include "AppDataFolders.h"
#include "DrawingCanvas.h"
#include "MainWindow.h"
#include "MyAccuracy.h"
#include "MyDigitsDialog.h"
#include "MyDigitsStore.h"
#include "QtImage.h"
#include "RecognizePanel.h"
#include "SampleFolder.h"

#include "app/DrawingScore.h"
#include "data/Drawing.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>

#include <cmath>

#include "support/CanvasStrokes.h"

namespace {

using digitpad::test::drawOne;
using digitpad::test::drawSeven;

constexpr int kTimeout = 60000; // a safety net for My accuracy's background run, never a measure of speed

std::shared_ptr<const digitpad::Model> randomModel(unsigned long long seed = 7) {
    auto model = std::make_shared<digitpad::Model>();
    model->network = digitpad::Network::fromArchitecture(digitpad::Shape{1, 28, 28}, "dense16,relu,dense10",
                                                         digitpad::OutputHead::Softmax);
    model->network.initialise(digitpad::Init::He, seed);
    model->info.testAccuracy = 0.9956;
    model->info.dataset = "MNIST";
    model->info.trainedAt = "2026-11-30T10:00:00Z";
    return model;
}

/// A drawing made of strokes, as the canvas would record it, and its image.
struct Sample {
    digitpad::Drawing drawing;
    QImage image;
};

Sample sampleStroke(double x0, double y0, double x1, double y1) {
    Sample sample;
    sample.drawing.strokes.push_back({{x0, y0, 22.0}, {x1, y1, 22.0}});
    sample.image = toQImage(digitpad::renderDrawing(sample.drawing));
    return sample;
}

digitpad::DrawingRecord recordFor(const Sample& sample, int label, int answer) {
    digitpad::DrawingRecord record;
    record.label = label;
    record.drawing = sample.drawing;
    record.answer = answer;
    record.probability = 0.5;
    record.model = "test model";
    return record;
}

/// Every file under `folder` (hidden ones included), relative to it.
QStringList allFiles(const QString& folder) {
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(folder).relativeFilePath(it.next()));
    files.sort();
    return files;
}

/// The ids index.csv lists, in its order.
QStringList indexedIds(const QString& folder) {
    QFile index(QDir(folder).filePath(QStringLiteral("index.csv")));
    if (!index.open(QIODevice::ReadOnly))
        return {QStringLiteral("(no index.csv)")};
    QStringList ids;
    const QStringList lines = QString::fromUtf8(index.readAll()).split('\n', Qt::SkipEmptyParts);
    for (qsizetype i = 1; i < lines.size(); ++i)
        ids.append(lines[i].section(',', 0, 0));
    return ids;
}

QStringList imagesOf(const QString& folder, int label) {
    return QDir(QDir(folder).filePath(QString::number(label)))
        .entryList({QStringLiteral("*.png")}, QDir::Files);
}

} // namespace

class TestMyDigits : public QObject {
    Q_OBJECT

    std::unique_ptr<MyDigitsStore> store_;
    std::unique_ptr<RecognizePanel> panel_;

    static QString folder() { return appdata::myDigitsFolder(); }

    RecognizePanel* showPanel(std::shared_ptr<const digitpad::Model> model = randomModel()) {
        store_ = std::make_unique<MyDigitsStore>(folder());
        panel_ = std::make_unique<RecognizePanel>();
        panel_->setStore(store_.get());
        panel_->setModel(std::move(model), QStringLiteral("random.dpm"));
        panel_->resize(900, 600);
        panel_->show();
        QApplication::setActiveWindow(panel_.get());
        if (!QTest::qWaitForWindowActive(panel_.get()))
            qWarning("panel window not active: shortcuts may not arrive");
        return panel_.get();
    }

    /// The one kept drawing, read back as Teach… reads it.
    static SampleFile onlyKeptFile() {
        auto files = readSampleFolder(folder().toStdString());
        if (!files)
            qFatal("%s", files.error().message.c_str());
        if (files->size() != 1)
            qFatal("expected one kept drawing, found %zu", files->size());
        return files->front();
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(folder().contains(QStringLiteral("qttest"))); // never the person's real drawings
    }

    void init() { QVERIFY(QDir(folder()).removeRecursively()); }

    void cleanup() {
        panel_.reset();
        store_.reset();
    }

    void digitKeyAfterEnterKeepsTheDrawing() {
        RecognizePanel* panel = showPanel();
        drawSeven(panel->canvas());
        QVERIFY(!panel->canKeep());
        QTest::keyClick(panel, Qt::Key_3); // no answer yet: the key keeps nothing
        QCOMPARE(store_->count(), 0);
        for (int digit = 0; digit < 10; ++digit)
            QVERIFY(!panel->keepButton(digit)->isEnabled());

        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(panel->answer(), RecognizePanel::Answer::Digit);
        QVERIFY(panel->canKeep());
        QVERIFY(panel->keepButton(0)->isEnabled());
        const int answer = panel->shownDigit();
        QSignalSpy kept(panel, &RecognizePanel::drawingKept);
        QTest::keyClick(panel, Qt::Key(Qt::Key_0 + answer));

        QCOMPARE(kept.count(), 1);
        QCOMPARE(kept.first().at(1).toInt(), answer);
        QCOMPARE(int(imagesOf(folder(), answer).size()), 1);
        const SampleFile file = onlyKeptFile();
        QCOMPARE(file.sample.label, answer);
        QVERIFY(file.record.has_value());
        QCOMPARE(QString::fromStdString(file.record->id), kept.first().at(0).toString());
        QCOMPARE(file.record->label, answer);
        QCOMPARE(file.record->answer, answer);
        QVERIFY(std::abs(file.record->probability - panel->shownProbability()) < 1e-3);
        QCOMPARE(file.record->input.size(), std::size_t(784));
        QVERIFY(!file.record->createdAt.empty());
        QVERIFY(QString::fromStdString(file.record->model).contains(QStringLiteral("random.dpm")));
        QCOMPARE(file.record->drawing.strokes.size(), std::size_t(1));
        QVERIFY(file.record->drawing.strokes[0].size() > 5);
        QCOMPARE(file.record->drawing.canvasSide, DrawingCanvas::kLogicalSize);
        QVERIFY(file.sample.drawing.has_value());
        // The image is the canvas as drawn: 280×280 grayscale, the same pixels the network was given.
        const QImage png(QString::fromStdString(file.imagePath));
        QCOMPARE(png.format(), QImage::Format_Grayscale8);
        QCOMPARE(png.size(), QSize(DrawingCanvas::kLogicalSize, DrawingCanvas::kLogicalSize));
        QVERIFY(file.sample.image.pixels == toGrayImage(panel->canvas()->image()).pixels);
        QVERIFY(panel->keptText().contains(QStringLiteral("Kept as %1").arg(answer)));
        QVERIFY(panel->keptText().contains(QStringLiteral("1 drawing")));

        // Kept once: the row is disabled until the next answer, and another key keeps nothing.
        QVERIFY(!panel->canKeep());
        QVERIFY(!panel->keepButton((answer + 1) % 10)->isEnabled());
        QTest::keyClick(panel, Qt::Key(Qt::Key_0 + (answer + 1) % 10));
        QCOMPARE(store_->count(), 1);
        // Recognising the same drawing again (Enter) does not make it keepable twice.
        QTest::keyClick(panel, Qt::Key_Return);
        QVERIFY(!panel->canKeep());
        // A new stroke makes it a new drawing; its old answer is stale until Enter.
        drawOne(panel->canvas());
        QVERIFY(!panel->canKeep());
        QVERIFY(panel->keptText().isEmpty());
        QTest::keyClick(panel, Qt::Key_Enter);
        QVERIFY(panel->canKeep());
        QTest::keyClick(panel, Qt::Key_5, Qt::KeypadModifier);
        QCOMPARE(store_->count(), 2);
        QCOMPARE(int(imagesOf(folder(), 5).size()), answer == 5 ? 2 : 1);
    }

    void digitKeysKeepNothingWhileTheActionsAreInactive() {
        // As while the Train tab is shown: typing a number into one of its fields must not keep a drawing.
        RecognizePanel* panel = showPanel();
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        QVERIFY(panel->canKeep());
        panel->setActionsActive(false);
        QTest::keyClick(panel, Qt::Key(Qt::Key_0 + panel->shownDigit()));
        QCOMPARE(store_->count(), 0);
        panel->setActionsActive(true);
        QTest::keyClick(panel, Qt::Key(Qt::Key_0 + panel->shownDigit()));
        QCOMPARE(store_->count(), 1);
    }

    void correctionButtonKeepsTheCorrectedLabel() {
        RecognizePanel* panel = showPanel();
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        const int answer = panel->shownDigit();
        const int truth = (answer + 4) % 10;
        QVERIFY(panel->keepButton(answer)->font().bold()); // the answer's button is the confirming one
        QVERIFY(!panel->keepButton(truth)->font().bold());
        QTest::mouseClick(panel->keepButton(truth), Qt::LeftButton);

        QCOMPARE(int(imagesOf(folder(), truth).size()), 1);
        QCOMPARE(int(imagesOf(folder(), answer).size()), 0);
        const SampleFile file = onlyKeptFile();
        QCOMPARE(file.sample.label, truth);
        QCOMPARE(file.record->label, truth);
        QCOMPARE(file.record->answer, answer);
        QVERIFY(panel->keptText().contains(QStringLiteral("the answer was %1").arg(answer)));
        QVERIFY(!panel->keepButton(truth)->isEnabled());
    }

    void contextMenuKeepsTheDrawing() {
        RecognizePanel* panel = showPanel();
        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        const int answer = panel->shownDigit();
        const int truth = (answer + 3) % 10;
        QWidget* area = panel->resultArea();
        QCOMPARE(area->contextMenuPolicy(), Qt::ActionsContextMenu);
        QVERIFY(panel->keepAction(answer)->text().contains(QStringLiteral("confirms")));
        QVERIFY(!panel->keepAction(truth)->text().contains(QStringLiteral("confirms")));

        // Right-click the answer, then click "Keep as <truth>" in the menu that opens.
        QStringList menuTexts;
        QTimer clicker;
        connect(&clicker, &QTimer::timeout, this, [&] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            if (menu == nullptr || !menu->isVisible())
                return;
            clicker.stop();
            for (QAction* action : menu->actions())
                menuTexts.append(action->text());
            QAction* wanted = panel->keepAction(truth);
            QTest::mouseClick(menu, Qt::LeftButton, Qt::NoModifier, menu->actionGeometry(wanted).center());
            if (menu->isVisible())
                menu->close();
        });
        clicker.start(20);
        const QPoint at = area->rect().center();
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, area->mapToGlobal(at));
        QApplication::sendEvent(area, &event);
        clicker.stop();

        QCOMPARE(int(menuTexts.size()), 10);
        QCOMPARE(menuTexts.at(truth), QStringLiteral("Keep as %1").arg(truth));
        QCOMPARE(int(imagesOf(folder(), truth).size()), 1);
        QCOMPARE(onlyKeptFile().record->answer, answer);
        QVERIFY(!panel->keepAction(truth)->isEnabled());
    }

    void storeWritesAtomicallyAndKeepsAnIndex() {
        MyDigitsStore store(folder());
        QSignalSpy changed(&store, &MyDigitsStore::changed);
        QStringList ids;
        for (int i = 0; i < 4; ++i) {
            const Sample sample = sampleStroke(60 + 10 * i, 40, 200, 240);
            auto kept = store.add(sample.image, recordFor(sample, i % 2 == 0 ? 2 : 8, 2));
            QVERIFY2(kept, kept ? "" : kept.error().message.c_str());
            QVERIFY(!kept->id.empty());
            QVERIFY(!ids.contains(QString::fromStdString(kept->id)));
            ids.append(QString::fromStdString(kept->id));
        }
        QCOMPARE(changed.count(), 4);
        QCOMPARE(store.count(), 4);
        QVERIFY(!store.add(QImage(), recordFor(sampleStroke(1, 1, 2, 2), 3, 3)));
        QVERIFY(!store.add(sampleStroke(1, 1, 2, 2).image, recordFor(sampleStroke(1, 1, 2, 2), 10, 3)));

        // Only the drawings, their sidecars and the index: no temporary file is left behind.
        QStringList expected{QStringLiteral("index.csv")};
        for (int i = 0; i < 4; ++i) {
            const QString label = QString::number(i % 2 == 0 ? 2 : 8);
            expected.append(label + '/' + ids[i] + ".png");
            expected.append(label + '/' + ids[i] + ".json");
        }
        expected.sort();
        QCOMPARE(allFiles(folder()), expected);

        QFile index(QDir(folder()).filePath(QStringLiteral("index.csv")));
        QVERIFY(index.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(index.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("id,label,createdAt,answer,probability,model"));
        QCOMPARE(int(lines.size()), 5);
        QVERIFY(lines[1].startsWith(ids[0] + QStringLiteral(",2,")));
        QVERIFY(lines[2].startsWith(ids[1] + QStringLiteral(",8,")));
        QVERIFY(lines[2].endsWith(QStringLiteral(",2,0.5000,test model")));

        const MyDigitsStore::Listing listing = store.list();
        QCOMPARE(listing.files.size(), std::size_t(4));
        QVERIFY(listing.problems.isEmpty());
    }

    void removeMovesToTrashAndRestoreBringsBack() {
        MyDigitsStore store(folder());
        const Sample sample = sampleStroke(80, 40, 200, 240);
        const QString id = QString::fromStdString(store.add(sample.image, recordFor(sample, 6, 6))->id);
        const QString png = QDir(folder()).filePath(QStringLiteral("6/") + id + ".png");
        QFile original(png);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray bytes = original.readAll();
        original.close();

        QCOMPARE(indexedIds(folder()), QStringList{id});
        QVERIFY(store.remove({id}));
        QCOMPARE(store.count(), 0);
        QVERIFY(!QFileInfo::exists(png));
        QCOMPARE(indexedIds(folder()), QStringList());
        QVERIFY(store.list().files.empty());
        QVERIFY(!store.remove({id})); // already gone

        QVERIFY(store.restore({id}));
        QCOMPARE(store.count(), 1);
        QFile restored(png);
        QVERIFY(restored.open(QIODevice::ReadOnly));
        QCOMPARE(restored.readAll(), bytes);
        QVERIFY(QFileInfo::exists(QDir(folder()).filePath(QStringLiteral("6/") + id + ".json")));
        QCOMPARE(indexedIds(folder()), QStringList{id});
        QVERIFY(!store.restore({id})); // nothing left in the trash

        // A store opened later (the next session) indexes what it finds: the old drawing and a new one.
        MyDigitsStore later(folder());
        const Sample second = sampleStroke(100, 40, 100, 240);
        const QString secondId = QString::fromStdString(later.add(second.image, recordFor(second, 1, 1))->id);
        QCOMPARE(indexedIds(folder()), (QStringList{id, secondId}));

        QVERIFY(later.remove({secondId}));
        QVERIFY(store.remove({id}));
        store.emptyTrash();
        QVERIFY(!store.restore({id}));
        QVERIFY(!store.remove({QStringLiteral("../6/") + id}));
    }

    void dialogDeletesWithUndoAndRedo() {
        MyDigitsStore store(folder());
        QStringList ids;
        for (int label : {1, 4, 4}) {
            const Sample sample = sampleStroke(70 + 20 * label, 40, 150, 240);
            ids.append(QString::fromStdString(store.add(sample.image, recordFor(sample, label, 4))->id));
        }
        MyDigitsDialog dialog(&store);
        dialog.show();
        QApplication::setActiveWindow(&dialog);
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QCOMPARE(dialog.list()->count(), 3);
        QVERIFY(dialog.summaryText().contains(QStringLiteral("3 drawings, 1 answered wrongly")));

        dialog.showDigit(4);
        QCOMPARE(dialog.shownCount(), 2);
        dialog.showAll(MyDigitsDialog::Filter::Wrong);
        QCOMPARE(dialog.shownCount(), 1);
        QVERIFY(dialog.list()->item(0)->text().contains(QStringLiteral("answered 4")));
        dialog.showAll();
        QCOMPARE(dialog.shownCount(), 3);

        // Select the "1" (the oldest, first in label order) and press Delete.
        dialog.list()->setCurrentRow(0);
        QCOMPARE(dialog.list()->currentItem()->text().left(1), QStringLiteral("1"));
        QTest::keyClick(dialog.list(), Qt::Key_Delete);
        QCOMPARE(store.count(), 2);
        QCOMPARE(dialog.list()->count(), 2);
        QCOMPARE(int(imagesOf(folder(), 1).size()), 0);

        QTest::keyClick(dialog.list(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(store.count(), 3);
        QCOMPARE(dialog.list()->count(), 3);
        QCOMPARE(imagesOf(folder(), 1), QStringList{ids[0] + ".png"});
        QVERIFY(QFileInfo::exists(QDir(folder()).filePath(QStringLiteral("1/") + ids[0] + ".json")));

        QTest::keyClick(dialog.list(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(store.count(), 2);
        QCOMPARE(int(imagesOf(folder(), 1).size()), 0);

        // Several at once are one step.
        dialog.list()->selectAll();
        QTest::keyClick(dialog.list(), Qt::Key_Delete);
        QCOMPARE(store.count(), 0);
        QVERIFY(dialog.summaryText().contains(QStringLiteral("No drawings")));
        dialog.undoStack()->undo();
        QCOMPARE(store.count(), 2);
    }

    void exportCopiesAReadableSampleFolder() {
        MyDigitsStore store(folder());
        for (int label : {0, 9}) {
            const Sample sample = sampleStroke(90, 40 + label, 190, 240);
            QVERIFY(store.add(sample.image, recordFor(sample, label, 9)));
        }
        QTemporaryDir target;
        QVERIFY(target.isValid());
        const QString out = QDir(target.path()).filePath(QStringLiteral("exported"));
        QVERIFY(store.exportTo(out));
        auto files = readSampleFolder(out.toStdString());
        QVERIFY2(files, files ? "" : files.error().message.c_str());
        QCOMPARE(files->size(), std::size_t(2));
        QCOMPARE(files->at(0).sample.label, 0);
        QCOMPARE(files->at(1).sample.label, 9);
        QVERIFY(files->at(1).record.has_value());
        QCOMPARE(files->at(1).record->drawing.strokes.size(), std::size_t(1));
        QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("index.csv"))));
        // Exporting again replaces rather than fails.
        QVERIFY(store.exportTo(out));
        QVERIFY(!store.exportTo(folder()));
    }

    void corruptEntriesAreReportedNotFatal() {
        MyDigitsStore store(folder());
        const Sample sample = sampleStroke(90, 40, 190, 240);
        QVERIFY(store.add(sample.image, recordFor(sample, 3, 3)));
        QFile broken(QDir(folder()).filePath(QStringLiteral("5/broken.png")));
        QVERIFY(QDir().mkpath(QDir(folder()).filePath(QStringLiteral("5"))));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("not a png");
        broken.close();
        const QString strayCopy = QDir(folder()).filePath(QStringLiteral("5/other.png"));
        QVERIFY(sample.image.save(strayCopy));
        QFile badSidecar(QDir(folder()).filePath(QStringLiteral("5/other.json")));
        QVERIFY(badSidecar.open(QIODevice::WriteOnly));
        badSidecar.write("{\"id\": 1");
        badSidecar.close();

        const MyDigitsStore::Listing listing = store.list();
        QCOMPARE(listing.files.size(), std::size_t(1));
        QCOMPARE(listing.files[0].sample.label, 3);
        QCOMPARE(int(listing.problems.size()), 2);
        QVERIFY(listing.problems.join(' ').contains(QStringLiteral("broken.png")));
        QVERIFY(listing.problems.join(' ').contains(QStringLiteral("other.json")));

        MyDigitsDialog dialog(&store);
        dialog.reload();
        QCOMPARE(dialog.list()->count(), 1);
        QVERIFY(dialog.summaryText().contains(QStringLiteral("2 could not be read")));
    }

    void drawingsWithoutAnAnswerAreNotCountedWrong() {
        // A drawing copied in from a file (an export, a script) has no model answer to judge.
        MyDigitsStore store(folder());
        const Sample sample = sampleStroke(90, 40, 190, 240);
        QVERIFY(store.add(sample.image, recordFor(sample, 3, 5)));
        QVERIFY(QDir().mkpath(QDir(folder()).filePath(QStringLiteral("7"))));
        QVERIFY(sample.image.save(QDir(folder()).filePath(QStringLiteral("7/from-a-file.png"))));

        MyDigitsDialog dialog(&store);
        dialog.reload();
        QCOMPARE(dialog.list()->count(), 2);
        QVERIFY2(dialog.summaryText().contains(QStringLiteral("2 drawings, 1 answered wrongly")),
                 qPrintable(dialog.summaryText()));
        dialog.showAll(MyDigitsDialog::Filter::Wrong);
        QCOMPARE(dialog.shownCount(), 1);
        dialog.showAll();
        QVERIFY(dialog.list()->item(1)->text().contains(QStringLiteral("no answer kept")));
    }

    void myAccuracyFollowsKeptDrawingsAndTheModel() {
        RecognizePanel* panel = showPanel();
        MyAccuracy* accuracy = panel->myAccuracy();
        QTRY_VERIFY_WITH_TIMEOUT(!accuracy->isMeasuring(), kTimeout);
        QCOMPARE(panel->myAccuracyText(),
                 QStringLiteral("My accuracy: no drawings kept yet · MNIST: 99.56%"));

        drawSeven(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        const int firstAnswer = panel->shownDigit();
        QTest::keyClick(panel, Qt::Key(Qt::Key_0 + firstAnswer)); // right
        QTRY_VERIFY_WITH_TIMEOUT(accuracy->figures() && accuracy->figures()->count == 1, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(panel->myAccuracyText(),
                                  QStringLiteral("My accuracy: 100% of 1 drawing · MNIST: 99.56%"), kTimeout);

        QTest::keyClick(panel, Qt::Key_Backspace);
        drawOne(panel->canvas());
        QTest::keyClick(panel, Qt::Key_Return);
        const int secondAnswer = panel->shownDigit();
        QTest::keyClick(panel, Qt::Key(Qt::Key_0 + (secondAnswer + 1) % 10)); // wrong
        QTRY_VERIFY_WITH_TIMEOUT(accuracy->figures() && accuracy->figures()->count == 2, kTimeout);

        // The same figure as the core's score of the model on the folder, as Teach… would read it.
        auto files = readSampleFolder(folder().toStdString());
        QVERIFY(files);
        auto score = digitpad::scoreDrawings(*panel->model(), samplesOf(*files));
        QVERIFY(score);
        QCOMPARE(score->all.accuracy, 0.5); // the stored image gives the answer the canvas gave
        QCOMPARE(accuracy->figures()->accuracy, score->all.accuracy);
        QTRY_COMPARE_WITH_TIMEOUT(panel->myAccuracyText(),
                                  QStringLiteral("My accuracy: 50% of 2 drawings · MNIST: 99.56%"), kTimeout);
        const int wrongDigit = (secondAnswer + 1) % 10;
        QCOMPARE(accuracy->figures()->perDigitCount[static_cast<std::size_t>(wrongDigit)],
                 wrongDigit == firstAnswer ? 2 : 1);
        QVERIFY(
            panel->findChild<QLabel*>("myAccuracyLabel")->toolTip().contains(QStringLiteral("Per digit")));

        // Another model is scored on the same drawings.
        auto other = randomModel(12345);
        panel->setModel(other, QStringLiteral("other.dpm"));
        QTRY_VERIFY_WITH_TIMEOUT(!accuracy->isMeasuring(), kTimeout);
        auto otherScore = digitpad::scoreDrawings(*other, samplesOf(*files));
        QVERIFY(otherScore);
        QCOMPARE(accuracy->figures()->accuracy, otherScore->all.accuracy);
        QCOMPARE(accuracy->figures()->count, 2);

        // Removing a drawing updates it too.
        QVERIFY(store_->remove({QString::fromStdString(files->front().record->id)}));
        QTRY_VERIFY_WITH_TIMEOUT(!accuracy->isMeasuring() && accuracy->figures()->count == 1, kTimeout);
    }

    void ctrlMOpensMyDigitsAndDeleteRemovesTheSelection() {
        MainWindow window;
        for (int label : {2, 7}) {
            const Sample sample = sampleStroke(60 + 10 * label, 40, 200, 240);
            QVERIFY(window.myDigits()->add(sample.image, recordFor(sample, label, 7)));
        }
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.myDigitsDialog() == nullptr);
        QTest::keyClick(&window, Qt::Key_M, Qt::ControlModifier);
        MyDigitsDialog* dialog = window.myDigitsDialog();
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->isVisible());
        // The offscreen platform has no window manager to activate the new window, so do what it would do.
        QApplication::setActiveWindow(dialog);
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QCOMPARE(QApplication::focusWidget(), dialog->list());
        QCOMPARE(dialog->list()->count(), 2);
        dialog->list()->setCurrentRow(1);
        QTest::keyClick(dialog->list(), Qt::Key_Delete);
        QCOMPARE(window.myDigits()->count(), 1);
        QCOMPARE(int(imagesOf(folder(), 7).size()), 0);
        QCOMPARE(int(imagesOf(folder(), 2).size()), 1);
        QCOMPARE(dialog->list()->count(), 1);
        dialog->close();
    }
};

QTEST_MAIN(TestMyDigits)
#include "test_my_digits.moc"
