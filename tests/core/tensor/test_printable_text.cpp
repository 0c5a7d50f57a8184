// SPDX-License-Identifier: GPL-3.0-or-later
// printable(): what may come from a file is shown with control characters and invalid UTF-8 escaped, and any
// valid text kept as it is.
#include "tensor/PrintableText.h"

#include <QTest>

#include <string>

using namespace digitpad;

class TestPrintableText : public QObject {
    Q_OBJECT

private slots:
    void escapes_data();
    void escapes();
};

void TestPrintableText::escapes_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray fffd("\xEF\xBF\xBD");
    QTest::newRow("plain ASCII") << QByteArray("MNIST 0123") << QByteArray("MNIST 0123");
    QTest::newRow("empty") << QByteArray("") << QByteArray("");
    QTest::newRow("ESC sequence") << QByteArray("\x1b[31mred") << QByteArray("\\x1b[31mred");
    QTest::newRow("newline") << QByteArray("a\nforged") << QByteArray("a\\nforged");
    QTest::newRow("carriage return") << QByteArray("a\rb") << QByteArray("a\\rb");
    QTest::newRow("tab") << QByteArray("a\tb") << QByteArray("a\\tb");
    QTest::newRow("DEL") << QByteArray("a\x7f") << QByteArray("a\\x7f");
    QTest::newRow("NUL and BEL") << QByteArray("a\0b\x07", 4) << QByteArray("a\\x00b\\x07");
    QTest::newRow("valid UTF-8, Latin") << QByteArray("Z\xC3\xBCrich") << QByteArray("Z\xC3\xBCrich");
    QTest::newRow("valid UTF-8, CJK")
        << QByteArray("\xE6\x95\xB0\xE5\xAD\x97") << QByteArray("\xE6\x95\xB0\xE5\xAD\x97");
    QTest::newRow("valid UTF-8, 4 bytes") << QByteArray("\xF0\x9F\x98\x80") << QByteArray("\xF0\x9F\x98\x80");
    QTest::newRow("C1 control CSI (U+009B)") << QByteArray("a\xC2\x9B"
                                                           "31m")
                                             << QByteArray("a\\u009b31m");
    QTest::newRow("stray continuation byte") << QByteArray("a\x80z") << QByteArray("a" + fffd + "z");
    QTest::newRow("invalid byte 0xFF") << QByteArray("\xFFz") << QByteArray(fffd + "z");
    QTest::newRow("truncated 3-byte sequence at the end")
        << QByteArray("a\xE6\x95") << QByteArray("a" + fffd);
    QTest::newRow("truncated sequence before ASCII") << QByteArray("\xE6\x95z") << QByteArray(fffd + "z");
    QTest::newRow("truncated 2-byte sequence before a newline")
        << QByteArray("\xC3\n") << QByteArray(fffd + "\\n");
    QTest::newRow("overlong '/' (C0 AF)") << QByteArray("\xC0\xAF") << QByteArray(fffd + fffd);
    QTest::newRow("overlong NUL (E0 80 80)") << QByteArray("\xE0\x80\x80") << QByteArray(fffd + fffd + fffd);
    QTest::newRow("overlong 4-byte (F0 80 80 AF)")
        << QByteArray("\xF0\x80\x80\xAF") << QByteArray(fffd + fffd + fffd + fffd);
    QTest::newRow("surrogate (ED A0 80)") << QByteArray("\xED\xA0\x80") << QByteArray(fffd + fffd + fffd);
    QTest::newRow("above U+10FFFF (F4 90 80 80)")
        << QByteArray("\xF4\x90\x80\x80") << QByteArray(fffd + fffd + fffd + fffd);
}

void TestPrintableText::escapes() {
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const std::string shown = printable(std::string_view(input.constData(), std::size_t(input.size())));
    QCOMPARE(QByteArray::fromStdString(shown), expected);
    // Whatever the input, the result is one line of valid UTF-8 without control characters.
    for (const char c : shown)
        QVERIFY(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
    QCOMPARE(QString::fromUtf8(QByteArray::fromStdString(shown)).toUtf8(), QByteArray::fromStdString(shown));
}

QTEST_GUILESS_MAIN(TestPrintableText)
#include "test_printable_text.moc"
