// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionSettings.h"

#include "LookInsidePanel.h"
#include "MainWindow.h"
#include "RecognizePanel.h"

#include "data/Preprocess.h"

#include <QScreen>
#include <QSettings>
#include <QSlider>
#include <QTabWidget>

#include <algorithm>

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kTabKey = QStringLiteral("window/tab");
const QString kLiveKey = QStringLiteral("recognize/live");
const QString kFramingKey = QStringLiteral("recognize/framing");
const QString kPenWidthKey = QStringLiteral("recognize/penWidth");
const QString kLookInsideKey = QStringLiteral("recognize/lookInside");

} // namespace

namespace session {

void save(const MainWindow& window) {
    QSettings settings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad"));
    settings.setValue(kGeometryKey, window.saveGeometry());
    settings.setValue(kStateKey, window.saveState());
    settings.setValue(kTabKey, window.tabs()->currentIndex());
    const RecognizePanel* panel = window.recognizePanel();
    settings.setValue(kLiveKey, panel->isLive());
    settings.setValue(kFramingKey, QString::fromStdString(toName(panel->framing())));
    settings.setValue(kPenWidthKey, panel->penSlider()->value());
    settings.setValue(kLookInsideKey, panel->lookInside()->isExpanded());
}

void restore(MainWindow& window) {
    QSettings settings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad"));
    const QByteArray geometry = settings.value(kGeometryKey).toByteArray();
    if (geometry.isEmpty() || !window.restoreGeometry(geometry)) {
        // Room for the canvas, the answer and the "Look inside" column; taller, up to the screen's height, so
        // the Train tab's settings column shows whole without scrolling where the screen allows.
        int height = 660;
        if (const QScreen* screen = window.screen())
            height =
                std::max(height, std::min(window.sizeHint().height(), screen->availableGeometry().height()));
        window.resize(1200, height);
    }
    window.restoreState(settings.value(kStateKey).toByteArray());
    RecognizePanel* panel = window.recognizePanel();
    if (settings.contains(kLiveKey))
        panel->setLive(settings.value(kLiveKey).toBool());
    if (settings.contains(kPenWidthKey))
        panel->penSlider()->setValue(settings.value(kPenWidthKey).toInt());
    if (settings.contains(kLookInsideKey))
        panel->lookInside()->setExpanded(settings.value(kLookInsideKey).toBool());
    restoreFraming(*panel);
    const int tab = settings.value(kTabKey, 0).toInt();
    if (tab >= 0 && tab < window.tabs()->count())
        window.tabs()->setCurrentIndex(tab);
}

void restoreFraming(RecognizePanel& panel) {
    const QString name =
        QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad")).value(kFramingKey).toString();
    if (const auto framing = digitpad::fromName<digitpad::Framing>(name.toStdString()))
        panel.setFraming(*framing);
}

} // namespace session
