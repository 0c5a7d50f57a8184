// SPDX-License-Identifier: GPL-3.0-or-later
// Optimiser steps against values worked out by hand.
#include "optim/Optimizer.h"

#include <QtTest>

#include <cmath>

using namespace digitpad;

namespace {

struct OneParam {
    Matrix value = Matrix::Constant(1, 1, 1.0f);
    Matrix grad = Matrix::Constant(1, 1, 0.5f);
    std::vector<ParamRef> refs(bool decay) { return {{"w", &value, &grad, decay}}; }
};

} // namespace

class OptimizerTest : public QObject {
    Q_OBJECT

private slots:
    void sgd_data() {
        QTest::addColumn<double>("momentum");
        QTest::addColumn<double>("decay");
        QTest::addColumn<double>("afterOne");
        QTest::addColumn<double>("afterTwo");
        // w = 1, g = 0.5, η = 0.1. Plain: 1 − 0.05 = 0.95, then 0.90.
        QTest::newRow("plain") << 0.0 << 0.0 << 0.95 << 0.90;
        // Momentum 0.9: v1 = 0.5 → 0.95; v2 = 0.45 + 0.5 = 0.95 → 0.855.
        QTest::newRow("momentum") << 0.9 << 0.0 << 0.95 << 0.855;
        // L2 0.1: g' = 0.5 + 0.1·1 = 0.6 → 0.94; g' = 0.5 + 0.094 = 0.594 → 0.8806.
        QTest::newRow("weight decay") << 0.0 << 0.1 << 0.94 << 0.8806;
    }

    void sgd() {
        QFETCH(double, momentum);
        QFETCH(double, decay);
        QFETCH(double, afterOne);
        QFETCH(double, afterTwo);
        OptimizerSettings settings;
        settings.kind = OptimizerKind::Sgd;
        settings.learningRate = 0.1;
        settings.momentum = momentum;
        settings.weightDecay = decay;
        auto sgd = makeOptimizer(settings);
        OneParam p;
        sgd->step(p.refs(true));
        QVERIFY(std::abs(p.value(0, 0) - afterOne) < 1e-6);
        sgd->step(p.refs(true));
        QVERIFY(std::abs(p.value(0, 0) - afterTwo) < 1e-6);
    }

    void decaySkipsBiases() {
        OptimizerSettings settings;
        settings.kind = OptimizerKind::Sgd;
        settings.learningRate = 0.1;
        settings.weightDecay = 0.1;
        auto sgd = makeOptimizer(settings);
        OneParam p;
        sgd->step(p.refs(false));
        QVERIFY(std::abs(p.value(0, 0) - 0.95) < 1e-6);
    }

    // Adam's first step moves every weight by about η against the gradient's sign, whatever its size:
    // m̂ = g, v̂ = g², step = η·g/(|g| + ε).
    void adamFirstStep() {
        OptimizerSettings settings;
        settings.learningRate = 0.01;
        auto adam = makeOptimizer(settings);
        Matrix value(1, 3), grad(1, 3);
        value << 1, 1, 1;
        grad << 0.5, -2e-3, 40;
        adam->step({{"w", &value, &grad, true}});
        QVERIFY(std::abs(value(0, 0) - 0.99) < 1e-6);
        QVERIFY(std::abs(value(0, 1) - 1.01) < 1e-5);
        QVERIFY(std::abs(value(0, 2) - 0.99) < 1e-6);
    }

    // Second step with g = 0.5 both times: m = 0.095, v = 0.0004975 (β₁ 0.9, β₂ 0.999), bias corrections
    // 0.19 and 0.001999 → m̂ = 0.5, v̂ = 0.25 → step η again: w = 1 − 0.02 = 0.98.
    void adamSecondStep() {
        OptimizerSettings settings;
        settings.learningRate = 0.01;
        auto adam = makeOptimizer(settings);
        OneParam p;
        adam->step(p.refs(true));
        adam->step(p.refs(true));
        QVERIFY(std::abs(p.value(0, 0) - 0.98) < 1e-6);
    }

    // Plain SGD given a column hint updates exactly as the dense update does (zero columns stay unchanged).
    void sparseSgdMatchesDense() {
        OptimizerSettings settings;
        settings.kind = OptimizerKind::Sgd;
        settings.learningRate = 0.3;
        Matrix grad = Matrix::Zero(4, 6);
        grad.col(1) << 1, 2, 3, 4;
        grad.col(4) << -1, 0.5, 0, 2;
        const Matrix start = Matrix::Random(4, 6);
        Matrix dense = start, sparse = start;
        const std::vector<int> columns{1, 4};
        makeOptimizer(settings)->step({{"w", &dense, &grad, true}});
        makeOptimizer(settings)->step({{"w", &sparse, &grad, true, &columns}});
        QVERIFY(dense == sparse);
        QVERIFY(sparse.col(0) == start.col(0));
    }

    // A step taken span by span, in any order, is the whole step to the bit: each value's update reads only
    // its own value, gradient and state (the trainer shares the spans out over threads).
    void spansInAnyOrderEqualAWholeStep_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("momentum");
        QTest::newRow("adam") << int(OptimizerKind::Adam) << 0.0;
        QTest::newRow("sgd with momentum") << int(OptimizerKind::Sgd) << 0.9;
        QTest::newRow("plain sgd") << int(OptimizerKind::Sgd) << 0.0;
    }

    void spansInAnyOrderEqualAWholeStep() {
        QFETCH(int, kind);
        QFETCH(double, momentum);
        OptimizerSettings settings;
        settings.kind = static_cast<OptimizerKind>(kind);
        settings.learningRate = 0.01;
        settings.momentum = momentum;
        settings.weightDecay = 0.001;
        Matrix weights = Matrix::Random(40, 17), bias = Matrix::Random(40, 1);
        Matrix weightGrad = Matrix::Random(40, 17), biasGrad = Matrix::Random(40, 1);
        const Matrix start = weights;
        Matrix wholeWeights = weights, wholeBias = bias;
        const std::vector<ParamRef> spanned{{"w", &weights, &weightGrad, true},
                                            {"b", &bias, &biasGrad, false}};
        const std::vector<ParamRef> whole{{"w", &wholeWeights, &weightGrad, true},
                                          {"b", &wholeBias, &biasGrad, false}};
        const std::vector<ParamSpan> backwards{
            {1, 16, 40}, {1, 0, 16}, {0, 640, 680}, {0, 320, 640}, {0, 0, 320}};
        auto bySpans = makeOptimizer(settings);
        auto byStep = makeOptimizer(settings);
        for (int step = 0; step < 3; ++step) {
            bySpans->beginStep(spanned);
            for (const ParamSpan& span : backwards)
                bySpans->update(spanned, span);
            byStep->step(whole);
        }
        QVERIFY(weights == wholeWeights);
        QVERIFY(bias == wholeBias);
        QVERIFY(weights != start); // the steps moved the weights
    }

    void parseNames() {
        QVERIFY(fromName<OptimizerKind>("sgd") == OptimizerKind::Sgd);
        QVERIFY(fromName<OptimizerKind>("adam") == OptimizerKind::Adam);
        QVERIFY(!fromName<OptimizerKind>("rmsprop"));
        QCOMPARE(QString::fromStdString(toName(OptimizerKind::Adam)), QString("adam"));
    }
};

QTEST_GUILESS_MAIN(OptimizerTest)
#include "test_optimizer.moc"
