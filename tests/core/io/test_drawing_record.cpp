// SPDX-License-Identifier: GPL-3.0-or-later
// The sidecar record of a kept drawing: what toJson() writes reads back, and a bad file says what is wrong.
#include "io/DrawingRecord.h"

#include <QtTest>

using namespace digitpad;

namespace {

DrawingRecord sampleRecord() {
    DrawingRecord record;
    record.id = "20261201-143512-042-7f3a";
    record.label = 4;
    record.createdAt = "2026-12-01T14:35:12Z";
    record.drawing.canvasSide = 280;
    record.drawing.strokes = {{{10.25, 20.0, 22.0}, {30.0, 40.5, 21.5}}, {{100.0, 100.0, 22.0}}};
    record.input.assign(784, 0);
    record.input[300] = 255;
    record.model = "default.dpm (trained 2026-11-22T17:03:00Z)";
    record.answer = 9;
    record.probability = 0.625;
    return record;
}

} // namespace

class DrawingRecordTest : public QObject {
    Q_OBJECT

private slots:
    void roundTrips() {
        const DrawingRecord record = sampleRecord();
        Result<DrawingRecord> back = drawingRecordFromJson(toJson(record), "r.json");
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->id, record.id);
        QCOMPARE(back->label, 4);
        QCOMPARE(back->createdAt, record.createdAt);
        QCOMPARE(back->drawing.canvasSide, 280);
        QCOMPARE(back->drawing.strokes.size(), std::size_t{2});
        QCOMPARE(back->drawing.strokes[0].size(), std::size_t{2});
        // Stored to a tenth of a pixel.
        QCOMPARE(back->drawing.strokes[0][0].x, 10.3);
        QCOMPARE(back->drawing.strokes[0][1].y, 40.5);
        QCOMPARE(back->drawing.strokes[1][0].width, 22.0);
        QCOMPARE(back->input.size(), std::size_t{784});
        QCOMPARE(int(back->input[300]), 255);
        QCOMPARE(back->model, record.model);
        QCOMPARE(back->answer, 9);
        QCOMPARE(back->probability, 0.625);
    }

    void minimalRecordReads() {
        Result<DrawingRecord> back =
            drawingRecordFromJson(R"({"id":"a","label":0,"future":[1,2]})", "m.json");
        QVERIFY(back.ok());
        QVERIFY(back->drawing.empty());
        QVERIFY(back->input.empty());
        QCOMPARE(back->answer, -1);
    }

    void rejectsBadRecords_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("complaint");
        QTest::newRow("not json") << "{\"id\":"
                                  << "not valid JSON";
        QTest::newRow("array") << "[1]"
                               << "not a JSON object";
        QTest::newRow("no id") << R"({"label":3})"
                               << "'id'";
        QTest::newRow("path in id") << R"({"id":"../x","label":3})"
                                    << "'id' may hold";
        QTest::newRow("hidden id") << R"({"id":".x","label":3})"
                                   << "'id' may hold";
        QTest::newRow("label 10") << R"({"id":"a","label":10})"
                                  << "'label' must be a digit";
        QTest::newRow("label text") << R"({"id":"a","label":"3"})"
                                    << "'label' must be a digit";
        QTest::newRow("short point") << R"({"id":"a","label":3,"strokes":[[[1,2]]]})"
                                     << "three numbers";
        QTest::newRow("stroke not array") << R"({"id":"a","label":3,"strokes":[5]})"
                                          << "a stroke must be";
        QTest::newRow("negative width") << R"({"id":"a","label":3,"strokes":[[[1,2,-1]]]})"
                                        << "width of at least 0";
        QTest::newRow("short input") << R"({"id":"a","label":3,"input":[1,2,3]})"
                                     << "784 bytes";
        QTest::newRow("input 256") << R"({"id":"a","label":3,"input":[256]})"
                                   << "784 bytes";
        QTest::newRow("canvas 0") << R"({"id":"a","label":3,"canvas":0})"
                                  << "'canvas'";
    }
    void rejectsBadRecords() {
        QFETCH(QString, json);
        QFETCH(QString, complaint);
        Result<DrawingRecord> back = drawingRecordFromJson(json.toStdString(), "dir/3/a.json");
        QVERIFY(!back.ok());
        const QString message = QString::fromStdString(back.error().message);
        QVERIFY2(message.contains("'dir/3/a.json'"), qPrintable(message));
        QVERIFY2(message.contains(complaint), qPrintable(message));
    }
};

QTEST_APPLESS_MAIN(DrawingRecordTest)
#include "test_drawing_record.moc"
