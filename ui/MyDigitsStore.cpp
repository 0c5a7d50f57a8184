// SPDX-License-Identifier: GPL-3.0-or-later
#include "MyDigitsStore.h"

#include "QtImage.h"

#include "data/DigitFormat.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>

#include <algorithm>
#include <optional>

namespace {

const QString kTrash = QStringLiteral(".trash");
const QString kIndex = QStringLiteral("index.csv");
const QString kImageSuffix = QStringLiteral(".png");
const QString kSidecarSuffix = QStringLiteral(".json");

digitpad::Error failure(const QString& text) {
    return digitpad::Error{text.toStdString()};
}

digitpad::Status writeAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return failure(QCoreApplication::translate("MyDigitsStore", "cannot write '%1': %2")
                           .arg(path, file.errorString()));
    return digitpad::Success{};
}

/// The files of a label folder that are drawings: everything but sidecars and hidden files, sorted by name.
QFileInfoList imagesIn(const QString& labelFolder) {
    QFileInfoList images;
    const QFileInfoList entries = QDir(labelFolder).entryInfoList(QDir::Files, QDir::Name);
    for (const QFileInfo& entry : entries)
        if (entry.suffix() != QStringLiteral("json"))
            images.append(entry);
    return images;
}

QString sidecarOf(const QFileInfo& image) {
    return image.dir().filePath(image.completeBaseName() + kSidecarSuffix);
}

digitpad::Result<QByteArray> readBytes(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(QCoreApplication::translate("MyDigitsStore", "cannot read '%1': %2")
                           .arg(path, file.errorString()));
    return file.readAll();
}

/// Moves `from` to `to`, replacing `to`; a rename within one file system, so it is atomic.
digitpad::Status moveFile(const QString& from, const QString& to) {
    if (QFileInfo::exists(to) && !QFile::remove(to))
        return failure(QCoreApplication::translate("MyDigitsStore", "cannot replace '%1'").arg(to));
    QFile file(from);
    if (!file.rename(to))
        return failure(QCoreApplication::translate("MyDigitsStore", "cannot move '%1' to '%2': %3")
                           .arg(from, to, file.errorString()));
    return digitpad::Success{};
}

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QStringLiteral("\"%1\"").arg(quoted);
}

/// The sidecar's record, or nothing when it is missing or unreadable (the index then has only id and label).
std::optional<digitpad::DrawingRecord> readRecord(const QString& sidecar) {
    if (!QFileInfo::exists(sidecar))
        return std::nullopt;
    auto bytes = readBytes(sidecar);
    if (!bytes)
        return std::nullopt;
    auto record = digitpad::drawingRecordFromJson(bytes->toStdString(), sidecar.toStdString());
    if (!record)
        return std::nullopt;
    return std::move(*record);
}

} // namespace

MyDigitsStore::MyDigitsStore(const QString& folder, QObject* parent) : QObject(parent), folder_(folder) {}

QString MyDigitsStore::labelFolder(int label) const {
    return QDir(folder_).filePath(QString::number(label));
}

QString MyDigitsStore::trashFolder(int label) const {
    return QDir(folder_).filePath(kTrash + QLatin1Char('/') + QString::number(label));
}

int MyDigitsStore::findLabel(const QString& root, const QString& id) const {
    // An id is a file stem; one that could reach outside the label folders names nothing here.
    if (id.isEmpty() || id.contains(QLatin1Char('/')) || id.contains(QLatin1Char('\\')) ||
        id.startsWith(QLatin1Char('.')))
        return -1;
    for (int label = 0; label < digitpad::kDigitClasses; ++label)
        if (QFileInfo::exists(
                QDir(root).filePath(QString::number(label) + QLatin1Char('/') + id + kImageSuffix)))
            return label;
    return -1;
}

