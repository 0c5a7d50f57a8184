// SPDX-License-Identifier: GPL-3.0-or-later
#include "StandardKeys.h"

QList<QKeySequence> standardKeys(QKeySequence::StandardKey key, const QList<QKeySequence>& fallbacks) {
    QList<QKeySequence> keys = QKeySequence::keyBindings(key);
    for (const QKeySequence& fallback : fallbacks)
        if (!keys.contains(fallback))
            keys.append(fallback);
    return keys;
}
