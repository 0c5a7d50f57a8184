// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppDataFolders.h"

#include <QDir>
#include <QStandardPaths>

namespace {

QString appDataChild(const QString& name) {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(name);
}

} // namespace

namespace appdata {

QString myDigitsFolder() {
    return appDataChild(QStringLiteral("my-digits"));
}

QString tunedModelsFolder() {
    return appDataChild(QStringLiteral("models"));
}

QString trainingCheckpointFile() {
    return appDataChild(QStringLiteral("training.checkpoint"));
}

} // namespace appdata
