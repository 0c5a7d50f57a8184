// SPDX-License-Identifier: GPL-3.0-or-later
// The kernels of every CPU variant this build holds and this CPU runs, against the baseline variant on the
// same inputs: the matrix product in each transpose combination, with and without accumulation, the dense
// layer's forward pass (a sparse column, a dense column, a batch), every activation and its gradient, the
// Adam update, the three direct convolution kernels, and 2×2 max pooling. The variants differ in vector width
// and fused multiply-adds, so their sums are rounded differently and agree to a tight relative tolerance, not
// bit for bit; pooling does no arithmetic and agrees bit for bit. Also: variant names round-trip, and the
// kernels in use are the ones DIGITPAD_CPU asks for, or else the widest the CPU runs.
#include "kernels/Kernels.h"

#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <random>
#include <vector>

using namespace digitpad;

namespace {

/// Buffers on the boundary a Matrix's data has, which the activation kernel requires.
using Values = std::vector<Scalar, Eigen::aligned_allocator<Scalar>>;

/// Values uniform in [−1, 1] from a fixed seed.
Values randomValues(std::size_t count, unsigned seed) {
    std::mt19937 generator(seed);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    Values values(count);
    for (Scalar& value : values)
        value = static_cast<Scalar>(uniform(generator));
    return values;
}

/// The variants to compare with the baseline: built, runnable here, and not the baseline itself.
std::vector<CpuVariant> otherVariants() {
    std::vector<CpuVariant> variants;
    for (CpuVariant variant : kCpuVariants)
        if (variant != CpuVariant::Baseline && variantBuilt(variant) && cpuSupports(variant))
            variants.push_back(variant);
    return variants;
}

/// Fails unless `actual` matches `expected` within a relative tolerance of the largest magnitude, which
/// allows for the different rounding of longer or fused sums and for nothing else.
void compare(const Values& expected, const Values& actual, const char* what, CpuVariant variant) {
    QCOMPARE(actual.size(), expected.size());
    double scale = 1.0;
    for (Scalar value : expected)
        scale = std::max(scale, std::abs(double(value)));
    const double tolerance = (sizeof(Scalar) == 4 ? 2e-5 : 1e-12) * scale;
    for (std::size_t i = 0; i < expected.size(); ++i)
        if (std::abs(double(actual[i]) - double(expected[i])) > tolerance)
            QFAIL(qPrintable(QStringLiteral("%1, %2: value %3 is %4, the baseline's %5")
                                 .arg(QString::fromUtf8(what), QString::fromStdString(toName(variant)))
                                 .arg(i)
                                 .arg(double(actual[i]), 0, 'g', 9)
                                 .arg(double(expected[i]), 0, 'g', 9)));
}

} // namespace

class TestCpuVariants : public QObject {
    Q_OBJECT

private slots:
    void namesRoundTrip() {
        for (CpuVariant variant : kCpuVariants)
            QCOMPARE(fromName<CpuVariant>(toName(variant)), std::optional<CpuVariant>(variant));
        QCOMPARE(fromName<CpuVariant>("avx512"), std::optional<CpuVariant>());
        QVERIFY(cpuSupports(CpuVariant::Baseline));
        QVERIFY(variantBuilt(bestCpuVariant()) && cpuSupports(bestCpuVariant()));
    }

    void tablesAreTheirVariants() {
        for (CpuVariant variant : kCpuVariants)
            if (variantBuilt(variant))
                QCOMPARE(kernelsFor(variant).variant, variant);
    }

    void activeKernelsFollowTheRequest() {
        const char* requested = std::getenv("DIGITPAD_CPU");
        const std::optional<CpuVariant> asked = requested ? fromName<CpuVariant>(requested) : std::nullopt;
        const bool runnable = asked && variantBuilt(*asked) && cpuSupports(*asked);
        QCOMPARE(kernelChoice().variant, runnable ? *asked : bestCpuVariant());
        QCOMPARE(kernelChoice().warning.empty(), runnable || !requested || !*requested);
        QCOMPARE(activeKernels().variant, kernelChoice().variant);
    }

