// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QKeySequence>
#include <QList>

/// The platform's key bindings for `key`, then those of `fallbacks` it lacks. Some platform themes
/// (offscreen, a bare X11 server) bind nothing to e.g. Quit or Save As, and a key the README names must work
/// everywhere; a desktop that binds more keys (KDE's Ctrl+Y for Redo, a Mac's Cmd+Shift+Z) keeps them.
QList<QKeySequence> standardKeys(QKeySequence::StandardKey key, const QList<QKeySequence>& fallbacks);