QString MyDigitsStore::uniqueId() const {
    // Sortable by time; the random suffix keeps two drawings kept in the same millisecond (or by two
    // DigitPad windows) apart.
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    for (;;) {
        const QString id = QStringLiteral("%1-%2").arg(stamp).arg(
            QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
        if (findLabel(folder_, id) < 0 && findLabel(QDir(folder_).filePath(kTrash), id) < 0)
            return id;
    }
}

digitpad::Result<digitpad::DrawingRecord> MyDigitsStore::add(const QImage& image,
                                                             digitpad::DrawingRecord record) {
    if (record.label < 0 || record.label >= digitpad::kDigitClasses)
        return failure(
            QCoreApplication::translate("MyDigitsStore", "label %1 is not a digit 0–9").arg(record.label));
    if (image.isNull())
        return failure(QCoreApplication::translate("MyDigitsStore", "there is no image to keep"));
    if (record.id.empty())
        record.id = uniqueId().toStdString();
    if (record.createdAt.empty())
        record.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();

    const QString folder = labelFolder(record.label);
    if (!QDir().mkpath(folder))
        return failure(
            QCoreApplication::translate("MyDigitsStore", "cannot create the folder '%1'").arg(folder));
    // The same pixels the network sees (toGrayImage composites over white), stored as 8-bit grayscale.
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!toQImage(toGrayImage(image)).save(&buffer, "PNG"))
        return failure(QCoreApplication::translate("MyDigitsStore", "cannot encode the drawing as PNG"));

    const QString id = QString::fromStdString(record.id);
    const QString base = QDir(folder).filePath(id);
    if (auto written = writeAtomically(base + kSidecarSuffix, QByteArray::fromStdString(toJson(record)));
        !written)
        return written.error();
    if (auto written = writeAtomically(base + kImageSuffix, png); !written) {
        QFile::remove(base + kSidecarSuffix);
        return written.error();
    }
    indexRows().insert(id, indexRow(id, record.label, record));
    finishChange();
    return record;
}

digitpad::Status MyDigitsStore::remove(const QStringList& ids) {
    digitpad::Status status = digitpad::Success{};
    for (const QString& id : ids) {
        status = moveToTrash(id);
        if (!status)
            break;
    }
    finishChange();
    return status;
}

digitpad::Status MyDigitsStore::restore(const QStringList& ids) {
    digitpad::Status status = digitpad::Success{};
    for (const QString& id : ids) {
        status = moveFromTrash(id);
        if (!status)
            break;
    }
    finishChange();
    return status;
}

void MyDigitsStore::finishChange() {
    writeIndex();
    emit changed();
}

digitpad::Status MyDigitsStore::moveToTrash(const QString& id) {
    const int label = findLabel(folder_, id);
    if (label < 0)
        return failure(QCoreApplication::translate("MyDigitsStore", "there is no kept drawing '%1' in '%2'")
                           .arg(id, folder_));
    const QString trash = trashFolder(label);
    if (!QDir().mkpath(trash))
        return failure(
            QCoreApplication::translate("MyDigitsStore", "cannot create the folder '%1'").arg(trash));
    const QString from = QDir(labelFolder(label)).filePath(id);
    const QString to = QDir(trash).filePath(id);
    // The image first: once it is gone the drawing is gone, whatever happens to its sidecar.
    if (auto moved = moveFile(from + kImageSuffix, to + kImageSuffix); !moved)
        return moved;
    indexRows().remove(id);
    if (QFileInfo::exists(from + kSidecarSuffix)) {
        if (auto moved = moveFile(from + kSidecarSuffix, to + kSidecarSuffix); !moved)
            return moved;
    }
    return digitpad::Success{};
}

digitpad::Status MyDigitsStore::moveFromTrash(const QString& id) {
    const int label = findLabel(QDir(folder_).filePath(kTrash), id);
    if (label < 0)
        return failure(
            QCoreApplication::translate("MyDigitsStore", "the drawing '%1' is not in the trash of '%2'")
                .arg(id, folder_));
    const QString folder = labelFolder(label);
    if (!QDir().mkpath(folder))
        return failure(
            QCoreApplication::translate("MyDigitsStore", "cannot create the folder '%1'").arg(folder));
    const QString from = QDir(trashFolder(label)).filePath(id);
    const QString to = QDir(folder).filePath(id);
    // The sidecar first, as in add(): the drawing reappears complete.
    if (QFileInfo::exists(from + kSidecarSuffix)) {
        if (auto moved = moveFile(from + kSidecarSuffix, to + kSidecarSuffix); !moved)
            return moved;
    }
    if (auto moved = moveFile(from + kImageSuffix, to + kImageSuffix); !moved)
        return moved;
    indexRows().insert(id, indexRow(id, label, readRecord(to + kSidecarSuffix)));
    return digitpad::Success{};
}

void MyDigitsStore::emptyTrash() {
    QDir(QDir(folder_).filePath(kTrash)).removeRecursively();
}

