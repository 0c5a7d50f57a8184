// SPDX-License-Identifier: GPL-3.0-or-later
// Not a test: reads the drawings of scripts/make-stroke-strings and scores reading each number from its
// pixels (recognizeNumber on the rendered image, as `predict --multi` does) against reading it with its
// strokes known (as the canvas does). docs/numbers.md has the figures and how to run it.
//
// usage: measure_stroke_numbers MODEL FOLDER [--list]
//   --list   also print every drawing: file, truth, pixels' answer, strokes' answer
#include "app/NumberRecognizer.h"
#include "data/Drawing.h"
#include "io/DrawingRecord.h"
#include "io/ModelFile.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace digitpad;

namespace {

/// How many digits of `truth` a minimal edit alignment of `answer` to it keeps (as
/// scripts/measure-digit-strings counts them: among the alignments with fewest edits, the one with the most
/// matches).
int matched(const std::string& answer, const std::string& truth) {
    const std::size_t n = answer.size();
    const std::size_t m = truth.size();
    // cost[i][j] = (edits, −matches) aligning answer[:i] with truth[:j]
    std::vector<std::vector<std::pair<int, int>>> cost(n + 1, std::vector<std::pair<int, int>>(m + 1));
    for (std::size_t i = 1; i <= n; ++i)
        cost[i][0] = {static_cast<int>(i), 0};
    for (std::size_t j = 1; j <= m; ++j)
        cost[0][j] = {static_cast<int>(j), 0};
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            const bool same = answer[i - 1] == truth[j - 1];
            const auto diagonal = cost[i - 1][j - 1];
            cost[i][j] =
                std::min({std::pair{diagonal.first + (same ? 0 : 1), diagonal.second - (same ? 1 : 0)},
                          std::pair{cost[i - 1][j].first + 1, cost[i - 1][j].second},
                          std::pair{cost[i][j - 1].first + 1, cost[i][j - 1].second}});
        }
    return -cost[n][m].second;
}

struct Score {
    int strings = 0;
    int exact = 0;
    int rightLength = 0;
    int digits = 0;
    int digitsRead = 0;

    void add(const std::string& answer, const std::string& truth) {
        ++strings;
        exact += answer == truth ? 1 : 0;
        rightLength += answer.size() == truth.size() ? 1 : 0;
        digits += static_cast<int>(truth.size());
        digitsRead += matched(answer, truth);
    }
};

double percent(int part, int whole) {
    return whole == 0 ? 0.0 : 100.0 * part / whole;
}

void print(const char* group, const char* how, const Score& score) {
    std::printf("%-24s %-8s strings %6.2f%% (%d/%d)  length %6.2f%%  digits %6.2f%% (%d/%d)\n", group, how,
                percent(score.exact, score.strings), score.exact, score.strings,
                percent(score.rightLength, score.strings), percent(score.digitsRead, score.digits),
                score.digitsRead, score.digits);
}

std::string numberOf(const Result<NumberRecognition>& reading) {
    return reading ? reading->number() : std::string("error");
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: measure_stroke_numbers MODEL FOLDER [--list]\n");
        return 2;
    }
    const bool list = argc > 3 && std::string(argv[3]) == "--list";
    const Result<Model> model = loadModel(argv[1]);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().message.c_str());
        return 1;
    }
    const std::string folder = argv[2];
    std::ifstream labels(folder + "/labels.csv");
    if (!labels) {
        std::fprintf(stderr, "cannot read '%s/labels.csv'\n", folder.c_str());
        return 1;
    }
    std::string line;
    std::getline(labels, line); // header
    // 0: all, 1: every gap apart, 2: a touching or overlapping gap
    Score pixels[3];
    Score strokes[3];
    int singles = 0;
    int pixelSplits = 0;
    int strokeSplits = 0;
    while (std::getline(labels, line)) {
        std::stringstream fields(line);
        std::string file;
        std::string number;
        std::string spacing;
        std::getline(fields, file, ',');
        std::getline(fields, number, ',');
        std::getline(fields, spacing, ',');
        if (!spacing.empty() && spacing.back() == '\r') // csv files end their lines with CR LF
            spacing.pop_back();
        if (!number.empty() && number.back() == '\r')
            number.pop_back();
        std::ifstream in(folder + "/" + file);
        std::stringstream text;
        text << in.rdbuf();
        const Result<DrawingRecord> record = drawingRecordFromJson(text.str(), file);
        if (!record) {
            std::fprintf(stderr, "%s\n", record.error().message.c_str());
            return 1;
        }
        const GrayImage image = renderDrawing(record->drawing);
        const std::string byPixels = numberOf(recognizeNumber(*model, image, Framing::Mnist));
        const std::string byStrokes =
            numberOf(recognizeNumber(*model, image, record->drawing, Framing::Mnist));
        if (list)
            std::printf("%s,%s,%s,%s\n", file.c_str(), number.c_str(), byPixels.c_str(), byStrokes.c_str());
        const int group = spacing.find_first_not_of('a') == std::string::npos ? 1 : 2;
        pixels[0].add(byPixels, number);
        strokes[0].add(byStrokes, number);
        if (number.size() > 1) {
            pixels[group].add(byPixels, number);
            strokes[group].add(byStrokes, number);
        } else {
            ++singles;
            pixelSplits += byPixels.size() > 1 ? 1 : 0;
            strokeSplits += byStrokes.size() > 1 ? 1 : 0;
        }
    }
    const char* groups[] = {"all", "all gaps apart", "touching or overlapping"};
    for (int g = 0; g < 3; ++g) {
        if (pixels[g].strings == 0)
            continue;
        print(groups[g], "pixels", pixels[g]);
        print(groups[g], "strokes", strokes[g]);
    }
    if (singles > 0)
        std::printf("single digits split into more than one: pixels %d/%d, strokes %d/%d\n", pixelSplits,
                    singles, strokeSplits, singles);
    return 0;
}
