// SPDX-License-Identifier: GPL-3.0-or-later
// Prints every ensemble member's logits for labelled digits, one CSV line per sample (set, label, then the
// members' logits in member order), for scripts/measure-temperature to fit and judge temperature scaling:
//   dump_member_logits MODEL [--mnist-train-tail FOLDER] [--mnist FOLDER] [--drawn FOLDER]...
// --mnist-train-tail is the last 5000 MNIST training images (the set a temperature is fitted on), --mnist the
// test split; drawn sets are framed as eval frames them.
#include "data/DrawnDigits.h"
#include "data/FramingSteps.h"
#include "data/IdxReader.h"
#include "io/ModelFile.h"

#include <cstdio>
#include <string>

using namespace digitpad;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: %s MODEL [--mnist-train-tail FOLDER] [--mnist FOLDER] [--drawn FOLDER]...\n",
                     argv[0]);
        return 2;
    }
    Result<Model> model = loadModel(argv[1]);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().message.c_str());
        return 1;
    }
    constexpr int kTail = 5000;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        const std::string folder = argv[i + 1];
        Result<Dataset> set = option == "--mnist-train-tail" ? readIdxFolder(folder, "train")
                              : option == "--mnist"
                                  ? readIdxFolder(folder, "t10k")
                                  : readDrawnDigits(folder, model->info.framing, model->info.framingSteps);
        if (!set) {
            std::fprintf(stderr, "%s\n", set.error().message.c_str());
            return 1;
        }
        if (option != "--drawn")
            applyFramingSteps(model->info.framingSteps, set->images, set->shape.width);
        if (option == "--mnist-train-tail")
            *set = set->slice(set->size() - kTail, kTail);
        const std::string name = option == "--mnist-train-tail" ? "fit"
                                 : option == "--mnist"          ? "mnist"
                                                                : folder;
        std::vector<Matrix> logits;
        for (const Network* member : model->members()) {
            logits.emplace_back();
            member->predictRaw(set->images, logits.back());
        }
        for (int s = 0; s < set->size(); ++s) {
            std::printf("%s,%d", name.c_str(), set->labels[static_cast<std::size_t>(s)]);
            for (const Matrix& m : logits)
                for (Eigen::Index c = 0; c < m.rows(); ++c)
                    std::printf(",%.5f", static_cast<double>(m(c, s)));
            std::printf("\n");
        }
    }
    return 0;
}
