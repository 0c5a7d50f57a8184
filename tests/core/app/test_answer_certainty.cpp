// SPDX-License-Identifier: GPL-3.0-or-later
// The unsure flag and how it splits a scored set's answers, against counts made by hand.
#include "app/AnswerCertainty.h"

#include <QtTest>

using namespace digitpad;

class TestAnswerCertainty : public QObject {
    Q_OBJECT
private slots:
    void unsureBelowTheThreshold() {
        QVERIFY(isUnsure(kSureProbability - 1e-9));
        QVERIFY(!isUnsure(kSureProbability));
        QVERIFY(!isUnsure(1.0));
        QVERIFY(isUnsure(0.0));
    }

    void flagRatesCountWrongAndRightAnswers() {
        // Six answers; samples 1 and 4 are wrong (at 0.95 and 0.40). Below 0.6: the wrong one at 0.40 and the
        // right ones at 0.55 and 0.30.
        Evaluation evaluation;
        evaluation.count = 6;
        evaluation.confidences = {0.99, 0.95, 0.55, 0.30, 0.40, 0.80};
        const std::vector<Mistake> mistakes = {{1, 3, 8, 0.95}, {4, 7, 1, 0.40}};
        const FlagRates rates = flagRates(evaluation, mistakes, 0.6);
        QCOMPARE(rates.wrong, 2);
        QCOMPARE(rates.wrongFlagged, 1);
        QCOMPARE(rates.right, 4);
        QCOMPARE(rates.rightFlagged, 2);

        const FlagRates none = flagRates(evaluation, mistakes, 0.0);
        QCOMPARE(none.wrongFlagged + none.rightFlagged, 0);
        const FlagRates all = flagRates(evaluation, mistakes, 1.0);
        QCOMPARE(all.wrongFlagged, 2);
        QCOMPARE(all.rightFlagged, 4);
    }
};

QTEST_APPLESS_MAIN(TestAnswerCertainty)
#include "test_answer_certainty.moc"
