// SPDX-License-Identifier: GPL-3.0-or-later
// The layer list editor of the Train tab, used with the mouse and the keyboard: it opens on the architecture
// the fields describe, adds, moves and removes layers, checks every change (OK only for layers that end in
// the 10 digits) and writes its layers back into the field, which then trains exactly that architecture.
#include "LayerListDialog.h"
#include "TrainingSettingsForm.h"
#include "layers/LayerFactory.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

namespace {

void clickRow(QListWidget* list, int row) {
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(row)).center());
}

/// Chooses `kind` in the kind box with the keyboard, as someone tabbing through the dialog would.
void chooseKind(LayerListDialog* dialog, LayerKind kind) {
    QComboBox* box = dialog->kindBox();
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Home);
    while (box->currentData().toInt() != static_cast<int>(kind) && box->currentIndex() + 1 < box->count())
        QTest::keyClick(box, Qt::Key_Down);
}

void typeSize(LayerListDialog* dialog, int size) {
    QSpinBox* box = dialog->sizeBox();
    box->setFocus();
    QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(box, QString::number(size));
}

LayerListDialog* openEditor(TrainingSettingsForm& form) {
    QTest::mouseClick(form.layersButton(), Qt::LeftButton);
    auto* dialog = form.findChild<LayerListDialog*>(QStringLiteral("layerListDialog"));
    if (dialog != nullptr && !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

} // namespace

class TestLayerList : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear();
    }

    /// Alt+Y (the Hidden layers label's mnemonic) still reaches the field beside the Edit… button.
    void mnemonicReachesTheLayersField() {
        TrainingSettingsForm form;
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QApplication::setActiveWindow(&form);
        form.augmentBox()->setFocus();
        QTest::keyClick(&form, Qt::Key_Y, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::focusWidget(), static_cast<QWidget*>(form.layersEdit()),
                                  10000);
    }

    void tokensOfEveryKind() {
        QCOMPARE(LayerListDialog::tokenFor(LayerKind::Dense, 64), QStringLiteral("dense64"));
        QCOMPARE(LayerListDialog::tokenFor(LayerKind::Convolution, 8), QStringLiteral("conv5x5x8"));
        QCOMPARE(LayerListDialog::tokenFor(LayerKind::Pooling, 2), QStringLiteral("pool2"));
        QCOMPARE(LayerListDialog::tokenFor(LayerKind::Dropout, 25), QStringLiteral("dropout25"));
        QCOMPARE(LayerListDialog::tokenFor(LayerKind::Relu, 0), QStringLiteral("relu"));
        QCOMPARE(LayerListDialog::tokenFor(LayerKind::Flatten, 0), QStringLiteral("flatten"));
    }

    void layersAreEditedAndWrittenBack() {
        TrainingSettingsForm form;
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QVERIFY(form.selectPreset(QStringLiteral("mlp")));
        const QString before = QString::fromStdString(form.config().resolvedArchitecture());
        LayerListDialog* dialog = openEditor(form);
        QVERIFY(dialog);
        QCOMPARE(dialog->architecture(), before);
        QVERIFY(dialog->okButton()->isEnabled());
        QListWidget* list = dialog->list();
        const int layers = list->count();
        QVERIFY(layers >= 3);

        // A dropout of 30 % after the first layer.
        clickRow(list, 0);
        QCOMPARE(list->currentRow(), 0);
        // The selected layer's output shape and parameter count show as it is chosen.
        const QString firstLayer = list->item(0)->text();
        const digitpad::LayerPlan firstPlan =
            digitpad::planLayers(digitpad::Shape{1, 28, 28}, firstLayer.toStdString());
        QVERIFY2(
            dialog->selectedLayerText().startsWith(QStringLiteral("Layer 1 (%1) gives %2 × %3 × %4 values")
                                                       .arg(firstLayer)
                                                       .arg(firstPlan.output.channels)
                                                       .arg(firstPlan.output.height)
                                                       .arg(firstPlan.output.width)),
            qPrintable(dialog->selectedLayerText()));
        QVERIFY(firstPlan.parameters > 0);
        QVERIFY2(dialog->selectedLayerText().contains(QLocale().toString(firstPlan.parameters)),
                 qPrintable(dialog->selectedLayerText()));
        chooseKind(dialog, LayerKind::Dropout);
        QCOMPARE(dialog->sizeBox()->value(), 25);
        typeSize(dialog, 30);
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        QCOMPARE(list->count(), layers + 1);
        QCOMPARE(list->item(1)->text(), QStringLiteral("dropout30"));
        // ... moved one further down, after the first activation.
        QTest::mouseClick(dialog->downButton(), Qt::LeftButton);
        QCOMPARE(list->item(2)->text(), QStringLiteral("dropout30"));
        QVERIFY(dialog->okButton()->isEnabled());

        // Without the output layer the network no longer ends in the ten digits: OK is off until one is
        // added.
        const int last = list->count() - 1;
        clickRow(list, last);
        QTest::mouseClick(dialog->removeButton(), Qt::LeftButton);
        QVERIFY(!dialog->okButton()->isEnabled());
        QVERIFY2(dialog->summary().contains(QStringLiteral("10")), qPrintable(dialog->summary()));
        chooseKind(dialog, LayerKind::Dense);
        typeSize(dialog, 10);
        clickRow(list, list->count() - 1);
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        QCOMPARE(list->item(list->count() - 1)->text(), QStringLiteral("dense10"));
        QVERIFY2(dialog->okButton()->isEnabled(), qPrintable(dialog->summary()));

        const QString edited = dialog->architecture();
        QVERIFY(edited.contains(QStringLiteral(",dropout30,")));
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(form.findChild<LayerListDialog*>() == nullptr, 10000);
        QCOMPARE(form.layersEdit()->text(), edited);
        QCOMPARE(QString::fromStdString(form.config().resolvedArchitecture()), edited);
        QVERIFY2(form.validationError().isEmpty(), qPrintable(form.validationError()));
    }

    /// A layer typed as text (F2) that cannot be built is reported and OK stays off; Cancel changes nothing.
    void aBadLayerTypedAsTextIsReported() {
        TrainingSettingsForm form;
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QVERIFY(form.selectPreset(QStringLiteral("mlp")));
        const QString field = form.layersEdit()->text();
        LayerListDialog* dialog = openEditor(form);
        QVERIFY(dialog);
        QListWidget* list = dialog->list();
        clickRow(list, 0);
        list->setFocus();
        QTest::keyClick(list, Qt::Key_F2);
        auto* editor = qobject_cast<QLineEdit*>(QApplication::focusWidget());
        QVERIFY(editor);
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, QStringLiteral("dense0"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(list->item(0)->text(), QStringLiteral("dense0"), 10000);
        QVERIFY(!dialog->okButton()->isEnabled());
        QVERIFY2(dialog->summary().contains(QStringLiteral("dense0")), qPrintable(dialog->summary()));

        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(form.findChild<LayerListDialog*>() == nullptr, 10000);
        QCOMPARE(form.layersEdit()->text(), field);
    }
};

QTEST_MAIN(TestLayerList)
#include "test_layer_list.moc"
