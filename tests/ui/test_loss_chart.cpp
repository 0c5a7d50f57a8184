// SPDX-License-Identifier: GPL-3.0-or-later
// The loss chart's layout: the legend sits in its own row above the plot, so it hides no curve, and every
// legend entry gets at least the room its text needs, from the minimum widget size up.
#include "LossChart.h"

#include <QtTest>

class TestLossChart : public QObject {
    Q_OBJECT

private slots:
    void legendHidesNothing_data();
    void legendHidesNothing();
};

void TestLossChart::legendHidesNothing_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("minimum size") << LossChart().minimumSize();
    QTest::newRow("as in the Train tab") << QSize(600, 420);
    QTest::newRow("wide and low") << QSize(1200, 300);
}

void TestLossChart::legendHidesNothing() {
    QFETCH(QSize, size);
    LossChart chart;
    chart.resize(size);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.replot(QCustomPlot::rpImmediateRefresh);

    QCPLegend* legend = chart.legend;
    const QRect plotArea = chart.axisRect()->rect();
    const QRect legendArea = legend->outerRect();
    QCOMPARE(legend->itemCount(), 4);
    QVERIFY2(!legendArea.intersects(plotArea), "the legend overlaps the plot area");
    QVERIFY(legendArea.bottom() < plotArea.top());
    QVERIFY(chart.rect().contains(legendArea));
    // The legend row stays small: the curves keep most of the height.
    QVERIFY2(plotArea.height() > size.height() / 2, qPrintable(QString::number(plotArea.height())));

    for (int i = 0; i < legend->itemCount(); ++i) {
        const QCPAbstractLegendItem* entry = legend->item(i);
        QVERIFY(legendArea.contains(entry->outerRect()));
        QVERIFY2(entry->outerRect().width() >= entry->minimumOuterSizeHint().width(),
                 qPrintable(QStringLiteral("entry %1 is clipped: %2 px wide, needs %3 (legend %4 of %5 px)")
                                .arg(i)
                                .arg(entry->outerRect().width())
                                .arg(entry->minimumOuterSizeHint().width())
                                .arg(legendArea.width())
                                .arg(legend->minimumOuterSizeHint().width())));
    }
    // Two lines: the losses, then the accuracies.
    const QCPGraph* graphs[] = {chart.trainLossGraph(), chart.validationLossGraph(),
                                chart.trainAccuracyGraph(), chart.validationAccuracyGraph()};
    QCOMPARE(legend->itemWithPlottable(graphs[0])->outerRect().top(),
             legend->itemWithPlottable(graphs[1])->outerRect().top());
    QCOMPARE(legend->itemWithPlottable(graphs[2])->outerRect().top(),
             legend->itemWithPlottable(graphs[3])->outerRect().top());
    QVERIFY(legend->itemWithPlottable(graphs[0])->outerRect().top() <
            legend->itemWithPlottable(graphs[2])->outerRect().top());
}

QTEST_MAIN(TestLossChart)
#include "test_loss_chart.moc"
