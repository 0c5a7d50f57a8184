// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionErrorText.h"

#include "ErrorKindText.h"

#include <QCoreApplication>

QString sessionErrorText(const digitpad::SessionError& error) {
    if (std::optional<QString> worded = errorKindText(error))
        return *worded;
    const QString message = QString::fromStdString(error.message);
    if (error.cause == digitpad::SessionError::Cause::Settings)
        return QCoreApplication::translate("SessionErrorText", "invalid training settings: %1").arg(message);
    return message;
}
