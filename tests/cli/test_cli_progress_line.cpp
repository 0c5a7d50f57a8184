// SPDX-License-Identifier: GPL-3.0-or-later
// The training progress bar's layout: it must fit any terminal width, since a line the terminal wraps cannot
// be redrawn in place.
#include "ProgressLine.h"

#include <QTest>

#include <unistd.h>

using digitpad::cli::progressLine;
using digitpad::cli::ProgressState;

class TestCliProgressLine : public QObject {
    Q_OBJECT

private slots:
    void neverReachesTheLastColumn_data();
    void neverReachesTheLastColumn();
    void wideTerminalShowsEverything();
    void narrowTerminalDropsDetailsFirst();
    void barFollowsTheBatch();
    void widthFallsBackToColumns();
};

void TestCliProgressLine::neverReachesTheLastColumn_data() {
    QTest::addColumn<int>("epoch");
    QTest::addColumn<int>("epochs");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("batches");
    QTest::addColumn<double>("loss");
    QTest::addColumn<double>("eta");

    QTest::newRow("typical") << 2 << 5 << 431 << 938 << 0.2731 << 12.4;
    QTest::newRow("start") << 1 << 1 << 0 << 0 << 0.0 << 0.0;
    QTest::newRow("long labels") << 123456 << 999999 << 59999999 << 60000000 << 123456789.125 << 9876543.2;
    QTest::newRow("negative and past the end") << -1 << 3 << 12 << 10 << -2.5 << -1.0;
}

void TestCliProgressLine::neverReachesTheLastColumn() {
    QFETCH(int, epoch);
    QFETCH(int, epochs);
    QFETCH(int, batch);
    QFETCH(int, batches);
    QFETCH(double, loss);
    QFETCH(double, eta);
    const ProgressState state{epoch, epochs, batch, batches, loss, eta};
    for (int width = 0; width <= 200; ++width) {
        const std::string line = progressLine(state, width);
        QVERIFY2(static_cast<int>(line.size()) <= std::max(0, width - 1),
                 qPrintable(QStringLiteral("width %1: %2 characters: %3")
                                .arg(width)
                                .arg(line.size())
                                .arg(QString::fromStdString(line))));
        // Nothing that moves the cursor: the caller owns the \r and the erase.
        QVERIFY(line.find_first_of("\r\n\t\x1b") == std::string::npos);
        if (width >= 20)
            QVERIFY2(line.starts_with("epoch "), line.c_str());
    }
}

void TestCliProgressLine::wideTerminalShowsEverything() {
    const ProgressState state{2, 5, 469, 938, 0.27314, 12.44};
    QCOMPARE(progressLine(state, 200),
             std::string(
                 "epoch 2/5 [###############---------------]  50%  batch 469/938  loss 0.2731  eta 12.4 s"));
    // At 80 columns everything still fits, with a narrower bar, in 79 characters at most.
    const std::string line = progressLine(state, 80);
    QVERIFY2(line.size() <= 79, line.c_str());
    QVERIFY2(line.find("batch 469/938") != std::string::npos && line.find("eta 12.4 s") != std::string::npos,
             line.c_str());
}

void TestCliProgressLine::narrowTerminalDropsDetailsFirst() {
    const ProgressState state{2, 5, 469, 938, 0.27314, 12.44};
    const std::string line = progressLine(state, 50);
    QVERIFY2(line.find('[') != std::string::npos, line.c_str());
    QVERIFY2(line.find("batch") == std::string::npos, line.c_str());
    QVERIFY2(line.find("loss 0.2731") != std::string::npos, line.c_str());
    // Too narrow for any bar: the epoch and the percentage.
    QCOMPARE(progressLine(state, 20), std::string("epoch 2/5  50%"));
}

void TestCliProgressLine::barFollowsTheBatch() {
    const std::string done = progressLine({1, 1, 10, 10, 0.1, 0.0}, 200);
    QVERIFY2(done.find("[##############################] 100%") != std::string::npos, done.c_str());
    const std::string none = progressLine({1, 1, 0, 10, 0.1, 0.0}, 200);
    QVERIFY2(none.find("[------------------------------]   0%") != std::string::npos, none.c_str());
}

void TestCliProgressLine::widthFallsBackToColumns() {
    if (isatty(STDERR_FILENO) == 1)
        QSKIP("stderr is a terminal: its own width wins over $COLUMNS");
    qputenv("COLUMNS", "123");
    QCOMPARE(digitpad::cli::terminalWidth(), 123);
    qputenv("COLUMNS", "wide");
    QCOMPARE(digitpad::cli::terminalWidth(), 80);
    qunsetenv("COLUMNS");
    QCOMPARE(digitpad::cli::terminalWidth(), 80);
}

QTEST_GUILESS_MAIN(TestCliProgressLine)
#include "test_cli_progress_line.moc"
