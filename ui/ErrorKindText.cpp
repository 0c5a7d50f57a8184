// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorKindText.h"

#include "data/DigitFormat.h"
#include "train/Sharding.h"

#include <QCoreApplication>
#include <QDir>

std::optional<QString> errorKindText(const digitpad::Error& error) {
    using digitpad::ErrorKind;
    const QString path = QDir::toNativeSeparators(QString::fromStdString(error.path));
    const QString name = QString::fromStdString(error.name);
    // The data texts keep the context they were first translated in.
    switch (error.kind) {
    case ErrorKind::Other:
        return std::nullopt;
    case ErrorKind::NoSuchFolder:
        return QCoreApplication::translate("DataErrorText", "the data folder '%1' does not exist").arg(path);
    case ErrorKind::NotAFolder:
        return QCoreApplication::translate("DataErrorText", "'%1' is not a folder").arg(path);
    case ErrorKind::SplitMissing:
        // The file names stay as they are: they are what the person looks for in the folder.
        return error.name == "t10k"
                   ? QCoreApplication::translate("DataErrorText",
                                                 "the folder '%1' has no test images and labels "
                                                 "(t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte)")
                         .arg(path)
                   : QCoreApplication::translate("DataErrorText",
                                                 "the folder '%1' has no training images and labels "
                                                 "(train-images-idx3-ubyte, train-labels-idx1-ubyte)")
                         .arg(path);
    case ErrorKind::FileUnreadable:
        return QCoreApplication::translate("DataErrorText", "cannot read the data file '%1' (%2)")
            .arg(path, QString::fromStdString(error.message));
    case ErrorKind::NoDataFolder:
        return QCoreApplication::translate("DataErrorText", "no MNIST data folder is set");
    case ErrorKind::DataNotDigits:
        return QCoreApplication::translate("DataErrorText", "the images in '%1' are not %2×%2 digits")
            .arg(path)
            .arg(digitpad::kDigitSide);
    case ErrorKind::BatchSizeTooSmall:
        return QCoreApplication::translate("SettingErrorText", "the batch size must be at least 1");
    case ErrorKind::TooFewEpochs:
        return QCoreApplication::translate("SettingErrorText", "there must be at least 1 epoch");
    case ErrorKind::LearningRateNotPositive:
        return QCoreApplication::translate("SettingErrorText", "the learning rate must be a number above 0");
    case ErrorKind::MomentumOutOfRange:
        return QCoreApplication::translate("SettingErrorText", "the momentum must be at least 0 and below 1");
    case ErrorKind::WeightDecayNegative:
        return QCoreApplication::translate("SettingErrorText", "the weight decay must not be negative");
    case ErrorKind::ValidationFractionOutOfRange:
        return QCoreApplication::translate("SettingErrorText",
                                           "the validation split must be at least 0 % and below 100 %");
    case ErrorKind::LearningRateStepNegative:
        return QCoreApplication::translate("SettingErrorText", "the learning-rate step must not be negative");
    case ErrorKind::LearningRateFactorNotPositive:
        return QCoreApplication::translate("SettingErrorText", "the learning-rate factor must be above 0");
    case ErrorKind::LabelSmoothingInvalid:
        return QCoreApplication::translate("SettingErrorText",
                                           "label smoothing must be at least 0 and below 1, with the "
                                           "cross-entropy loss");
    case ErrorKind::ShardsOutOfRange:
        return QCoreApplication::translate("SettingErrorText",
                                           "the number of shards must be 0 (automatic) or 1 to %1")
            .arg(digitpad::kMaxShards);
    case ErrorKind::ThreadsNegative:
        return QCoreApplication::translate("SettingErrorText", "the number of threads must not be negative");
    case ErrorKind::AugmentationOutOfRange:
        return QCoreApplication::translate("SettingErrorText", "an augmentation setting is out of its range");
    case ErrorKind::FramingStepsUnfit:
        return QCoreApplication::translate(
            "SettingErrorText", "deskewing and stroke-width normalisation need single-channel square images");
    case ErrorKind::HiddenWidthTooSmall:
        return QCoreApplication::translate("SettingErrorText", "hidden layer widths must be at least 1");
    case ErrorKind::LayersInvalid:
        return QCoreApplication::translate("SettingErrorText", "the layers '%1' cannot be built").arg(name);
    case ErrorKind::LayersOutputMismatch:
        return QCoreApplication::translate("SettingErrorText",
                                           "the layers '%1' must end in %2 outputs, one per digit")
            .arg(name)
            .arg(digitpad::kDigitClasses);
    case ErrorKind::ReplayFractionOutOfRange:
        return QCoreApplication::translate("SettingErrorText",
                                           "the share of MNIST images must be at least 0 and below 1");
    case ErrorKind::HoldOutInvalid:
        return QCoreApplication::translate("SettingErrorText",
                                           "holding out every N-th drawing needs N = 0 (none) or at least 2");
    case ErrorKind::TooFewCopies:
        return QCoreApplication::translate("SettingErrorText",
                                           "each drawing must be used at least once per epoch");
    case ErrorKind::NoDrawings:
        return QCoreApplication::translate("DrawingErrorText", "there are no drawings");
    case ErrorKind::AllDrawingsHeldOut:
        return QCoreApplication::translate(
            "DrawingErrorText", "every drawing is held out for scoring, none is left to learn from");
    case ErrorKind::DrawingLabelNotDigit:
        return QCoreApplication::translate("DrawingErrorText",
                                           "the drawing '%1' is not labelled with a digit 0–9")
            .arg(path);
    case ErrorKind::DrawingHasNoInk:
        return QCoreApplication::translate("DrawingErrorText", "the drawing '%1' holds no ink").arg(path);
    case ErrorKind::ModelNotForDigits:
        return QCoreApplication::translate("DrawingErrorText",
                                           "the model does not read %1×%1 digits into %2 classes")
            .arg(digitpad::kDigitSide)
            .arg(digitpad::kDigitClasses);
    case ErrorKind::CheckpointMismatch:
        return QCoreApplication::translate(
                   "CheckpointErrorText",
                   "the checkpoint '%1' was saved by a run with other settings or data")
            .arg(path);
    case ErrorKind::TestImagesMismatch:
        return QCoreApplication::translate("DataErrorText",
                                           "the test images in '%1' are not the size of its training images")
            .arg(path);
    case ErrorKind::ExtraImagesMismatch:
        return QCoreApplication::translate("DataErrorText",
                                           "the drawings in '%1' are not the size of the training images")
            .arg(path);
    case ErrorKind::ClassNamesInvalid:
        return QCoreApplication::translate(
                   "DataErrorText",
                   "the class-names file '%1' does not name each class of the data on a line of its own")
            .arg(path);
    case ErrorKind::DrawnDigitsDamaged:
        return QCoreApplication::translate("DataErrorText", "the drawn digits in '%1' are damaged").arg(path);
    case ErrorKind::Unexpected:
        return QCoreApplication::translate("ErrorKindText", "an unexpected error occurred");
    }
    return std::nullopt;
}
