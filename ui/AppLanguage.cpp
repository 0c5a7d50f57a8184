// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace {

const QString kLanguageKey = QStringLiteral("ui/language");

/// Names in the settings file, so a file written by one version reads back in another whatever the enum's
/// order.
QString nameOf(AppLanguage language) {
    switch (language) {
    case AppLanguage::English:
        return QStringLiteral("en");
    case AppLanguage::SimplifiedChinese:
        return QStringLiteral("zh_CN");
    case AppLanguage::System:
        break;
    }
    return QStringLiteral("system");
}

/// The translators in use; kept here so a second install() removes the first one's.
struct Installed {
    std::unique_ptr<QTranslator> app;
    std::unique_ptr<QTranslator> qt;
};

Installed& installed() {
    static Installed translators;
    return translators;
}

void uninstall(std::unique_ptr<QTranslator>& translator) {
    if (translator)
        QCoreApplication::removeTranslator(translator.get());
    translator.reset();
}

} // namespace

namespace language {

AppLanguage saved() {
    const QSettings settings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad"));
    const QString name = settings.value(kLanguageKey).toString();
    for (AppLanguage language : {AppLanguage::English, AppLanguage::SimplifiedChinese})
        if (name == nameOf(language))
            return language;
    return AppLanguage::System;
}

void save(AppLanguage language) {
    QSettings settings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad"));
    settings.setValue(kLanguageKey, nameOf(language));
}

QLocale localeOf(AppLanguage language) {
    switch (language) {
    case AppLanguage::English:
        return QLocale(QLocale::English, QLocale::UnitedStates);
    case AppLanguage::SimplifiedChinese:
        return QLocale(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China);
    case AppLanguage::System:
        break;
    }
    return QLocale::system();
}

bool install(AppLanguage language) {
    Installed& now = installed();
    uninstall(now.app);
    uninstall(now.qt);
    const QLocale locale = localeOf(language);
    // Numbers and dates follow the chosen language too, not only the words.
    QLocale::setDefault(locale);

    auto app = std::make_unique<QTranslator>();
    const bool found =
        app->load(locale, QStringLiteral("digitpad"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    if (found) {
        QCoreApplication::installTranslator(app.get());
        now.app = std::move(app);
    }
    // Qt's own words (Cancel, Show Details…, the file dialog); shipped by the distribution, not by DigitPad.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        now.qt = std::move(qt);
    }
    return found;
}

} // namespace language
