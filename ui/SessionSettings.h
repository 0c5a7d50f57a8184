// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class MainWindow;
class RecognizePanel;

/// The session between runs of the app, in the app's settings: the window's geometry and state and its
/// current tab (group "window"), the Recognize tab's Live, framing, pen width and whether Look inside is open
/// (group "recognize"). The Train tab keeps its fields and data folder itself (group "train").
namespace session {

/// Writes the session; the main window calls it when it closes.
void save(const MainWindow& window);
/// Puts the saved session back; a key never saved keeps the window's default.
void restore(MainWindow& window);
/// Puts back the saved framing only. A model adopts the framing it was trained with, so at start the
/// person's own choice is restored again after the startup model is in use.
void restoreFraming(RecognizePanel& panel);

} // namespace session
