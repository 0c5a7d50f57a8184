// SPDX-License-Identifier: GPL-3.0-or-later
#include "DataErrorText.h"

#include "ErrorKindText.h"

QString dataErrorText(const digitpad::Error& error) {
    return errorKindText(error).value_or(QString::fromStdString(error.message));
}
