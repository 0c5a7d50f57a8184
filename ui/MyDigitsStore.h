// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SampleFolder.h"

#include "io/DrawingRecord.h"
#include "tensor/Result.h"

#include <QImage>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

/// The person's kept drawings on disk: a sample folder (readSampleFolder) at appdata::myDigitsFolder(), so
/// Tools ▸ Teach… reads exactly what the Recognize tab keeps.
///
/// Layout: `<label>/<id>.png` (the canvas as drawn, 8-bit grayscale, black ink on white) with `<id>.json`
/// beside it (DrawingRecord), and `index.csv` at the top (id,label,createdAt,answer,probability,model) for
/// people and spreadsheets. Every file is written through QSaveFile, so a crash leaves either the old file or
/// the new one, never half of one. The sidecar is written before the image: a drawing appears in the folder
/// only once both exist. Removed drawings go to the hidden `.trash/<label>/` subfolder (which
/// readSampleFolder skips) so that restore() can bring them back; emptyTrash() forgets them for good.
class MyDigitsStore : public QObject {
    Q_OBJECT
public:
    explicit MyDigitsStore(const QString& folder, QObject* parent = nullptr);

    QString folder() const { return folder_; }

    /// Keeps `image` with `record`: fills in a fresh unique id and createdAt (now, UTC) when they are empty.
    /// The label must be 0–9. Returns the record as written.
    digitpad::Result<digitpad::DrawingRecord> add(const QImage& image, digitpad::DrawingRecord record);
    /// Moves the drawings `ids` (image and sidecar) to the trash; stops at the first that fails. One
    /// changed() for all of them.
    digitpad::Status remove(const QStringList& ids);
    /// Brings the drawings `ids` back from the trash, as remove() took them.
    digitpad::Status restore(const QStringList& ids);
    /// Deletes everything in the trash (nothing can be restored afterwards).
    void emptyTrash();
    /// Copies the sample folder (label folders with images and sidecars, and index.csv) into `target`, which
    /// is created when missing; files of the same name there are replaced.
    digitpad::Status exportTo(const QString& target) const;

    /// What list() found: the readable drawings in readSampleFolder()'s order, and one message per entry
    /// that could not be read (it is skipped, never fatal).
    struct Listing {
        std::vector<SampleFile> files;
        QStringList problems;
    };
    Listing list() const;
    /// How many drawings are kept (images in the label folders), without reading them.
    int count() const;

signals:
    /// A drawing was added, removed or restored.
    void changed();

private:
    QString labelFolder(int label) const;
    QString trashFolder(int label) const;
    /// The label whose folder holds `<id>.png` under `root` (the store or its trash), -1 when none does.
    int findLabel(const QString& root, const QString& id) const;
    QString uniqueId() const;
    digitpad::Status moveToTrash(const QString& id);
    digitpad::Status moveFromTrash(const QString& id);
    /// Rewrites the index and emits changed(): after any change, even a partly failed one.
    void finishChange();
    /// One line of index.csv, kept in memory so a change does not re-read every sidecar.
    struct IndexRow {
        QString createdAt; ///< the sort key
        QString line;
    };
    static IndexRow indexRow(const QString& id, int label,
                             const std::optional<digitpad::DrawingRecord>& record);
    /// The index's rows by id, read from the sidecars on first use and then kept up to date by each change.
    QMap<QString, IndexRow>& indexRows();
    /// Rewrites index.csv; a failure only loses the index, which the next change writes again.
    digitpad::Status writeIndex();

    QString folder_;
    std::optional<QMap<QString, IndexRow>> indexRows_;
};
