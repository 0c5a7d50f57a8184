// SPDX-License-Identifier: GPL-3.0-or-later
// "My accuracy": scoreDrawings() scores a batch of the person's drawings exactly as the Recognize tab reads
// them one at a time (recognize()), overall, per digit and over the last N; and it names the drawing at
// fault.
#include "app/DrawingScore.h"
#include "app/Recognizer.h"
#include "io/ModelFile.h"
#include "tensor/Random.h"

#include <QtTest>

#include <numbers>

using namespace digitpad;

namespace {

/// A 0 (a ring), 1 (a stroke down with a short flag) or 7 (a bar and a slanted stem), jittered by `rng`.
Drawing sketch(int digit, Rng& rng) {
    std::uniform_real_distribution<double> jitter(-10.0, 10.0);
    const double cx = 140.0 + jitter(rng);
    const double cy = 140.0 + jitter(rng);
    const double pen = 18.0 + jitter(rng) / 2.0;
    Drawing drawing;
    if (digit == 0) {
        PenStroke ring;
        for (int i = 0; i <= 40; ++i) {
            const double angle = 2.0 * std::numbers::pi * i / 40.0;
            ring.push_back({cx + 55.0 * std::cos(angle), cy + 85.0 * std::sin(angle), pen});
        }
        drawing.strokes.push_back(ring);
    } else if (digit == 1) {
        drawing.strokes.push_back({{cx - 25.0, cy - 60.0, pen}, {cx, cy - 90.0, pen}, {cx, cy + 90.0, pen}});
    } else {
        drawing.strokes.push_back(
            {{cx - 60.0, cy - 85.0, pen}, {cx + 60.0, cy - 85.0, pen}, {cx - 10.0, cy + 90.0, pen}});
    }
    return drawing;
}

LabelledDrawing labelled(const Drawing& drawing, int label, const std::string& source) {
    LabelledDrawing out;
    out.image = renderDrawing(drawing);
    out.label = label;
    out.drawing = drawing;
    out.source = source;
    return out;
}

} // namespace

class DrawingScoreTest : public QObject {
    Q_OBJECT

    Model model_;

private slots:
    void initTestCase() {
        Result<Model> model = loadModel(DIGITPAD_SOURCE_DIR "/models/default.dpm");
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
        model_ = std::move(*model);
    }

    void agreesWithRecognisingOneByOne() {
        // Some labels are deliberately not what was drawn, so the score is neither 0 nor 1 whatever the
        // model reads.
        Rng rng(7);
        const int digits[] = {0, 1, 7};
        std::vector<LabelledDrawing> drawings;
        for (int i = 0; i < 24; ++i) {
            const int drawn = digits[i % 3];
            const int label = i % 5 == 4 ? (drawn + 3) % 10 : drawn;
            drawings.push_back(labelled(sketch(drawn, rng), label, "drawing " + std::to_string(i)));
        }

        std::vector<int> right(10, 0);
        std::vector<int> total(10, 0);
        std::vector<bool> correct;
        for (const LabelledDrawing& d : drawings) {
            Result<Recognition> r = recognize(model_, d.image, model_.info.framing);
            QVERIFY(r.ok() && r->recognised());
            correct.push_back(r->classIndex == d.label);
            ++total[static_cast<std::size_t>(d.label)];
            right[static_cast<std::size_t>(d.label)] += correct.back() ? 1 : 0;
        }
        const int allRight = static_cast<int>(std::count(correct.begin(), correct.end(), true));
        QVERIFY(allRight > 0 && allRight < 24);
        const int lastRight = static_cast<int>(std::count(correct.end() - 10, correct.end(), true));

        Result<DrawingScore> score = scoreDrawings(model_, drawings, 10);
        QVERIFY(score.ok());
        QCOMPARE(score->all.count, 24);
        QCOMPARE(score->all.accuracy, allRight / 24.0);
        QCOMPARE(score->recentCount, 10);
        QCOMPARE(score->recent, lastRight / 10.0);
        const std::vector<double> perDigit = score->all.perClassAccuracy();
        for (int digit = 0; digit < 10; ++digit) {
            const double expected = total[static_cast<std::size_t>(digit)] == 0
                                        ? 0.0
                                        : static_cast<double>(right[static_cast<std::size_t>(digit)]) /
                                              total[static_cast<std::size_t>(digit)];
            QCOMPARE(perDigit[static_cast<std::size_t>(digit)], expected);
        }

        // Fewer drawings than N: the recent figure covers them all.
        Result<DrawingScore> few = scoreDrawings(model_, {drawings.begin(), drawings.begin() + 4}, 20);
        QVERIFY(few.ok());
        QCOMPARE(few->recentCount, 4);
        QCOMPARE(few->recent, few->all.accuracy);
    }

    void namesTheDrawingAtFault() {
        Rng rng(3);
        QVERIFY(!scoreDrawings(model_, {}).ok());

        std::vector<LabelledDrawing> drawings{labelled(sketch(1, rng), 1, "one.png")};
        drawings.push_back(labelled(Drawing{}, 2, "blank.png"));
        Result<DrawingScore> blank = scoreDrawings(model_, drawings);
        QVERIFY(!blank.ok());
        QVERIFY2(blank.error().message.find("blank.png") != std::string::npos, blank.error().message.c_str());
        QVERIFY(blank.error().message.find("no ink") != std::string::npos);

        drawings.back() = labelled(sketch(7, rng), 12, "twelve.png");
        Result<DrawingScore> badLabel = scoreDrawings(model_, drawings);
        QVERIFY(!badLabel.ok());
        QVERIFY2(badLabel.error().message.find("twelve.png") != std::string::npos,
                 badLabel.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(DrawingScoreTest)
#include "test_drawing_score.moc"