    void multiplyAgrees() {
        // Sizes past Eigen's small-product cut-off and its GEMM block sizes, plus one column (GEMV).
        struct Case {
            std::ptrdiff_t m, n, k;
        };
        const Case cases[] = {{3, 2, 4}, {37, 65, 29}, {128, 64, 784}, {300, 1, 200}, {10, 64, 128}};
        for (const Case& c : cases)
            for (Transpose ta : {Transpose::No, Transpose::Yes})
                for (Transpose tb : {Transpose::No, Transpose::Yes})
                    for (bool accumulate : {false, true}) {
                        // op(A) is m × k, op(B) is k × n; strides one larger than the rows, as for blocks.
                        const std::ptrdiff_t aRows = ta == Transpose::No ? c.m : c.k;
                        const std::ptrdiff_t aCols = ta == Transpose::No ? c.k : c.m;
                        const std::ptrdiff_t bRows = tb == Transpose::No ? c.k : c.n;
                        const std::ptrdiff_t bCols = tb == Transpose::No ? c.n : c.k;
                        const auto a = randomValues(std::size_t((aRows + 1) * aCols), 1);
                        const auto b = randomValues(std::size_t((bRows + 1) * bCols), 2);
                        const auto start = randomValues(std::size_t((c.m + 1) * c.n), 3);
                        const auto run = [&](const Kernels& kernels) {
                            Values result = start;
                            kernels.multiply({a.data(), aRows, aCols, aRows + 1}, ta,
                                             {b.data(), bRows, bCols, bRows + 1}, tb,
                                             {result.data(), c.m, c.n, c.m + 1}, accumulate);
                            return result;
                        };
                        const Values expected = run(kernelsFor(CpuVariant::Baseline));
                        for (CpuVariant variant : otherVariants())
                            compare(expected, run(kernelsFor(variant)), "multiply", variant);
                    }
    }

    void denseForwardAgrees() {
        const std::ptrdiff_t units = 37, inputs = 200, batch = 9;
        const auto weights = randomValues(std::size_t(units * inputs), 11);
        const auto bias = randomValues(std::size_t(units), 12);
        auto input = randomValues(std::size_t(inputs * batch), 13);
        // Column 0 mostly zero (the sparse path when it is the only column), column 1 dense.
        for (std::ptrdiff_t j = 0; j < inputs; ++j)
            if (j % 5 != 0)
                input[std::size_t(j)] = 0;
        for (std::ptrdiff_t first : {0, 1})
            for (std::ptrdiff_t columns : {std::ptrdiff_t(1), batch - first}) {
                const auto run = [&](const Kernels& kernels) {
                    Values out(std::size_t(units * columns));
                    kernels.denseForward({weights.data(), units, inputs, units},
                                         {input.data() + first * inputs, inputs, columns, inputs},
                                         bias.data(), {out.data(), units, columns, units});
                    return out;
                };
                const Values expected = run(kernelsFor(CpuVariant::Baseline));
                for (CpuVariant variant : otherVariants())
                    compare(expected, run(kernelsFor(variant)), "denseForward", variant);
            }
    }

    void activationsAgree() {
        // Inputs past the sigmoid's float overflow (x < −88) and a length that is no multiple of a vector.
        const std::ptrdiff_t n = 203;
        auto in = randomValues(std::size_t(n), 21);
        for (std::size_t i = 0; i < in.size(); ++i)
            in[i] *= Scalar(i % 7 == 0 ? 100 : 4);
        const auto dOut = randomValues(std::size_t(n), 22);
        for (Activation f : {Activation::Sigmoid, Activation::Tanh, Activation::Relu}) {
            const auto run = [&](const Kernels& kernels) {
                Values out(static_cast<std::size_t>(n));
                Values dIn(static_cast<std::size_t>(n));
                kernels.activate(f, in.data(), out.data(), n);
                kernels.activationGradient(f, in.data(), out.data(), dOut.data(), dIn.data(), n);
                return std::vector<Values>{out, dIn};
            };
            const auto expected = run(kernelsFor(CpuVariant::Baseline));
            for (CpuVariant variant : otherVariants()) {
                const auto actual = run(kernelsFor(variant));
                compare(expected[0], actual[0], toName(f).c_str(), variant);
                compare(expected[1], actual[1], (toName(f) + " gradient").c_str(), variant);
            }
        }
    }

    void activationsNeedMatrixAlignment() {
        const Values in = randomValues(40, 41);
        Values out(40);
        for (CpuVariant variant : kCpuVariants)
            if (variantBuilt(variant))
                QVERIFY_THROWS_EXCEPTION(
                    std::invalid_argument,
                    kernelsFor(variant).activate(Activation::Tanh, in.data() + 1, out.data(), 8));
    }

    void adamUpdateAgrees() {
        const std::ptrdiff_t n = 1001;
        AdamCoefficients c;
        c.beta1 = Scalar(0.9);
        c.beta2 = Scalar(0.999);
        c.stepSize = Scalar(0.01);
        c.invSqrtCorrection2 = Scalar(3);
        c.epsilon = Scalar(1e-8);
        c.decay = Scalar(1e-4);
        const auto gradient = randomValues(std::size_t(n), 31);
        const auto run = [&](const Kernels& kernels) {
            Values w = randomValues(std::size_t(n), 32), m = randomValues(std::size_t(n), 33);
            Values v = randomValues(std::size_t(n), 34);
            for (Scalar& value : v)
                value = std::abs(value);
            kernels.adamUpdate(c, w.data(), gradient.data(), m.data(), v.data(), n);
            return std::vector<Values>{w, m, v};
        };
        const auto expected = run(kernelsFor(CpuVariant::Baseline));
        for (CpuVariant variant : otherVariants()) {
            const auto actual = run(kernelsFor(variant));
            compare(expected[0], actual[0], "adamUpdate weights", variant);
            compare(expected[1], actual[1], "adamUpdate first moment", variant);
            compare(expected[2], actual[2], "adamUpdate second moment", variant);
        }
    }

