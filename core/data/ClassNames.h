// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tensor/Result.h"

#include <optional>
#include <string>
#include <vector>

namespace digitpad {

/// The most bytes one class name may have (UTF-8); longer names would not fit the app's bar chart or a table.
inline constexpr std::size_t kMaxClassNameBytes = 40;

/// "0", "1", … up to classes − 1: the names of digit classes, and of any class no name was given for.
std::vector<std::string> digitClassNames(int classes);

/// Whether `names` are the digits "0" … "9", in order (a digit model, which the Recognize tab's pad is for).
bool areDigitNames(const std::vector<std::string>& names);

/// Fashion-MNIST's ten classes in label order: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt,
/// Sneaker, Bag, Ankle boot.
const std::vector<std::string>& fashionMnistClassNames();

/// Whether `folder` is a Fashion-MNIST folder by its name: fashion-mnist, fashion_mnist or fashionmnist, in
/// any case (Debian's dataset-fashion-mnist installs to /usr/share/datasets/fashion-mnist). A trailing
/// separator does not matter.
bool isFashionMnistFolder(const std::string& folder);

/// Reads a labels file: one class name per line in label order (line n names label n − 1), UTF-8 without
/// control characters, each 1 to kMaxClassNameBytes bytes after trimming spaces; a final newline and trailing
/// empty lines are ignored. The error names the file and the line.
Result<std::vector<std::string>> readClassNames(const std::string& path);

/// The class names for the IDX data in `folder` with labels below `classes`: read from `labelsFile` when
/// given, else from the file `labels` in the folder when there is one, else Fashion-MNIST's names for a
/// Fashion-MNIST folder, else digits. A file must name exactly `classes` classes.
Result<std::vector<std::string>> classNamesFor(const std::string& folder,
                                               const std::optional<std::string>& labelsFile, int classes);

} // namespace digitpad
