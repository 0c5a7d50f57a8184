// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecognizeViewActions.h"

#include "RecognizePanel.h"

#include <QAction>
#include <QActionGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QMenu>
#include <QSlider>

RecognizeViewActions::RecognizeViewActions(RecognizePanel* panel) : QObject(panel), panel_(panel) {
    live_ = new QAction(this);
    live_->setObjectName("liveAction");
    live_->setCheckable(true);
    live_->setChecked(panel_->isLive());
    live_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(live_, &QAction::toggled, panel_, &RecognizePanel::setLive);
    connect(panel_->liveBox(), &QCheckBox::toggled, live_, &QAction::setChecked);

    const QList<QKeySequence> framingKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M),
                                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)};
    QComboBox* box = panel_->framingBox();
    framing_ = new QActionGroup(this);
    for (int i = 0; i < box->count(); ++i) {
        auto* action = new QAction(framing_);
        action->setObjectName(QStringLiteral("framingAction%1").arg(i));
        action->setCheckable(true);
        if (i < framingKeys.size())
            action->setShortcut(framingKeys[i]);
        connect(action, &QAction::triggered, box, [box, i] { box->setCurrentIndex(i); });
    }
    connect(box, &QComboBox::currentIndexChanged, this, &RecognizeViewActions::syncFraming);
    syncFraming();

    thinner_ = new QAction(this);
    thinner_->setObjectName("thinnerPenAction");
    thinner_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketLeft));
    thicker_ = new QAction(this);
    thicker_->setObjectName("thickerPenAction");
    thicker_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketRight));
    QSlider* pen = panel_->penSlider();
    connect(thinner_, &QAction::triggered, pen, [pen] { pen->triggerAction(QSlider::SliderSingleStepSub); });
    connect(thicker_, &QAction::triggered, pen, [pen] { pen->triggerAction(QSlider::SliderSingleStepAdd); });
    connect(pen, &QSlider::valueChanged, this, &RecognizeViewActions::syncPen);
    framingMenu_ = new QMenu;
    retranslate();
}

RecognizeViewActions::~RecognizeViewActions() {
    // The submenu has no parent (a QMenu's parent must be a widget and this is not one).
    delete framingMenu_;
}

bool RecognizeViewActions::event(QEvent* event) {
    // The panel, a widget, hands its LanguageChange on to its children, this object among them.
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::event(event);
}

void RecognizeViewActions::retranslate() {
    live_->setText(tr("&Live recognition"));
    live_->setStatusTip(panel_->liveBox()->toolTip());
    // The framing box's items, in its order; a mnemonic on each (Alt+M, Alt+R in the open submenu).
    const QList<QString> framingTexts{tr("&MNIST framing"), tr("&Resize whole canvas")};
    const QComboBox* box = panel_->framingBox();
    const QList<QAction*> actions = framing_->actions();
    for (int i = 0; i < actions.size(); ++i) {
        actions[i]->setText(i < framingTexts.size() ? framingTexts[i] : box->itemText(i));
        actions[i]->setStatusTip(box->itemData(i, Qt::ToolTipRole).toString());
    }
    framingMenu_->setTitle(tr("&Framing"));
    thinner_->setText(tr("Thi&nner pen"));
    thicker_->setText(tr("Thic&ker pen"));
    syncPen();
}

QList<QAction*> RecognizeViewActions::framingActions() const {
    return framing_->actions();
}

void RecognizeViewActions::addTo(QMenu* menu) const {
    menu->addAction(live_);
    menu->addMenu(framingMenu_);
    framingMenu_->addActions(framing_->actions());
    menu->addSeparator();
    menu->addAction(thinner_);
    menu->addAction(thicker_);
}

void RecognizeViewActions::syncFraming() {
    const QList<QAction*> actions = framing_->actions();
    const int index = panel_->framingBox()->currentIndex();
    if (index >= 0 && index < actions.size())
        actions[index]->setChecked(true);
}

void RecognizeViewActions::syncPen() {
    const QSlider* pen = panel_->penSlider();
    const QString width = tr("Pen width: %1 px").arg(pen->value());
    thinner_->setEnabled(pen->value() > pen->minimum());
    thicker_->setEnabled(pen->value() < pen->maximum());
    thinner_->setStatusTip(width);
    thicker_->setStatusTip(width);
}
