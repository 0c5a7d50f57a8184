// SPDX-License-Identifier: GPL-3.0-or-later
#include "AugmentPreview.h"

#include "DataErrorText.h"

#include "data/Augmenter.h"
#include "data/IdxReader.h"

#include <QDir>
#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QThread>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <exception>
#include <numeric>
#include <random>

namespace {

constexpr int kGap = 6;
constexpr int kMaxScale = 3; ///< tiles grow up to 3× the data's side, then stop

} // namespace

/// What a background read hands to the GUI thread.
struct AugmentPreview::Loaded {
    std::shared_ptr<const digitpad::Dataset> data;
    QString error;
};

AugmentPreview::AugmentPreview(QWidget* parent) : QWidget(parent) {
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

AugmentPreview::~AugmentPreview() {
    for (QThread* loader : loaders_) {
        loader->disconnect(this);
        loader->wait();
        delete loader;
    }
}

void AugmentPreview::setDataFolder(const QString& folder) {
    const QString cleaned = folder.isEmpty() ? QString() : QDir::cleanPath(folder);
    if (cleaned == folder_)
        return;
    folder_ = cleaned;
    ++generation_;
    loading_ = false;
    if (folder_ != poolFolder_) {
        pool_.reset();
        poolFolder_.clear();
    }
    loadIfNeeded();
    render();
}

void AugmentPreview::setSettings(const digitpad::AugmentSettings& settings) {
    settings_ = settings;
    render();
}

void AugmentPreview::setFramingSteps(const digitpad::FramingSteps& steps) {
    if (steps == framingSteps_)
        return;
    framingSteps_ = steps;
    render();
}

void AugmentPreview::setSampleCount(int count) {
    sampleCount_ = std::max(1, count);
    updateGeometry();
    render();
}

void AugmentPreview::setSeed(unsigned long long seed) {
    seed_ = seed;
    render();
}

void AugmentPreview::shuffle() {
    setSeed(seed_ + 1);
}

void AugmentPreview::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    loadIfNeeded();
    render();
}

void AugmentPreview::loadIfNeeded() {
    // Lazily: a hidden Train tab never reads the folder.
    if (folder_.isEmpty() || pool_ || loading_ || !isVisible())
        return;
    loading_ = true;
    const int generation = generation_;
    const std::string folder = QDir::toNativeSeparators(folder_).toStdString();
    auto result = std::make_shared<Loaded>();
    QThread* loader = QThread::create([folder, result] {
        try {
            digitpad::Result<digitpad::Dataset> train = digitpad::readIdxFolder(folder, "train");
            if (!train) {
                // Worded here, in the language installed now, like the rest of the preview's status.
                result->error = dataErrorText(train.error());
                return;
            }
            // Keep a small pool: the whole split would hold hundreds of megabytes for eight tiles.
            const int keep = std::min(train->size(), poolSize());
            result->data = std::make_shared<const digitpad::Dataset>(train->slice(0, keep));
        } catch (const std::exception& e) {
            // A sentence in the person's language; core's technical reason goes to the log.
            result->error = AugmentPreview::tr("The training images in '%1' cannot be read.")
                                .arg(QString::fromStdString(folder));
            qWarning("augmentation preview: %s", e.what());
        }
    });
    loaders_.push_back(loader);
    connect(loader, &QThread::finished, this, [this, loader, generation, result] {
        loaders_.erase(std::remove(loaders_.begin(), loaders_.end(), loader), loaders_.end());
        loader->deleteLater();
        onLoaded(generation, *result);
    });
    loader->start(QThread::LowPriority);
}

void AugmentPreview::onLoaded(int generation, const Loaded& loaded) {
    if (generation != generation_)
        return; // the folder changed while this one was read
    loading_ = false;
    if (loaded.data && loaded.data->size() > 0) {
        pool_ = loaded.data;
        poolFolder_ = folder_;
        render();
        return;
    }
    tiles_.clear();
    labels_.clear();
    sources_.clear();
    setStatus(loaded.error.isEmpty() ? tr("no training images in '%1'").arg(QDir::toNativeSeparators(folder_))
                                     : loaded.error);
}

void AugmentPreview::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange && (pool_ || folder_.isEmpty() || loading_))
        render();
    QWidget::changeEvent(event);
}

