// SPDX-License-Identifier: GPL-3.0-or-later
// Probabilities as a person reads them: one decimal, never "100.0 %" or "0.0 %".
#include "ProbabilityText.h"

#include <QtTest>

class TestProbabilityText : public QObject {
    Q_OBJECT
private slots:
    void readsAsAClaim_data() {
        QTest::addColumn<double>("probability");
        QTest::addColumn<QString>("text");
        QTest::newRow("ordinary") << 0.973 << "97.3 %";
        QTest::newRow("rounds at the half") << 0.9994 << "99.9 %";
        QTest::newRow("would round to 100.0") << 0.99951 << "> 99.9 %";
        QTest::newRow("exactly 1") << 1.0 << "> 99.9 %";
        QTest::newRow("small but shown") << 0.0005 << "0.1 %";
        QTest::newRow("would round to 0.0") << 0.00049 << "< 0.1 %";
        QTest::newRow("exactly 0") << 0.0 << "< 0.1 %";
    }

    void readsAsAClaim() {
        QFETCH(double, probability);
        QFETCH(QString, text);
        QCOMPARE(probabilityText(probability), text);
    }
};

QTEST_APPLESS_MAIN(TestProbabilityText)
#include "test_probability_text.moc"
