// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>

/// The languages the app's menus and messages can be shown in. System follows the desktop's locale.
enum class AppLanguage { System, English, SimplifiedChinese };

/// The person's choice of language, kept in the app's settings (key "ui/language"), and the translators
/// that put it on screen: the app's own (embedded as a resource) and Qt's for its standard dialogs.
namespace language {

/// The saved choice; System when none was saved or the saved value is unknown.
AppLanguage saved();
void save(AppLanguage language);

/// The locale whose translations `language` asks for.
QLocale localeOf(AppLanguage language);

/// Installs the translators for `language` in the application, replacing those installed by an earlier call.
/// Returns whether the app's own translation was found (English needs none and returns false).
bool install(AppLanguage language);

} // namespace language
