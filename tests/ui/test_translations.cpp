// SPDX-License-Identifier: GPL-3.0-or-later
// The Simplified Chinese translation: every message of the .ts is finished and keeps its placeholders, the
// .ts holds exactly the texts the sources ask for (lupdate on the sources adds or drops nothing), and the
// main window comes up in Chinese after the language is chosen in its menu, Qt's own buttons included.
#include "AppLanguage.h"
#include "MainWindow.h"
#include "TrainingPanel.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

#include <memory>

namespace {

const QString kTsFile = QStringLiteral(DIGITPAD_SOURCE_DIR "/resources/translations/digitpad_zh_CN.ts");

struct Message {
    QString context;
    QString source;
    QString type;             // the translation's type attribute: empty when finished
    QStringList translations; // one, or one per plural form
};

QList<Message> readTs(const QString& path) {
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = Message{context, {}, {}, {}};
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            // Plain messages hold their text directly; plural ones a numerusform per form.
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters() && !xml.isWhitespace())
                    message.translations.append(xml.text().toString());
                else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    message.translations.append(xml.readElementText());
                else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                    break;
            }
            messages.append(message);
        }
    }
    if (xml.hasError())
        qWarning("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return messages;
}

/// The placeholders of a text (%1…%99 and %n), each once, sorted.
QStringList placeholders(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("%(\\d+|n)"));
    QStringList found;
    for (const QRegularExpressionMatch& match : pattern.globalMatch(text))
        found.append(match.captured());
    found.removeDuplicates();
    found.sort();
    return found;
}

/// Clicks `action` in the open `menu` and waits until the menu reacts.
void clickMenuItem(QMenu* menu, QAction* action) {
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).clear();
    }
    void cleanup() { language::install(AppLanguage::English); }

    void everyMessageIsFinished() {
        const QList<Message> messages = readTs(kTsFile);
        QVERIFY2(messages.size() > 400, qPrintable(QString::number(messages.size())));
        QStringList problems;
        for (const Message& m : messages) {
            const QString where = m.context + QStringLiteral(": ") + m.source;
            if (!m.type.isEmpty())
                problems.append(m.type + QStringLiteral(" — ") + where);
            else if (m.translations.isEmpty() || m.translations.contains(QString()))
                problems.append(QStringLiteral("empty — ") + where);
            for (const QString& translation : m.translations)
                if (placeholders(translation) != placeholders(m.source))
                    problems.append(QStringLiteral("placeholders differ — ") + where);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    }

    /// lupdate run on the sources against a copy of the .ts: a text the code uses that the .ts lacks comes
    /// out unfinished, and one the .ts has that the code no longer uses is dropped.
    void tsHoldsExactlyTheTextsOfTheSources() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("digitpad_zh_CN.ts"));
        QVERIFY(QFile::copy(kTsFile, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(DIGITPAD_LUPDATE),
                      {QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-no-obsolete"),
                       QStringLiteral(DIGITPAD_SOURCE_DIR "/ui"), QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(300000));
        QCOMPARE(lupdate.exitCode(), 0);
        const QList<Message> before = readTs(kTsFile);
        const QList<Message> after = readTs(copy);
        QStringList problems;
        for (const Message& m : after)
            if (!m.type.isEmpty())
                problems.append(QStringLiteral("not in the .ts — %1: %2").arg(m.context, m.source));
        if (after.size() != before.size())
            problems.append(QStringLiteral("the .ts has %1 messages, the sources %2: run the "
                                           "update_translations target")
                                .arg(before.size())
                                .arg(after.size()));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n') + '\n' + lupdate.readAll()));
    }

    void chineseTranslationsAreInstalled() {
        QVERIFY(language::install(AppLanguage::SimplifiedChinese));
        QCOMPARE(QCoreApplication::translate("MainWindow", "&Train"), QStringLiteral("训练(&T)"));
        // Qt's own texts come from the distribution's qtbase translation.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
        QVERIFY(!language::install(AppLanguage::English));
        QCOMPARE(QCoreApplication::translate("MainWindow", "&Train"), QStringLiteral("&Train"));
        QCOMPARE(language::localeOf(AppLanguage::System), QLocale::system());
    }

    /// Chosen with the mouse in Tools ▸ Language, remembered, and used by the next window from its start.
    void mainWindowIsInChineseAfterChoosingIt() {
        language::install(language::saved());
        QCOMPARE(language::saved(), AppLanguage::System);
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QMenuBar* bar = window.menuBar();
            QAction* tools = nullptr;
            for (QAction* action : bar->actions())
                if (action->text() == QStringLiteral("Too&ls"))
                    tools = action;
            QVERIFY(tools);
            QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(tools).center());
            QMenu* toolsMenu = tools->menu();
            QTRY_VERIFY_WITH_TIMEOUT(toolsMenu->isVisible(), 10000);
            auto* languageMenu = window.findChild<QMenu*>(QStringLiteral("languageMenu"));
            QVERIFY(languageMenu);
            clickMenuItem(toolsMenu, languageMenu->menuAction());
            QTRY_VERIFY_WITH_TIMEOUT(languageMenu->isVisible(), 10000);
            QAction* chinese = nullptr;
            for (QAction* action : languageMenu->actions())
                if (action->text() == QStringLiteral("简体中文"))
                    chinese = action;
            QVERIFY(chinese);
            clickMenuItem(languageMenu, chinese);
            QTRY_COMPARE_WITH_TIMEOUT(language::saved(), AppLanguage::SimplifiedChinese, 10000);
            QVERIFY(chinese->isChecked());
            // Applied at once to the open window (test_language_switch checks it in full).
            QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(1), QStringLiteral("训练(&T)"), 10000);
        }
        language::install(AppLanguage::English);

        QVERIFY(language::install(language::saved()));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList menus;
        for (QAction* action : window.menuBar()->actions())
            menus.append(action->text());
        QCOMPARE(menus.mid(0, 3), (QStringList{QStringLiteral("文件(&F)"), QStringLiteral("编辑(&E)"),
                                               QStringLiteral("视图(&V)")}));
        QTabWidget* tabs = window.tabs();
        QCOMPARE(tabs->tabText(0), QStringLiteral("识别(&R)"));
        QCOMPARE(tabs->tabText(1), QStringLiteral("训练(&T)"));
        QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
        QTRY_COMPARE_WITH_TIMEOUT(tabs->currentIndex(), 1, 10000);
        QCOMPARE(window.trainingPanel()->startButton()->text(), QStringLiteral("开始(&S)"));
        QVERIFY(window.trainingPanel()->startButton()->isVisible());

        // An error box: DigitPad's text and Qt's button both in Chinese.
        QString text;
        QString button;
        QTimer::singleShot(0, this, [&] {
            QTRY_VERIFY_WITH_TIMEOUT(QApplication::activeModalWidget() != nullptr, 10000);
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            text = box->text();
            button = box->button(QMessageBox::Ok) ? box->button(QMessageBox::Ok)->text() : QString();
            QTest::keyClick(box, Qt::Key_Escape);
        });
        QVERIFY(!window.openModelFile(QDir::temp().filePath(QStringLiteral("no-such-model.dpm"))));
        QVERIFY2(text.startsWith(QStringLiteral("DigitPad 无法打开模型")), qPrintable(text));
        QCOMPARE(button, QStringLiteral("确定"));
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
