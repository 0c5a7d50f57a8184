// SPDX-License-Identifier: GPL-3.0-or-later
// The two convolution algorithms on their own, against the textbook loops in forward and backward:
// DirectConvolution on stride-1 geometries (padded copies and in place), Im2colConvolution on every geometry
// (stride 1 too, which the layer never gives it). Also: a clone has its own buffers, and buffers grown for a
// larger batch serve a smaller one.
#include "layers/DirectConvolution.h"
#include "layers/Im2colConvolution.h"

#include <QtTest>

#include <memory>

using namespace digitpad;

namespace {

using Index = Eigen::Index;

/// Parameter gradients and input gradient of a convolution.
struct Gradients {
    Matrix dW, db, dIn;
};

/// Whether input coordinate (iy, ix) lies on the image; outside it is zero padding.
bool inside(const ConvShape& s, int iy, int ix) {
    return iy >= 0 && iy < s.input.height && ix >= 0 && ix < s.input.width;
}

/// The row of input value (c, iy, ix) in a sample's column.
Index inputRow(const ConvShape& s, int c, int iy, int ix) {
    return (Index(c) * s.input.height + iy) * s.input.width + ix;
}

/// out[n][o][y][x] = b[o] + Σ_c Σ_ky Σ_kx W[o][c][ky][kx] · in[n][c][y·S + ky − P][x·S + kx − P], in double.
Matrix naiveForward(const ConvShape& s, const Matrix& in, const Matrix& w, const Matrix& b) {
    const ConvGeometry& g = s.geometry;
    Matrix out(s.output.size(), in.cols());
    for (Index n = 0; n < in.cols(); ++n)
        for (int o = 0; o < s.output.channels; ++o)
            for (int y = 0; y < s.output.height; ++y)
                for (int x = 0; x < s.output.width; ++x) {
                    double sum = b(o, 0);
                    for (int c = 0; c < s.input.channels; ++c)
                        for (int ky = 0; ky < g.kernel; ++ky)
                            for (int kx = 0; kx < g.kernel; ++kx) {
                                const int iy = y * g.stride + ky - g.padding,
                                          ix = x * g.stride + kx - g.padding;
                                if (inside(s, iy, ix))
                                    sum += double(w(o, (c * g.kernel + ky) * g.kernel + kx)) *
                                           in(inputRow(s, c, iy, ix), n);
                            }
                    out((o * s.output.height + y) * s.output.width + x, n) = static_cast<Scalar>(sum);
                }
    return out;
}

/// The same loops run backwards: every dOut value adds W·dOut to the input it read and dOut·input to the
/// weight that read it, and dOut to its channel's bias.
Gradients naiveBackward(const ConvShape& s, const Matrix& in, const Matrix& w, const Matrix& dOut) {
    const ConvGeometry& g = s.geometry;
    Eigen::MatrixXd dW = Eigen::MatrixXd::Zero(w.rows(), w.cols());
    Eigen::MatrixXd db = Eigen::MatrixXd::Zero(w.rows(), 1);
    Eigen::MatrixXd dIn = Eigen::MatrixXd::Zero(in.rows(), in.cols());
    for (Index n = 0; n < in.cols(); ++n)
        for (int o = 0; o < s.output.channels; ++o)
            for (int y = 0; y < s.output.height; ++y)
                for (int x = 0; x < s.output.width; ++x) {
                    const double d = dOut((o * s.output.height + y) * s.output.width + x, n);
                    db(o, 0) += d;
                    for (int c = 0; c < s.input.channels; ++c)
                        for (int ky = 0; ky < g.kernel; ++ky)
                            for (int kx = 0; kx < g.kernel; ++kx) {
                                const int iy = y * g.stride + ky - g.padding,
                                          ix = x * g.stride + kx - g.padding;
                                if (!inside(s, iy, ix))
                                    continue;
                                const Index tap = (c * g.kernel + ky) * g.kernel + kx;
                                dW(o, tap) += d * in(inputRow(s, c, iy, ix), n);
                                dIn(inputRow(s, c, iy, ix), n) += d * w(o, tap);
                            }
                }
    return {dW.cast<Scalar>(), db.cast<Scalar>(), dIn.cast<Scalar>()};
}

/// max |a − b| relative to the larger of 1 and max |b|.
double relativeError(const Matrix& a, const Matrix& b) {
    return (a - b).cwiseAbs().maxCoeff() / std::max<double>(1.0, b.cwiseAbs().maxCoeff());
}

std::unique_ptr<ConvolutionAlgorithm> make(const QString& algorithm, const ConvShape& shape) {
    if (algorithm == "direct")
        return std::make_unique<DirectConvolution>(shape);
    return std::make_unique<Im2colConvolution>(shape);
}

} // namespace

