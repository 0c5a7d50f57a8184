// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelLibrary.h"

#include "LogCategories.h"

#include "app/Locations.h"
#include "io/ModelFile.h"
#include "tensor/PrintableText.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace {

const QString kRecentKey = QStringLiteral("models/recent");
const QString kLastKey = QStringLiteral("models/last");
const QString kDialogFolderKey = QStringLiteral("files/dialogFolder");

QSettings settings() {
    return QSettings(QStringLiteral("DigitPad"), QStringLiteral("DigitPad"));
}

/// "784-128-64-10 relu" for a plain stack of dense layers, which reads better than the architecture string;
/// the architecture string for anything else (e.g. convolutional networks).
QString layerSizes(const digitpad::Network& network) {
    QStringList sizes{QString::number(network.inputShape().size())};
    QStringList activations;
    for (const auto& layer : network.layers()) {
        const QString spec = QString::fromStdString(layer->spec());
        if (spec.startsWith(QLatin1String("dense")))
            sizes.append(QString::number(layer->outputShape().size()));
        else if (digitpad::fromName<digitpad::Activation>(layer->spec()))
            activations.append(spec);
        else
            return QString::fromStdString(digitpad::printable(network.architecture()));
    }
    activations.removeDuplicates();
    return (sizes.join('-') + ' ' + activations.join('/')).trimmed();
}

} // namespace

ModelLibrary::ModelLibrary(QObject* parent) : QObject(parent) {}

QString ModelLibrary::bundledModelPath() {
    const std::optional<std::string> path = digitpad::bundledModelPath();
    return path ? QDir::cleanPath(QString::fromStdString(*path)) : QString();
}

digitpad::Result<std::shared_ptr<const digitpad::Model>> ModelLibrary::load(const QString& path) {
    digitpad::Result<digitpad::Model> loaded = digitpad::loadModel(path.toStdString());
    if (!loaded)
        return loaded.error(); // the caller shows and logs it

    qCInfo(lcModel).noquote() << "loaded" << path
                              << QString::fromStdString(digitpad::printable(loaded->network.architecture()));
    return std::shared_ptr<const digitpad::Model>(
        std::make_shared<digitpad::Model>(std::move(loaded.value())));
}

digitpad::Status ModelLibrary::save(const digitpad::Model& model, const QString& path) {
    digitpad::Status saved = digitpad::saveModel(model, path.toStdString());
    if (!saved)
        return saved; // the caller shows and logs it

    qCInfo(lcModel).noquote() << "saved" << path;
    remember(path);
    return saved;
}

void ModelLibrary::remember(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QSettings store = settings();
    QStringList recent = store.value(kRecentKey).toStringList();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    store.setValue(kRecentKey, recent);
    store.setValue(kLastKey, absolute);
    emit recentModelsChanged();
}

void ModelLibrary::forget(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QSettings store = settings();
    QStringList recent = store.value(kRecentKey).toStringList();
    if (recent.removeAll(absolute) > 0)
        store.setValue(kRecentKey, recent);
    if (store.value(kLastKey).toString() == absolute)
        store.remove(kLastKey);
    emit recentModelsChanged();
}

QString ModelLibrary::dialogFolder() const {
    const QString last = settings().value(kDialogFolderKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return !documents.isEmpty() && QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

void ModelLibrary::rememberFolder(const QString& path) {
    settings().setValue(kDialogFolderKey, QFileInfo(path).absolutePath());
}

QStringList ModelLibrary::recentModels() const {
    return settings().value(kRecentKey).toStringList();
}

void ModelLibrary::clearRecent() {
    settings().remove(kRecentKey);
    emit recentModelsChanged();
}

QString ModelLibrary::lastModelPath() const {
    return settings().value(kLastKey).toString();
}

ModelLibrary::Startup ModelLibrary::loadStartupModel() {
    Startup startup;
    QStringList candidates;
    const QString last = lastModelPath();
    if (!last.isEmpty())
        candidates.append(last);
    const QString bundled = bundledModelPath();
    if (!bundled.isEmpty() && !candidates.contains(bundled))
        candidates.append(bundled);
    if (bundled.isEmpty())
        startup.problems.append(tr("the bundled model default.dpm was not found"));
    for (const QString& path : candidates) {
        if (!QFileInfo::exists(path)) {
            startup.problems.append(tr("the last used model '%1' no longer exists").arg(path));
            continue;
        }
        auto loaded = load(path);
        if (loaded) {
            startup.model = loaded.value();
            startup.path = path;
            return startup;
        }
        // Why the bytes are wrong is core's English, for the log; the status bar gets the person's language.
        qCWarning(lcModel).noquote() << QString::fromStdString(loaded.error().message);
        startup.problems.append(tr("the model '%1' cannot be opened").arg(QDir::toNativeSeparators(path)));
    }
    return startup;
}

namespace {

QString describeModel(const digitpad::Model& model, const QString& source, bool withLayers) {
    QString text;
    if (!model.otherMembers.empty()) {
        // Not the first member's preset: the members of one ensemble may be different networks (the bundled
        // model averages two kinds), and a preset name would describe only one of them.
        text = withLayers ? ModelLibrary::tr("an ensemble of %1 networks (the first: %2)")
                                .arg(model.memberCount())
                                .arg(layerSizes(model.network))
                          : ModelLibrary::tr("an ensemble of %1 networks").arg(model.memberCount());
    } else {
        // The preset name comes from the file's header: shown escaped, so a crafted one cannot break the
        // line.
        text = model.info.preset.empty() ? ModelLibrary::tr("custom")
                                         : QString::fromStdString(digitpad::printable(model.info.preset));
        if (withLayers)
            text += QStringLiteral(" (%1)").arg(layerSizes(model.network));
    }
    if (model.info.testAccuracy)
        text += ModelLibrary::tr(", test accuracy %1 %").arg(100.0 * *model.info.testAccuracy, 0, 'f', 2);
    if (!source.isEmpty())
        text += QStringLiteral(" — %1").arg(source);
    return text;
}

} // namespace

QString ModelLibrary::summary(const digitpad::Model& model, const QString& source) {
    return describeModel(model, source, true);
}

QString ModelLibrary::compactSummary(const digitpad::Model& model, const QString& source) {
    return describeModel(model, source, false);
}