void AugmentPreview::render() {
    tiles_.clear();
    labels_.clear();
    sources_.clear();
    if (folder_.isEmpty()) {
        setStatus(tr("No training images to show"));
        return;
    }
    if (!pool_) {
        if (loading_ || !isVisible())
            setStatus(tr("Loading training images…"));
        return;
    }

    // The same seed picks the same images, so only the distortion changes with the settings.
    std::vector<int> all(static_cast<std::size_t>(pool_->size()));
    std::iota(all.begin(), all.end(), 0);
    std::mt19937_64 pick(seed_);
    const int count = std::min(sampleCount_, pool_->size());
    for (int i = 0; i < count; ++i) {
        std::uniform_int_distribution<int> from(i, pool_->size() - 1);
        std::swap(all[static_cast<std::size_t>(i)], all[static_cast<std::size_t>(from(pick))]);
    }
    const std::vector<int> indices(all.begin(), all.begin() + count);
    const digitpad::AugmentSettings used =
        settings_.enabled ? settings_ : digitpad::AugmentSettings::identity();
    digitpad::Matrix images;
    try {
        images = digitpad::augmentSamples(*pool_, indices, seed_, used);
        if (framingSteps_.check(pool_->shape))
            digitpad::applyFramingSteps(framingSteps_, images, pool_->shape.width);
    } catch (const std::exception& e) {
        setStatus(tr("These settings cannot distort the training images."));
        qWarning("augmentation preview: %s", e.what());
        return;
    }

    const int height = pool_->shape.height;
    const int width = pool_->shape.width;
    for (int i = 0; i < count; ++i) {
        QImage tile(width, height, QImage::Format_Grayscale8);
        for (int y = 0; y < height; ++y) {
            uchar* row = tile.scanLine(y);
            for (int x = 0; x < width; ++x) {
                const double v = std::clamp(static_cast<double>(images(y * width + x, i)), 0.0, 1.0);
                row[x] = static_cast<uchar>(std::lround(v * 255.0));
            }
        }
        tiles_.push_back(std::move(tile));
        labels_.push_back(pool_->labels[static_cast<std::size_t>(indices[static_cast<std::size_t>(i)])]);
        sources_.push_back(indices[static_cast<std::size_t>(i)]);
    }
    setStatus({});
}

void AugmentPreview::setStatus(const QString& text) {
    status_ = text;
    update();
    emit samplesChanged();
}

int AugmentPreview::tileSide(int width) const {
    const int n = sampleCount_;
    const int data = pool_ ? std::max(pool_->shape.height, pool_->shape.width) : 28;
    const int fit = std::max(1, (width - kGap * (n - 1)) / n);
    // Whole multiples of the data's side keep every input pixel the same size on screen.
    if (fit >= data)
        return data * std::min(kMaxScale, fit / data);
    return fit;
}

int AugmentPreview::heightForWidth(int width) const {
    return tileSide(width);
}

QSize AugmentPreview::sizeHint() const {
    const int side = 56;
    return {sampleCount_ * side + (sampleCount_ - 1) * kGap, side};
}

QSize AugmentPreview::minimumSizeHint() const {
    const int side = 28;
    return {sampleCount_ * side + (sampleCount_ - 1) * kGap, side};
}

QRect AugmentPreview::tileRect(int index) const {
    const int side = std::min(tileSide(width()), height());
    return {index * (side + kGap), (height() - side) / 2, side, side};
}

void AugmentPreview::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (tiles_.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, status_);
        return;
    }
    // No SmoothPixmapTransform: nearest-neighbour scaling keeps each input pixel a crisp square.
    for (int i = 0; i < tileCount(); ++i) {
        const QRect area = tileRect(i);
        painter.fillRect(area, Qt::black);
        painter.drawImage(area, tiles_[static_cast<std::size_t>(i)]);
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(area.adjusted(0, 0, -1, -1));
    }
}

bool AugmentPreview::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        for (int i = 0; i < tileCount(); ++i) {
            if (tileRect(i).contains(help->pos())) {
                QToolTip::showText(help->globalPos(),
                                   tr("Training image %1, digit %2")
                                       .arg(sources_[static_cast<std::size_t>(i)] + 1)
                                       .arg(labels_[static_cast<std::size_t>(i)]),
                                   this);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}
