// SPDX-License-Identifier: GPL-3.0-or-later
// Counts every heap allocation of the test executable that includes this header (include it from exactly one
// translation unit: it defines malloc). operator new and Eigen's aligned_malloc both end in glibc's malloc,
// which an executable may interpose. Not under AddressSanitizer or ThreadSanitizer, which interpose malloc
// themselves (a second definition would bypass their allocator: TSan then crashes at start-up).
#pragma once

#include "train/Trainer.h"

#include <atomic>
#include <cstddef>

namespace digitpad::test {

inline std::atomic<long long> heapAllocations{0};

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define DIGITPAD_SANITIZER_OWNS_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define DIGITPAD_SANITIZER_OWNS_MALLOC 1
#endif
#endif

#if defined(DIGITPAD_SANITIZER_OWNS_MALLOC)
inline constexpr bool kCountsAllocations = false;
#else
inline constexpr bool kCountsAllocations = true;
#endif

/// Trains `network` with `config` (at least 3 epochs) and returns the heap allocations made from the first
/// batch of epoch 2 to the last batch of epoch 3 — the steady state, once the first epoch has sized every
/// buffer (full and last partial batch), epoch boundary included — or -1 if those batches were not reached.
inline long long allocationsAfterFirstEpoch(Network& network, const Dataset& train,
                                            const TrainConfig& config) {
    TrainingControl control;
    long long atStart = -1, atEnd = -1;
    TrainingCallbacks callbacks;
    callbacks.onBatch = [&](const BatchProgress& p) {
        if (p.epoch == 2 && p.batch == 1)
            atStart = heapAllocations.load();
        if (p.epoch == 3 && p.batch == p.batchesPerEpoch)
            atEnd = heapAllocations.load();
    };
    digitpad::train(network, train, nullptr, config, control, callbacks);
    return atStart < 0 || atEnd < 0 ? -1 : atEnd - atStart;
}

} // namespace digitpad::test

#if !defined(DIGITPAD_SANITIZER_OWNS_MALLOC)
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* p, std::size_t size);
void* malloc(std::size_t size) {
    digitpad::test::heapAllocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
    digitpad::test::heapAllocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_calloc(count, size);
}
void* realloc(void* p, std::size_t size) {
    digitpad::test::heapAllocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_realloc(p, size);
}
}
#endif
