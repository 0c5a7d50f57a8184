// SPDX-License-Identifier: GPL-3.0-or-later
#include "RemoveDrawingsCommand.h"

#include "MyDigitsStore.h"

#include <QCoreApplication>

RemoveDrawingsCommand::RemoveDrawingsCommand(MyDigitsStore* store, const QStringList& ids,
                                             std::function<void(const QString&)> onError)
    : store_(store), ids_(ids), onError_(std::move(onError)) {
    setText(ids.size() == 1
                ? QCoreApplication::translate("RemoveDrawingsCommand", "delete 1 drawing")
                : QCoreApplication::translate("RemoveDrawingsCommand", "delete %1 drawings").arg(ids.size()));
}

void RemoveDrawingsCommand::redo() {
    if (const digitpad::Status removed = store_->remove(ids_); !removed && onError_)
        onError_(QString::fromStdString(removed.error().message));
}

void RemoveDrawingsCommand::undo() {
    if (const digitpad::Status restored = store_->restore(ids_); !restored && onError_)
        onError_(QString::fromStdString(restored.error().message));
}
