// SPDX-License-Identifier: GPL-3.0-or-later
#include "DataErrorText.h"

#include <QCoreApplication>
#include <QDir>

QString dataErrorText(const digitpad::Error& error) {
    using digitpad::ErrorKind;
    const QString path = QDir::toNativeSeparators(QString::fromStdString(error.path));
    const QString message = QString::fromStdString(error.message);
    switch (error.kind) {
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
            .arg(path, message);
    case ErrorKind::Other:
        break;
    }
    return message;
}
