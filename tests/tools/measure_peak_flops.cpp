// SPDX-License-Identifier: GPL-3.0-or-later
// Not a test: the machine's single-precision multiply-add peak, measured, so that bench figures can say what
// fraction of it they reach (bench/README.md). Independent chains of fused multiply-adds on the widest
// vectors the CPU runs (AVX-512, else AVX2), on one thread and on one thread per core, for about half a
// second each.
//
//   measure_peak_flops [threads]    (default: std::thread::hardware_concurrency())
#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// Enough independent accumulators to cover the FMA latency (4 cycles) on two FMA pipes.
constexpr int kChains = 12;
constexpr long long kRoundsPerCall = 1 << 20;

volatile float gSink = 0.0f;

/// kRoundsPerCall rounds of kChains 16-wide FMAs: 2 · 16 · kChains flops per round.
__attribute__((target("avx512f"))) long long fmaRounds512() {
    __m512 acc[kChains];
    for (int i = 0; i < kChains; ++i)
        acc[i] = _mm512_set1_ps(1.0f + 0.001f * static_cast<float>(i));
    const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
    for (long long round = 0; round < kRoundsPerCall; ++round)
        for (__m512& x : acc)
            x = _mm512_fmadd_ps(x, a, b);
    __m512 sum = acc[0];
    for (int i = 1; i < kChains; ++i)
        sum = _mm512_add_ps(sum, acc[i]);
    float lanes[16];
    _mm512_storeu_ps(lanes, sum);
    gSink = lanes[0];
    return 2LL * 16 * kChains * kRoundsPerCall;
}

/// The same with 8-wide AVX2 FMAs.
__attribute__((target("avx2,fma"))) long long fmaRounds256() {
    __m256 acc[kChains];
    for (int i = 0; i < kChains; ++i)
        acc[i] = _mm256_set1_ps(1.0f + 0.001f * static_cast<float>(i));
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    for (long long round = 0; round < kRoundsPerCall; ++round)
        for (__m256& x : acc)
            x = _mm256_fmadd_ps(x, a, b);
    __m256 sum = acc[0];
    for (int i = 1; i < kChains; ++i)
        sum = _mm256_add_ps(sum, acc[i]);
    float lanes[8];
    _mm256_storeu_ps(lanes, sum);
    gSink = lanes[0];
    return 2LL * 8 * kChains * kRoundsPerCall;
}

/// GFLOP/s of `threads` threads each running FMA rounds for about `seconds`; the best of three tries.
double measure(long long (*rounds)(), int threads, double seconds) {
    double best = 0.0;
    for (int attempt = 0; attempt < 3; ++attempt) {
        std::vector<long long> flops(static_cast<std::size_t>(threads), 0);
        const auto start = Clock::now();
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t)
            workers.emplace_back([&, t] {
                while (std::chrono::duration<double>(Clock::now() - start).count() < seconds)
                    flops[static_cast<std::size_t>(t)] += rounds();
            });
        for (std::thread& worker : workers)
            worker.join();
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        long long total = 0;
        for (long long f : flops)
            total += f;
        best = std::max(best, static_cast<double>(total) / elapsed / 1e9);
    }
    return best;
}

} // namespace

int main(int argc, char** argv) {
    const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    const int threads = argc > 1 ? std::atoi(argv[1]) : cores;
    if (threads < 1) {
        std::fprintf(stderr, "measure_peak_flops: threads must be at least 1 (got '%s')\n", argv[1]);
        return 2;
    }
    __builtin_cpu_init();
    const bool wide = __builtin_cpu_supports("avx512f");
    if (!wide && !(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) {
        std::fprintf(stderr, "measure_peak_flops: this CPU has neither AVX-512 nor AVX2 with FMA\n");
        return 1;
    }
    long long (*rounds)() = wide ? fmaRounds512 : fmaRounds256;
    std::printf("vectors            %s\n", wide ? "AVX-512 (16 floats)" : "AVX2 (8 floats)");
    std::printf("1 thread           %.1f GFLOP/s\n", measure(rounds, 1, 0.5));
    std::printf("%d threads%*s%.1f GFLOP/s\n", threads, threads < 10 ? 10 : 9, "",
                measure(rounds, threads, 0.5));
    return 0;
}
