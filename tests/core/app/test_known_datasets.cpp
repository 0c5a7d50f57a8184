// SPDX-License-Identifier: GPL-3.0-or-later
// The known data sets the Train tab offers: only those whose training images are present, Fashion-MNIST from
// the first candidate folder that has them, in any spelling the IDX reader accepts.
#include "app/KnownDatasets.h"

#include <QtTest>

using namespace digitpad;

class TestKnownDatasets : public QObject {
    Q_OBJECT

private slots:
    void offersWhatIsPresent() {
        QTemporaryDir dir;
        QDir root(dir.path());
        for (const char* folder : {"mnist", "fashion-empty", "fashion-mnist", "fashion-later"})
            QVERIFY(root.mkdir(folder));
        const auto touch = [&](const QString& path) {
            QFile file(root.filePath(path));
            QVERIFY(file.open(QIODevice::WriteOnly));
        };
        const std::string mnist = root.filePath("mnist").toStdString();
        const std::vector<std::string> fashion = {root.filePath("fashion-empty").toStdString(),
                                                  root.filePath("fashion-mnist").toStdString(),
                                                  root.filePath("fashion-later").toStdString()};
        QVERIFY(presentDatasets(mnist, fashion).empty());

        touch("fashion-mnist/train-images-idx3-ubyte.gz");
        touch("fashion-later/train-images-idx3-ubyte");
        std::vector<DatasetLocation> present = presentDatasets(mnist, fashion);
        QCOMPARE(present.size(), std::size_t(1));
        QCOMPARE(present[0].dataset, KnownDataset::FashionMnist);
        QCOMPARE(present[0].name, std::string("Fashion-MNIST"));
        QCOMPARE(present[0].folder, fashion[1]);

        touch("mnist/train-images.idx3-ubyte");
        present = presentDatasets(mnist, fashion);
        QCOMPARE(present.size(), std::size_t(2));
        QCOMPARE(present[0].dataset, KnownDataset::Mnist);
        QCOMPARE(present[0].folder, mnist);
        QCOMPARE(present[1].dataset, KnownDataset::FashionMnist);
    }

    void looksWhereDebianInstallsIt() {
        const std::vector<std::string> candidates = fashionMnistCandidates();
        QCOMPARE(candidates.back(), std::string("/usr/share/datasets/fashion-mnist"));
        QVERIFY(QString::fromStdString(candidates.front()).endsWith("data/fashion-mnist"));
    }
};

QTEST_APPLESS_MAIN(TestKnownDatasets)
#include "test_known_datasets.moc"
