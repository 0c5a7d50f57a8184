// SPDX-License-Identifier: GPL-3.0-or-later
#include "MyAccuracy.h"

#include "DataErrorText.h"
#include "LogCategories.h"
#include "MyDigitsStore.h"

#include "app/DrawingScore.h"

#include <QtConcurrent>

#include <algorithm>
#include <chrono>

namespace {

QString drawings(int count) {
    return count == 1 ? MyAccuracy::tr("1 drawing") : MyAccuracy::tr("%1 drawings").arg(count);
}

QString percent(double fraction, int decimals) {
    return QStringLiteral("%1%").arg(100.0 * fraction, 0, 'f', decimals);
}

} // namespace

MyAccuracy::MyAccuracy(const QString& folder, QObject* parent) : QObject(parent), folder_(folder) {}

MyAccuracy::~MyAccuracy() {
    // The run holds only copies (folder name, model pointer), but waiting keeps it from outliving the
    // application's objects at exit.
    if (watcher_ != nullptr)
        watcher_->waitForFinished();
}

void MyAccuracy::setModel(std::shared_ptr<const digitpad::Model> model) {
    model_ = std::move(model);
    refresh();
}

void MyAccuracy::refresh() {
    ++generation_;
    if (model_ == nullptr) {
        measuring_ = false;
        figures_.reset();
        emit updated();
        return;
    }
    measuring_ = true;
    // One run at a time: keeping drawings quickly, or switching models, must not pile up runs that each
    // read the whole folder. The run going on is finished and dropped, then one more starts.
    if (watcher_ != nullptr)
        return;
    start();
}

void MyAccuracy::start() {
    const int generation = generation_;
    watcher_ = new QFutureWatcher<Figures>(this);
    connect(watcher_, &QFutureWatcherBase::finished, this, [this, generation] {
        const Figures figures = watcher_->result();
        watcher_->deleteLater();
        watcher_ = nullptr;
        if (generation != generation_) {
            if (model_ != nullptr)
                start(); // the folder or the model changed during the run
            return;
        }
        measuring_ = false;
        figures_ = figures;
        emit updated();
    });
    watcher_->setFuture(QtConcurrent::run(
        [folder = folder_, model = model_] { return MyAccuracy::measure(folder, *model); }));
}

MyAccuracy::Figures MyAccuracy::measure(const QString& folder, const digitpad::Model& model) {
    const auto start = std::chrono::steady_clock::now();
    Figures figures;
    const MyDigitsStore store(folder);
    MyDigitsStore::Listing listing = store.list();
    figures.problems = listing.problems;
    if (listing.files.empty())
        return figures;
    // readSampleFolder orders by label first; scoring wants the order they were kept in, for "last 20".
    std::stable_sort(listing.files.begin(), listing.files.end(),
                     [](const SampleFile& a, const SampleFile& b) {
                         const std::string& at = a.record ? a.record->createdAt : std::string();
                         const std::string& bt = b.record ? b.record->createdAt : std::string();
                         return at < bt;
                     });
    const digitpad::Result<digitpad::DrawingScore> score =
        digitpad::scoreDrawings(model, samplesOf(listing.files), kRecentCount);
    if (!score) {
        figures.error = score.error();
        return figures;
    }
    figures.count = score->all.count;
    figures.accuracy = score->all.accuracy;
    figures.recentCount = score->recentCount;
    figures.recent = score->recent;
    for (std::size_t digit = 0; digit < figures.perDigitCount.size() && digit < score->all.confusion.size();
         ++digit) {
        const std::vector<int>& row = score->all.confusion[digit];
        for (std::size_t answer = 0; answer < row.size(); ++answer) {
            figures.perDigitCount[digit] += row[answer];
            if (answer == digit)
                figures.perDigitCorrect[digit] += row[answer];
        }
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    qCInfo(lcRecognize).noquote() << QStringLiteral("my accuracy %1 on %2 drawings (%3 ms)")
                                         .arg(figures.accuracy, 0, 'f', 4)
                                         .arg(figures.count)
                                         .arg(ms, 0, 'f', 1);
    return figures;
}

QString MyAccuracy::text() const {
    QString mine;
    if (model_ == nullptr)
        mine = tr("My accuracy: no model");
    else if (!figures_)
        mine = tr("My accuracy: measuring…");
    else if (figures_->error)
        mine = tr("My accuracy: cannot be measured");
    else if (figures_->count == 0)
        mine = tr("My accuracy: no drawings kept yet");
    else if (figures_->recentCount < figures_->count)
        mine = tr("My accuracy: %1 of %2 (last %3: %4)")
                   .arg(percent(figures_->accuracy, 0), drawings(figures_->count))
                   .arg(figures_->recentCount)
                   .arg(percent(figures_->recent, 0));
    else
        mine = tr("My accuracy: %1 of %2").arg(percent(figures_->accuracy, 0), drawings(figures_->count));
    if (model_ != nullptr && model_->info.testAccuracy) {
        const QString dataset =
            model_->info.dataset.empty() ? tr("test") : QString::fromStdString(model_->info.dataset);
        mine += QStringLiteral(" · %1: %2").arg(dataset, percent(*model_->info.testAccuracy, 2));
    }
    return mine;
}

QString MyAccuracy::details() const {
    if (!figures_)
        return tr("How the model in use does on the drawings you kept (Tools ▸ My digits…)");
    QStringList lines;
    if (figures_->error)
        lines.append(dataErrorText(*figures_->error));
    if (figures_->count > 0) {
        lines.append(tr("Per digit, with the model in use:"));
        for (std::size_t digit = 0; digit < figures_->perDigitCount.size(); ++digit) {
            const int count = figures_->perDigitCount[digit];
            lines.append(count == 0 ? tr("%1: none kept").arg(digit)
                                    : tr("%1: %2 of %3")
                                          .arg(digit)
                                          .arg(percent(double(figures_->perDigitCorrect[digit]) / count, 0))
                                          .arg(count));
        }
    } else if (!figures_->error) {
        lines.append(tr("After an answer, press the digit's key to keep the drawing; then this shows how the "
                        "model does on your handwriting."));
    }
    if (!figures_->problems.isEmpty()) {
        lines.append(tr("Kept files that could not be read (skipped): %1").arg(figures_->problems.size()));
        lines.append(figures_->problems.mid(0, 5));
    }
    return lines.join(QLatin1Char('\n'));
}