digitpad::Status MyDigitsStore::exportTo(const QString& target) const {
    if (QFileInfo(target).absoluteFilePath() == QFileInfo(folder_).absoluteFilePath())
        return failure(
            QCoreApplication::translate("MyDigitsStore", "'%1' is the My digits folder itself").arg(target));
    const auto copy = [](const QString& from, const QString& to) -> digitpad::Status {
        if (QFileInfo::exists(to) && !QFile::remove(to))
            return failure(QCoreApplication::translate("MyDigitsStore", "cannot replace '%1'").arg(to));
        if (!QFile::copy(from, to))
            return failure(
                QCoreApplication::translate("MyDigitsStore", "cannot copy '%1' to '%2'").arg(from, to));
        return digitpad::Success{};
    };
    if (!QDir().mkpath(target))
        return failure(
            QCoreApplication::translate("MyDigitsStore", "cannot create the folder '%1'").arg(target));
    for (int label = 0; label < digitpad::kDigitClasses; ++label) {
        const QFileInfoList images = imagesIn(labelFolder(label));
        if (images.isEmpty())
            continue;
        const QString to = QDir(target).filePath(QString::number(label));
        if (!QDir().mkpath(to))
            return failure(
                QCoreApplication::translate("MyDigitsStore", "cannot create the folder '%1'").arg(to));
        for (const QFileInfo& image : images) {
            if (auto copied = copy(image.filePath(), QDir(to).filePath(image.fileName())); !copied)
                return copied;
            const QString sidecar = sidecarOf(image);
            if (QFileInfo::exists(sidecar)) {
                if (auto copied = copy(sidecar, QDir(to).filePath(QFileInfo(sidecar).fileName())); !copied)
                    return copied;
            }
        }
    }
    const QString index = QDir(folder_).filePath(kIndex);
    if (QFileInfo::exists(index))
        return copy(index, QDir(target).filePath(kIndex));
    return digitpad::Success{};
}

MyDigitsStore::Listing MyDigitsStore::list() const {
    Listing listing;
    if (count() == 0)
        return listing;
    // Read leniently: one damaged file must not hide the person's other drawings; each bad entry is named.
    auto reading = readSampleFolderSkippingProblems(folder_.toStdString());
    if (!reading) {
        listing.problems.append(QString::fromStdString(reading.error().message));
        return listing;
    }
    listing.files = std::move(reading->files);
    for (const digitpad::Error& problem : reading->problems)
        listing.problems.append(QString::fromStdString(problem.message));
    return listing;
}

int MyDigitsStore::count() const {
    int total = 0;
    for (int label = 0; label < digitpad::kDigitClasses; ++label)
        total += static_cast<int>(imagesIn(labelFolder(label)).size());
    return total;
}

MyDigitsStore::IndexRow MyDigitsStore::indexRow(const QString& id, int label,
                                                const std::optional<digitpad::DrawingRecord>& record) {
    IndexRow row;
    row.line = QStringLiteral("%1,%2").arg(csvField(id)).arg(label);
    if (record) {
        row.createdAt = QString::fromStdString(record->createdAt);
        row.line += QStringLiteral(",%1,%2,%3,%4")
                        .arg(csvField(row.createdAt))
                        .arg(record->answer)
                        .arg(record->probability, 0, 'f', 4)
                        .arg(csvField(QString::fromStdString(record->model)));
    } else {
        row.line += QStringLiteral(",,,,");
    }
    return row;
}

QMap<QString, MyDigitsStore::IndexRow>& MyDigitsStore::indexRows() {
    if (!indexRows_) {
        indexRows_.emplace();
        for (int label = 0; label < digitpad::kDigitClasses; ++label)
            for (const QFileInfo& image : imagesIn(labelFolder(label)))
                indexRows_->insert(image.completeBaseName(),
                                   indexRow(image.completeBaseName(), label, readRecord(sidecarOf(image))));
    }
    return *indexRows_;
}

digitpad::Status MyDigitsStore::writeIndex() {
    std::vector<const IndexRow*> rows;
    for (const IndexRow& row : std::as_const(indexRows()))
        rows.push_back(&row);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const IndexRow* a, const IndexRow* b) { return a->createdAt < b->createdAt; });
    QByteArray text = "id,label,createdAt,answer,probability,model\n";
    for (const IndexRow* row : rows)
        text += row->line.toUtf8() + '\n';
    if (!QDir().mkpath(folder_))
        return failure(
            QCoreApplication::translate("MyDigitsStore", "cannot create the folder '%1'").arg(folder_));
    return writeAtomically(QDir(folder_).filePath(kIndex), text);
}
