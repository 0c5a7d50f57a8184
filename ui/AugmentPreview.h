// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/AugmentSettings.h"
#include "data/Dataset.h"
#include "data/FramingSteps.h"

#include <QImage>
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

class QThread;

/// A strip of a few training images of a data folder as the augmentation distorts them, drawn like
/// InputPreview (the network's view: white ink on black), each pixel a crisp square. With augmentation off it
/// shows the same images undistorted, so ticking the box shows what changes.
///
/// The folder is read lazily (only once the widget is shown) on a background thread, and only its first
/// poolSize() training images are kept; the samples are drawn from them by seed(). Changing the settings
/// re-augments the same images with the same seed, so strengths can be compared; shuffle() picks a new seed.
class AugmentPreview : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDefaultSampleCount = 8;

    explicit AugmentPreview(QWidget* parent = nullptr);
    /// Waits for a folder still being read (reading cannot be interrupted; it takes well under a second).
    ~AugmentPreview() override;

    /// The IDX folder whose training split the samples come from; empty shows nothing.
    void setDataFolder(const QString& folder);
    QString dataFolder() const { return folder_; }
    /// Re-augments the shown images with `settings` (its `enabled` flag chooses distorted or plain).
    void setSettings(const digitpad::AugmentSettings& settings);
    const digitpad::AugmentSettings& settings() const { return settings_; }
    /// Applies `steps` to the shown images after the distortion, as training does.
    void setFramingSteps(const digitpad::FramingSteps& steps);
    const digitpad::FramingSteps& framingSteps() const { return framingSteps_; }
    void setSampleCount(int count);
    int sampleCount() const { return sampleCount_; }
    unsigned long long seed() const { return seed_; }
    void setSeed(unsigned long long seed);
    /// A new seed: other images, other distortions.
    void shuffle();

    /// How many of the folder's first training images the samples are drawn from.
    static int poolSize() { return 1000; }
    bool isLoading() const { return loading_; }
    int tileCount() const { return static_cast<int>(tiles_.size()); }
    /// Tile i as a Format_Grayscale8 image of the data's height × width (0 = no ink, 255 = full ink).
    QImage tile(int index) const { return tiles_.at(static_cast<std::size_t>(index)); }
    /// The label of the training image tile i shows.
    int tileLabel(int index) const { return labels_.at(static_cast<std::size_t>(index)); }
    /// The index in the training split of the image tile i shows.
    int tileSource(int index) const { return sources_.at(static_cast<std::size_t>(index)); }
    /// What the strip says instead of tiles: "loading…", an error naming the folder, or empty.
    QString statusText() const { return status_; }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// The tiles or the status text changed.
    void samplesChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void showEvent(QShowEvent* event) override;
    bool event(QEvent* event) override;
    /// On QEvent::LanguageChange: the status and the tiles' tooltips again, in the language installed now
    /// (a read error keeps the words it was reported in).
    void changeEvent(QEvent* event) override;

private:
    struct Loaded;
    void loadIfNeeded();
    void onLoaded(int generation, const Loaded& loaded);
    void render();
    void setStatus(const QString& text);
    /// The side of one square tile, in pixels, when the strip is `width` pixels wide.
    int tileSide(int width) const;
    QRect tileRect(int index) const;

    QString folder_;
    QString poolFolder_; ///< the folder pool_ came from; empty when nothing is loaded
    std::shared_ptr<const digitpad::Dataset> pool_;
    digitpad::AugmentSettings settings_;
    digitpad::FramingSteps framingSteps_;
    int sampleCount_ = kDefaultSampleCount;
    unsigned long long seed_ = 1;
    int generation_ = 0; ///< counts folder changes, so a read that finishes too late is ignored
    bool loading_ = false;
    QString status_;
    std::vector<QImage> tiles_;
    std::vector<int> labels_;
    std::vector<int> sources_; ///< the index in the training split of each tile's image
    std::vector<QThread*> loaders_;
};
