// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QUndoCommand>

#include <functional>

class MyDigitsStore;

/// Deleting kept drawings as an undoable step: redo moves them to the store's trash, undo brings them back.
/// A failure (a file someone else moved) is reported through `onError` rather than thrown, since the undo
/// stack cannot take a step back.
class RemoveDrawingsCommand : public QUndoCommand {
public:
    RemoveDrawingsCommand(MyDigitsStore* store, const QStringList& ids,
                          std::function<void(const QString&)> onError);

    void redo() override;
    void undo() override;

private:
    MyDigitsStore* store_;
    QStringList ids_;
    std::function<void(const QString&)> onError_;
};
