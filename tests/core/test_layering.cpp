// SPDX-License-Identifier: GPL-3.0-or-later
// The house's arrows, checked on the sources: core includes no Qt, and inside core every include of another
// room points down the stack tensor → kernels → layers → data/optim → nn → train → io → app (data and optim
// are side by side and do not include each other). A new include that points up, or sideways, fails here with
// its file and line.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <map>

namespace {

QString coreFolder() {
    return QStringLiteral(DIGITPAD_SOURCE_DIR "/core");
}

/// How high each room stands; a room may include its own level's headers and those of lower levels only,
/// except rooms on the same level, which stay apart.
const std::map<QString, int>& roomLevels() {
    static const std::map<QString, int> levels{
        {"tensor", 0}, {"kernels", 1}, {"layers", 2}, {"data", 3}, {"optim", 3},
        {"nn", 4},     {"train", 5},   {"io", 6},     {"app", 7},
    };
    return levels;
}

struct Include {
    QString file; ///< relative to core/
    int line = 0;
    QString target;      ///< as written between the quotes or angle brackets
    bool quoted = false; ///< "…" (a project header) rather than <…> (a library's)
};

/// Every #include of every source and header under core/.
QList<Include> coreIncludes() {
    QList<Include> includes;
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])"));
    QDirIterator files(coreFolder(), {"*.h", "*.cpp"}, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            qFatal("cannot read %s", qPrintable(path));
        int number = 0;
        while (!file.atEnd()) {
            const QString text = QString::fromUtf8(file.readLine());
            ++number;
            if (const QRegularExpressionMatch match = pattern.match(text); match.hasMatch())
                includes.append({QDir(coreFolder()).relativeFilePath(path), number, match.captured(2),
                                 match.captured(1) == QLatin1String("\"")});
        }
    }
    return includes;
}

QString roomOf(const QString& relativePath) {
    return relativePath.section(QLatin1Char('/'), 0, 0);
}

} // namespace

class TestLayering : public QObject {
    Q_OBJECT
private slots:
    void everyCoreFileSitsInARoom() {
        const QList<Include> includes = coreIncludes();
        QVERIFY2(includes.size() > 100, "the core sources were not found");
        QDirIterator files(coreFolder(), {"*.h", "*.cpp"}, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString file = QDir(coreFolder()).relativeFilePath(files.next());
            QVERIFY2(roomLevels().count(roomOf(file)) == 1, qPrintable(file + " is not in a known room"));
        }
    }

    void coreIncludesNoQt() {
        for (const Include& include : coreIncludes())
            QVERIFY2(!include.target.startsWith(QLatin1Char('Q')) && !include.target.startsWith("qt"),
                     qPrintable(QStringLiteral("core/%1:%2 includes <%3>: core is Qt-free")
                                    .arg(include.file)
                                    .arg(include.line)
                                    .arg(include.target)));
    }

    void includesPointDownTheStack() {
        int checked = 0;
        for (const Include& include : coreIncludes()) {
            const QString targetRoom = roomOf(include.target);
            if (!include.quoted)
                continue; // a library header (<Eigen/Core>, <nlohmann/json.hpp>, <zlib.h>)
            const QString room = roomOf(include.file);
            const int from = roomLevels().at(room);
            const int to = roomLevels().at(targetRoom);
            const bool allowed = room == targetRoom || to < from;
            QVERIFY2(allowed,
                     qPrintable(QStringLiteral("core/%1:%2 (room %3) includes \"%4\" (room %5): rooms "
                                               "include only rooms below them")
                                    .arg(include.file)
                                    .arg(include.line)
                                    .arg(room, include.target, targetRoom)));
            ++checked;
        }
        QVERIFY(checked > 50);
    }

    void includesAreRoomQualified() {
        for (const Include& include : coreIncludes())
            QVERIFY2(!include.quoted || roomLevels().count(roomOf(include.target)) == 1,
                     qPrintable(QStringLiteral("core/%1:%2 includes \"%3\" without its room, e.g. "
                                               "\"layers/Layer.h\"")
                                    .arg(include.file)
                                    .arg(include.line)
                                    .arg(include.target)));
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "test_layering.moc"
