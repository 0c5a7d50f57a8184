// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorMessage.h"

void showErrorMessage(QWidget* parent, const QString& title, const QString& text, const QString& details,
                      QMessageBox::Icon icon) {
    QMessageBox box(icon, title, text, QMessageBox::Ok, parent);
    box.setDetailedText(details);
    box.exec();
}