class ConvAlgorithmsTest : public QObject {
    Q_OBJECT

private slots:
    void matchesTheNaiveLoops_data() {
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padding");
        QTest::addColumn<int>("outChannels");
        QTest::addColumn<int>("batch");
        struct Row {
            const char* name;
            int channels, height, width, kernel, stride, padding, outChannels, batch;
        };
        const Row strideOne[] = {
            {"lenet first layer (in place: 24 columns)", 1, 28, 28, 5, 1, 0, 8, 3},
            {"lenet second layer, 8 channels", 8, 12, 12, 5, 1, 0, 16, 2},
            {"3x3 pad 1 keeps the size", 3, 9, 9, 3, 1, 1, 4, 2},
            {"kernel wider than the image, pad 3", 2, 4, 3, 5, 1, 3, 3, 2},
            {"1x1 kernel mixes channels", 6, 5, 4, 1, 1, 0, 3, 3},
            {"21 output channels in register blocks", 2, 6, 7, 3, 1, 0, 21, 2},
        };
        const Row strided[] = {
            {"stride 2 pad 1, non-square", 2, 11, 7, 3, 2, 1, 5, 4},
            {"stride 3, unused border", 1, 10, 13, 2, 3, 0, 2, 2},
            {"stride 2 pad 2, tall input", 1, 9, 4, 3, 2, 2, 2, 1},
        };
        for (const char* algorithm : {"direct", "im2col"})
            for (const Row& r : strideOne)
                QTest::addRow("%s: %s", algorithm, r.name)
                    << QString(algorithm) << r.channels << r.height << r.width << r.kernel << r.stride
                    << r.padding << r.outChannels << r.batch;
        for (const Row& r : strided)
            QTest::addRow("im2col: %s", r.name)
                << QString("im2col") << r.channels << r.height << r.width << r.kernel << r.stride << r.padding
                << r.outChannels << r.batch;
    }

    void matchesTheNaiveLoops() {
        QFETCH(QString, algorithm);
        QFETCH(int, channels);
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(int, padding);
        QFETCH(int, outChannels);
        QFETCH(int, batch);
        const ConvShape shape({channels, height, width}, {kernel, stride, padding, outChannels});
        const std::unique_ptr<ConvolutionAlgorithm> conv = make(algorithm, shape);
        const Matrix w = Matrix::Random(outChannels, shape.taps());
        const Matrix b = Matrix::Random(outChannels, 1);
        const Matrix in = Matrix::Random(shape.input.size(), batch);
        const Matrix dOut = Matrix::Random(shape.output.size(), batch);
        const Matrix expected = naiveForward(shape, in, w, b);
        const Gradients expectedGrad = naiveBackward(shape, in, w, dOut);

        // A larger batch first, so the buffers are bigger than this batch needs.
        {
            const Matrix bigger = Matrix::Random(shape.input.size(), batch + 3);
            Matrix out(shape.output.size(), batch + 3), dW(w.rows(), w.cols()), db(w.rows(), 1),
                dIn(bigger.rows(), bigger.cols());
            conv->forward(bigger, w, b, out);
            conv->backward(bigger, Matrix::Ones(out.rows(), out.cols()), w, dW, db, &dIn);
        }

        Matrix predicted(shape.output.size(), batch), trained(shape.output.size(), batch);
        conv->predict(in, w, b, predicted);
        conv->forward(in, w, b, trained);
        QVERIFY2(relativeError(predicted, expected) < 1e-5,
                 qPrintable(QString("predict error %1").arg(relativeError(predicted, expected))));
        QVERIFY2(relativeError(trained, expected) < 1e-5,
                 qPrintable(QString("forward error %1").arg(relativeError(trained, expected))));

        Matrix dW(w.rows(), w.cols()), db(w.rows(), 1), dIn(in.rows(), batch);
        dIn.setConstant(Scalar(123)); // overwritten, not added to
        conv->backward(in, dOut, w, dW, db, &dIn);
        QVERIFY2(relativeError(dW, expectedGrad.dW) < 1e-5,
                 qPrintable(QString("dW error %1").arg(relativeError(dW, expectedGrad.dW))));
        QVERIFY2(relativeError(db, expectedGrad.db) < 1e-5,
                 qPrintable(QString("db error %1").arg(relativeError(db, expectedGrad.db))));
        QVERIFY2(relativeError(dIn, expectedGrad.dIn) < 1e-5,
                 qPrintable(QString("dIn error %1").arg(relativeError(dIn, expectedGrad.dIn))));

        // Without an input gradient (the first layer), the parameter gradients are the same.
        Matrix dW2(w.rows(), w.cols()), db2(w.rows(), 1);
        conv->backward(in, dOut, w, dW2, db2, nullptr);
        QVERIFY(dW2 == dW);
        QVERIFY(db2 == db);
    }

    // A clone keeps its own buffers: a forward() on the clone with other inputs does not change what the
    // original's backward() uses.
    void cloneHasItsOwnBuffers_data() {
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padding");
        QTest::newRow("direct, padded copies") << "direct" << 1 << 1;
        QTest::newRow("im2col, strided") << "im2col" << 2 << 1;
    }

    void cloneHasItsOwnBuffers() {
        QFETCH(QString, algorithm);
        QFETCH(int, stride);
        QFETCH(int, padding);
        const ConvShape shape({2, 7, 7}, {3, stride, padding, 3});
        const std::unique_ptr<ConvolutionAlgorithm> conv = make(algorithm, shape);
        const Matrix w = Matrix::Random(3, shape.taps()), b = Matrix::Random(3, 1);
        const Matrix in = Matrix::Random(shape.input.size(), 2),
                     other = Matrix::Random(shape.input.size(), 2);
        const Matrix dOut = Matrix::Random(shape.output.size(), 2);
        Matrix out(shape.output.size(), 2);
        conv->forward(in, w, b, out);
        const std::unique_ptr<ConvolutionAlgorithm> copy = conv->clone();
        copy->forward(other, w, b, out);
        Matrix dW(3, shape.taps()), db(3, 1);
        conv->backward(in, dOut, w, dW, db, nullptr);
        QVERIFY(relativeError(dW, naiveBackward(shape, in, w, dOut).dW) < 1e-5);
    }
};

QTEST_GUILESS_MAIN(ConvAlgorithmsTest)
#include "test_conv_algorithms.moc"
