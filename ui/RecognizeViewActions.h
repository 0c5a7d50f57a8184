// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>

class QAction;
class QActionGroup;
class QMenu;
class RecognizePanel;

/// The View menu's actions for the Recognize tab's options: Live (Ctrl+L), the framing (a group of checkable
/// actions, Ctrl+Shift+M and Ctrl+Shift+R) and the pen width (Ctrl+[ thinner, Ctrl+] thicker). They follow
/// the tab's controls both ways, so the menu shows what the tab shows whichever was used.
class RecognizeViewActions : public QObject {
    Q_OBJECT
public:
    /// Owned by `panel`, whose controls it drives.
    explicit RecognizeViewActions(RecognizePanel* panel);
    ~RecognizeViewActions() override;

    QAction* liveAction() const { return live_; }
    /// One checkable action per framing, in the order of the panel's framing box.
    QList<QAction*> framingActions() const;
    QAction* thinnerPenAction() const { return thinner_; }
    QAction* thickerPenAction() const { return thicker_; }

    /// Adds Live, a Framing submenu and the pen actions to `menu`.
    void addTo(QMenu* menu) const;

protected:
    /// Retranslates on QEvent::LanguageChange.
    bool event(QEvent* event) override;

private:
    void retranslate();
    void syncFraming();
    void syncPen();

    RecognizePanel* panel_;
    QAction* live_ = nullptr;
    QActionGroup* framing_ = nullptr;
    QAction* thinner_ = nullptr;
    QAction* thicker_ = nullptr;
    QMenu* framingMenu_ = nullptr;
};