    void maxPoolAgrees() {
        // Comparisons and copies only: every variant gives the baseline's bits, ties included (values from a
        // few levels), at the compile-time widths 4, 12 and 14 and at another.
        for (const std::ptrdiff_t outWidth : {4, 5, 12, 14}) {
            const std::ptrdiff_t rowPairs = 37;
            Values in = randomValues(std::size_t(rowPairs * 4 * outWidth), 41);
            for (Scalar& value : in)
                value = std::round(value * 2);
            const Values dOut = randomValues(std::size_t(rowPairs * outWidth), 42);
            const auto run = [&](const Kernels& kernels) {
                Values out(dOut.size()), dIn(in.size());
                kernels.maxPool2Forward(in.data(), out.data(), rowPairs, outWidth);
                kernels.maxPool2Backward(in.data(), out.data(), dOut.data(), dIn.data(), rowPairs, outWidth);
                return std::vector<Values>{out, dIn};
            };
            const auto expected = run(kernelsFor(CpuVariant::Baseline));
            for (CpuVariant variant : otherVariants()) {
                const auto actual = run(kernelsFor(variant));
                QVERIFY2(actual[0] == expected[0], qPrintable(QString::fromStdString(toName(variant))));
                QVERIFY2(actual[1] == expected[1], qPrintable(QString::fromStdString(toName(variant))));
            }
        }
    }

    void directKernelsAgree() {
        // LeNet's two layers (1 → 6 channels, 5×5, and 6 → 16) and an odd one: 3 → 21 channels, 3×3.
        const DirectGeometry geometries[] = {
            {1, 6, 5, 28, 32, 32, 36}, {6, 16, 5, 10, 16, 14, 20}, {3, 21, 3, 7, 8, 9, 10}};
        const std::ptrdiff_t count = 3;
        for (const DirectGeometry& g : geometries) {
            const std::ptrdiff_t inSize = std::ptrdiff_t(g.inChannels) * g.inHeight * g.inWidth;
            const std::ptrdiff_t outSize = std::ptrdiff_t(g.outChannels) * g.outHeight * g.outWidth;
            const std::ptrdiff_t taps = std::ptrdiff_t(g.inChannels) * g.kernel * g.kernel;
            const auto x = randomValues(std::size_t(inSize * count), 4);
            const auto weights = randomValues(std::size_t(g.outChannels * taps), 5);
            const auto bias = randomValues(std::size_t(g.outChannels), 6);
            const auto gradient = randomValues(std::size_t(outSize * count), 7);
            const auto run = [&](const Kernels& kernels) {
                Values y(static_cast<std::size_t>(outSize));
                Values dW(static_cast<std::size_t>(g.outChannels * taps));
                Values dX = randomValues(std::size_t(inSize), 8);
                kernels.directForward(g, x.data(), weights.data(), bias.data(), y.data());
                kernels.directWeightGradient(g, count, x.data(), inSize, gradient.data(), outSize, dW.data());
                kernels.directInputGradient(g, gradient.data(), weights.data(), dX.data());
                return std::vector<Values>{y, dW, dX};
            };
            const auto expected = run(kernelsFor(CpuVariant::Baseline));
            for (CpuVariant variant : otherVariants()) {
                const auto actual = run(kernelsFor(variant));
                compare(expected[0], actual[0], "directForward", variant);
                compare(expected[1], actual[1], "directWeightGradient", variant);
                compare(expected[2], actual[2], "directInputGradient", variant);
            }
            // AVX-512 packs two output rows into one vector, but every lane sums the same products in the
            // same order as AVX2's one row per vector, so the forward pass keeps AVX2's bits.
            if (cpuSupports(CpuVariant::V4) && variantBuilt(CpuVariant::V4) && variantBuilt(CpuVariant::V3)) {
                const auto avx2 = run(kernelsFor(CpuVariant::V3));
                const auto avx512 = run(kernelsFor(CpuVariant::V4));
                QVERIFY2(avx512[0] == avx2[0], "directForward: AVX-512's row pairs differ from AVX2's rows");
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestCpuVariants)
#include "test_cpu_variants.moc"
