// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppLanguage.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QIcon>

#include <cstring>

namespace {

void setIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("DigitPad"));
    QCoreApplication::setApplicationName(QStringLiteral("DigitPad"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DIGITPAD_VERSION));
}

struct Options {
    QCommandLineOption model{
        QStringList{QStringLiteral("m"), QStringLiteral("model")},
        QStringLiteral("Use the model in FILE (a .dpm file) instead of the last used one."),
        QStringLiteral("FILE")};
};

void configure(QCommandLineParser& parser, const Options& options) {
    parser.setApplicationDescription(QStringLiteral(
        "DigitPad: draw a digit and a neural network recognises it; train your own networks."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(options.model);
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QStringLiteral("A model (.dpm) to use, or an image to put on the canvas and recognise."),
        QStringLiteral("[file]"));
}

/// --help and --version must work without a display (e.g. over ssh), and a QApplication needs one.
bool onlyWantsText(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        for (const char* flag : {"-h", "--help", "--help-all", "-v", "--version", "-?"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

/// Whether `path` is a DigitPad model: its name ends in .dpm or it starts with the format's magic.
bool isModelFile(const QString& path) {
    if (path.endsWith(QStringLiteral(".dpm"), Qt::CaseInsensitive))
        return true;
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(8) == QByteArrayLiteral("DIGITPAD");
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    if (onlyWantsText(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        configure(parser, options);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setIdentity();
    // Matches the installed digitpad.desktop, so desktops group the window with its launcher and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("digitpad"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/digitpad.png")));
    // Before any widget exists: the texts are translated when the widgets are made.
    language::install(language::saved());
    QCommandLineParser parser;
    configure(parser, options);
    parser.process(app);

    MainWindow window;
    window.show();
    // Ask for keyboard focus so Enter, Backspace and Ctrl+Z work before the first click (a bare X server or a
    // focus-stealing-prevention window manager would otherwise leave the new window inactive).
    window.activateWindow();
    window.raise();
    window.restoreStartupModel();
    window.offerToResumeTraining();
    if (parser.isSet(options.model))
        window.openModelFile(parser.value(options.model));
    if (!parser.positionalArguments().isEmpty()) {
        // A file manager opens DigitPad's own models with it (the desktop file's MIME type); anything else
        // is taken for an image.
        const QString file = parser.positionalArguments().first();
        if (isModelFile(file))
            window.openModelFile(file);
        else
            window.openImageFile(file);
    }
    return app.exec();
}
