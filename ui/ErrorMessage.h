// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMessageBox>
#include <QString>

class QWidget;

/// Shows a modal message box whose main text says plainly what happened and what to do; `details` (file
/// system messages, checksums, commands to type) sits behind the box's "Show Details…" button, so people who
/// need it can read and copy it and others are not put off by it. Empty details add no button.
void showErrorMessage(QWidget* parent, const QString& title, const QString& text, const QString& details,
                      QMessageBox::Icon icon = QMessageBox::Critical);
