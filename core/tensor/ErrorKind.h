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
};

} // namespace digitpad
