// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace digitpad {

/// What an Error is about, for a front end that words its messages itself (the GUI, in the person's
/// language). The Error's message stays core's English text, for the CLI and the logs. Each kind says which
/// of the Error's fields it fills.
enum class ErrorKind {
    Other,          ///< only the message says what is wrong
    NoSuchFolder,   ///< path: the folder that does not exist
    NotAFolder,     ///< path: what exists there but is not a folder
    SplitMissing,   ///< path: the data folder; name: the split ("train" or "t10k") whose files it lacks
    FileUnreadable, ///< path: the file that cannot be read or is not what it should be (the message says why)
    NoDataFolder,   ///< no data folder was given
    DataNotDigits,  ///< path: the data folder, whose images are not 28×28 digits

    // A setting out of its range (training's TrainConfig, fine-tuning's FineTuneSettings). The message says
    // the value given; the GUI's fields show it already.
    BatchSizeTooSmall,             ///< the batch size is below 1
    TooFewEpochs,                  ///< the epochs are below 1
    LearningRateNotPositive,       ///< the learning rate is not a number above 0
    MomentumOutOfRange,            ///< the momentum is not in [0, 1)
    WeightDecayNegative,           ///< the weight decay is below 0
    ValidationFractionOutOfRange,  ///< the validation fraction is not in [0, 1)
    LearningRateStepNegative,      ///< the learning-rate step (every N epochs) is below 0
    LearningRateFactorNotPositive, ///< the learning-rate factor is not above 0
    LabelSmoothingInvalid,         ///< label smoothing is not in [0, 1), or is set with a loss other than
                                   ///< cross-entropy
    ShardsOutOfRange,              ///< the shard count is not 0 (automatic) or 1 to kMaxShards
    ThreadsNegative,               ///< the thread count is below 0
    AugmentationOutOfRange,        ///< an augmentation setting is out of its range (the message says which)
    FramingStepsUnfit,             ///< the framing steps need single-channel square images the data lacks
    HiddenWidthTooSmall,           ///< a hidden layer width is below 1
    LayersInvalid,                 ///< name: the layer string that cannot be built (the message says why)
    LayersOutputMismatch,          ///< name: the layer string whose output count is not the class count
    ReplayFractionOutOfRange,      ///< fine-tuning's MNIST share is not in [0, 1)
    HoldOutInvalid,                ///< fine-tuning's "hold out every N-th drawing" is 1 or negative
    TooFewCopies,                  ///< fine-tuning's copies per drawing are below 1

    // What fine-tuning or scoring the person's drawings can fail with.
    NoDrawings,           ///< there are no drawings
    AllDrawingsHeldOut,   ///< every drawing is held out for scoring, none is left to train on
    DrawingLabelNotDigit, ///< path: the drawing's file, whose label is not a digit 0–9
    DrawingHasNoInk,      ///< path: the drawing's file, which holds no ink
    ModelNotForDigits,    ///< the model does not take 28×28 digits into 10 classes

    // What a training run's data and checkpoint can fail with beyond a missing or unreadable file.
    CheckpointMismatch,  ///< path: the checkpoint, saved by a run with other settings or data (the message
                         ///< says what differs)
    TestImagesMismatch,  ///< path: the data folder, whose test images differ in size from its training images
    ExtraImagesMismatch, ///< path: the extra drawings' folder, whose canvases frame to another size than the
                         ///< training images
    ClassNamesInvalid,   ///< path: the class-names file, which is not one name per line for each class (the
                         ///< message says why)
    DrawnDigitsDamaged,  ///< path: the drawn digits' images or labels file whose contents do not fit together
                         ///< (the message says why)

    /// An exception nobody expected ended the run; the message is its text, for the details.
    Unexpected,
};

} // namespace digitpad
