// SPDX-License-Identifier: GPL-3.0-or-later
// Every closed set of names (activation, loss, optimiser, init, framing, output head) goes through one name
// table per enum: each value's canonical name reads back as that value, aliases read but are never written,
// anything else is refused, and the lists in messages come from the same table.
#include "data/Preprocess.h"
#include "kernels/Activation.h"
#include "layers/WeightInit.h"
#include "nn/Loss.h"
#include "nn/Network.h"
#include "optim/Optimizer.h"

#include <QTest>

using namespace digitpad;

namespace {

/// Reads `text` as Enum and writes the result back: "" when it is refused.
template <NamedEnum Enum> QString roundTrip(const QString& text) {
    const std::optional<Enum> value = fromName<Enum>(text.toStdString());
    return value ? QString::fromStdString(toName(*value)) : QString();
}

/// roundTrip() for the enum named `kind`, so one data table covers every enum.
QString roundTripOf(const QString& kind, const QString& text) {
    if (kind == "activation")
        return roundTrip<Activation>(text);
    if (kind == "loss")
        return roundTrip<LossKind>(text);
    if (kind == "optimizer")
        return roundTrip<OptimizerKind>(text);
    if (kind == "init")
        return roundTrip<Init>(text);
    if (kind == "framing")
        return roundTrip<Framing>(text);
    if (kind == "head")
        return roundTrip<OutputHead>(text);
    qFatal("unknown enum kind");
}

} // namespace

class TestNameTables : public QObject {
    Q_OBJECT
private slots:
    void readsAndWritesNames_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("written"); ///< "" when the text must be refused
        QTest::newRow("activation relu") << "activation"
                                         << "relu"
                                         << "relu";
        QTest::newRow("activation sigmoid") << "activation"
                                            << "sigmoid"
                                            << "sigmoid";
        QTest::newRow("activation tanh") << "activation"
                                         << "tanh"
                                         << "tanh";
        QTest::newRow("activation capitalised is refused") << "activation"
                                                           << "ReLU"
                                                           << "";
        QTest::newRow("activation softmax is refused") << "activation"
                                                       << "softmax"
                                                       << "";
        QTest::newRow("loss cross-entropy") << "loss"
                                            << "cross-entropy"
                                            << "cross-entropy";
        QTest::newRow("loss alias ce is written in full") << "loss"
                                                          << "ce"
                                                          << "cross-entropy";
        QTest::newRow("loss mse") << "loss"
                                  << "mse"
                                  << "mse";
        QTest::newRow("loss empty is refused") << "loss"
                                               << ""
                                               << "";
        QTest::newRow("optimizer sgd") << "optimizer"
                                       << "sgd"
                                       << "sgd";
        QTest::newRow("optimizer adam") << "optimizer"
                                        << "adam"
                                        << "adam";
        QTest::newRow("optimizer rmsprop is refused") << "optimizer"
                                                      << "rmsprop"
                                                      << "";
        QTest::newRow("init xavier") << "init"
                                     << "xavier"
                                     << "xavier";
        QTest::newRow("init alias glorot is written as xavier") << "init"
                                                                << "glorot"
                                                                << "xavier";
        QTest::newRow("init he") << "init"
                                 << "he"
                                 << "he";
        QTest::newRow("init small-normal") << "init"
                                           << "small-normal"
                                           << "small-normal";
        QTest::newRow("init with a trailing space is refused") << "init"
                                                               << "he "
                                                               << "";
        QTest::newRow("framing mnist") << "framing"
                                       << "mnist"
                                       << "mnist";
        QTest::newRow("framing resize") << "framing"
                                        << "resize"
                                        << "resize";
        QTest::newRow("framing crop is refused") << "framing"
                                                 << "crop"
                                                 << "";
        QTest::newRow("head softmax") << "head"
                                      << "softmax"
                                      << "softmax";
        QTest::newRow("head identity") << "head"
                                       << "identity"
                                       << "identity";
        QTest::newRow("head linear is refused") << "head"
                                                << "linear"
                                                << "";
    }
    void readsAndWritesNames() {
        QFETCH(QString, kind);
        QFETCH(QString, text);
        QFETCH(QString, written);
        QCOMPARE(roundTripOf(kind, text), written);
    }

    void everyValueHasAName() {
        for (Activation value : {Activation::Sigmoid, Activation::Tanh, Activation::Relu})
            QCOMPARE(fromName<Activation>(toName(value)), std::optional(value));
        for (LossKind value : {LossKind::CrossEntropy, LossKind::MeanSquaredError})
            QCOMPARE(fromName<LossKind>(toName(value)), std::optional(value));
        for (OptimizerKind value : {OptimizerKind::Sgd, OptimizerKind::Adam})
            QCOMPARE(fromName<OptimizerKind>(toName(value)), std::optional(value));
        for (Init value : {Init::Xavier, Init::He, Init::SmallNormal})
            QCOMPARE(fromName<Init>(toName(value)), std::optional(value));
        for (Framing value : {Framing::Mnist, Framing::Resize})
            QCOMPARE(fromName<Framing>(toName(value)), std::optional(value));
        for (OutputHead value : {OutputHead::Softmax, OutputHead::Identity})
            QCOMPARE(fromName<OutputHead>(toName(value)), std::optional(value));
    }

    void aValueOutsideTheTableThrows() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, toName(static_cast<Framing>(7)));
    }

    void choicesListCanonicalNamesInOrder_data() {
        QTest::addColumn<QString>("choices");
        QTest::addColumn<QString>("expected");
        QTest::newRow("two names") << QString::fromStdString(nameChoices<OptimizerKind>()) << "sgd or adam";
        QTest::newRow("aliases left out")
            << QString::fromStdString(nameChoices<LossKind>()) << "cross-entropy or mse";
        QTest::newRow("three names, alias in the middle of the table")
            << QString::fromStdString(nameChoices<Init>()) << "xavier, he or small-normal";
        QTest::newRow("as a list") << QString::fromStdString(nameChoices<Activation>(", "))
                                   << "sigmoid, tanh, relu";
    }
    void choicesListCanonicalNamesInOrder() {
        QFETCH(QString, choices);
        QFETCH(QString, expected);
        QCOMPARE(choices, expected);
    }
};

QTEST_GUILESS_MAIN(TestNameTables)
#include "test_name_tables.moc"
