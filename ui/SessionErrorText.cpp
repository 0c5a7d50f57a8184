// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionErrorText.h"

#include "DataErrorText.h"

#include <QCoreApplication>

QString sessionErrorText(const digitpad::SessionError& error) {
    if (error.kind != digitpad::ErrorKind::Other)
        return dataErrorText(error);
    const QString message = QString::fromStdString(error.message);
    if (error.cause == digitpad::SessionError::Cause::Settings)
        return QCoreApplication::translate("SessionErrorText", "invalid training settings: %1").arg(message);
    return message;
}
